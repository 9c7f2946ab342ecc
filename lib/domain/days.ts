// Calendar days in Asia/Ho_Chi_Minh.
//
// Vietnam keeps UTC+7 all year: the whole country has used it since 13 June 1975 and has had
// no daylight saving time since, so a fixed +07:00 offset is exact for every date this app
// handles (the 2021 campaign onwards). Using a fixed offset keeps this module free of ICU
// time-zone data and makes it deterministic in any TZ the server runs in.
//
// An IsoDay is a "YYYY-MM-DD" string naming a real calendar date. It is a plain string type (the
// data layer and URL filters pass strings around), so every function here checks its IsoDay
// arguments at run time and throws a RangeError on an invalid one: garbage never becomes a date.
// Build one from untrusted input with parseIsoDay (null when invalid). Because the format is
// zero-padded, IsoDays sort correctly as plain strings.
//
// Date arithmetic is done on "epoch days" (days since 1970-01-01) with Howard Hinnant's
// civil-date algorithms, so it never depends on the host time zone or Date's two-digit-year quirks.

/** "YYYY-MM-DD", a real calendar date (checked at run time by every function that takes one). */
export type IsoDay = string;

const MS_PER_DAY = 86_400_000;
/** Asia/Ho_Chi_Minh offset from UTC in milliseconds (+07:00, no DST). */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

const ISO_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function fromEpochDay(epochDay: number): IsoDay {
  const { y, m, d } = civilFromDays(epochDay);
  if (y < 0 || y > 9999) throw new RangeError(`day is outside years 0000–9999 (epoch day ${epochDay})`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function toEpochDay(day: IsoDay): number {
  const { year, month, dayOfMonth } = isoDayParts(day);
  return daysFromCivil(year, month, dayOfMonth);
}

/** Year, month (1–12) and day of month of an IsoDay; throws a RangeError when it is not one. */
export function isoDayParts(day: IsoDay): { readonly year: number; readonly month: number; readonly dayOfMonth: number } {
  const known = KNOWN_DAYS.get(day);
  if (known !== undefined) return known;
  const parts = matchIsoDay(day);
  if (parts === null) throw new RangeError(`invalid day (expected YYYY-MM-DD): ${JSON.stringify(day)}`);
  // The days checked are few and checked again and again (the alerts of the country check the
  // same 44 days millions of times): remembered, a bounded number of them.
  if (KNOWN_DAYS.size >= KNOWN_DAYS_MAX) KNOWN_DAYS.clear();
  const frozen = Object.freeze(parts);
  KNOWN_DAYS.set(day, frozen);
  return frozen;
}

const KNOWN_DAYS_MAX = 4096;
const KNOWN_DAYS = new Map<string, Readonly<{ year: number; month: number; dayOfMonth: number }>>();

function matchIsoDay(value: unknown): { year: number; month: number; dayOfMonth: number } | null {
  if (typeof value !== "string") return null;
  const match = ISO_DAY_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return null;
  return { year, month, dayOfMonth };
}

/**
 * Strict "YYYY-MM-DD": four-digit year, two-digit month and day, a real calendar date.
 * Rejects 2021-02-30, 2021-8-1, "2021-08-17T00:00", surrounding spaces and non-strings. Null when invalid.
 */
export function parseIsoDay(value: unknown): IsoDay | null {
  return typeof value === "string" && matchIsoDay(value) !== null ? value : null;
}

/** True when `value` is a valid IsoDay. */
export function isIsoDay(value: unknown): value is IsoDay {
  return matchIsoDay(value) !== null;
}

/** parseIsoDay, throwing a RangeError on invalid input. */
export function parseIsoDayOrThrow(value: unknown): IsoDay {
  const day = parseIsoDay(value);
  if (day === null) throw new RangeError(`invalid day (expected YYYY-MM-DD): ${JSON.stringify(value)}`);
  return day;
}

function assertValidDate(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  return ms;
}

/** The calendar day in Asia/Ho_Chi_Minh on which an instant falls. */
export function dayOfInstant(date: Date): IsoDay {
  const ms = assertValidDate(date);
  return fromEpochDay(Math.floor((ms + VIETNAM_UTC_OFFSET_MS) / MS_PER_DAY));
}

/** Today in Asia/Ho_Chi_Minh. */
export function todayInVietnam(now: Date = new Date()): IsoDay {
  return dayOfInstant(now);
}

/**
 * True when a page about `day` may carry news about today (e.g. "Hôm nay còn 18 phường chưa gửi
 * báo cáo"): the page is about today or yesterday in Asia/Ho_Chi_Minh. On a page about 17/8/2021
 * such a banner would be read as about that day.
 */
export function isTodayOrYesterday(day: IsoDay, now: Date = new Date()): boolean {
  const today = todayInVietnam(now);
  return day === today || day === addDays(today, -1);
}

/**
 * The instants a Vietnamese calendar day covers, as a half-open interval [start, end):
 * 2021-08-15 → [2021-08-14T17:00:00Z, 2021-08-15T17:00:00Z). For timestamp queries (scan logs).
 */
export function vietnamDayBounds(day: IsoDay): { start: Date; end: Date } {
  const startMs = toEpochDay(day) * MS_PER_DAY - VIETNAM_UTC_OFFSET_MS;
  return { start: new Date(startMs), end: new Date(startMs + MS_PER_DAY) };
}

/** The day n days after `day` (n may be negative). */
export function addDays(day: IsoDay, n: number): IsoDay {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${String(n)}`);
  return fromEpochDay(toEpochDay(day) + n);
}

/** Whole days from a to b: daysBetween("2021-08-14", "2021-08-17") = 3; negative when b is before a. */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Orders days (−1, 0, 1); usable as an Array.prototype.sort comparator. */
export function compareIsoDays(a: IsoDay, b: IsoDay): -1 | 0 | 1 {
  isoDayParts(a);
  isoDayParts(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function dayRange(from: IsoDay, to: IsoDay): IsoDay[] {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  const days: IsoDay[] = [];
  for (let e = start; e <= end; e++) days.push(fromEpochDay(e));
  return days;
}

/** The Date Prisma uses for a @db.Date column: UTC midnight of that calendar day. */
export function isoDayToUtcDate(day: IsoDay): Date {
  return new Date(toEpochDay(day) * MS_PER_DAY);
}

/**
 * The calendar day of a @db.Date value (a Date at UTC midnight). Throws a RangeError for a Date that
 * is not at UTC midnight: that is an instant, and its day must be taken with dayOfInstant instead.
 */
export function utcDateToIsoDay(date: Date): IsoDay {
  const ms = assertValidDate(date);
  if (ms % MS_PER_DAY !== 0) {
    throw new RangeError(`expected a date at UTC midnight (a @db.Date value), got ${date.toISOString()}; use dayOfInstant for instants`);
  }
  return fromEpochDay(ms / MS_PER_DAY);
}
