// Rankings of units by an exact value, descending, with competition ranking (1, 2, 2, 4).
//
// A unit whose value is null (no report that day) or an undefined rate (denominator 0) is not
// ranked: its rank is null and it is listed after every ranked unit ("chưa báo cáo"), never as 0.

import type { Ratio } from "./ratio.ts";
import { compareRatios } from "./ratio.ts";

export type RankValue = Ratio | number | null;

export type RankedItem<T> = {
  readonly item: T;
  /** 1 = best; null = not ranked (no value). */
  readonly rank: number | null;
  /** The value ranked on, or null when the unit is not ranked (den-0 ratios become null). */
  readonly value: Ratio | number | null;
};

export type RankOptions<T> = {
  /**
   * Orders units that tie (and the unranked ones) among themselves, e.g. by unit name.
   * Compared with Vietnamese collation. Without it, input order is kept.
   */
  readonly secondaryKey?: (item: T) => string;
};

const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "variant" });

function normalise(value: RankValue): Ratio | number | null {
  if (value === null) return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`rank value must be finite, got ${String(value)}`);
    return value;
  }
  return value.den === 0 ? null : value;
}

function compareValues(a: Ratio | number, b: Ratio | number): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a !== "number" && typeof b !== "number") return compareRatios(a, b) ?? 0;
  throw new TypeError("rankUnits: cannot compare a ratio with a number");
}

/**
 * Ranks `items` by `value`, best (largest) first. Equal values (exactly equal: ratios are compared
 * by cross-multiplying) share a rank and the next rank skips: 1, 2, 2, 4. Items without a value
 * follow, with rank null. Ties and unranked items are ordered by `secondaryKey`, else by input order.
 */
export function rankUnits<T>(
  items: readonly T[],
  value: (item: T) => RankValue,
  options: RankOptions<T> = {},
): RankedItem<T>[] {
  const { secondaryKey } = options;
  const entries = items.map((item, index) => ({
    item,
    index,
    value: normalise(value(item)),
    key: secondaryKey ? secondaryKey(item) : "",
  }));
  const bySecondary = (a: (typeof entries)[number], b: (typeof entries)[number]): number =>
    (secondaryKey ? collator.compare(a.key, b.key) : 0) || a.index - b.index;

  const kinds = new Set(entries.flatMap((e) => (e.value === null ? [] : [typeof e.value])));
  if (kinds.size > 1) throw new TypeError("rankUnits: values mix ratios and numbers; rank on one kind of value");

  entries.sort((a, b) => {
    if (a.value === null && b.value === null) return bySecondary(a, b);
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return compareValues(b.value, a.value) || bySecondary(a, b);
  });

  const ranked: RankedItem<T>[] = [];
  for (const [position, entry] of entries.entries()) {
    if (entry.value === null) {
      ranked.push({ item: entry.item, rank: null, value: null });
      continue;
    }
    const before = ranked[position - 1];
    const tiesWithBefore =
      before !== undefined && before.value !== null && compareValues(entry.value, before.value) === 0;
    const rank = tiesWithBefore && before.rank !== null ? before.rank : position + 1;
    ranked.push({ item: entry.item, rank, value: entry.value });
  }
  return ranked;
}

/**
 * How many places a unit moved between an earlier ranking and today's: positive = moved up
 * (rank 5 → 3 is +2), negative = moved down. Null when either rank is missing.
 */
export function rankChange(todayRank: number | null, earlierRank: number | null): number | null {
  if (todayRank === null || earlierRank === null) return null;
  return earlierRank - todayRank;
}
