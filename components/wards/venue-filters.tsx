import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { VENUE_CATEGORIES, VENUE_STATUSES } from "@/lib/domain/imports/catalogue";
import {
  isFiltered,
  VENUE_ACTIVITIES,
  VENUE_CATEGORY_LABELS,
  VENUE_SORTS,
  type VenueQuery,
} from "@/lib/domain/venue-activity";
import { MAX_VENUE_SEARCH_LENGTH } from "@/lib/schemas/ward-page-params";
import { VENUE_LIST_ANCHOR, wardVenuesHref } from "./venue-href";

// The venue list's search, filters and order: a GET form (works without JavaScript; with it,
// next/form moves to the new URL without reloading the page). Submitting starts again at page 1.

// The fields' look is in globals.css (`.vf`): short class names, since the page is sent twice (issue 15).

function Select({ id, name, label, value, options, all }: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  all?: string;
}) {
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} name={name} defaultValue={value ?? ""}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export async function VenueFilters({ wardCode, day, query }: { wardCode: string; day: string | undefined; query: VenueQuery }) {
  const t = await getTranslations("ward.venues");
  // The options' names: the catalogs' copies of lib/domain/venue-activity.ts's VENUE_*_LABELS
  // (tests/unit/i18n-ward-unit-labels.test.ts checks the Vietnamese is the same).
  const v = await getTranslations("overview.venues");
  return (
    <Form
      action={`/wards/${encodeURIComponent(wardCode)}#${VENUE_LIST_ANCHOR}`}
      scroll={false}
      prefetch={false}
      role="search"
      aria-label={t("filters")}
      className="vf"
      data-testid="venue-filters"
    >
      {day ? <input type="hidden" name="day" value={day} /> : null}
      <label htmlFor="venue-q" className="sm:col-span-2">
        {t("search")}
        <input
          id="venue-q"
          type="search"
          name="q"
          defaultValue={query.q ?? ""}
          maxLength={MAX_VENUE_SEARCH_LENGTH}
          enterKeyHint="search"
          autoComplete="off"
          placeholder={t("searchExample")}
        />
      </label>
      <Select
        id="venue-category"
        name="category"
        label={t("category")}
        value={query.category}
        all={t("allCategories")}
        options={VENUE_CATEGORIES.map((c) => [c, VENUE_CATEGORY_LABELS[c] === undefined ? c : v(`categories.${c}` as "categories.OTHER")] as const)}
      />
      <Select
        id="venue-activity"
        name="activity"
        label={t("activity")}
        value={query.activity}
        all={t("all")}
        options={VENUE_ACTIVITIES.map((a) => [a, v(`activity.${a}`)] as const)}
      />
      <Select
        id="venue-status"
        name="status"
        label={t("status")}
        value={query.status}
        all={t("all")}
        options={VENUE_STATUSES.map((s) => [s, v(`status.${s}`)] as const)}
      />
      <Select id="venue-sort" name="sort" label={t("sort")} value={query.sort} options={VENUE_SORTS.map((s) => [s, t(`sorts.${s}`)] as const)} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
        >
          {t("submit")}
        </button>
        {isFiltered(query) ? (
          <Link href={wardVenuesHref(wardCode, day, { sort: query.sort })} scroll={false} prefetch={false} className="font-semibold text-brand-700 underline">
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
