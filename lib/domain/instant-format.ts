// Instants shown to people, in Asia/Ho_Chi_Minh (fixed UTC+7, see days.ts): "09:59 20/08/2021".
// Done by hand so that the server and the browser print the same thing whatever their time zone.

import { dayOfInstant, VIETNAM_UTC_OFFSET_MS } from "./days.ts";
import { formatDay, type FormatLocale } from "./format.ts";

/** "09:59" */
export function formatVietnamClock(date: Date): string {
  const local = new Date(date.getTime() + VIETNAM_UTC_OFFSET_MS);
  return `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
}

/** "09:59 20/08/2021" (en: "09:59, 20 Aug 2021"); the clock of Asia/Ho_Chi_Minh in both. */
export function formatVietnamDateTime(date: Date, locale: FormatLocale = "vi"): string {
  return `${formatVietnamClock(date)}${locale === "en" ? "," : ""} ${formatDay(dayOfInstant(date), locale)}`;
}
