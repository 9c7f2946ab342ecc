// "Who to chase" (issue 16): the wards that have not reported a day, with their chairs, as a
// message to paste into Zalo or an SMS, and the chairs' phone numbers as shown and dialled. Pure.

import { compareIsoDays, dayOfInstant, type IsoDay } from "./days.ts";
import { formatDay } from "./format.ts";
import { formatVietnamClock } from "./instant-format.ts";

/** A stored number ("0912345678", lib/schemas/user.ts) as read aloud: "0912 345 678"; a landline "024 3825 3536". */
export function formatPhone(phone: string): string {
  if (/^0\d{9}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (/^0\d{10}$/.test(phone)) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return phone;
}

/** A `tel:` link in the international form RFC 3966 asks for: "0912345678" → "tel:+84912345678". */
export function telHref(phone: string): string {
  return /^0\d{9,10}$/.test(phone) ? `tel:+84${phone.slice(1)}` : `tel:${phone.replace(/[^\d+]/g, "")}`;
}

/**
 * The days of `day`'s month, up to `day`, on which a ward was due to report: from the first of the
 * month, or from `dueFrom` (the district's first day with figures) when later. Empty when the
 * district had no figures yet.
 */
export function dueDaysOfMonth(day: IsoDay, dueFrom: IsoDay | null): { from: IsoDay; to: IsoDay } | null {
  if (dueFrom === null) return null;
  const monthStart = `${day.slice(0, 7)}-01`;
  const from = compareIsoDays(dueFrom, monthStart) > 0 ? dueFrom : monthStart;
  return compareIsoDays(from, day) > 0 ? null : { from, to: day };
}

export type ChaseWard = { readonly name: string; readonly chairs: readonly string[] };

/**
 * The message to paste: the district, the day (dd/MM/yyyy), how many of its wards have not sent
 * their report, the deadline (passed or not), then one line per ward with its chair(s).
 *
 *   Quận Hoàn Kiếm, báo cáo ngày 14/08/2021: còn 2/18 phường chưa gửi báo cáo (đã quá hạn nộp 10:00 ngày 15/08/2021).
 *   1. Phường Phúc Tân: Nguyễn Văn A
 *   2. Phường Hàng Bồ: chưa có tài khoản chủ tịch phường
 *   Đề nghị các đồng chí gửi báo cáo ngay.
 */
export function chaseListText(input: {
  readonly districtName: string;
  readonly day: IsoDay;
  /** wards due (the district's wards) */
  readonly wardCount: number;
  readonly missing: readonly ChaseWard[];
  readonly dueAt: Date;
  readonly now: Date;
}): string {
  const head = `${input.districtName}, báo cáo ngày ${formatDay(input.day)}`;
  if (input.missing.length === 0) return `${head}: ${input.wardCount}/${input.wardCount} phường đã gửi báo cáo.`;
  const due = `${formatVietnamClock(input.dueAt)} ngày ${formatDay(dayOfInstant(input.dueAt))}`;
  const deadline = input.now.getTime() > input.dueAt.getTime() ? `đã quá hạn nộp ${due}` : `hạn nộp ${due}`;
  const lines = input.missing.map(
    (w, i) => `${i + 1}. ${w.name}: ${w.chairs.length > 0 ? w.chairs.join(", ") : "chưa có tài khoản chủ tịch phường"}`,
  );
  return [
    `${head}: còn ${input.missing.length}/${input.wardCount} phường chưa gửi báo cáo (${deadline}).`,
    ...lines,
    "Đề nghị các đồng chí gửi báo cáo ngay.",
  ].join("\n");
}
