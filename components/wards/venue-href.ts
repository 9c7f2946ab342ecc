import { DEFAULT_VENUE_SORT, type VenueQuery } from "@/lib/domain/venue-activity";

/** Where the venue list starts on the ward page: links land on it, not at the top. */
export const VENUE_LIST_ANCHOR = "ward-venues";

/** Parameters of a venue list view, defaults left out so shared links stay short. */
export function venueQueryParams(query: Partial<VenueQuery>): [string, string][] {
  const params: [string, string][] = [];
  if (query.q) params.push(["q", query.q]);
  if (query.category) params.push(["category", query.category]);
  if (query.status) params.push(["status", query.status]);
  if (query.activity) params.push(["activity", query.activity]);
  if (query.sort && query.sort !== DEFAULT_VENUE_SORT) params.push(["sort", query.sort]);
  if (query.page !== undefined && query.page > 1) params.push(["page", String(query.page)]);
  return params;
}

/** /wards/CODE?day=…&q=…&page=2#ward-venues: one view of a ward's venue list. */
export function wardVenuesHref(code: string, day: string | undefined, query: Partial<VenueQuery>): string {
  const p = new URLSearchParams();
  if (day) p.set("day", day);
  for (const [name, value] of venueQueryParams(query)) p.set(name, value);
  const search = p.toString();
  return `/wards/${encodeURIComponent(code)}${search ? `?${search}` : ""}#${VENUE_LIST_ANCHOR}`;
}
