// The registry of alert rules and the one function that runs them all for a day:
// evaluateAlerts(input) → every alert of every ward in `input.wards` on `input.day`, with its
// streak, repeat count, escalated severity and the sentence to paste into a dispatch.
//
// Rules with history are also evaluated on each of the ALERT_HISTORY_DAYS − 1 days before, from the
// same stored data, so a streak is deterministic: the same data gives the same alerts whenever
// they are computed. A history day on which a rule has no data to judge does not hold, so it ends
// the streak (alert-streaks.ts). The data layer fetches what alertDataWindow(day) says.

import { escalateSeverity, streakSentence, streakText, type StreakSummary } from "../alert-streaks.ts";
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
  type WardRef,
} from "./types.ts";
import type { FigureValues } from "../figures.ts";
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
function rankLookup(input: AlertInput): {
  ranksOn: (districtCode: string, day: IsoDay) => Ranks;
  /** both days' rankings complete and of the same wards (the same for every ward of the district: computed once) */
  comparable: (districtCode: string, day: IsoDay, before: IsoDay) => boolean;
} {
  const byDistrict = new Map<string, { code: string; name: string }[]>();
  for (const w of input.wards) {
    const list = byDistrict.get(w.districtCode) ?? [];
    list.push({ code: w.code, name: w.name });
    byDistrict.set(w.districtCode, list);
  }
  const memo = new Map<string, Ranks>();
  const ranksOn = (districtCode: string, day: IsoDay): Ranks => {
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
  const comparableMemo = new Map<string, boolean>();
  const comparable = (districtCode: string, day: IsoDay, before: IsoDay): boolean => {
    const key = `${districtCode}/${day}/${before}`;
    let result = comparableMemo.get(key);
    if (result === undefined) {
      const current = ranksOn(districtCode, day);
      const previous = ranksOn(districtCode, before);
      result = current.complete && previous.complete && sameRankedUnits(current.rank, previous.rank);
      comparableMemo.set(key, result);
    }
    return result;
  };
  return { ranksOn, comparable };
}

type RankLookup = ReturnType<typeof rankLookup>;

/** A ward's day as the rules see it; its ranks are read from the district's (one class, not a closure per ward-day). */
class WardDay implements WardDayContext {
  constructor(
    readonly input: AlertInput,
    readonly ward: WardRef,
    readonly day: IsoDay,
    readonly figures: readonly (FigureValues | null)[],
    readonly offset: number,
    private readonly beforeDay: IsoDay,
    private readonly lookup: RankLookup,
  ) {}

  ranks() {
    const { ward, day, beforeDay, lookup } = this;
    const current = lookup.ranksOn(ward.districtCode, day);
    const before = lookup.ranksOn(ward.districtCode, beforeDay);
    return {
      rank: current.rank.get(ward.code) ?? null,
      previousRank: before.rank.get(ward.code) ?? null,
      ranked: current.ranked,
      comparable: lookup.comparable(ward.districtCode, day, beforeDay),
    };
  }
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

/**
 * The places of `values` in the order of `compare` (equal values share a place): a comparison of
 * two places says what `compare` says of the two values, so a sort on places is the sort on values.
 */
function placesOf(values: Iterable<string>, compare: (a: string, b: string) => number): Map<string, number> {
  const sorted = [...new Set(values)].sort(compare);
  const places = new Map<string, number>();
  let place = 0;
  sorted.forEach((value, i) => {
    if (i > 0 && compare(sorted[i - 1] as string, value) !== 0) place++;
    places.set(value, place);
  });
  return places;
}

/**
 * `alerts` sorted in place by compareAlerts, the same order, but each name collated once rather
 * than at every comparison (the country's 28.950 alerts took ~450.000 collations; ADR 028).
 */
export function sortAlerts(alerts: Alert[]): Alert[] {
  if (alerts.length < 2) return alerts;
  const districts = placesOf(
    alerts.map((a) => a.ward.districtName),
    (a, b) => collator.compare(a, b),
  );
  const names = placesOf(
    alerts.map((a) => a.ward.name),
    (a, b) => collator.compare(a, b),
  );
  const codes = placesOf(
    alerts.map((a) => a.ward.code),
    (a, b) => a.localeCompare(b),
  );
  const keyed = alerts.map((alert) => ({
    alert,
    severity: severityRank(alert.severity),
    rule: RULE_ORDER.get(alert.ruleId) ?? 0,
    district: districts.get(alert.ward.districtName) ?? 0,
    name: names.get(alert.ward.name) ?? 0,
    code: codes.get(alert.ward.code) ?? 0,
  }));
  keyed.sort((a, b) => b.severity - a.severity || a.rule - b.rule || a.district - b.district || a.name - b.name || a.code - b.code);
  keyed.forEach((k, i) => (alerts[i] = k.alert));
  return alerts;
}

/** Every alert of every ward of `input.wards` on `input.day`, sorted (compareAlerts). */
export function evaluateAlerts(input: AlertInput, rules: readonly AlertRule[] = ALERT_RULES): Alert[] {
  return sortAlerts(evaluateAlertsUnsorted(input, rules));
}

/** evaluateAlerts without the sort (by-district.ts sorts the districts' alerts once, together). */
export function evaluateAlertsUnsorted(input: AlertInput, rules: readonly AlertRule[] = ALERT_RULES): Alert[] {
  const { day, thresholds } = input;
  const window = alertDataWindow(day);
  const windowDays = dayRange(window.from, day);
  const historyStart = windowDays.indexOf(window.historyFrom);
  const lookup = rankLookup(input);
  const alerts: Alert[] = [];
  const last = windowDays.length - 1;

  for (const ward of input.wards) {
    const byDay = input.figures.get(ward.code);
    const figures = windowDays.map((d) => byDay?.get(d) ?? null);
    // One context per day, built when first needed and shared by every rule (quality.ts caches on it).
    const contexts: (WardDay | undefined)[] = [];
    const contextAt = (offset: number): WardDay => {
      let ctx = contexts[offset];
      if (!ctx) {
        const d = windowDays[offset] ?? day;
        contexts[offset] = ctx = new WardDay(input, ward, d, figures, offset, windowDays[offset - 1] ?? addDays(d, -1), lookup);
      }
      return ctx;
    };

    for (const rule of rules) {
      const hit = rule.evaluate(contextAt(last));
      if (hit === null) continue;
      // The history days matter only for an alert that holds today: evaluated only then. The streak
      // (days in a row up to today) and the days held are counted on the window's offsets: the
      // same as streakOf over the set of days held, whose days all lie in the ALERT_HISTORY_DAYS
      // days ending today (historyStart … last), without a day string per step.
      let summary: StreakSummary | null = null;
      if (rule.history) {
        let streak = 1;
        let held = 1;
        let running = true;
        for (let offset = last - 1; offset >= historyStart; offset--) {
          if (rule.evaluate(contextAt(offset)) !== null) {
            held++;
            if (running) streak++;
          } else running = false;
        }
        summary = { streak: { days: streak, atLeast: streak === ALERT_HISTORY_DAYS }, daysInWindow: held };
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
  return alerts;
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
