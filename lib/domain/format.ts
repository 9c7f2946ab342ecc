// Formatting of figures for people. Vietnamese (the default): thousands with dots (3.220.382),
// decimals with a comma (47,05%), dates dd/MM/yyyy. English (the interface's second language):
// thousands with commas (3,220,382), a decimal point (47.05%), dates "17 Aug 2021" (a month name,
// because 08/11/2021 reads as 11 August to some English readers and 8 November to others).
// Grouping and rounding are done by hand on integers, so the output does not depend on the ICU
// data of the Node build and never goes through floating point. Days stay Asia/Ho_Chi_Minh days
// whatever the language. Official documents always use Vietnamese (the default).

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

/** The languages figures are written in (the interface's, i18n/locales.ts; kept here so lib/domain stays pure). */
export type FormatLocale = "vi" | "en";

/** Thousands separator and decimal mark of each language. */
const SEPARATORS: { readonly [L in FormatLocale]: { readonly group: string; readonly decimal: string } } = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

/** English month abbreviations (dates are "17 Aug 2021" in English). */
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export function groupThousands(digits: string, locale: FormatLocale = "vi"): string {
  // A string of decimal digits (String of a non-negative safe integer), grouped from the right;
  // a loop rather than a regular expression: the country's alerts format ~200.000 counts (ADR 028).
  const n = digits.length;
  if (n <= 3) return digits;
  const group = SEPARATORS[locale].group;
  let first = n % 3;
  if (first === 0) first = 3;
  let out = digits.slice(0, first);
  for (let i = first; i < n; i += 3) out += group + digits.slice(i, i + 3);
  return out;
}

/** 77113 → "77.113" (en: "77,113"); −1234 → "-1.234"; null → placeholder (default "—"). Integers only. */
export function formatCount(value: number | null, placeholder: string = MISSING_PLACEHOLDER, locale: FormatLocale = "vi"): string {
  if (value === null) return placeholder;
  assertSafeInteger(value, "count");
  const sign = value < 0 ? "-" : "";
  return sign + groupThousands(String(Math.abs(value)), locale);
}

/** +1234 → "+1.234"; −1234 → "-1.234"; 0 → "0"; null → placeholder. */
export function formatSignedCount(value: number | null, placeholder: string = MISSING_PLACEHOLDER, locale: FormatLocale = "vi"): string {
  if (value === null) return placeholder;
  return (value > 0 ? "+" : "") + formatCount(value, placeholder, locale);
}

function formatHundredths(value: number, locale: FormatLocale = "vi"): string {
  assertSafeInteger(value, "hundredths");
  const abs = Math.abs(value);
  const whole = groupThousands(String(Math.floor(abs / 100)), locale);
  const frac = String(abs % 100).padStart(2, "0");
  return `${value < 0 ? "-" : ""}${whole}${SEPARATORS[locale].decimal}${frac}`;
}

/** Hundredths of a percent as a percentage: 5114 → "51,14%" (en: "51.14%"); 5 → "0,05%"; null → placeholder. */
export function formatPercentFromHundredths(value: number | null, placeholder: string = MISSING_PLACEHOLDER, locale: FormatLocale = "vi"): string {
  if (value === null) return placeholder;
  return `${formatHundredths(value, locale)}%`;
}

/**
 * A rate as a percentage, rounded half-up on the exact value: 10229/20000 → "51,15%",
 * 77113/150788 → "51,14%" (en: "51.14%"). Null or a 0 denominator (undefined rate) → placeholder.
 */
export function formatPercent(ratio: Ratio | null, placeholder: string = MISSING_PLACEHOLDER, locale: FormatLocale = "vi"): string {
  if (ratio === null) return placeholder;
  return formatPercentFromHundredths(ratioToPercentHundredths(ratio), placeholder, locale);
}

/**
 * A change of a rate, in hundredths of a percentage point, with its sign and the unit
 * "điểm %" (en: "pp"): 25 → "+0,25 điểm %"; −130 → "-1,30 điểm %"; 0 → "0,00 điểm %".
 */
export function formatPercentPointChange(value: number | null, placeholder: string = MISSING_PLACEHOLDER, locale: FormatLocale = "vi"): string {
  if (value === null) return placeholder;
  return `${value > 0 ? "+" : ""}${formatHundredths(value, locale)} ${locale === "en" ? "pp" : "điểm %"}`;
}

/** "2021-08-17" → "17/08/2021" (en: "17 Aug 2021"). */
export function formatDay(day: IsoDay, locale: FormatLocale = "vi"): string {
  const { year, month, dayOfMonth } = isoDayParts(day);
  if (locale === "en") return `${dayOfMonth} ${EN_MONTHS[month - 1] ?? String(month)} ${String(year).padStart(4, "0")}`;
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

/** "2021-08-17" → "17/8" (en: "17 Aug"; chart axes, compact tables). */
export function formatDayShort(day: IsoDay, locale: FormatLocale = "vi"): string {
  const { month, dayOfMonth } = isoDayParts(day);
  if (locale === "en") return `${dayOfMonth} ${EN_MONTHS[month - 1] ?? String(month)}`;
  return `${dayOfMonth}/${month}`;
}

/**
 * The formatters of one language, bound: a page does `const f = figureFormats(locale)` once and
 * writes `f.count(x)`, `f.percent(r)`, `f.day(d)`.
 */
export function figureFormats(locale: FormatLocale = "vi") {
  return {
    locale,
    count: (value: number | null, placeholder?: string) => formatCount(value, placeholder, locale),
    signedCount: (value: number | null, placeholder?: string) => formatSignedCount(value, placeholder, locale),
    percent: (ratio: Ratio | null, placeholder?: string) => formatPercent(ratio, placeholder, locale),
    percentFromHundredths: (value: number | null, placeholder?: string) => formatPercentFromHundredths(value, placeholder, locale),
    percentPointChange: (value: number | null, placeholder?: string) => formatPercentPointChange(value, placeholder, locale),
    day: (day: IsoDay) => formatDay(day, locale),
    dayShort: (day: IsoDay) => formatDayShort(day, locale),
  };
}

export type FigureFormats = ReturnType<typeof figureFormats>;
