// Robust statistics for data-quality checks: median and median absolute deviation (MAD), computed
// exactly on integers. A median of an even count is a half-integer, so values are kept doubled
// (and the MAD quadrupled) instead of going through floating point: a boundary case such as
// "exactly 3 MADs away" is decided exactly.

import { assertSafeInteger } from "./integer.ts";

/**
 * Scratch space for the medians. The country's alerts call checkOutlier about 1,6 million times a
 * day judged (10.603 wards × 5 fields × 30 history days), each on ~14 values: sorting a copy with a
 * comparator, twice, and the garbage of the copies were a third of the judging (ADR 037). Each call
 * is synchronous and returns before another starts, so two module-level buffers can be reused.
 */
let scratchValues = new Float64Array(64);
let scratchDeviations = new Float64Array(64);

function ensureScratch(n: number): void {
  if (scratchValues.length >= n) return;
  scratchValues = new Float64Array(n * 2);
  scratchDeviations = new Float64Array(n * 2);
}

/** Sorts buffer[0, n) ascending: insertion sort for the short series the checks use, else the typed array's numeric sort. */
function sortPrefix(buffer: Float64Array, n: number): void {
  if (n > 32) {
    buffer.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = buffer[i] as number;
    let j = i - 1;
    while (j >= 0 && (buffer[j] as number) > x) {
      buffer[j + 1] = buffer[j] as number;
      j--;
    }
    buffer[j + 1] = x;
  }
}

/** 2 × the median of buffer[0, n), n > 0, which it sorts in place. */
function doubledMedianInPlace(buffer: Float64Array, n: number): number {
  sortPrefix(buffer, n);
  const mid = n >> 1;
  const upper = buffer[mid] as number;
  return n % 2 === 1 ? 2 * upper : (buffer[mid - 1] as number) + upper;
}

/** Copies `values` into the values scratch, checking each is a safe integer. */
function loadValues(values: readonly number[]): Float64Array {
  ensureScratch(values.length);
  const buffer = scratchValues;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isSafeInteger(v)) assertSafeInteger(v, "value");
    buffer[i] = v;
  }
  return buffer;
}

/** 2 × the median of integers (an integer even when the median is x.5); throws on an empty list. */
export function doubledMedian(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  return doubledMedianInPlace(loadValues(values), values.length);
}

export type MadSummary = {
  /** the median, possibly x.5 */
  readonly median: number;
  /** the median absolute deviation from the median, possibly x.25, x.5 or x.75 */
  readonly mad: number;
};

export function medianAndMad(values: readonly number[]): MadSummary {
  const m2 = doubledMedian(values);
  const deviations2 = scratchDeviations;
  for (let i = 0; i < values.length; i++) deviations2[i] = Math.abs(2 * (values[i] as number) - m2);
  const q = doubledMedianInPlace(deviations2, values.length);
  return { median: m2 / 2, mad: q / 4 };
}

export type OutlierOptions = {
  /** how many MADs away counts as unusual ("more than k"): default 3 */
  readonly k?: number;
  /** fewer history values than this: no judgement (default 7) */
  readonly minHistory?: number;
  /** the scale used is at least this many units (default 1), so a flat history does not flag every change */
  readonly minScale?: number;
  /** … and at least this percentage of |median| (default 2) */
  readonly minScalePercentOfMedian?: number;
};

export type OutlierResult =
  | { readonly judged: false }
  | { readonly judged: true; readonly outlier: boolean; readonly median: number; readonly mad: number; readonly scale: number };

/** A non-negative rational num/den (den > 0), compared exactly. */
type Fraction = { num: bigint; den: bigint };
const larger = (a: Fraction, b: Fraction): Fraction => (a.num * b.den >= b.num * a.den ? a : b);

/** Iglewicz & Hoaglin's factor for the mean absolute deviation when the MAD is 0 (1,253314). */
const MEAN_AD_FACTOR = { num: 1_253_314n, den: 1_000_000n };
const MEAN_AD_NUM = 1_253_314;
const MEAN_AD_DEN = 1_000_000;

/**
 * Is `value` more than k × scale from the median of `history`? The scale is the MAD; when more than
 * half of the history is one value (MAD = 0) it is the mean absolute deviation × 1,2533 instead
 * (Iglewicz & Hoaglin's modified z-score); either way at least `minScale` units and a percentage of
 * the median, so that a perfectly regular history does not turn a change of one into a warning.
 * Exactly k × scale away is not an outlier; anything beyond is. Integers in, exact decisions.
 */
export function checkOutlier(value: number, history: readonly number[], options: OutlierOptions = {}): OutlierResult {
  const k = options.k ?? 3;
  const minHistory = options.minHistory ?? 7;
  const minScale = options.minScale ?? 1;
  const pct = options.minScalePercentOfMedian ?? 2;
  assertSafeInteger(value, "value");
  if (history.length < Math.max(1, minHistory)) return { judged: false };
  const n = history.length;
  const m2 = doubledMedian(history);
  const deviations2 = scratchDeviations; // 2 × |x − median|, in no particular order once sorted for its median
  for (let i = 0; i < n; i++) deviations2[i] = Math.abs(2 * (history[i] as number) - m2);
  const q = doubledMedianInPlace(deviations2, n); // 4 × MAD
  const inNumbers = outlierInNumbers(value, n, m2, q, deviations2, k, minScale, pct);
  if (inNumbers !== null) return inNumbers;
  let scale: Fraction;
  if (q > 0) {
    scale = { num: BigInt(q), den: 4n };
  } else {
    let sum2 = 0n; // 2 × Σ|x − median|
    for (let i = 0; i < n; i++) sum2 += BigInt(deviations2[i] as number);
    scale = { num: sum2 * MEAN_AD_FACTOR.num, den: 2n * BigInt(n) * MEAN_AD_FACTOR.den };
  }
  scale = larger(scale, { num: BigInt(minScale), den: 1n });
  scale = larger(scale, { num: BigInt(Math.abs(m2)) * BigInt(pct), den: 200n });
  // |value − median| > k × scale  ⟺  |2·value − m2| × den > 2k × num
  const dev2 = BigInt(Math.abs(2 * value - m2));
  const outlier = dev2 * scale.den > 2n * BigInt(k) * scale.num;
  return { judged: true, outlier, median: m2 / 2, mad: q / 4, scale: Number(scale.num) / Number(scale.den) };
}

/** a × b when exact in floating point (integers whose rounded product stays within ±(2^53 − 1)), else NaN. */
function exactProduct(a: number, b: number): number {
  const p = a * b;
  return Math.abs(p) <= Number.MAX_SAFE_INTEGER ? p : Number.NaN;
}

/**
 * checkOutlier's decision with every product and sum in plain numbers, when each is exact (the
 * usual case: counts of a ward); null when one would leave the safe integers or an option is not
 * an integer: the BigInt path then decides (and throws where BigInt does). The same fractions,
 * the same comparisons, so the same result (ADR 028: the country's 10.603 wards run it ~50.000
 * times a day judged, and BigInt was most of its cost).
 */
function outlierInNumbers(
  value: number,
  n: number,
  m2: number,
  q: number,
  deviations2: Float64Array,
  k: number,
  minScale: number,
  pct: number,
): OutlierResult | null {
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(minScale) || !Number.isSafeInteger(pct)) return null;
  let num: number;
  let den: number;
  if (q > 0) {
    num = q;
    den = 4;
  } else {
    let sum2 = 0;
    // The sum's order does not change the verdict: every term is ≥ 0, so some partial sum passes the
    // limit exactly when the whole does, and below it every partial sum is exact.
    for (let i = 0; i < n; i++) {
      sum2 += deviations2[i] as number;
      if (sum2 > Number.MAX_SAFE_INTEGER) return null;
    }
    num = exactProduct(sum2, MEAN_AD_NUM);
    den = exactProduct(exactProduct(2, n), MEAN_AD_DEN);
    if (Number.isNaN(num) || Number.isNaN(den)) return null;
  }
  // larger(scale, minScale / 1), then larger(scale, |m2| × pct / 200): the scale itself when ≥.
  const minTimesDen = exactProduct(minScale, den);
  if (Number.isNaN(minTimesDen)) return null;
  if (!(num >= minTimesDen)) {
    num = minScale;
    den = 1;
  }
  const pctNum = exactProduct(Math.abs(m2), pct);
  const left = exactProduct(num, 200);
  const right = exactProduct(pctNum, den);
  if (Number.isNaN(left) || Number.isNaN(right)) return null;
  if (!(left >= right)) {
    num = pctNum;
    den = 200;
  }
  const dev2 = Math.abs(2 * value - m2);
  const lhs = exactProduct(dev2, den);
  const rhs = exactProduct(exactProduct(2, k), num);
  if (Number.isNaN(lhs) || Number.isNaN(rhs)) return null;
  return { judged: true, outlier: lhs > rhs, median: m2 / 2, mad: q / 4, scale: num / den };
}
