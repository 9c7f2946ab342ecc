"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { capitalizeNoun } from "@/lib/domain/dashboard-format";
import { filterPickerGroups, optionCount, selectedAfterFilter, type PickerGroup } from "@/lib/domain/district-picker";

// Chooses the district a dashboard shows (?district=CODE), among those the viewer may see
// (issue 12 part 8). A GET form around a native <select> grouped by province, the districts with
// figures first: it works without JavaScript (and with the select's own type-ahead). With
// JavaScript, a search box narrows the list as one types (case and diacritics ignored: "ba dinh"
// finds "Quận Ba Đình"), keeps the first match chosen, and says how many match; Enter in the box
// opens the chosen district. Nothing is fetched: the options come with the page.

const field = "mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

export function DistrictPicker({
  groups,
  current,
  noun,
  action,
  submitLabel,
  hidden = [],
}: {
  groups: readonly PickerGroup[];
  /** the district shown */
  current: string;
  /** what the districts are called, in the interface's language ("quận, huyện, thị xã"; "districts") */
  noun: string;
  /** the page the form opens ("/", "/city") */
  action: string;
  /** the button's words ("Mở tổng quan") */
  submitLabel: string;
  /** other filters to keep, as [name, value] pairs */
  hidden?: readonly (readonly [string, string])[];
}) {
  const t = useTranslations("overview.picker");
  const id = useId();
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<string | null>(current);
  const shown = useMemo(() => filterPickerGroups(groups, query), [groups, query]);
  const total = useMemo(() => optionCount(groups), [groups]);
  const matching = optionCount(shown);
  const value = selectedAfterFilter(shown, chosen);
  const searchId = `${id}-search`;
  const selectId = `${id}-select`;
  const countId = `${id}-count`;

  return (
    <form method="get" action={action} role="search" aria-label={t("form", { noun })} className="flex flex-wrap items-end gap-2" data-testid="district-picker">
      {hidden.map(([name, v]) => (
        <input key={`${name}=${v}`} type="hidden" name={name} value={v} />
      ))}
      <div className="min-w-56">
        <label htmlFor={searchId} className="block text-sm font-medium text-slate-700">
          {t("search", { noun })}
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-controls={selectId}
          aria-describedby={countId}
          className={field}
        />
      </div>
      <div className="min-w-72 max-w-md">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
          {capitalizeNoun(noun)}
        </label>
        <select
          id={selectId}
          name="district"
          value={value ?? ""}
          onChange={(e) => setChosen(e.target.value)}
          disabled={value === null}
          aria-describedby={countId}
          className={field}
        >
          {shown.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button
        type="submit"
        disabled={value === null}
        className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:cursor-not-allowed disabled:bg-slate-500"
      >
        {submitLabel}
      </button>
      <p id={countId} aria-live="polite" className="w-full text-sm text-slate-700" data-testid="district-picker-count">
        {query.trim() === ""
          ? t("all", { total, noun })
          : matching === 0
            ? t("none", { noun, query: query.trim() })
            : t("some", { matching, total, noun, query: query.trim() })}
      </p>
    </form>
  );
}
