// Exact integer arithmetic for figures. Counts are JavaScript numbers (safe integers);
// every product of two counts is done in BigInt so that nothing is rounded by binary floating point.

/** True for a non-negative safe integer: a count of phones, installs, venues or scans. */
export function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Throws a RangeError unless `value` is a count (non-negative safe integer). */
export function assertCount(value: number, name: string): void {
  if (!isCount(value)) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/** Throws a RangeError unless `value` is a safe integer (may be negative). */
export function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer, got ${String(value)}`);
  }
}

/** Converts a BigInt result back to a number, refusing anything outside the safe integer range. */
export function toSafeNumber(value: bigint, name = "value"): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${name} is outside the safe integer range: ${value.toString()}`);
  }
  return Number(value);
}

function assertPositiveDivisor(d: bigint): void {
  if (d <= 0n) throw new RangeError(`divisor must be positive, got ${d.toString()}`);
}

/** floor(n / d) for d > 0 (BigInt division truncates toward zero; this rounds toward −∞). */
export function divFloor(n: bigint, d: bigint): bigint {
  assertPositiveDivisor(d);
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/** ceil(n / d) for d > 0. */
export function divCeil(n: bigint, d: bigint): bigint {
  assertPositiveDivisor(d);
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

/**
 * n / d rounded to the nearest integer, halves away from zero (d > 0):
 * 2.5 → 3, −2.5 → −3. For non-negative values this is ordinary "half-up" rounding;
 * for negative values (changes, differences) it is its mirror image, so a change and its
 * reverse always show the same magnitude.
 */
export function divRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  assertPositiveDivisor(d);
  const magnitude = divFloor((n < 0n ? -n : n) * 2n + d, 2n * d);
  return n < 0n ? -magnitude : magnitude;
}
