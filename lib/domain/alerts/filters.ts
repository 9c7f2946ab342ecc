// The alert centre's filters (ward, rule, severity, open or acknowledged), applied to the day's
// alerts. The URL parameters are parsed by lib/schemas/alerts.ts; this only selects.

import type { Alert, AlertRuleId, AlertSeverity } from "./types.ts";

export const ALERT_STATUSES = ["open", "acknowledged"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_STATUS_LABELS: Readonly<Record<AlertStatus, string>> = {
  open: "Chưa xác nhận",
  acknowledged: "Đã xác nhận",
};

export type AlertFilters = {
  readonly ward?: string;
  readonly rule?: AlertRuleId;
  readonly severity?: AlertSeverity;
  readonly status?: AlertStatus;
};

/** The alerts that match every filter given; `acknowledged` holds the ids of acknowledged alerts. */
export function filterAlerts<A extends Alert>(alerts: readonly A[], filters: AlertFilters, acknowledged: ReadonlySet<string>): A[] {
  return alerts.filter(
    (a) =>
      (filters.ward === undefined || a.ward.code === filters.ward) &&
      (filters.rule === undefined || a.ruleId === filters.rule) &&
      (filters.severity === undefined || a.severity === filters.severity) &&
      (filters.status === undefined || (filters.status === "acknowledged") === acknowledged.has(a.id)),
  );
}
