// Small pieces of the alerts' Vietnamese sentences and of the numbers shown behind them.

import { dayOfInstant } from "../days.ts";
import { formatCount, formatDay, formatPercent, MISSING_PLACEHOLDER } from "../format.ts";
import { formatVietnamClock } from "../instant-format.ts";
import type { Ratio } from "../ratio.ts";
import type { AlertNumber } from "./types.ts";

const WARD_KINDS = ["Thị trấn", "Phường", "Xã"] as const;
const KINDS = [...WARD_KINDS, "Thị xã", "Thành phố", "Quận", "Huyện"] as const;

/** A ward's kind: "Phường Phúc Tân" → "phường"; "Xã Minh Phú" → "xã"; a name without one → "phường". */
export function unitKind(name: string): string {
  const kind = WARD_KINDS.find((k) => name.startsWith(`${k} `));
  return (kind ?? "Phường").toLowerCase();
}

/**
 * The name inside a sentence, as the dispatch writes it: "Phường Phúc Tân" → "phường Phúc Tân",
 * "Quận Hoàn Kiếm" → "quận Hoàn Kiếm".
 */
export function nameInSentence(name: string): string {
  const kind = KINDS.find((k) => name.startsWith(`${k} `));
  return kind ? `${kind.toLowerCase()}${name.slice(kind.length)}` : name;
}

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

export function countNumber(key: string, label: string, value: number | null): AlertNumber {
  return { key, label, value, display: formatCount(value) };
}

export function rateNumber(key: string, label: string, ratio: Ratio | null): AlertNumber {
  return { key, label, value: null, display: formatPercent(ratio) };
}

export function textNumber(key: string, label: string, display: string | null): AlertNumber {
  return { key, label, value: null, display: display ?? MISSING_PLACEHOLDER };
}

/** A target in basis points as a percentage: 6000 → "60,00%". */
export function formatBasisPoints(basisPoints: number): string {
  return formatPercent({ num: basisPoints, den: 10_000 });
}

/** Capitalises the first letter of a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
