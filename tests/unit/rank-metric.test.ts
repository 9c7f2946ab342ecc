import { describe, expect, it } from "vitest";
import { amountToPass, formatMetricValue, isRankMetric, metricChartNumber, metricValue } from "../../lib/domain/rank-metric.ts";
import { fig } from "./dashboard-fixtures.ts";

describe("metricValue", () => {
  const f = fig({ smartphones: 150_788, installs: 77_113, qrVenues: 48, activeVenues: 0, scans: 0 });

  it("gives the exact rate or the count the ranking uses", () => {
    expect(metricValue(f, "coverage")).toEqual({ num: 77_113, den: 150_788 });
    expect(metricValue(f, "qrActive")).toEqual({ num: 0, den: 48 });
    expect(metricValue(f, "installs")).toBe(77_113);
    expect(metricValue(f, "scans")).toBe(0); // a reported zero stays a zero
  });

  it("is null for a unit with no report, an unknown field, or 0 smartphones", () => {
    expect(metricValue(null, "coverage")).toBeNull();
    expect(metricValue(fig({ installs: 5 }), "scans")).toBeNull();
    expect(metricValue(fig({ smartphones: 0, installs: 0 }), "coverage")).toBeNull();
  });
});

describe("formatMetricValue / metricChartNumber", () => {
  it("prints rates half-up on the exact value and counts with dots", () => {
    expect(formatMetricValue({ num: 10_229, den: 20_000 })).toBe("51,15%"); // 51,145 % → 51,15 %
    expect(formatMetricValue({ num: 77_113, den: 150_788 })).toBe("51,14%");
    expect(formatMetricValue(3_220_382)).toBe("3.220.382");
    expect(formatMetricValue(null)).toBe("—");
  });

  it("draws a rate at the same two decimals its label shows", () => {
    expect(metricChartNumber({ num: 10_229, den: 20_000 })).toBe(51.15);
    expect(metricChartNumber(1234)).toBe(1234);
    expect(metricChartNumber({ num: 0, den: 0 })).toBeNull();
    expect(metricChartNumber(null)).toBeNull();
  });
});

describe("amountToPass", () => {
  it("coverage: installs to rank strictly above, denominator held fixed", () => {
    // 500/1000 must beat 750/1000: 751 installs, 251 more
    expect(amountToPass(fig({ installs: 500, smartphones: 1000 }), fig({ installs: 750, smartphones: 1000 }), "coverage")).toBe(251);
    // 1000/2000 must beat 75 %: 1501 installs, 501 more
    expect(amountToPass(fig({ installs: 1000, smartphones: 2000 }), fig({ installs: 750, smartphones: 1000 }), "coverage")).toBe(501);
    // a tie needs one more install, not zero
    expect(amountToPass(fig({ installs: 1, smartphones: 2 }), fig({ installs: 2, smartphones: 4 }), "coverage")).toBe(1);
  });

  it("qrActive: venues with scans, unreachable beyond the registered venues", () => {
    expect(amountToPass(fig({ activeVenues: 3, qrVenues: 10 }), fig({ activeVenues: 5, qrVenues: 10 }), "qrActive")).toBe(3);
    expect(amountToPass(fig({ activeVenues: 0, qrVenues: 2 }), fig({ activeVenues: 10, qrVenues: 10 }), "qrActive")).toBe("unreachable");
  });

  it("counts: the difference plus one; 0 when already ahead; null when unknown", () => {
    expect(amountToPass(fig({ installs: 100 }), fig({ installs: 150 }), "installs")).toBe(51);
    expect(amountToPass(fig({ scans: 7 }), fig({ scans: 7 }), "scans")).toBe(1);
    expect(amountToPass(fig({ scans: 9 }), fig({ scans: 7 }), "scans")).toBe(0);
    expect(amountToPass(fig({ scans: null }), fig({ scans: 7 }), "scans")).toBeNull();
  });
});

describe("isRankMetric", () => {
  it("accepts only the four metrics", () => {
    expect(["coverage", "installs", "qrActive", "scans"].every(isRankMetric)).toBe(true);
    expect(isRankMetric("rate")).toBe(false);
    expect(isRankMetric(undefined)).toBe(false);
  });
});
