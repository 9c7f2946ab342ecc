import { DEFAULT_SEVERITY_FILTER, type AlertFilters } from "@/lib/domain/alerts/filters";

// Links to the alert centre that keep its filters in the URL (defaults left out).

export type AlertCentreLink = AlertFilters & { day?: string; district?: string; page?: number };

/** The alert centre's filters as a query string (defaults left out). */
export function alertsQuery(f: AlertCentreLink): URLSearchParams {
  const p = new URLSearchParams();
  if (f.day) p.set("day", f.day);
  if (f.district) p.set("district", f.district);
  if (f.ward) p.set("ward", f.ward);
  if (f.rule) p.set("rule", f.rule);
  // the alert centre's default ("nghiêm trọng + cần chú ý") is left out; every severity is "all"
  const severity = f.severity ?? "all";
  if (severity !== DEFAULT_SEVERITY_FILTER) p.set("severity", severity);
  if (f.status) p.set("status", f.status);
  if (f.page && f.page > 1) p.set("page", String(f.page));
  return p;
}

export function alertsHref(f: AlertCentreLink): string {
  const query = alertsQuery(f).toString();
  return query ? `/alerts?${query}` : "/alerts";
}
