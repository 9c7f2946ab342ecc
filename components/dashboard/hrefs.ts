import { DEFAULT_RANK_METRIC, type RankMetric } from "@/lib/domain/rank-metric";

// Links between the dashboard pages that keep the current filters (day, district, metric,
// compared wards) in the URL, leaving defaults out so shared links stay short.

export type OverviewFilters = { day?: string; district?: string; sort?: RankMetric; compare?: readonly string[] };

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function overviewHref({ day, district, sort, compare }: OverviewFilters): string {
  const p = new URLSearchParams();
  if (day) p.set("day", day);
  if (district) p.set("district", district);
  if (sort && sort !== DEFAULT_RANK_METRIC) p.set("sort", sort);
  for (const code of compare ?? []) p.append("compare", code);
  return withQuery("/", p);
}

export function cityHref({ day, district, sort }: Omit<OverviewFilters, "compare">): string {
  const p = new URLSearchParams();
  if (day) p.set("day", day);
  if (district) p.set("district", district);
  if (sort && sort !== DEFAULT_RANK_METRIC) p.set("sort", sort);
  return withQuery("/city", p);
}

export function wardHref(code: string, day?: string): string {
  const p = new URLSearchParams();
  if (day) p.set("day", day);
  return withQuery(`/wards/${encodeURIComponent(code)}`, p);
}
