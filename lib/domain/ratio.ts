// Exact rates. A rate is kept as the two integers it is made of (installs / smartphones,
// active venues / registered venues) and only turned into a decimal for display.
//
// A ratio whose denominator is 0 is an *undefined rate* (a ward with 0 smartphones has no
// coverage rate, not 0%): it is not comparable (compareRatios → null), it has no percentage
// (ratioToPercentHundredths → null), and rankings treat it like "no data".

import { assertCount, divRoundHalfAwayFromZero, toSafeNumber } from "./integer.ts";

export type Ratio = { readonly num: number; readonly den: number };

/** Builds a ratio, checking that both parts are counts (non-negative safe integers). */
export function makeRatio(num: number, den: number): Ratio {
  assertCount(num, "ratio numerator");
  assertCount(den, "ratio denominator");
  return { num, den };
}

function assertRatio(r: Ratio): void {
  assertCount(r.num, "ratio numerator");
  assertCount(r.den, "ratio denominator");
}

/** True when the ratio is a rate (denominator > 0). */
export function isDefinedRatio(r: Ratio): boolean {
  assertRatio(r);
  return r.den > 0;
}

/**
 * Exact comparison of a.num/a.den with b.num/b.den by cross-multiplying in BigInt.
 * Returns −1, 0 or 1, or null when either rate is undefined (denominator 0).
 * Equal rates written differently (1/2 and 2/4) compare as 0.
 */
export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 | null {
  assertRatio(a);
  assertRatio(b);
  if (a.den === 0 || b.den === 0) return null;
  // Both products exact in floating point (a product of counts whose rounded value stays below
  // 2^53 is below 2^53, hence exact): compared as numbers; otherwise in BigInt (ADR 028).
  const l = a.num * b.den;
  const r = b.num * a.den;
  if (l <= Number.MAX_SAFE_INTEGER && r <= Number.MAX_SAFE_INTEGER) return l < r ? -1 : l > r ? 1 : 0;
  const left = BigInt(a.num) * BigInt(b.den);
  const right = BigInt(b.num) * BigInt(a.den);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The rate of a group: numerators and denominators are summed (never an average of rates).
 * The empty sum is 0/0 (undefined rate).
 */
export function sumRatios(list: readonly Ratio[]): Ratio {
  let num = 0n;
  let den = 0n;
  for (const r of list) {
    assertRatio(r);
    num += BigInt(r.num);
    den += BigInt(r.den);
  }
  return { num: toSafeNumber(num, "sum of numerators"), den: toSafeNumber(den, "sum of denominators") };
}

/**
 * The rate in hundredths of a percent (= basis points), rounded half-up on the exact value:
 * 10229/20000 = 51,145 % → 5115; 77113/150788 = 51,1407… % → 5114. Null when den = 0.
 */
export function ratioToPercentHundredths(r: Ratio): number | null {
  assertRatio(r);
  if (r.den === 0) return null;
  return toSafeNumber(divRoundHalfAwayFromZero(BigInt(r.num) * 10_000n, BigInt(r.den)));
}

/**
 * Exact comparison of a rate with a target in basis points (6000 = 60,00 %):
 * −1 below, 0 exactly on, 1 above; null when the rate is undefined.
 */
export function compareRatioToBasisPoints(r: Ratio, basisPoints: number): -1 | 0 | 1 | null {
  assertCount(basisPoints, "basisPoints");
  return compareRatios(r, { num: basisPoints, den: 10_000 });
}

/**
 * a − b in hundredths of a percentage point, rounded on the exact difference
 * (halves away from zero). Null when either rate is undefined.
 * 51,14 % vs 50,99 % style values are NOT subtracted after rounding: the exact difference is rounded once.
 */
export function ratioDifferenceHundredths(a: Ratio, b: Ratio): number | null {
  assertRatio(a);
  assertRatio(b);
  if (a.den === 0 || b.den === 0) return null;
  const num = (BigInt(a.num) * BigInt(b.den) - BigInt(b.num) * BigInt(a.den)) * 10_000n;
  return toSafeNumber(divRoundHalfAwayFromZero(num, BigInt(a.den) * BigInt(b.den)));
}
