// Small pieces of the alerts' Vietnamese sentences and of the numbers shown behind them.

import { dayOfInstant } from "../days.ts";
import { formatCount, formatDay, formatPercent, MISSING_PLACEHOLDER } from "../format.ts";
import { formatVietnamClock } from "../instant-format.ts";
import type { Ratio } from "../ratio.ts";
import { MESSAGE_KEYS, msg, renderMessage, type Message, type MessageArg, type Translate } from "../message.ts";
import type { FormatLocale } from "../format.ts";
import type { Alert, AlertNumber } from "./types.ts";

const WARD_KINDS = ["Thị trấn", "Phường", "Xã"] as const;

/** A ward's kind: "Phường Phúc Tân" → "phường"; "Xã Minh Phú" → "xã"; a name without one → "phường". */
export function unitKind(name: string): string {
  const kind = WARD_KINDS.find((k) => name.startsWith(`${k} `));
  return (kind ?? "Phường").toLowerCase();
}

export { nameInSentence } from "../unit-wording.ts";

/** "10:00 ngày 16/08/2021" (Asia/Ho_Chi_Minh). */
export function formatInstantInSentence(date: Date): string {
  return `${formatVietnamClock(date)} ngày ${formatDay(dayOfInstant(date))}`;
}

/** A positive duration: 80 → "1 giờ 20 phút", 45 → "45 phút", 1500 → "1 ngày 1 giờ", 0,5 → "dưới 1 phút". */
export function formatMinutes(totalMinutes: number): string {
  if (totalMinutes < 1) return "dưới 1 phút";
  const minutes = Math.floor(totalMinutes);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days > 0 ? `${formatCount(days)} ngày` : "", hours > 0 ? `${hours} giờ` : "", mins > 0 && days === 0 ? `${mins} phút` : ""];
  return parts.filter((p) => p !== "").join(" ");
}

/** The label of a number in the catalogs: domain.alerts.numbers.<key>, unless the rule gives one. */
const numberLabel = (key: string): Message => msg(`domain.alerts.numbers.${key}`);

export function countNumber(key: string, label: string, value: number | null, labelText: Message = numberLabel(key)): AlertNumber {
  return { key, label, value, display: formatCount(value), labelText, shown: { count: value } };
}

export function rateNumber(key: string, label: string, ratio: Ratio | null, labelText: Message = numberLabel(key)): AlertNumber {
  return { key, label, value: null, display: formatPercent(ratio), labelText, shown: { percent: ratio } };
}

/** A number shown as text (a time, a duration, a target): `shown` is the same for the interface. */
export function textNumber(key: string, label: string, display: string | null, shown: MessageArg | null, labelText: Message = numberLabel(key)): AlertNumber {
  return { key, label, value: null, display: display ?? MISSING_PLACEHOLDER, labelText, shown: shown ?? MISSING_PLACEHOLDER };
}

/** A ward's kind as a message: "Xã Minh Phú" → xã / commune; see unitKind. */
export function unitKindText(name: string): Message {
  const kind = WARD_KINDS.find((k) => name.startsWith(`${k} `)) ?? "Phường";
  return msg("domain.alerts.kind", { kind: kind === "Thị trấn" ? "township" : kind === "Xã" ? "commune" : "ward" });
}

/** formatMinutes as a message: parts "1 ngày", "2 giờ", "5 phút" (minutes only under a day), or "dưới 1 phút". */
export function minutesText(totalMinutes: number): Message {
  if (totalMinutes < 1) return msg("domain.alerts.duration.underAMinute");
  const minutes = Math.floor(totalMinutes);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: Message[] = [];
  if (days > 0) parts.push(msg("domain.alerts.duration.days", { n: days, shown: { count: days } }));
  if (hours > 0) parts.push(msg("domain.alerts.duration.hours", { n: hours }));
  if (mins > 0 && days === 0) parts.push(msg("domain.alerts.duration.minutes", { n: mins }));
  return msg("domain.alerts.duration.parts", { parts: { list: parts, join: "space" } });
}

/** A target in basis points as a percentage: 6000 → "60,00%". */
export function formatBasisPoints(basisPoints: number): string {
  return formatPercent({ num: basisPoints, den: 10_000 });
}

/** Capitalises the first letter of a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An alert's sentence for the interface, in `t`'s language, its streak after it (as `message` is for a dispatch). */
export function renderAlertText(alert: Pick<Alert, "text">, t: Translate, locale: FormatLocale): string {
  const sentence = renderMessage(alert.text.sentence, t, locale);
  return alert.text.streak === null ? sentence : `${sentence} ${renderMessage(alert.text.streak, t, locale)}`;
}

/** A number behind an alert for the interface: its label and its value in `t`'s language. */
export function renderAlertNumber(n: AlertNumber, t: Translate, locale: FormatLocale): { label: string; display: string } {
  return { label: renderMessage(n.labelText, t, locale), display: renderMessage(msg(MESSAGE_KEYS.plain, { value: n.shown }), t, locale) };
}
