// The registry of alert rules and the one function that runs them all for a day:
// evaluateAlerts(input) → every alert of every ward in `input.wards` on `input.day`, with its
// streak, repeat count, escalated severity and the sentence to paste into a dispatch.
//
// Rules with history are also evaluated on each of the ALERT_HISTORY_DAYS − 1 days before, from the
// same stored data, so a streak is deterministic: the same data gives the same alerts whenever
// they are computed. A history day on which a rule has no data to judge does not hold, so it ends
// the streak (alert-streaks.ts). The data layer fetches what alertDataWindow(day) says.

import { escalateSeverity, streakOf, streakSentence, streakText, type StreakSummary } from "../alert-streaks.ts";
import { hasReported } from "../completeness.ts";
import { addDays, dayRange, type IsoDay } from "../days.ts";
import { figureOn } from "../figure-table.ts";
import { HISTORY_DAYS as REPORT_CHECK_HISTORY_DAYS } from "../report-checks.ts";
import { rankedCount, ranksOnDay, sameRankedUnits } from "../unit-ranking.ts";
import { LATE_REPORT_RULE, NOT_REPORTED_RULE } from "./reporting.ts";
import { INSTALLS_DECREASED_RULE, SOURCE_DISAGREEMENT_RULE, UNUSUAL_VALUE_RULE } from "./quality.ts";
import { ZERO_SCANS_RULE } from "./scans.ts";
import { BELOW_COVERAGE_TARGET_RULE, BELOW_QR_TARGET_RULE, RANK_DROP_RULE } from "./targets.ts";
import {
  ALERT_HISTORY_DAYS,
  ALERT_RULE_IDS,
  alertId,
  severityRank,
  type Alert,
  type AlertInput,
  type AlertRule,
  type AlertRuleId,
  type AlertSeverity,
  type WardDayContext,
} from "./types.ts";
import { ALL_VENUES_DORMANT_RULE, DORMANT_VENUES_RULE } from "./venues.ts";
import { unitKind, unitKindText } from "./wording.ts";
import { msg, type Message } from "../message.ts";

/** Every rule, in the order alerts of equal severity are listed. */
export const ALERT_RULES: readonly AlertRule[] = [
  ALL_VENUES_DORMANT_RULE,
  ZERO_SCANS_RULE,
  NOT_REPORTED_RULE,
  LATE_REPORT_RULE,
  SOURCE_DISAGREEMENT_RULE,
  INSTALLS_DECREASED_RULE,
  UNUSUAL_VALUE_RULE,
  BELOW_COVERAGE_TARGET_RULE,
  BELOW_QR_TARGET_RULE,
  RANK_DROP_RULE,
  DORMANT_VENUES_RULE,
];

const RULES_BY_ID = new Map<AlertRuleId, AlertRule>(ALERT_RULES.map((r) => [r.id, r]));
if (RULES_BY_ID.size !== ALERT_RULE_IDS.length) throw new Error("alert registry: every rule id needs exactly one rule");

export function ruleById(id: AlertRuleId): AlertRule {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new RangeError(`unknown alert rule ${id}`);
  return rule;
}

export function alertRuleLabel(id: AlertRuleId): string {
  return ruleById(id).label;
}

/** A rule's label, description or condition for the interface (domain.alerts.rules.<id>.*), in its language. */
export function alertRuleText(id: AlertRuleId, part: "label" | "description" | "condition"): Message {
  return msg(`domain.alerts.rules.${id}.${part}`);
}

/**
 * The days of stored data evaluateAlerts needs for `day`: figures, reports and imports from the
 * first history day's report-check history (14 days before it; ranks need the day before too) to
 * `day`; the history days themselves.
 */
export function alertDataWindow(day: IsoDay): { from: IsoDay; to: IsoDay; historyFrom: IsoDay } {
  const historyFrom = addDays(day, -(ALERT_HISTORY_DAYS - 1));
  return { from: addDays(historyFrom, -REPORT_CHECK_HISTORY_DAYS), to: day, historyFrom };
}

type Ranks = {
  rank: ReadonlyMap<string, number | null>;
  ranked: number;
  /** every ward of the district has coverage figures that day (hasReported) */
  complete: boolean;
};

/**
 * Ranks by coverage among each district's wards on a day, computed the first time a rule asks
 * (only RANK_DROP does, and on the history days only when it holds today). Only wards with
 * coverage figures and smartphones > 0 are ranked (metricValue: a zero denominator has no rate).
 */
function rankLookup(input: AlertInput): (districtCode: string, day: IsoDay) => Ranks {
  const byDistrict = new Map<string, { code: string; name: string }[]>();
  for (const w of input.wards) {
    const list = byDistrict.get(w.districtCode) ?? [];
    list.push({ code: w.code, name: w.name });
    byDistrict.set(w.districtCode, list);
  }
  const memo = new Map<string, Ranks>();
  return (districtCode, day) => {
    const key = `${districtCode}/${day}`;
    let ranks = memo.get(key);
    if (!ranks) {
      const wards = byDistrict.get(districtCode) ?? [];
      const rank = ranksOnDay(wards, input.figures, day, "coverage");
      const complete = wards.every((w) => hasReported(figureOn(input.figures, w.code, day)));
      memo.set(key, (ranks = { rank, ranked: rankedCount(rank), complete }));
    }
    return ranks;
  };
}

/** Most severe first; then the registry's order; then district and ward name (Vietnamese collation). */
const collator = new Intl.Collator("vi", { numeric: true });
const RULE_ORDER = new Map<AlertRuleId, number>(ALERT_RULES.map((r, i) => [r.id, i]));

export function compareAlerts(a: Alert, b: Alert): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (RULE_ORDER.get(a.ruleId) ?? 0) - (RULE_ORDER.get(b.ruleId) ?? 0) ||
    collator.compare(a.ward.districtName, b.ward.districtName) ||
    collator.compare(a.ward.name, b.ward.name) ||
    a.ward.code.localeCompare(b.ward.code)
  );
}

/** Every alert of every ward of `input.wards` on `input.day`, sorted (compareAlerts). */
export function evaluateAlerts(input: AlertInput, rules: readonly AlertRule[] = ALERT_RULES): Alert[] {
  const { day, thresholds } = input;
  const window = alertDataWindow(day);
  const windowDays = dayRange(window.from, day);
  const historyStart = windowDays.indexOf(window.historyFrom);
  const ranksOn = rankLookup(input);
  const alerts: Alert[] = [];

  for (const ward of input.wards) {
    const figures = windowDays.map((d) => figureOn(input.figures, ward.code, d));
    // One context per day, built when first needed and shared by every rule (quality.ts caches on it).
    const contexts = new Map<number, WardDayContext>();
    const contextAt = (offset: number): WardDayContext => {
      let ctx = contexts.get(offset);
      if (!ctx) {
        const d = windowDays[offset] ?? day;
        ctx = {
          input,
          ward,
          day: d,
          figures,
          offset,
          ranks: () => {
            const current = ranksOn(ward.districtCode, d);
            const before = ranksOn(ward.districtCode, windowDays[offset - 1] ?? addDays(d, -1));
            return {
              rank: current.rank.get(ward.code) ?? null,
              previousRank: before.rank.get(ward.code) ?? null,
              ranked: current.ranked,
              comparable: current.complete && before.complete && sameRankedUnits(current.rank, before.rank),
            };
          },
        };
        contexts.set(offset, ctx);
      }
      return ctx;
    };
    const last = windowDays.length - 1;

    for (const rule of rules) {
      const hit = rule.evaluate(contextAt(last));
      if (hit === null) continue;
      // The history days matter only for an alert that holds today: evaluated only then.
      let summary: StreakSummary | null = null;
      if (rule.history) {
        const held = new Set<IsoDay>([day]);
        for (let offset = last - 1; offset >= historyStart; offset--) {
          const ctx = contextAt(offset);
          if (rule.evaluate(ctx) !== null) held.add(ctx.day);
        }
        summary = streakOf(held, day);
      }
      const { severity, escalated } = escalateSeverity(hit.severity, summary?.streak.days ?? null, thresholds.escalationDays, rule.escalates);
      const repeat = summary ? streakSentence(summary, rule.streakPhrase(unitKind(ward.name))) : "";
      const { numbers, sentence, text } = hit.describe();
      alerts.push({
        id: alertId(rule.id, ward.code, day),
        ruleId: rule.id,
        family: rule.family,
        ward,
        day,
        severity,
        baseSeverity: hit.severity,
        escalated,
        streak: summary?.streak ?? null,
        daysInLast30: summary?.daysInWindow ?? null,
        numbers,
        message: repeat === "" ? sentence : `${sentence} ${repeat}`,
        text: { sentence: text, streak: summary ? streakText(summary, rule.streakText(unitKindText(ward.name))) : null },
      });
    }
  }
  return alerts.sort(compareAlerts);
}

export type AlertCounts = {
  readonly total: number;
  readonly bySeverity: Readonly<Record<AlertSeverity, number>>;
  readonly byRule: ReadonlyMap<AlertRuleId, number>;
};

export function countAlerts(alerts: readonly Alert[]): AlertCounts {
  const bySeverity: Record<AlertSeverity, number> = { info: 0, warning: 0, critical: 0 };
  const byRule = new Map<AlertRuleId, number>();
  for (const a of alerts) {
    bySeverity[a.severity]++;
    byRule.set(a.ruleId, (byRule.get(a.ruleId) ?? 0) + 1);
  }
  return { total: alerts.length, bySeverity, byRule };
}
