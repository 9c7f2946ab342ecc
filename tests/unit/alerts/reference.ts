// Straightforward reference implementations of what ADR 028 made faster, kept as they were before
// it (a Set of day strings per streak, a context Map and a closure per ward-day, an object per
// stored row, BigInt products, a regular expression, a comparator that collates at every
// comparison). tests/unit/alerts/reference.test.ts checks that the fast code gives exactly what
// these give; they are not used by the app.

import { escalateSeverity, streakOf, streakSentence, streakText, type StreakSummary } from "../../../lib/domain/alert-streaks.ts";
import { ALERT_RULES, alertDataWindow } from "../../../lib/domain/alerts/registry.ts";
import type { AlertTables, SourceColumns } from "../../../lib/domain/alerts/sources.ts";
import { ALERT_HISTORY_DAYS, alertId, severityRank, type Alert, type AlertInput, type AlertRule, type SourceValues, type WardDayContext, type WardReport } from "../../../lib/domain/alerts/types.ts";
import { unitKind, unitKindText } from "../../../lib/domain/alerts/wording.ts";
import { hasReported } from "../../../lib/domain/completeness.ts";
import { addDays, dayRange, type IsoDay } from "../../../lib/domain/days.ts";
import { figureOn } from "../../../lib/domain/figure-table.ts";
import { FIGURE_FIELDS, type FigureSource, type FigureValues } from "../../../lib/domain/figures.ts";
import type { OutlierResult } from "../../../lib/domain/robust.ts";
import { rankedCount, ranksOnDay, sameRankedUnits } from "../../../lib/domain/unit-ranking.ts";

export function referenceBuildAlertTables(columns: readonly SourceColumns[], days: readonly IsoDay[], priority: readonly FigureSource[]): AlertTables {
  const reports = new Map<string, Map<IsoDay, WardReport>>();
  const imports = new Map<string, Map<IsoDay, SourceValues>>();
  const byUnit = new Map<string, (SourceValues | undefined)[][]>();
  const mapFor = <V>(maps: Map<string, Map<IsoDay, V>>, unitCode: string): Map<IsoDay, V> => {
    let m = maps.get(unitCode);
    if (!m) maps.set(unitCode, (m = new Map()));
    return m;
  };
  for (const c of columns) {
    const rank = priority.indexOf(c.source);
    let lanes = byUnit.get(c.unitCode);
    if (!lanes) byUnit.set(c.unitCode, (lanes = priority.map(() => [])));
    c.offsets.forEach((offset, i) => {
      const day = days[offset];
      if (day === undefined) throw new RangeError(`figure of ${c.unitCode} outside the days asked for (offset ${offset})`);
      const values: SourceValues = {
        smartphones: c.smartphones[i] ?? null,
        installs: c.installs[i] ?? null,
        qrVenues: c.qrVenues[i] ?? null,
        activeVenues: c.activeVenues[i] ?? null,
        scans: c.scans[i] ?? null,
      };
      if (rank >= 0) {
        const lane = lanes[rank] ?? [];
        if (lane[offset] !== undefined) throw new RangeError(`two ${c.source} rows for ${c.unitCode}/${day}`);
        lane[offset] = values;
      }
      if (c.source === "WARD_REPORT") {
        const at = c.firstSubmittedAtMs[i] ?? null;
        mapFor(reports, c.unitCode).set(day, { ...values, firstSubmittedAt: at === null ? null : new Date(at) });
      } else if (c.source === "IMPORT") {
        mapFor(imports, c.unitCode).set(day, values);
      }
    });
  }
  const figures = new Map<string, Map<IsoDay, FigureValues>>();
  for (const [unitCode, lanes] of byUnit) {
    const byDay = new Map<IsoDay, FigureValues>();
    days.forEach((day, offset) => {
      let known = false;
      const merged: Record<(typeof FIGURE_FIELDS)[number], number | null> = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
      for (const field of FIGURE_FIELDS) {
        for (const lane of lanes) {
          const v = lane[offset]?.[field] ?? null;
          if (v !== null) {
            merged[field] = v;
            known = true;
            break;
          }
        }
      }
      if (known) byDay.set(day, merged);
    });
    if (byDay.size > 0) figures.set(unitCode, byDay);
  }
  return { figures, reports, imports };
}

const collator = new Intl.Collator("vi", { numeric: true });
const RULE_ORDER = new Map(ALERT_RULES.map((r, i) => [r.id, i]));

export function referenceCompareAlerts(a: Alert, b: Alert): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (RULE_ORDER.get(a.ruleId) ?? 0) - (RULE_ORDER.get(b.ruleId) ?? 0) ||
    collator.compare(a.ward.districtName, b.ward.districtName) ||
    collator.compare(a.ward.name, b.ward.name) ||
    a.ward.code.localeCompare(b.ward.code)
  );
}

/** evaluateAlerts as it was: every ward of `input` at once, streaks from a Set of days (streakOf). */
export function referenceEvaluateAlerts(input: AlertInput, rules: readonly AlertRule[] = ALERT_RULES): Alert[] {
  const { day, thresholds } = input;
  const window = alertDataWindow(day);
  const windowDays = dayRange(window.from, day);
  const historyStart = windowDays.indexOf(window.historyFrom);
  const byDistrict = new Map<string, { code: string; name: string }[]>();
  for (const w of input.wards) byDistrict.set(w.districtCode, [...(byDistrict.get(w.districtCode) ?? []), { code: w.code, name: w.name }]);
  const ranksOn = (districtCode: string, d: IsoDay) => {
    const wards = byDistrict.get(districtCode) ?? [];
    const rank = ranksOnDay(wards, input.figures, d, "coverage");
    return { rank, ranked: rankedCount(rank), complete: wards.every((w) => hasReported(figureOn(input.figures, w.code, d))) };
  };
  const alerts: Alert[] = [];
  for (const ward of input.wards) {
    const figures = windowDays.map((d) => figureOn(input.figures, ward.code, d));
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
      let summary: StreakSummary | null = null;
      if (rule.history) {
        const held = new Set<IsoDay>([day]);
        for (let offset = last - 1; offset >= historyStart; offset--) {
          const ctx = contextAt(offset);
          if (rule.evaluate(ctx) !== null) held.add(ctx.day);
        }
        summary = streakOf(held, day, ALERT_HISTORY_DAYS);
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
  return alerts.sort(referenceCompareAlerts);
}

/** checkOutlier as it was: every product in BigInt. */
export function referenceCheckOutlier(
  value: number,
  history: readonly number[],
  options: { k?: number; minHistory?: number; minScale?: number; minScalePercentOfMedian?: number } = {},
): OutlierResult {
  const k = options.k ?? 3;
  const minHistory = options.minHistory ?? 7;
  const minScale = options.minScale ?? 1;
  const pct = options.minScalePercentOfMedian ?? 2;
  if (history.length < Math.max(1, minHistory)) return { judged: false };
  const doubledMedian = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const upper = sorted[mid] as number;
    return sorted.length % 2 === 1 ? 2 * upper : (sorted[mid - 1] as number) + upper;
  };
  type Fraction = { num: bigint; den: bigint };
  const larger = (a: Fraction, b: Fraction): Fraction => (a.num * b.den >= b.num * a.den ? a : b);
  const m2 = doubledMedian(history);
  const deviations2 = history.map((v) => Math.abs(2 * v - m2));
  const q = doubledMedian(deviations2);
  let scale: Fraction;
  if (q > 0) scale = { num: BigInt(q), den: 4n };
  else {
    const sum2 = deviations2.reduce((a, b) => a + BigInt(b), 0n);
    scale = { num: sum2 * 1_253_314n, den: 2n * BigInt(history.length) * 1_000_000n };
  }
  scale = larger(scale, { num: BigInt(minScale), den: 1n });
  scale = larger(scale, { num: BigInt(Math.abs(m2)) * BigInt(pct), den: 200n });
  const dev2 = BigInt(Math.abs(2 * value - m2));
  const outlier = dev2 * scale.den > 2n * BigInt(k) * scale.num;
  return { judged: true, outlier, median: m2 / 2, mad: q / 4, scale: Number(scale.num) / Number(scale.den) };
}

export function referenceCompareRatios(a: { num: number; den: number }, b: { num: number; den: number }): -1 | 0 | 1 | null {
  if (a.den === 0 || b.den === 0) return null;
  const left = BigInt(a.num) * BigInt(b.den);
  const right = BigInt(b.num) * BigInt(a.den);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function referenceGroupThousands(digits: string, group: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}
