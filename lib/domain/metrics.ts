// Campaign metrics computed from figures: rates, daily new installs, pace, changes, and the gaps
// to a target or to the unit ranked above. All exact: integers in BigInt, never floats.

import type { IsoDay } from "./days.ts";
import { addDays, compareIsoDays } from "./days.ts";
import { assertCount, assertSafeInteger, divCeil, divFloor, divRoundHalfAwayFromZero, toSafeNumber } from "./integer.ts";
import type { Ratio } from "./ratio.ts";
import { ratioDifferenceHundredths } from "./ratio.ts";

/** Counts needed for a coverage rate. */
export type InstallCounts = { readonly installs: number | null; readonly smartphones: number | null };

/** A value on one day of a series; null = unknown that day. */
export type DayValue<V> = { readonly day: IsoDay; readonly value: V | null };

/** A pace: `total` new installs over `days` days (exact; total may be negative after corrections). */
export type Pace = { readonly total: number; readonly days: number };

function rateOf(num: number | null, den: number | null): Ratio | null {
  if (num === null || den === null) return null;
  assertCount(num, "numerator");
  assertCount(den, "denominator");
  return den === 0 ? null : { num, den };
}

/** installs / smartphones; null when either is unknown or there are 0 smartphones. */
export function coverageRate(f: InstallCounts): Ratio | null {
  return rateOf(f.installs, f.smartphones);
}

/** activeVenues / qrVenues; null when either is unknown or no venue is registered. */
export function qrActiveRate(f: { readonly activeVenues: number | null; readonly qrVenues: number | null }): Ratio | null {
  return rateOf(f.activeVenues, f.qrVenues);
}

function indexByDay<V>(series: readonly DayValue<V>[]): Map<IsoDay, V | null> {
  const map = new Map<IsoDay, V | null>();
  for (const point of series) {
    if (map.has(point.day)) throw new RangeError(`series has two values for ${point.day}`);
    map.set(point.day, point.value);
  }
  return map;
}

/**
 * New installs per day from a series of cumulative installs: installs(d) − installs(d − 1 day).
 * Null when either day is missing from the series or unknown (a gap is not a zero). One output
 * point per input day, sorted by day. The difference can be negative after a data correction.
 */
export function dailyNewInstalls(series: readonly DayValue<number>[]): DayValue<number>[] {
  const byDay = indexByDay(series);
  return [...byDay.keys()].sort(compareIsoDays).map((day) => {
    const today = byDay.get(day) ?? null;
    const yesterday = byDay.get(addDays(day, -1)) ?? null;
    if (today === null || yesterday === null) return { day, value: null };
    assertCount(today, `installs on ${day}`);
    assertCount(yesterday, `installs on ${addDays(day, -1)}`);
    return { day, value: today - yesterday };
  });
}

/**
 * The recent pace of new installs at `day`: the daily differences available within the `windowDays`
 * days ending at `day` (day − 6 … day for 7), summed, over how many there were. A difference for d
 * needs the cumulative installs of both d and d − 1 (so the first one in the window uses day − 7).
 * Days without a difference are skipped, not counted as 0. Null when there is none.
 * Use `paceToNumber` for a chart value; keep the Pace for exact arithmetic (daysToTarget).
 */
export function sevenDayAverage(series: readonly DayValue<number>[], day: IsoDay, windowDays = 7): Pace | null {
  if (!Number.isSafeInteger(windowDays) || windowDays < 1) throw new RangeError(`windowDays must be ≥ 1, got ${windowDays}`);
  const windowStart = addDays(day, -(windowDays - 1));
  let total = 0;
  let days = 0;
  for (const point of dailyNewInstalls(series)) {
    if (point.value === null || compareIsoDays(point.day, windowStart) < 0 || compareIsoDays(point.day, day) > 0) continue;
    total += point.value;
    days++;
  }
  return days === 0 ? null : { total, days };
}

/** A pace as a (floating) number per day, for charts only. */
export function paceToNumber(pace: Pace): number {
  return pace.total / pace.days;
}

/** A pace per day rounded half-up (halves away from zero) to a whole number, for display. */
export function paceRounded(pace: Pace): number {
  return toSafeNumber(divRoundHalfAwayFromZero(BigInt(pace.total), BigInt(pace.days)));
}

function valueLagged<V>(series: readonly DayValue<V>[], day: IsoDay, lagDays: number): { now: V; before: V } | null {
  if (!Number.isSafeInteger(lagDays) || lagDays < 1) throw new RangeError(`lagDays must be ≥ 1, got ${lagDays}`);
  const byDay = indexByDay(series);
  const now = byDay.get(day) ?? null;
  const before = byDay.get(addDays(day, -lagDays)) ?? null;
  return now === null || before === null ? null : { now, before };
}

/**
 * Change of a count between `day − lagDays` and `day` (value(day) − value(day − lag)).
 * Null when either value is unknown.
 */
export function changeVsPrevious(series: readonly DayValue<number>[], day: IsoDay, lagDays: number): number | null {
  const pair = valueLagged(series, day, lagDays);
  if (pair === null) return null;
  assertSafeInteger(pair.now, "value");
  assertSafeInteger(pair.before, "value");
  return pair.now - pair.before;
}

/**
 * Change of a rate between `day − lagDays` and `day`, in hundredths of a percentage point, rounded
 * once on the exact difference (halves away from zero). Null when either rate is unknown or undefined.
 */
export function rateChangeVsPrevious(series: readonly DayValue<Ratio>[], day: IsoDay, lagDays: number): number | null {
  const pair = valueLagged(series, day, lagDays);
  return pair === null ? null : ratioDifferenceHundredths(pair.now, pair.before);
}

/**
 * Installs still needed to reach a target rate: max(0, ceil(target × smartphones) − installs), with
 * the target in basis points (6000 = 60,00 %). 150.788 phones at 60 % → ceil(90.472,8) = 90.473 →
 * 90.473 − 77.113 = 13.360. Null when installs or smartphones are unknown, or there are 0
 * smartphones (no rate, so no verdict: a unit without phones has not "met" its target).
 */
export function installsToTarget(installs: number | null, smartphones: number | null, targetBasisPoints: number): number | null {
  if (installs === null || smartphones === null || smartphones === 0) return null;
  assertCount(installs, "installs");
  assertCount(smartphones, "smartphones");
  assertCount(targetBasisPoints, "targetBasisPoints");
  const needed = divCeil(BigInt(targetBasisPoints) * BigInt(smartphones), 10_000n);
  const gap = needed - BigInt(installs);
  return gap > 0n ? toSafeNumber(gap) : 0;
}

/**
 * The fewest extra installs x for `unit` to rank strictly above `above`:
 * (installs + x) / smartphones > above.installs / above.smartphones, exactly.
 * 0 when already ahead. Null when there is no unit above (rank 1), or either rate is unknown or
 * undefined. 'unreachable' when x would take installs past the unit's smartphones.
 */
export function installsToPass(unit: InstallCounts, above: InstallCounts | null): number | "unreachable" | null {
  if (above === null) return null;
  const own = coverageRate(unit);
  const target = coverageRate(above);
  if (own === null || target === null) return null;
  // smallest integer n with n / s > a / t is floor(a·s / t) + 1
  const needed = divFloor(BigInt(target.num) * BigInt(own.den), BigInt(target.den)) + 1n;
  const x = needed - BigInt(own.num);
  if (x <= 0n) return 0;
  if (needed > BigInt(own.den)) return "unreachable";
  return toSafeNumber(x);
}

/**
 * Days to close `gap` installs at `pace`: ceil(gap × pace.days / pace.total). 0 when the gap is 0;
 * 'unreachable' when the pace is 0 or negative (UI: "không đạt được"); null when the gap or the
 * pace is unknown (no data is not the same as no progress).
 */
export function daysToTarget(gap: number | null, pace: Pace | null): number | "unreachable" | null {
  if (gap === null) return null;
  assertCount(gap, "gap");
  if (gap === 0) return 0;
  if (pace === null) return null;
  assertSafeInteger(pace.total, "pace.total");
  if (!Number.isSafeInteger(pace.days) || pace.days < 1) throw new RangeError(`pace.days must be ≥ 1, got ${pace.days}`);
  if (pace.total <= 0) return "unreachable";
  return toSafeNumber(divCeil(BigInt(gap) * BigInt(pace.days), BigInt(pace.total)));
}
