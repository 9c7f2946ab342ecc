import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { capitalizeNoun, shortUnitName, type ChildNoun } from "@/lib/domain/dashboard-format";
import { DEFAULT_COMPARED_WARDS } from "@/lib/domain/district-dashboard";
import type { NamedUnit } from "@/lib/domain/overview";
import { MAX_COMPARED_WARDS } from "@/lib/schemas/dashboard-params";
import { CompareChecks } from "./compare-checks";
import { localNoun } from "./local-noun";

// Chooses the wards drawn on the trend chart: a GET form of labelled checkboxes, so the choice
// lands in the URL (?compare=…&compare=…) and works without JavaScript. The checkboxes are drawn
// by CompareChecks from plain values (a district has dozens of wards; issue 15).
export async function CompareForm({
  wards,
  noun,
  chosen,
  hidden,
}: {
  wards: readonly NamedUnit[];
  /** what the district's wards are called ("phường", "xã, thị trấn") */
  noun: ChildNoun;
  chosen: readonly string[];
  /** filters to keep, as [name, value] pairs */
  hidden: readonly (readonly [string, string])[];
}) {
  const t = await getTranslations("overview.compare");
  const locale = parseLocale(await getLocale());
  const nounHere = localNoun(noun, locale);
  const selected = new Set(chosen);
  return (
    <form method="get" className="rounded border border-slate-200 bg-slate-50 p-3">
      {hidden.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">
          {t("legend", { noun: capitalizeNoun(nounHere), max: MAX_COMPARED_WARDS, defaultCount: DEFAULT_COMPARED_WARDS, nounLower: nounHere })}
        </legend>
        <CompareChecks wards={wards.map((w) => [w.code, shortUnitName(w.name), selected.has(w.code)] as const)} />
      </fieldset>
      <button
        type="submit"
        className="mt-3 rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
      >
        {t("submit")}
      </button>
    </form>
  );
}
