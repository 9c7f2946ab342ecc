// Shapes the overview's figures of one district and day (DistrictDashboard, its completeness) and
// the day's alerts into DigestFacts. Pure; lib/digest/load.ts reads, this picks.

import { compareAlerts } from "../domain/alerts/registry.ts";
import type { Alert } from "../domain/alerts/types.ts";
import type { DistrictCompleteness } from "../domain/dashboard-completeness.ts";
import type { DistrictDashboard } from "../domain/district-dashboard.ts";
import { installsToTarget } from "../domain/metrics.ts";
import type { NamedUnit } from "../domain/overview.ts";
import { DIGEST_TOP_ALERTS, type DigestFacts } from "./compose.ts";

export function digestFacts(input: {
  readonly dashboard: DistrictDashboard;
  readonly completeness: DistrictCompleteness;
  readonly wardNoun: string;
  readonly alerts: readonly Alert[];
}): DigestFacts {
  const { dashboard, completeness } = input;
  const { overview, kpis } = dashboard;
  const d = overview.district;
  const kind = completeness.day.kind;
  const complete = kind === "complete";
  const figure = d.figure;
  const named = (u: NamedUnit): NamedUnit => ({ code: u.code, name: u.name });
  const targetBp = dashboard.targets.coverage?.basisPoints ?? null;
  const alerts = [...input.alerts].sort(compareAlerts);
  return {
    day: dashboard.day,
    district: named(d),
    city: named(overview.city),
    wardNoun: input.wardNoun,
    coverage: {
      kind,
      counted: completeness.day.counted,
      total: completeness.day.total,
      installs: figure?.installs ?? null,
      smartphones: figure?.smartphones ?? null,
      rate: complete ? d.coverage : null,
    },
    rankInCity: complete ? d.rankInCity : null,
    districtsRanked: d.districtsRanked,
    rankChangeDay: complete ? kpis.rankChangeDay : null,
    coverageChangeDay: complete ? kpis.coverageChangeDay : null,
    zeroScanWards: overview.wardsWithZeroScans.map(named),
    notReportedWards: overview.wardsNotReported.map(named),
    target:
      targetBp === null || !complete ? null : { basisPoints: targetBp, installsToTarget: installsToTarget(figure?.installs ?? null, figure?.smartphones ?? null, targetBp) },
    topAlerts: alerts.slice(0, DIGEST_TOP_ALERTS).map((a) => ({ severity: a.severity, message: a.message })),
    alertCount: alerts.length,
  };
}
