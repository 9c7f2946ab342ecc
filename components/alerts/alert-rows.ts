import type { AlertView } from "@/lib/data/alerts";
import type { DomainText } from "@/i18n/domain-text";
import { alertRuleText } from "@/lib/domain/alerts/registry";
import { conditionLineText, groupAlertsByWard, isLongRunning, streakWordsText, type WardAlertGroup } from "@/lib/domain/alerts/grouping";
import { ALERT_HISTORY_DAYS } from "@/lib/domain/alerts/types";
import { renderAlertNumber, renderAlertText } from "@/lib/domain/alerts/wording";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import type { AlertRowData, AlertWardDetails } from "./alert-data";

// The alert centre's rows as plain data for the table (a client component), built on the server so
// the browser gets text in the reader's language (lib/domain/alerts hands its sentences over as
// messages, rendered here). Two parts (issue 15): the row summary the page carries for every ward
// (its chips, with severity and streak), and a ward's details (sentences, numbers,
// acknowledgements), which travel only when the row is opened: fetched from
// /api/alerts/details, or rendered with the page for `?open=CODE` (without JavaScript).

export type { AlertAckData, AlertChipData, AlertDetailData, AlertRowData, AlertWardDetails } from "./alert-data";

/** The page's translator for the "alerts.rows" group. */
export type RowWords = (key: "alone" | "firstDay" | "run" | "runAtLeast" | "recent", values?: Record<string, string | number>) => string;

function streakText(a: AlertView, t: RowWords): string {
  if (a.streak === null) return t("alone");
  const run = a.streak.days === 1 ? t("firstDay") : t(a.streak.atLeast ? "runAtLeast" : "run", { days: a.streak.days });
  return t("recent", { run, inWindow: a.daysInLast30 ?? a.streak.days, window: ALERT_HISTORY_DAYS });
}

/** The ones told in full first, then the long-running ones, one line each. */
const ordered = (g: WardAlertGroup<AlertView>) => [...g.recent, ...g.longRunning];

function groups(alerts: readonly AlertView[]) {
  const acknowledged = new Set(alerts.filter((a) => a.ack !== null).map((a) => a.id));
  return groupAlertsByWard(alerts, acknowledged);
}

const ruleLabel = (a: AlertView, d: DomainText) => d.text(alertRuleText(a.ruleId, "label"));

export function alertRows(alerts: readonly AlertView[], d: DomainText): AlertRowData[] {
  return groups(alerts).map((g) => ({
    ward: { code: g.ward.code, name: g.ward.name },
    severity: g.severity,
    canAck: g.alerts.some((a) => a.canAcknowledge),
    alerts: ordered(g).map((a) => {
      const label = ruleLabel(a, d);
      const wordsText = a.streak !== null && a.streak.days > 1 ? streakWordsText(a) : null;
      const words = wordsText === null ? null : d.text(wordsText);
      return { ruleId: a.ruleId, severity: a.severity, chip: words ? `${label} · ${words}` : label, acked: a.ack !== null };
    }),
  }));
}

/** One ward's details, of the alerts given (the page's, filtered as its rows are); null when it has none. */
export function alertWardDetails(alerts: readonly AlertView[], wardCode: string, t: RowWords, d: DomainText): AlertWardDetails | null {
  const g = groups(alerts.filter((a) => a.ward.code === wardCode))[0];
  if (!g) return null;
  return {
    ward: { code: g.ward.code, name: g.ward.name, districtName: g.ward.districtName },
    canAck: g.alerts.some((a) => a.canAcknowledge),
    alerts: ordered(g).map((a) => ({
      ruleId: a.ruleId,
      label: ruleLabel(a, d),
      severity: a.severity,
      escalated: a.escalated,
      day: a.day,
      streakText: streakText(a, t),
      longRunning: isLongRunning(a),
      line: d.text(conditionLineText(a)),
      message: renderAlertText(a, d.t, d.locale),
      dispatchText: a.message,
      numbers: a.numbers.map((n) => ({ key: n.key, ...renderAlertNumber(n, d.t, d.locale) })),
      ack: a.ack ? { id: a.ack.id, note: a.ack.note, at: formatVietnamDateTime(a.ack.at, d.locale), by: a.ack.by.displayName } : null,
    })),
  };
}
