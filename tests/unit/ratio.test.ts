import { describe, expect, it } from "vitest";
import {
  compareRatios,
  compareRatioToBasisPoints,
  isDefinedRatio,
  makeRatio,
  ratioDifferenceHundredths,
  ratioToPercentHundredths,
  sumRatios,
} from "../../lib/domain/ratio.ts";

const r = (num: number, den: number) => ({ num, den });

describe("makeRatio", () => {
  it("builds a ratio of counts", () => {
    expect(makeRatio(77_113, 150_788)).toEqual({ num: 77_113, den: 150_788 });
    expect(makeRatio(0, 0)).toEqual({ num: 0, den: 0 });
  });

  it("refuses negatives, fractions and non-finite values", () => {
    expect(() => makeRatio(-1, 10)).toThrow(RangeError);
    expect(() => makeRatio(1, -10)).toThrow(RangeError);
    expect(() => makeRatio(1.5, 10)).toThrow(RangeError);
    expect(() => makeRatio(Number.NaN, 10)).toThrow(RangeError);
    expect(() => makeRatio(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("isDefinedRatio", () => {
  it("is false only for a zero denominator", () => {
    expect(isDefinedRatio(r(0, 1))).toBe(true);
    expect(isDefinedRatio(r(0, 0))).toBe(false);
    expect(isDefinedRatio(r(5, 0))).toBe(false);
  });
});

describe("compareRatios", () => {
  it("orders rates", () => {
    expect(compareRatios(r(1, 3), r(1, 2))).toBe(-1);
    expect(compareRatios(r(2, 3), r(1, 2))).toBe(1);
    expect(compareRatios(r(0, 5), r(1, 1_000_000))).toBe(-1);
  });

  it("treats equal rates written differently as equal", () => {
    expect(compareRatios(r(1, 2), r(2, 4))).toBe(0);
    expect(compareRatios(r(0, 5), r(0, 7))).toBe(0);
    expect(compareRatios(r(77_113, 150_788), r(154_226, 301_576))).toBe(0);
  });

  it("is exact where floating point is not (cross products ≈ 10^16 > 2^53)", () => {
    const a = r(99_999_999, 100_000_000); // 1 − 1/100.000.000
    const b = r(99_999_998, 99_999_999); // 1 − 1/99.999.999, slightly smaller
    // Both the naive cross products and the float quotients collide:
    expect(99_999_999 * 99_999_999 === 99_999_998 * 100_000_000).toBe(true);
    expect(compareRatios(a, b)).toBe(1);
    expect(compareRatios(b, a)).toBe(-1);
  });

  it("distinguishes rates one step apart near 2^53", () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(compareRatios(r(max - 1, max), r(max - 2, max - 1))).toBe(1);
    expect(compareRatios(r(max - 1, max), r(max - 1, max))).toBe(0);
  });

  it("returns null for an undefined rate (denominator 0)", () => {
    expect(compareRatios(r(0, 0), r(1, 2))).toBeNull();
    expect(compareRatios(r(1, 2), r(3, 0))).toBeNull();
    expect(compareRatios(r(0, 0), r(0, 0))).toBeNull();
  });

  it("refuses invalid ratios", () => {
    expect(() => compareRatios(r(-1, 2), r(1, 2))).toThrow(RangeError);
  });
});

describe("sumRatios", () => {
  it("sums numerators and denominators (never averages rates)", () => {
    const sum = sumRatios([r(1, 2), r(3, 4)]);
    expect(sum).toEqual({ num: 4, den: 6 });
    // the average of 50 % and 75 % would be 62,50 %; the group's rate is 66,67 %
    expect(ratioToPercentHundredths(sum)).toBe(6667);
  });

  it("adds wards into a district", () => {
    const wards = [r(20_000, 40_000), r(30_113, 60_788), r(27_000, 50_000)];
    expect(sumRatios(wards)).toEqual({ num: 77_113, den: 150_788 });
  });

  it("returns 0/0 for nothing and lets 0/0 parts add nothing", () => {
    expect(sumRatios([])).toEqual({ num: 0, den: 0 });
    expect(sumRatios([r(0, 0), r(3, 5)])).toEqual({ num: 3, den: 5 });
  });

  it("refuses a sum beyond the safe integer range", () => {
    expect(() => sumRatios([r(Number.MAX_SAFE_INTEGER, 1), r(1, 1)])).toThrow(RangeError);
  });
});

describe("ratioToPercentHundredths", () => {
  it("rounds half-up on the exact value where floating point rounds down", () => {
    // 10.229 / 20.000 = 51,145 % exactly
    expect(ratioToPercentHundredths(r(10_229, 20_000))).toBe(5115);
    expect((10_229 / 20_000 * 100).toFixed(2)).toBe("51.14"); // the float approach gets it wrong
  });

  it("matches the figures of dispatch 1178/UBND-VHTT", () => {
    expect(ratioToPercentHundredths(r(77_113, 150_788))).toBe(5114); // 51,1407…
    expect(ratioToPercentHundredths(r(3_220_382, 6_844_000))).toBe(4705); // 47,0541…
  });

  it("rounds below the half down and at or above it up", () => {
    expect(ratioToPercentHundredths(r(1, 3))).toBe(3333); // 33,333…
    expect(ratioToPercentHundredths(r(2, 3))).toBe(6667); // 66,666…
    expect(ratioToPercentHundredths(r(1, 20_000))).toBe(1); // 0,005 % → 0,01 %
    expect(ratioToPercentHundredths(r(1, 20_001))).toBe(0); // just under the half
    expect(ratioToPercentHundredths(r(3, 40_000))).toBe(1); // 0,0075 %
    expect(ratioToPercentHundredths(r(1, 8))).toBe(1250);
  });

  it("handles the ends of the range", () => {
    expect(ratioToPercentHundredths(r(0, 10))).toBe(0);
    expect(ratioToPercentHundredths(r(10, 10))).toBe(10_000);
    expect(ratioToPercentHundredths(r(0, 0))).toBeNull();
    expect(ratioToPercentHundredths(r(5, 0))).toBeNull();
  });

  it("stays exact when num × 10.000 exceeds 2^53", () => {
    const m = 10_000_000_000;
    expect(ratioToPercentHundredths(r(10_229 * m, 20_000 * m))).toBe(5115);
  });
});

describe("compareRatioToBasisPoints", () => {
  it("compares a rate with a target exactly", () => {
    expect(compareRatioToBasisPoints(r(3, 5), 6000)).toBe(0);
    expect(compareRatioToBasisPoints(r(77_113, 150_788), 6000)).toBe(-1);
    expect(compareRatioToBasisPoints(r(90_473, 150_788), 6000)).toBe(1);
    expect(compareRatioToBasisPoints(r(90_472, 150_788), 6000)).toBe(-1);
    expect(compareRatioToBasisPoints(r(0, 0), 6000)).toBeNull();
  });
});

describe("ratioDifferenceHundredths", () => {
  it("rounds the exact difference once, halves away from zero", () => {
    expect(ratioDifferenceHundredths(r(10_229, 20_000), r(1, 2))).toBe(115); // +1,145 pp
    expect(ratioDifferenceHundredths(r(1, 2), r(10_229, 20_000))).toBe(-115);
    expect(ratioDifferenceHundredths(r(1, 2), r(2, 4))).toBe(0);
  });

  it("is not the difference of the rounded percentages", () => {
    // 51,144 % (shown 51,14 %) − 50,986 % (shown 50,99 %) = 0,158 pp → 0,16, not 0,15
    expect(ratioDifferenceHundredths(r(51_144, 100_000), r(50_986, 100_000))).toBe(16);
  });

  it("is null when either rate is undefined", () => {
    expect(ratioDifferenceHundredths(r(1, 0), r(1, 2))).toBeNull();
    expect(ratioDifferenceHundredths(r(1, 2), r(0, 0))).toBeNull();
  });
});
