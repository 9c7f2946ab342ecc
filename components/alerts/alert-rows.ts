import type { AlertView } from "@/lib/data/alerts";
import type { DomainText } from "@/i18n/domain-text";
import { alertRuleText } from "@/lib/domain/alerts/registry";
import { conditionLineText, groupAlertsByWard, isLongRunning, streakWordsText } from "@/lib/domain/alerts/grouping";
import { ALERT_HISTORY_DAYS, type AlertRuleId, type AlertSeverity } from "@/lib/domain/alerts/types";
import { renderAlertNumber, renderAlertText } from "@/lib/domain/alerts/wording";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";

// The alert centre's rows as plain data for the table (a client component): the grouping, the
// streak wording, the alerts' sentences (lib/domain/alerts hands them over as messages) and the
// dates are rendered here, on the server, in the reader's language, so the browser gets text.

/** The page's translator for the "alerts.rows" group. */
export type RowWords = (key: "alone" | "firstDay" | "run" | "runAtLeast" | "recent", values?: Record<string, string | number>) => string;

export type AlertItemData = {
  id: string;
  ruleId: AlertRuleId;
  label: string;
  severity: AlertSeverity;
  escalated: boolean;
  day: string;
  /** "4 ngày liên tiếp · 6/30 ngày gần đây", "Xét riêng trong ngày" (in the reader's language, as the rest) */
  streakText: string;
  /** held LONG_RUNNING_DAYS days in a row or more: told in one line */
  longRunning: boolean;
  /** "dưới mục tiêu cài đặt ít nhất 30 ngày liên tiếp" */
  line: string;
  /** the chip's text: "Không có lượt quét · 4 ngày liên tiếp" */
  chip: string;
  message: string;
  /** the Vietnamese sentence for a dispatch or a Zalo message (the copy button), whatever the reader's language */
  dispatchText: string;
  numbers: readonly { key: string; label: string; display: string }[];
  ack: { id: number; note: string; at: string; by: string } | null;
  canAcknowledge: boolean;
};

export type AlertRowData = {
  ward: { code: string; name: string; districtName: string };
  severity: AlertSeverity;
  open: number;
  acknowledged: number;
  alerts: AlertItemData[];
};

function streakText(a: AlertView, t: RowWords): string {
  if (a.streak === null) return t("alone");
  const run = a.streak.days === 1 ? t("firstDay") : t(a.streak.atLeast ? "runAtLeast" : "run", { days: a.streak.days });
  return t("recent", { run, inWindow: a.daysInLast30 ?? a.streak.days, window: ALERT_HISTORY_DAYS });
}

function itemOf(a: AlertView, t: RowWords, d: DomainText): AlertItemData {
  const label = d.text(alertRuleText(a.ruleId, "label"));
  const wordsText = a.streak !== null && a.streak.days > 1 ? streakWordsText(a) : null;
  const words = wordsText === null ? null : d.text(wordsText);
  return {
    id: a.id,
    ruleId: a.ruleId,
    label,
    severity: a.severity,
    escalated: a.escalated,
    day: a.day,
    streakText: streakText(a, t),
    longRunning: isLongRunning(a),
    line: d.text(conditionLineText(a)),
    chip: words ? `${label} · ${words}` : label,
    message: renderAlertText(a, d.t, d.locale),
    dispatchText: a.message,
    numbers: a.numbers.map((n) => ({ key: n.key, ...renderAlertNumber(n, d.t, d.locale) })),
    ack: a.ack ? { id: a.ack.id, note: a.ack.note, at: formatVietnamDateTime(a.ack.at, d.locale), by: a.ack.by.displayName } : null,
    canAcknowledge: a.canAcknowledge,
  };
}

export function alertRows(alerts: readonly AlertView[], t: RowWords, d: DomainText): AlertRowData[] {
  const acknowledged = new Set(alerts.filter((a) => a.ack !== null).map((a) => a.id));
  return groupAlertsByWard(alerts, acknowledged).map((g) => ({
    ward: { code: g.ward.code, name: g.ward.name, districtName: g.ward.districtName },
    severity: g.severity,
    open: g.open,
    acknowledged: g.acknowledged,
    // the ones told in full first, then the long-running ones, one line each
    alerts: [...g.recent, ...g.longRunning].map((a) => itemOf(a, t, d)),
  }));
}
