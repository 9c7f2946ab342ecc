// Parsing of the values found in import files: instants with an offset, calendar days and counts.
// Pure and allocation-free on the hot path (a scan log has millions of instants): no Date, no regex.
//
// Days are "epoch days" (days since 1970-01-01) while a file is read, and IsoDay strings at the
// edges (SQL parameters, messages).

import { isoDayToUtcDate, parseIsoDay, type IsoDay } from "../domain/days.ts";

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function epochDayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The IsoDay of an epoch day. */
export function isoDayOfEpochDay(epochDay: number): IsoDay {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The epoch day of an IsoDay. */
export function epochDayOfIsoDay(day: IsoDay): number {
  return isoDayToUtcDate(day).getTime() / MS_PER_DAY;
}

/** Value of the ASCII digit at `i`, or -1. */
function digit(b: Uint8Array, i: number): number {
  const c = (b[i] ?? 0) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function digits(b: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(b, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Returned by parseInstantBytes for a value that is not `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`. */
export const INSTANT_BAD_FORMAT = -1;
/** … for a date and time without an offset (its day would be a guess). */
export const INSTANT_NO_OFFSET = -2;
/** … for a date or time that does not exist (31/6, 25:00) or a year outside 2000–2099. */
export const INSTANT_OUT_OF_RANGE = -3;

/**
 * The calendar day in Asia/Ho_Chi_Minh (as an epoch day) of an ISO 8601 instant with an explicit
 * offset, read from bytes [start, end): `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM|±HHMM|±HH)`,
 * "T" may be a space. 2021-08-14T23:59:59+07:00 is on 14/8; 2021-08-14T17:00:00Z is on 15/8.
 * Returns a negative INSTANT_* code when the value is refused. No allocation: called per scan.
 */
export function parseInstantBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  const y = digits(b, start, 4);
  const mo = digits(b, start + 5, 2);
  const d = digits(b, start + 8, 2);
  const dateOk = n >= 10 && y >= 0 && mo >= 0 && d >= 0 && b[start + 4] === 45 && b[start + 7] === 45;
  if (n < 16) return dateOk && n === 10 ? INSTANT_NO_OFFSET : INSTANT_BAD_FORMAT;
  const sep = b[start + 10];
  const h = digits(b, start + 11, 2);
  const mi = digits(b, start + 14, 2);
  if (!dateOk || h < 0 || mi < 0 || (sep !== 84 && sep !== 32 && sep !== 116) || b[start + 13] !== 58) return INSTANT_BAD_FORMAT;
  let i = start + 16;
  let sec = 0;
  if (i < end && b[i] === 58) {
    sec = digits(b, i + 1, 2);
    if (sec < 0 || i + 3 > end) return INSTANT_BAD_FORMAT;
    i += 3;
    if (i < end && (b[i] === 46 || b[i] === 44)) {
      // A fraction of a second cannot move the instant to another day: skip it.
      i += 1;
      const from = i;
      while (i < end && digit(b, i) >= 0) i += 1;
      if (i === from) return INSTANT_BAD_FORMAT;
    }
  }
  if (i >= end) return INSTANT_NO_OFFSET;
  let offsetMinutes: number;
  const z = b[i];
  if (z === 90 || z === 122) {
    if (i + 1 !== end) return INSTANT_BAD_FORMAT;
    offsetMinutes = 0;
  } else if (z === 43 || z === 45) {
    const oh = digits(b, i + 1, 2);
    let om: number;
    if (end === i + 6 && b[i + 3] === 58) om = digits(b, i + 4, 2);
    else if (end === i + 5) om = digits(b, i + 3, 2);
    else if (end === i + 3) om = 0;
    else return INSTANT_BAD_FORMAT;
    if (oh < 0 || om < 0) return INSTANT_BAD_FORMAT;
    if (oh > 14 || om > 59) return INSTANT_OUT_OF_RANGE;
    offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return INSTANT_BAD_FORMAT;
  }
  if (y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) {
    return INSTANT_OUT_OF_RANGE;
  }
  // Minutes since the start of the local date, moved to Vietnam time (UTC+7 = +420 minutes).
  const minutes = h * 60 + mi - offsetMinutes + 420;
  return epochDayOf(y, mo, d) + Math.floor(minutes / 1440);
}

const encoder = new TextEncoder();

/** parseInstantBytes for a string. */
export function parseInstant(s: string): number {
  const b = encoder.encode(s);
  return parseInstantBytes(b, 0, b.length);
}

/** A strict "YYYY-MM-DD" calendar day as an epoch day, or null. */
export function parseDayValue(s: string): number | null {
  const day = parseIsoDay(s);
  return day === null ? null : epochDayOfIsoDay(day);
}

/** A count written as plain digits (no sign, no separators), up to 2.147.483.647; null otherwise. */
export function parseCountValue(s: string): number | null {
  const n = s.length;
  if (n === 0 || n > 10) return null;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return v <= 2_147_483_647 ? v : null;
}
