// Vietnamese (vi-VN) formatting of figures: thousands with dots (3.220.382), decimals with a
// comma (47,05%), dates dd/MM/yyyy. Grouping and rounding are done by hand on integers, so the
// output does not depend on the ICU data of the Node build and never goes through floating point.

import type { IsoDay } from "./days.ts";
import { isoDayParts } from "./days.ts";
import type { Ratio } from "./ratio.ts";
import { ratioToPercentHundredths } from "./ratio.ts";
import { assertSafeInteger } from "./integer.ts";

/** Shown where a value is unknown (no report, undefined rate). */
export const MISSING_PLACEHOLDER = "—";
/** Shown for a unit with no data on the day (rankings, tables). */
export const NOT_REPORTED_LABEL = "chưa báo cáo";
/** Shown when a target cannot be reached at the current pace. */
export const UNREACHABLE_LABEL = "không đạt được";

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 77113 → "77.113"; −1234 → "-1.234"; null → placeholder (default "—"). Integers only. */
export function formatCount(value: number | null, placeholder: string = MISSING_PLACEHOLDER): string {
  if (value === null) return placeholder;
  assertSafeInteger(value, "count");
  const sign = value < 0 ? "-" : "";
  return sign + groupThousands(String(Math.abs(value)));
}

/** +1234 → "+1.234"; −1234 → "-1.234"; 0 → "0"; null → placeholder. */
export function formatSignedCount(value: number | null, placeholder: string = MISSING_PLACEHOLDER): string {
  if (value === null) return placeholder;
  return (value > 0 ? "+" : "") + formatCount(value);
}

function formatHundredths(value: number): string {
  assertSafeInteger(value, "hundredths");
  const abs = Math.abs(value);
  const whole = groupThousands(String(Math.floor(abs / 100)));
  const frac = String(abs % 100).padStart(2, "0");
  return `${value < 0 ? "-" : ""}${whole},${frac}`;
}

/** Hundredths of a percent as a percentage: 5114 → "51,14%"; 5 → "0,05%"; null → placeholder. */
export function formatPercentFromHundredths(value: number | null, placeholder: string = MISSING_PLACEHOLDER): string {
  if (value === null) return placeholder;
  return `${formatHundredths(value)}%`;
}

/**
 * A rate as a percentage, rounded half-up on the exact value: 10229/20000 → "51,15%",
 * 77113/150788 → "51,14%". Null or a 0 denominator (undefined rate) → placeholder.
 */
export function formatPercent(ratio: Ratio | null, placeholder: string = MISSING_PLACEHOLDER): string {
  if (ratio === null) return placeholder;
  return formatPercentFromHundredths(ratioToPercentHundredths(ratio), placeholder);
}

/**
 * A change of a rate, in hundredths of a percentage point, with its sign and the unit
 * "điểm %": 25 → "+0,25 điểm %"; −130 → "-1,30 điểm %"; 0 → "0,00 điểm %".
 */
export function formatPercentPointChange(value: number | null, placeholder: string = MISSING_PLACEHOLDER): string {
  if (value === null) return placeholder;
  return `${value > 0 ? "+" : ""}${formatHundredths(value)} điểm %`;
}

/** "2021-08-17" → "17/08/2021". */
export function formatDay(day: IsoDay): string {
  const { year, month, dayOfMonth } = isoDayParts(day);
  return `${String(dayOfMonth).padStart(2, "0")}/${String(month).padStart(2, "0")}/${String(year).padStart(4, "0")}`;
}

/**
 * The date line of an official document: "2021-08-17" → "ngày 17 tháng 8 năm 2021".
 * Follows Decree 30/2020/NĐ-CP (Appendix I): a day below 10 and the months 1 and 2 get a
 * leading zero, so "2021-02-05" → "ngày 05 tháng 02 năm 2021" (prevents "1" being turned into "11").
 */
export function formatDayLong(day: IsoDay): string {
  const { year, month, dayOfMonth } = isoDayParts(day);
  const dd = String(dayOfMonth).padStart(2, "0");
  const mm = month <= 2 ? String(month).padStart(2, "0") : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

/** "2021-08-17" → "17/8" (chart axes, compact tables). */
export function formatDayShort(day: IsoDay): string {
  const { month, dayOfMonth } = isoDayParts(day);
  return `${dayOfMonth}/${month}`;
}
