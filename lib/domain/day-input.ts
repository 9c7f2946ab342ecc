// A day typed by a person, in Vietnamese order: dd/MM/yyyy ("17/08/2021"; "17/8/2021",
// "17-08-2021" and "17.08.2021" are accepted too), whatever the browser's locale. The date field
// (components/ui/date-field.tsx) shows and reads this text and submits the IsoDay, so URLs keep
// ?day=YYYY-MM-DD. Pure: no framework, no clock.

import { addDays, compareIsoDays, isIsoDay, type IsoDay } from "./days.ts";
import { formatDay } from "./format.ts";

export type DayInputResult = { readonly ok: true; readonly day: IsoDay } | { readonly ok: false; readonly message: string };

/** What the field expects, for hints and placeholders. */
export const DAY_INPUT_FORMAT = "ngày/tháng/năm";
export const DAY_INPUT_EXAMPLE = "17/08/2021";

const PATTERN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** The text a date field shows for a day: "2021-08-17" → "17/08/2021". */
export function formatDayInput(day: IsoDay): string {
  return formatDay(day);
}

/**
 * Reads "dd/MM/yyyy" (one- or two-digit day and month; "/", "-" or "." between) as an IsoDay,
 * checking that the date exists and, when given, lies within [min, max]. Every refusal says what is
 * wrong in Vietnamese: "31/02/2021" is "Tháng 2 năm 2021 không có ngày 31".
 */
export function parseDayInput(text: string, bounds: { min?: IsoDay; max?: IsoDay } = {}): DayInputResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: `Hãy nhập ngày theo dạng ${DAY_INPUT_FORMAT}, ví dụ ${DAY_INPUT_EXAMPLE}.` };
  const match = PATTERN.exec(trimmed);
  if (!match) {
    return { ok: false, message: `"${trimmed}" không phải là ngày theo dạng ${DAY_INPUT_FORMAT} (ví dụ ${DAY_INPUT_EXAMPLE}).` };
  }
  const dayOfMonth = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  if (month < 1 || month > 12) return { ok: false, message: `Tháng phải từ 1 đến 12 (đã nhập tháng ${month}).` };
  if (year < 1000) return { ok: false, message: `Năm phải có 4 chữ số (đã nhập ${match[3]}).` };
  const day = `${match[3]}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
  if (dayOfMonth < 1 || !isIsoDay(day)) {
    return { ok: false, message: `Tháng ${month} năm ${year} không có ngày ${dayOfMonth}.` };
  }
  if (bounds.min && compareIsoDays(day, bounds.min) < 0) {
    return { ok: false, message: `Ngày ${formatDay(day)} sớm hơn ngày đầu tiên có thể chọn (${formatDay(bounds.min)}).` };
  }
  if (bounds.max && compareIsoDays(day, bounds.max) > 0) {
    return { ok: false, message: `Ngày ${formatDay(day)} muộn hơn ngày cuối cùng có thể chọn (${formatDay(bounds.max)}).` };
  }
  return { ok: true, day };
}

/** The day before or after `day` (step −1 or +1), or null when it would leave [min, max]. */
export function stepDay(day: IsoDay, step: -1 | 1, bounds: { min?: IsoDay; max?: IsoDay } = {}): IsoDay | null {
  const next = addDays(day, step);
  if (bounds.min && compareIsoDays(next, bounds.min) < 0) return null;
  if (bounds.max && compareIsoDays(next, bounds.max) > 0) return null;
  return next;
}
