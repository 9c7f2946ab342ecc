// When a unit reaches its coverage target at its current pace: the installs still needed, the
// 7-day pace of new installs, the days that takes, and the calendar day it lands on.

import type { IsoDay } from "./days.ts";
import { addDays } from "./days.ts";
import type { Pace } from "./metrics.ts";
import { daysToTarget, installsToTarget, paceRounded } from "./metrics.ts";

export type TargetForecast = {
  readonly targetBasisPoints: number;
  /** installs still needed (0 when met); null when installs or smartphones are unknown */
  readonly gap: number | null;
  /** new installs over the last 7 days; null when no daily difference is known */
  readonly pace: Pace | null;
  /** the pace per day, rounded half-up, for display */
  readonly pacePerDay: number | null;
  /** days to close the gap; 'unreachable' when the pace is zero or negative ("không đạt được") */
  readonly days: number | "unreachable" | null;
  /** the day the target is reached at this pace; null unless `days` is a number */
  readonly reachDay: IsoDay | null;
};

/**
 * The forecast on `day` from the 7-day pace of new installs (trends.ts paceAt) and the day's
 * figures. The smartphone count is held fixed: a forecast, not a promise.
 *
 * No verdict without data: null without a target, and null with 0 smartphones (a zero
 * denominator has no rate, so neither a gap nor "met"). Without pace data (`pace` null: no day of
 * the 7 with a known change in installs) there is no forecast of days (`days` and `reachDay`
 * null); only a target already met needs none (0 days).
 */
export function forecastToTarget(input: {
  readonly pace: Pace | null;
  readonly day: IsoDay;
  readonly installs: number | null;
  readonly smartphones: number | null;
  readonly targetBasisPoints: number | null;
}): TargetForecast | null {
  const { pace, day, installs, smartphones, targetBasisPoints } = input;
  if (targetBasisPoints === null || smartphones === 0) return null;
  const gap = installsToTarget(installs, smartphones, targetBasisPoints);
  const days = daysToTarget(gap, pace);
  return {
    targetBasisPoints,
    gap,
    pace,
    pacePerDay: pace === null ? null : paceRounded(pace),
    days,
    reachDay: typeof days === "number" ? addDays(day, days) : null,
  };
}
