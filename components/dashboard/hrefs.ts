import { DEFAULT_RANK_METRIC, type RankMetric } from "@/lib/domain/rank-metric";

// Links between the dashboard pages that keep the current filters (day, district, metric,
// compared wards) in the URL, leaving defaults out so shared links stay short.

export type OverviewFilters = { day?: string; district?: string; sort?: RankMetric; compare?: readonly string[] };

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The overview's filters as a query string (defaults left out). */
export function overviewQuery({ day, district, sort, compare }: OverviewFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (day) p.set("day", day);
  if (district) p.set("district", district);
  if (sort && sort !== DEFAULT_RANK_METRIC) p.set("sort", sort);
  for (const code of compare ?? []) p.append("compare", code);
  return p;
}

export function overviewHref(filters: OverviewFilters): string {
  return withQuery("/", overviewQuery(filters));
}

/** The city page's filters as a query string (defaults left out). */
export function cityQuery({ day, district, sort }: Omit<OverviewFilters, "compare">): URLSearchParams {
  return overviewQuery({ day, district, sort });
}

export function cityHref(filters: Omit<OverviewFilters, "compare">): string {
  return withQuery("/city", cityQuery(filters));
}

export function wardHref(code: string, day?: string): string {
  const p = new URLSearchParams();
  if (day) p.set("day", day);
  return withQuery(`/wards/${encodeURIComponent(code)}`, p);
}

export type CountryFilters = { day?: string; province?: string; sort?: RankMetric };

/** The country page's filters as a query string (defaults left out). */
export function countryQuery({ day, province, sort }: CountryFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (day) p.set("day", day);
  if (province) p.set("province", province);
  if (sort && sort !== DEFAULT_RANK_METRIC) p.set("sort", sort);
  return p;
}

export function countryHref(filters: CountryFilters): string {
  return withQuery("/country", countryQuery(filters));
}

/** A province's page (its districts ranked). */
export function provinceHref(code: string, filters: Omit<CountryFilters, "province"> = {}): string {
  return withQuery(`/provinces/${encodeURIComponent(code)}`, countryQuery(filters));
}
