import { formatCount } from "@/lib/domain/format";

// Axis ticks are positions on a scale, not figures an official signs: they are drawn from floats.
// Still printed the Vietnamese way (dots for thousands, a comma for decimals).

export function formatAxisNumber(n: number): string {
  if (Number.isSafeInteger(n)) return formatCount(n);
  const [whole = "0", frac = ""] = Math.abs(n).toFixed(1).split(".");
  return `${n < 0 ? "-" : ""}${formatCount(Number(whole))},${frac}`;
}

export function formatAxisPercent(n: number): string {
  return `${formatAxisNumber(n)}%`;
}
