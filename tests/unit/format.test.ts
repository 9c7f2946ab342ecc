import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDay,
  formatDayLong,
  formatDayShort,
  formatPercent,
  formatPercentFromHundredths,
  formatPercentPointChange,
  formatSignedCount,
  figureFormats,
  MISSING_PLACEHOLDER,
  NOT_REPORTED_LABEL,
} from "../../lib/domain/format.ts";

const r = (num: number, den: number) => ({ num, den });

describe("formatCount", () => {
  it("groups thousands with dots", () => {
    expect(formatCount(77_113)).toBe("77.113");
    expect(formatCount(3_220_382)).toBe("3.220.382");
    expect(formatCount(150_788)).toBe("150.788");
    expect(formatCount(206_385)).toBe("206.385");
    expect(formatCount(1_000)).toBe("1.000");
    expect(formatCount(100_000)).toBe("100.000");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(-1_234)).toBe("-1.234");
  });

  it("agrees with ICU vi-VN grouping", () => {
    const icu = new Intl.NumberFormat("vi-VN", { useGrouping: true, maximumFractionDigits: 0 });
    for (const n of [0, 7, 42, 999, 1_000, 14_698, 77_113, 3_220_382, 1_234_567_890, 9_007_199_254_740_991]) {
      expect(formatCount(n)).toBe(icu.format(n));
    }
  });

  it("shows unknown as a placeholder, not 0", () => {
    expect(formatCount(null)).toBe(MISSING_PLACEHOLDER);
    expect(formatCount(null, NOT_REPORTED_LABEL)).toBe("chưa báo cáo");
  });

  it("refuses non-integers", () => {
    expect(() => formatCount(1.5)).toThrow(RangeError);
    expect(() => formatCount(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatSignedCount", () => {
  it("shows the sign of a change", () => {
    expect(formatSignedCount(1_234)).toBe("+1.234");
    expect(formatSignedCount(-1_234)).toBe("-1.234");
    expect(formatSignedCount(0)).toBe("0");
    expect(formatSignedCount(null)).toBe("—");
  });
});

describe("formatPercentFromHundredths", () => {
  it("writes hundredths of a percent with a decimal comma", () => {
    expect(formatPercentFromHundredths(5114)).toBe("51,14%");
    expect(formatPercentFromHundredths(4705)).toBe("47,05%");
    expect(formatPercentFromHundredths(5)).toBe("0,05%");
    expect(formatPercentFromHundredths(50)).toBe("0,50%");
    expect(formatPercentFromHundredths(0)).toBe("0,00%");
    expect(formatPercentFromHundredths(10_000)).toBe("100,00%");
    expect(formatPercentFromHundredths(123_456)).toBe("1.234,56%");
    expect(formatPercentFromHundredths(-130)).toBe("-1,30%");
    expect(formatPercentFromHundredths(null)).toBe("—");
  });
});

describe("formatPercent", () => {
  it("rounds half-up on the exact value: 10.229/20.000 → 51,15%", () => {
    expect(formatPercent(r(10_229, 20_000))).toBe("51,15%");
  });

  it("reproduces the dispatch's percentages", () => {
    expect(formatPercent(r(77_113, 150_788))).toBe("51,14%");
    expect(formatPercent(r(3_220_382, 6_844_000))).toBe("47,05%");
  });

  it("shows 0 % for a real zero and a placeholder for an undefined rate", () => {
    expect(formatPercent(r(0, 50))).toBe("0,00%");
    expect(formatPercent(r(50, 50))).toBe("100,00%");
    expect(formatPercent(r(0, 0))).toBe("—");
    expect(formatPercent(r(3, 0), "n/a")).toBe("n/a");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(null, NOT_REPORTED_LABEL)).toBe("chưa báo cáo");
  });
});

describe("formatPercentPointChange", () => {
  it("shows a signed change in percentage points", () => {
    expect(formatPercentPointChange(25)).toBe("+0,25 điểm %");
    expect(formatPercentPointChange(-130)).toBe("-1,30 điểm %");
    expect(formatPercentPointChange(0)).toBe("0,00 điểm %");
    expect(formatPercentPointChange(null)).toBe("—");
  });
});

describe("day formats", () => {
  it("formatDay writes dd/MM/yyyy", () => {
    expect(formatDay("2021-08-17")).toBe("17/08/2021");
    expect(formatDay("2021-01-05")).toBe("05/01/2021");
  });

  it("formatDayLong writes the date line of a document", () => {
    expect(formatDayLong("2021-08-17")).toBe("ngày 17 tháng 8 năm 2021");
    expect(formatDayLong("2021-10-10")).toBe("ngày 10 tháng 10 năm 2021");
  });

  it("formatDayLong pads days below 10 and months 1–2 (Decree 30/2020/NĐ-CP)", () => {
    expect(formatDayLong("2021-02-05")).toBe("ngày 05 tháng 02 năm 2021");
    expect(formatDayLong("2021-01-31")).toBe("ngày 31 tháng 01 năm 2021");
    expect(formatDayLong("2021-12-01")).toBe("ngày 01 tháng 12 năm 2021");
    expect(formatDayLong("2021-03-09")).toBe("ngày 09 tháng 3 năm 2021");
  });

  it("formatDayShort writes d/M for chart axes", () => {
    expect(formatDayShort("2021-08-17")).toBe("17/8");
    expect(formatDayShort("2021-01-05")).toBe("5/1");
    expect(formatDayShort("2021-12-31")).toBe("31/12");
  });

  it("refuse invalid days", () => {
    expect(() => formatDay("2021-02-30")).toThrow(RangeError);
    expect(() => formatDayLong("2021-8-17")).toThrow(RangeError);
    expect(() => formatDayShort("garbage")).toThrow(RangeError);
  });
});

describe("formatting in English (the interface's second language)", () => {
  it("groups thousands with commas and writes a decimal point", () => {
    expect(formatCount(77113, undefined, "en")).toBe("77,113");
    expect(formatCount(-3220382, undefined, "en")).toBe("-3,220,382");
    expect(formatPercent(r(77113, 150788), undefined, "en")).toBe("51.14%");
    expect(formatPercent(r(10229, 20000), undefined, "en")).toBe("51.15%");
    expect(formatPercentPointChange(-130, undefined, "en")).toBe("-1.30 pp");
  });

  it("keeps a missing value missing and an undefined rate without a value", () => {
    expect(formatCount(null, undefined, "en")).toBe("—");
    expect(formatPercent(r(0, 0), undefined, "en")).toBe("—");
  });

  it("writes days with the month's name, so 08/11 cannot be misread; Vietnamese stays dd/MM/yyyy", () => {
    expect(formatDay("2021-08-17", "en")).toBe("17 Aug 2021");
    expect(formatDay("2021-11-08", "en")).toBe("8 Nov 2021");
    expect(formatDay("2021-08-17")).toBe("17/08/2021");
    expect(formatDayShort("2021-08-17", "en")).toBe("17 Aug");
  });

  it("binds one language's formatters", () => {
    const en = figureFormats("en");
    const vi = figureFormats();
    expect([en.count(77113), en.day("2021-08-17")]).toEqual(["77,113", "17 Aug 2021"]);
    expect([vi.count(77113), vi.percent(r(77113, 150788))]).toEqual(["77.113", "51,14%"]);
  });
});
