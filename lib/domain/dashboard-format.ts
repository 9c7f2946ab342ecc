// Vietnamese wording of the dashboard's derived figures: rank changes, gaps and forecasts.
// Words, not arrows or colours alone, so that a screen reader and a printout say the same.

import type { IsoDay } from "./days.ts";
import { formatCount, formatDay, MISSING_PLACEHOLDER, UNREACHABLE_LABEL } from "./format.ts";

/** +2 → "tăng 2 bậc", −1 → "giảm 1 bậc", 0 → "giữ nguyên", null → "—". */
export function formatRankChange(change: number | null): string {
  if (change === null) return MISSING_PLACEHOLDER;
  if (change === 0) return "giữ nguyên";
  return change > 0 ? `tăng ${formatCount(change)} bậc` : `giảm ${formatCount(-change)} bậc`;
}

/**
 * An amount still needed, with its unit when given: (251, "lượt cài") → "251 lượt cài";
 * 0 → "đã đạt"; unreachable → "không thể vượt". Tables put the unit in the header instead.
 */
export function formatAmountNeeded(amount: number | "unreachable" | null, unit?: string): string {
  if (amount === null) return MISSING_PLACEHOLDER;
  if (amount === "unreachable") return "không thể vượt";
  if (amount === 0) return "đã đạt";
  return unit ? `${formatCount(amount)} ${unit}` : formatCount(amount);
}

/** Days to a target: 20 → "20 ngày (06/09/2021)"; 0 → "đã đạt"; unreachable → "không đạt được". */
export function formatDaysToTarget(days: number | "unreachable" | null, reachDay: IsoDay | null): string {
  if (days === null) return MISSING_PLACEHOLDER;
  if (days === "unreachable") return UNREACHABLE_LABEL;
  if (days === 0) return "đã đạt";
  return reachDay === null ? `${formatCount(days)} ngày` : `${formatCount(days)} ngày (${formatDay(reachDay)})`;
}
