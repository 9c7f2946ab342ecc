// The alert centre's filters (ward, rule, severity, open or acknowledged), applied to the day's
// alerts. The URL parameters are parsed by lib/schemas/alerts.ts; this only selects.

import { SEVERITY_LABELS, type Alert, type AlertRuleId, type AlertSeverity } from "./types.ts";

export const ALERT_STATUSES = ["open", "acknowledged"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_STATUS_LABELS: Readonly<Record<AlertStatus, string>> = {
  open: "Chưa xác nhận",
  acknowledged: "Đã xác nhận",
};

/**
 * The severity filter: one severity, "attention" (nghiêm trọng + cần chú ý: the alert centre's
 * default, issue 16) or "all". Absent means every severity.
 */
export const SEVERITY_FILTERS = ["attention", "all"] as const;
export type SeverityFilter = AlertSeverity | (typeof SEVERITY_FILTERS)[number];

export const SEVERITY_FILTER_LABELS: Readonly<Record<SeverityFilter, string>> = {
  attention: "Nghiêm trọng + cần chú ý",
  all: "Tất cả mức độ",
  ...SEVERITY_LABELS,
};

/** The alert centre's default severity filter. */
export const DEFAULT_SEVERITY_FILTER: SeverityFilter = "attention";

export function matchesSeverity(severity: AlertSeverity, filter: SeverityFilter | undefined): boolean {
  if (filter === undefined || filter === "all") return true;
  if (filter === "attention") return severity === "critical" || severity === "warning";
  return severity === filter;
}

export type AlertFilters = {
  readonly ward?: string;
  readonly rule?: AlertRuleId;
  readonly severity?: SeverityFilter;
  readonly status?: AlertStatus;
};

/** The alerts that match every filter given; `acknowledged` holds the ids of acknowledged alerts. */
export function filterAlerts<A extends Alert>(alerts: readonly A[], filters: AlertFilters, acknowledged: ReadonlySet<string>): A[] {
  return alerts.filter(
    (a) =>
      (filters.ward === undefined || a.ward.code === filters.ward) &&
      (filters.rule === undefined || a.ruleId === filters.rule) &&
      matchesSeverity(a.severity, filters.severity) &&
      (filters.status === undefined || (filters.status === "acknowledged") === acknowledged.has(a.id)),
  );
}
