import { describe, expect, it } from "vitest";
import {
  assertCount,
  divCeil,
  divFloor,
  divRoundHalfAwayFromZero,
  isCount,
  toSafeNumber,
} from "../../lib/domain/integer.ts";

describe("isCount / assertCount", () => {
  it("accepts non-negative safe integers only", () => {
    expect(isCount(0)).toBe(true);
    expect(isCount(150_788)).toBe(true);
    expect(isCount(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isCount(-1)).toBe(false);
    expect(isCount(1.5)).toBe(false);
    expect(isCount(Number.NaN)).toBe(false);
    expect(isCount(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isCount(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
  });

  it("assertCount names the offending value", () => {
    expect(() => assertCount(-3, "installs")).toThrow(/installs/);
    expect(() => assertCount(7, "installs")).not.toThrow();
  });
});

describe("integer division", () => {
  it("divFloor rounds toward −∞", () => {
    expect(divFloor(7n, 2n)).toBe(3n);
    expect(divFloor(-7n, 2n)).toBe(-4n);
    expect(divFloor(6n, 3n)).toBe(2n);
    expect(divFloor(-6n, 3n)).toBe(-2n);
    expect(divFloor(0n, 5n)).toBe(0n);
  });

  it("divCeil rounds toward +∞", () => {
    expect(divCeil(7n, 2n)).toBe(4n);
    expect(divCeil(-7n, 2n)).toBe(-3n);
    expect(divCeil(6n, 3n)).toBe(2n);
    expect(divCeil(904_728_000n, 10_000n)).toBe(90_473n); // 60 % of 150.788 = 90.472,8
  });

  it("divRoundHalfAwayFromZero rounds halves away from zero and the rest to nearest", () => {
    expect(divRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfAwayFromZero(7n, 3n)).toBe(2n);
    expect(divRoundHalfAwayFromZero(8n, 3n)).toBe(3n);
    expect(divRoundHalfAwayFromZero(-7n, 3n)).toBe(-2n);
    expect(divRoundHalfAwayFromZero(-8n, 3n)).toBe(-3n);
    expect(divRoundHalfAwayFromZero(102_290_000n, 20_000n)).toBe(5115n); // 5114,5
  });

  it("refuses a zero or negative divisor", () => {
    expect(() => divFloor(1n, 0n)).toThrow(RangeError);
    expect(() => divCeil(1n, -1n)).toThrow(RangeError);
    expect(() => divRoundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});

describe("toSafeNumber", () => {
  it("converts in range and refuses beyond 2^53 − 1", () => {
    expect(toSafeNumber(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(-42n)).toBe(-42);
    expect(() => toSafeNumber(9_007_199_254_740_992n)).toThrow(RangeError);
    expect(() => toSafeNumber(-9_007_199_254_740_992n)).toThrow(RangeError);
  });
});
