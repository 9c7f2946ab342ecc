import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOutlier, doubledMedian, medianAndMad } from "../../lib/domain/robust.ts";

describe("median and MAD, exact on integers", () => {
  it("takes the middle value, or the mean of the two middle ones (kept doubled)", () => {
    expect(doubledMedian([3, 1, 2])).toBe(4);
    expect(doubledMedian([4, 1, 3, 2])).toBe(5);
    expect(() => doubledMedian([])).toThrow(RangeError);
  });

  it("computes the median absolute deviation", () => {
    // median 5; deviations 4,3,0,1,5 → sorted 0,1,3,4,5 → MAD 3
    expect(medianAndMad([1, 2, 5, 6, 10])).toEqual({ median: 5, mad: 3 });
    // median 2.5; deviations 1.5,0.5,0.5,1.5 → MAD 1
    expect(medianAndMad([1, 2, 3, 4])).toEqual({ median: 2.5, mad: 1 });
  });
});

describe("the medians' in-place sort (scratch buffers, ADR 037) against a plain sorted copy", () => {
  const sortedMedian2 = (values: readonly number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? 2 * sorted[mid]! : sorted[mid - 1]! + sorted[mid]!;
  };

  it("gives the same doubled median and MAD for short and long lists, negative and huge values, one after another", () => {
    const value = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }));
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 4 }), (lists) => {
        for (const values of lists) {
          const before = [...values];
          const m2 = sortedMedian2(values);
          expect(doubledMedian(values)).toBe(m2);
          const q = sortedMedian2(values.map((v) => Math.abs(2 * v - m2)));
          expect(medianAndMad(values)).toEqual({ median: m2 / 2, mad: q / 4 });
          expect(values).toEqual(before); // the caller's list is never reordered
        }
      }),
      { numRuns: 300 },
    );
  });

  it("still refuses a value that is not a safe integer, wherever it sits", () => {
    expect(() => doubledMedian([1, 2, 2.5])).toThrow(RangeError);
    expect(() => checkOutlier(1, [...Array.from({ length: 40 }, (_, i) => i), Number.NaN])).toThrow(RangeError);
  });
});

describe("checkOutlier: more than 3 MADs from the median", () => {
  // 14 days around 100 with MAD exactly 10: median 100, deviations 10 or 0.
  const history = [90, 110, 90, 110, 90, 110, 100, 100, 90, 110, 90, 110, 90, 110];

  it("has median 100 and MAD 10 for the fixture", () => {
    expect(medianAndMad(history)).toEqual({ median: 100, mad: 10 });
  });

  it("does not flag a value exactly 3 MADs away (the boundary is not 'more than')", () => {
    expect(checkOutlier(130, history)).toMatchObject({ judged: true, outlier: false });
    expect(checkOutlier(70, history)).toMatchObject({ judged: true, outlier: false });
  });

  it("flags a value just beyond 3 MADs on either side", () => {
    expect(checkOutlier(131, history)).toMatchObject({ judged: true, outlier: true, median: 100, mad: 10 });
    expect(checkOutlier(69, history)).toMatchObject({ judged: true, outlier: true });
  });

  it("decides half-integer medians exactly", () => {
    // median 10.5, deviations |2x-21|/2: 0.5 × 8 and 1.5 × 6 → MAD 0.5 → floored to 1 → limit 13.5
    const h = [10, 11, 10, 11, 10, 11, 10, 11, 9, 12, 9, 12, 9, 12];
    expect(medianAndMad(h).median).toBe(10.5);
    expect(checkOutlier(13, h, { minScalePercentOfMedian: 0 })).toMatchObject({ outlier: false });
    expect(checkOutlier(14, h, { minScalePercentOfMedian: 0 })).toMatchObject({ outlier: true });
  });

  it("uses the mean absolute deviation × 1,2533 when more than half of the history is one value", () => {
    // 7 × 110 and 6 × 90: median 110, MAD 0; mean AD = 6 × 20 / 13 → scale 11,57 → limit ±34,7
    const h = [110, 90, 110, 90, 110, 90, 110, 90, 110, 90, 110, 90, 110];
    expect(medianAndMad(h)).toEqual({ median: 110, mad: 0 });
    expect(checkOutlier(100, h)).toMatchObject({ outlier: false });
    expect(checkOutlier(75, h)).toMatchObject({ outlier: true });
    expect(checkOutlier(76, h)).toMatchObject({ outlier: false });
  });

  it("floors the scale so that a flat history does not flag every small change", () => {
    const flat = Array.from({ length: 14 }, () => 1000);
    // floor: max(1, 2% of 1000 = 20) → limit ±60
    expect(checkOutlier(1060, flat)).toMatchObject({ outlier: false, scale: 20 });
    expect(checkOutlier(1061, flat)).toMatchObject({ outlier: true });
    const flatSmall = Array.from({ length: 14 }, () => 3);
    expect(checkOutlier(6, flatSmall)).toMatchObject({ outlier: false, scale: 1 });
    expect(checkOutlier(7, flatSmall)).toMatchObject({ outlier: true });
  });

  it("does not judge with fewer than 7 days of history", () => {
    expect(checkOutlier(1_000_000, [1, 2, 3, 4, 5, 6])).toEqual({ judged: false });
    expect(checkOutlier(1_000_000, [1, 2, 3, 4, 5, 6, 7])).toMatchObject({ judged: true, outlier: true });
  });

  it("refuses non-integers", () => {
    expect(() => checkOutlier(1.5, history)).toThrow();
  });
});
