// Cell values as the download formats write them. Pure functions, unit-tested.

import { VIETNAM_UTC_OFFSET_MS } from "../domain/days.ts";
import { assertSafeInteger } from "../domain/integer.ts";

/**
 * Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"):
 * = + - @ at the start, and tab / carriage return, which some programs skip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe to open in Excel or LibreOffice: when it starts with a formula character
 * it gets a leading single quote (OWASP's advice), so "=HYPERLINK(…)" is shown as text and
 * "-5" typed as a *text* (a note, a name) stays the text "'-5". Numbers are never passed here:
 * a count or a change of −5 is written as the number −5, which no spreadsheet evaluates.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Hundredths of a percent as a plain decimal number of percent, by integer arithmetic so that
 * it shows exactly the rounding the app shows: 5115 → "51.15", 5 → "0.05", -130 → "-1.30".
 */
export function percentText(hundredths: number): string {
  assertSafeInteger(hundredths, "percent hundredths");
  const abs = Math.abs(hundredths);
  return `${hundredths < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * The XLSX value of a rate: the fraction (5115 → 0.5115) that Excel's "0.00%" format shows as
 * 51.15 %. The hundredths are already rounded half-up on the exact ratio, so the displayed value is
 * exactly the app's; the nearest double to 0.5115 is within 1e-16 of it, far from any rounding edge
 * at two decimals of a percent.
 */
export function percentFraction(hundredths: number): number {
  assertSafeInteger(hundredths, "percent hundredths");
  return hundredths / 10_000;
}

/** An instant in Asia/Ho_Chi_Minh as ISO 8601 with its offset: "2021-08-17T08:30:00+07:00". */
export function vietnamIsoInstant(date: Date): string {
  const local = new Date(date.getTime() + VIETNAM_UTC_OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}
