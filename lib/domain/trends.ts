// Series over time for the trend charts and the ward page: the window of days shown, daily new
// installs with their 7-day average, and a unit's rank day by day. Gaps stay gaps (null).

import type { IsoDay } from "./days.ts";
import { addDays, compareIsoDays, dayRange } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import type { DayValue, Pace } from "./metrics.ts";
import { figureOn } from "./figure-table.ts";
import type { NamedUnit } from "./overview.ts";
import type { RankMetric } from "./rank-metric.ts";
import { rankedCount, ranksOnDay } from "./unit-ranking.ts";

/** How many days the trend charts show, ending at the chosen day. */
export const TREND_WINDOW_DAYS = 30;

/**
 * The days a trend shows: `length` days ending at `day`, not before the first day with data.
 * Empty when `day` is before `from`.
 */
export function trendWindow(day: IsoDay, from: IsoDay, length: number = TREND_WINDOW_DAYS): IsoDay[] {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`length must be ≥ 1, got ${length}`);
  const start = addDays(day, -(length - 1));
  return dayRange(compareIsoDays(start, from) < 0 ? from : start, day);
}

/**
 * The days whose figures a page needs to show `window` with changes and 7-day paces: from 7 days
 * before the window's first day (the pace on that day needs installs of day − 7) to its last.
 */
export function fetchRangeFor(window: readonly IsoDay[]): { from: IsoDay; to: IsoDay } {
  const first = window[0];
  const last = window[window.length - 1];
  if (first === undefined || last === undefined) throw new RangeError("empty window");
  return { from: addDays(first, -7), to: last };
}

/**
 * New installs per day of a unit: installs(d) − installs(d − 1), over `days`. Null when either
 * value is unknown, and, for a unit whose figure sums its children (`childCodes` not empty), when
 * the children that reported differ between the two days: a district total that lost a silent
 * ward for a day is not a fall in installs (missing is not zero), nor is its return a jump.
 */
export function newInstallsByDay(
  table: FigureTable,
  unitCode: string,
  childCodes: readonly string[],
  days: readonly IsoDay[],
): DayValue<number>[] {
  const reporting = (day: IsoDay): string =>
    childCodes.filter((c) => (figureOn(table, c, day)?.installs ?? null) !== null).join(",");
  return days.map((day) => {
    const before = addDays(day, -1);
    const now = figureOn(table, unitCode, day)?.installs ?? null;
    const then = figureOn(table, unitCode, before)?.installs ?? null;
    if (now === null || then === null) return { day, value: null };
    if (childCodes.length > 0 && reporting(day) !== reporting(before)) return { day, value: null };
    return { day, value: now - then };
  });
}

/**
 * The 7-day pace at `day` from daily new installs: the known differences in day − 6 … day,
 * summed, over how many there are (unknown days are skipped, not taken as 0). Null when none.
 */
export function paceAt(newInstalls: readonly DayValue<number>[], day: IsoDay, windowDays = 7): Pace | null {
  if (!Number.isSafeInteger(windowDays) || windowDays < 1) throw new RangeError(`windowDays must be ≥ 1, got ${windowDays}`);
  const windowStart = addDays(day, -(windowDays - 1));
  let total = 0;
  let count = 0;
  for (const p of newInstalls) {
    if (p.value === null || compareIsoDays(p.day, windowStart) < 0 || compareIsoDays(p.day, day) > 0) continue;
    total += p.value;
    count++;
  }
  return count === 0 ? null : { total, days: count };
}

export type NewInstallsPoint = {
  readonly day: IsoDay;
  /** installs(day) − installs(day − 1); null when unknown */
  readonly newInstalls: number | null;
  /** the 7-day pace ending on that day; null when no difference in the window is known */
  readonly average: Pace | null;
};

/** New installs on each day of `window` and their 7-day average, from newInstallsByDay. */
export function newInstallsTrend(newInstalls: readonly DayValue<number>[], window: readonly IsoDay[]): NewInstallsPoint[] {
  const byDay = new Map(newInstalls.map((p) => [p.day, p.value]));
  return window.map((day) => ({ day, newInstalls: byDay.get(day) ?? null, average: paceAt(newInstalls, day) }));
}

export type RankPoint = { readonly day: IsoDay; readonly rank: number | null; readonly ranked: number };

/** A unit's rank among `units` on each day of `window` by `metric`, and how many were ranked. */
export function rankHistory(
  units: readonly NamedUnit[],
  table: FigureTable,
  unitCode: string,
  window: readonly IsoDay[],
  metric: RankMetric,
): RankPoint[] {
  return window.map((day) => {
    const ranks = ranksOnDay(units, table, day, metric);
    return { day, rank: ranks.get(unitCode) ?? null, ranked: rankedCount(ranks) };
  });
}
