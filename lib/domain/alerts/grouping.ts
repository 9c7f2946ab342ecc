// The alert centre's table (issue 16): one row per ward with its alerts as chips, the row's
// severity the most severe of them, and long-running conditions told in one line with their streak
// ("dưới mục tiêu cài đặt 30 ngày liên tiếp") instead of the full sentence repeated day after day.
// Pure: the page and the tests give it the day's alerts (already sorted most severe first).

import { msg, type Message } from "../message.ts";
import { ALERT_SEVERITIES, severityRank, type Alert, type AlertRuleId, type AlertSeverity, type WardRef } from "./types.ts";

/** An alert that has held this many days in a row (the day included) or more is "long-running". */
export const LONG_RUNNING_DAYS = 7;

/** What each rule says of the ward, short enough for a chip or one line ("dưới mục tiêu cài đặt"). */
export const ALERT_CONDITIONS: Readonly<Record<AlertRuleId, string>> = {
  ZERO_SCANS: "không có lượt quét",
  ALL_VENUES_DORMANT: "toàn bộ địa điểm không hoạt động",
  NOT_REPORTED: "chưa báo cáo",
  LATE_REPORT: "báo cáo muộn",
  SOURCE_DISAGREEMENT: "lệch với dữ liệu nhập",
  INSTALLS_DECREASED: "lượt cài cộng dồn giảm",
  UNUSUAL_VALUE: "có giá trị khác thường",
  BELOW_COVERAGE_TARGET: "dưới mục tiêu cài đặt",
  BELOW_QR_TARGET: "dưới mục tiêu quét mã",
  RANK_DROP: "tụt hạng",
  DORMANT_VENUES: "có địa điểm không hoạt động",
};

/** The alert has held at least LONG_RUNNING_DAYS days in a row. Rules judged on the day only never are. */
export function isLongRunning(alert: Pick<Alert, "streak">, minDays: number = LONG_RUNNING_DAYS): boolean {
  return alert.streak !== null && alert.streak.days >= minDays;
}

/**
 * The streak in words: "4 ngày liên tiếp", "ít nhất 30 ngày liên tiếp" (the streak reaches back to
 * the start of the history window), "ngày đầu tiên"; null for a rule judged on the day only.
 */
export function streakWords(alert: Pick<Alert, "streak">): string | null {
  if (alert.streak === null) return null;
  if (alert.streak.days === 1) return "ngày đầu tiên";
  return `${alert.streak.atLeast ? "ít nhất " : ""}${alert.streak.days} ngày liên tiếp`;
}

/** The one line of a long-running condition: "dưới mục tiêu cài đặt ít nhất 30 ngày liên tiếp". */
export function conditionLine(alert: Pick<Alert, "ruleId" | "streak">): string {
  const condition = ALERT_CONDITIONS[alert.ruleId];
  const words = streakWords(alert);
  return words === null || alert.streak?.days === 1 ? condition : `${condition} ${words}`;
}

/** streakWords for the interface (domain.alerts.streakWords.*), in its language. */
export function streakWordsText(alert: Pick<Alert, "streak">): Message | null {
  if (alert.streak === null) return null;
  if (alert.streak.days === 1) return msg("domain.alerts.streakWords.first");
  return msg(alert.streak.atLeast ? "domain.alerts.streakWords.runAtLeast" : "domain.alerts.streakWords.run", { days: alert.streak.days });
}

/** conditionLine for the interface: the rule's condition (domain.alerts.rules.<id>.condition) and its streak. */
export function conditionLineText(alert: Pick<Alert, "ruleId" | "streak">): Message {
  const condition = msg(`domain.alerts.rules.${alert.ruleId}.condition`);
  const words = streakWordsText(alert);
  return words === null || alert.streak?.days === 1 ? condition : msg("domain.alerts.conditionLine", { condition: { message: condition }, words: { message: words } });
}

export type WardAlertGroup<A extends Alert> = {
  readonly ward: WardRef;
  /** the most severe of its alerts */
  readonly severity: AlertSeverity;
  /** most severe first (the input's order among equals) */
  readonly alerts: readonly A[];
  /** the alerts told in full (held fewer than LONG_RUNNING_DAYS days in a row, or judged on the day only) */
  readonly recent: readonly A[];
  /** the long-running ones, one line each */
  readonly longRunning: readonly A[];
  readonly acknowledged: number;
  readonly open: number;
};

/**
 * The alerts grouped by ward, one group per ward that has any. Groups come most severe first;
 * among equals, in the order of their first alert in the input (the registry's order: the rule
 * order, then the ward code). `acknowledged` holds the ids of acknowledged alerts.
 */
export function groupAlertsByWard<A extends Alert>(
  alerts: readonly A[],
  acknowledged: ReadonlySet<string>,
  minDays: number = LONG_RUNNING_DAYS,
): WardAlertGroup<A>[] {
  const byWard = new Map<string, { ward: WardRef; first: number; alerts: A[] }>();
  alerts.forEach((a, i) => {
    const entry = byWard.get(a.ward.code) ?? { ward: a.ward, first: i, alerts: [] };
    entry.alerts.push(a);
    byWard.set(a.ward.code, entry);
  });
  const groups = [...byWard.values()].map((g) => {
    const sorted = g.alerts
      .map((a, i) => ({ a, i }))
      .sort((x, y) => severityRank(y.a.severity) - severityRank(x.a.severity) || x.i - y.i)
      .map((x) => x.a);
    const severity = sorted[0]?.severity ?? ALERT_SEVERITIES[0];
    const acked = sorted.filter((a) => acknowledged.has(a.id)).length;
    return {
      first: g.first,
      group: {
        ward: g.ward,
        severity,
        alerts: sorted,
        recent: sorted.filter((a) => !isLongRunning(a, minDays)),
        longRunning: sorted.filter((a) => isLongRunning(a, minDays)),
        acknowledged: acked,
        open: sorted.length - acked,
      },
    };
  });
  groups.sort((x, y) => severityRank(y.group.severity) - severityRank(x.group.severity) || x.first - y.first);
  return groups.map((g) => g.group);
}
