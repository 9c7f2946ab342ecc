import { describe, expect, it } from "vitest";
import {
  changeVsPrevious,
  coverageRate,
  dailyNewInstalls,
  type DayValue,
  daysToTarget,
  installsToPass,
  installsToTarget,
  paceRounded,
  paceToNumber,
  qrActiveRate,
  rateChangeVsPrevious,
  sevenDayAverage,
} from "../../lib/domain/metrics.ts";
import { formatPercent } from "../../lib/domain/format.ts";
import type { Ratio } from "../../lib/domain/ratio.ts";

describe("coverageRate / qrActiveRate", () => {
  it("is installs / smartphones", () => {
    const rate = coverageRate({ installs: 77_113, smartphones: 150_788 });
    expect(rate).toEqual({ num: 77_113, den: 150_788 });
    expect(formatPercent(rate)).toBe("51,14%");
  });

  it("is a real 0 % for 0 installs, but null for 0 smartphones or an unknown part", () => {
    expect(coverageRate({ installs: 0, smartphones: 10 })).toEqual({ num: 0, den: 10 });
    expect(coverageRate({ installs: 0, smartphones: 0 })).toBeNull();
    expect(coverageRate({ installs: null, smartphones: 10 })).toBeNull();
    expect(coverageRate({ installs: 5, smartphones: null })).toBeNull();
  });

  it("qrActiveRate is activeVenues / qrVenues (a ward with no scan is 0 %, not missing)", () => {
    const phucTan = qrActiveRate({ activeVenues: 0, qrVenues: 48 });
    expect(phucTan).toEqual({ num: 0, den: 48 });
    expect(formatPercent(phucTan)).toBe("0,00%");
    expect(qrActiveRate({ activeVenues: 14_698, qrVenues: 206_385 })).toEqual({ num: 14_698, den: 206_385 });
    expect(formatPercent(qrActiveRate({ activeVenues: 14_698, qrVenues: 206_385 }))).toBe("7,12%");
    expect(qrActiveRate({ activeVenues: null, qrVenues: 48 })).toBeNull();
    expect(qrActiveRate({ activeVenues: 0, qrVenues: 0 })).toBeNull();
  });

  it("refuses negative counts", () => {
    expect(() => coverageRate({ installs: -1, smartphones: 10 })).toThrow(RangeError);
  });
});

describe("dailyNewInstalls", () => {
  it("differences consecutive calendar days; a gap or an unknown value gives null", () => {
    const series: DayValue<number>[] = [
      { day: "2021-08-17", value: 1_300 },
      { day: "2021-08-14", value: 1_000 },
      { day: "2021-08-15", value: 1_100 },
      { day: "2021-08-16", value: null },
      { day: "2021-08-19", value: 1_500 }, // 18/8 missing
      { day: "2021-08-20", value: 1_480 }, // a correction downwards
    ];
    expect(dailyNewInstalls(series)).toEqual([
      { day: "2021-08-14", value: null },
      { day: "2021-08-15", value: 100 },
      { day: "2021-08-16", value: null },
      { day: "2021-08-17", value: null },
      { day: "2021-08-19", value: null },
      { day: "2021-08-20", value: -20 },
    ]);
  });

  it("crosses a month end", () => {
    const series = [
      { day: "2021-08-31", value: 10 },
      { day: "2021-09-01", value: 25 },
    ];
    expect(dailyNewInstalls(series)[1]).toEqual({ day: "2021-09-01", value: 15 });
  });

  it("refuses two values for one day", () => {
    expect(() =>
      dailyNewInstalls([
        { day: "2021-08-14", value: 1 },
        { day: "2021-08-14", value: 2 },
      ]),
    ).toThrow(RangeError);
  });
});

describe("sevenDayAverage", () => {
  // cumulative installs; 13/8 missing
  const series: DayValue<number>[] = [
    { day: "2021-08-09", value: 990 },
    { day: "2021-08-10", value: 1_000 }, // diff 10: outside the window ending 17/8
    { day: "2021-08-11", value: 1_050 }, // 50
    { day: "2021-08-12", value: 1_120 }, // 70
    { day: "2021-08-14", value: 1_200 }, // no diff (13/8 missing)
    { day: "2021-08-15", value: 1_260 }, // 60
    { day: "2021-08-16", value: 1_330 }, // 70
    { day: "2021-08-17", value: 1_400 }, // 70
  ];

  it("averages the available daily differences in the 7 days ending at the day", () => {
    const pace = sevenDayAverage(series, "2021-08-17");
    expect(pace).toEqual({ total: 320, days: 5 }); // 50 + 70 + 60 + 70 + 70, over 5 days, not 7
    expect(pace && paceToNumber(pace)).toBe(64);
  });

  it("ignores data after the day", () => {
    expect(sevenDayAverage(series, "2021-08-12")).toEqual({ total: 130, days: 3 }); // 10 + 50 + 70
  });

  it("takes a window size", () => {
    const pace = sevenDayAverage(series, "2021-08-17", 3);
    expect(pace).toEqual({ total: 200, days: 3 });
    expect(pace && paceRounded(pace)).toBe(67); // 66,67
  });

  it("is null when no difference is available", () => {
    expect(sevenDayAverage(series, "2021-08-01")).toBeNull();
    expect(sevenDayAverage([{ day: "2021-08-17", value: 5 }], "2021-08-17")).toBeNull();
    expect(sevenDayAverage([], "2021-08-17")).toBeNull();
  });

  it("refuses a window below 1 day", () => {
    expect(() => sevenDayAverage(series, "2021-08-17", 0)).toThrow(RangeError);
  });
});

describe("paceRounded", () => {
  it("rounds halves away from zero", () => {
    expect(paceRounded({ total: 5, days: 2 })).toBe(3);
    expect(paceRounded({ total: -5, days: 2 })).toBe(-3);
    expect(paceRounded({ total: 320, days: 5 })).toBe(64);
  });
});

describe("changeVsPrevious / rateChangeVsPrevious", () => {
  const counts: DayValue<number>[] = [
    { day: "2021-08-10", value: 100 },
    { day: "2021-08-16", value: null },
    { day: "2021-08-17", value: 160 },
  ];

  it("is the change of a count over lagDays", () => {
    expect(changeVsPrevious(counts, "2021-08-17", 7)).toBe(60);
    expect(changeVsPrevious(counts, "2021-08-17", 1)).toBeNull(); // 16/8 unknown
    expect(changeVsPrevious(counts, "2021-08-17", 2)).toBeNull(); // 15/8 absent
    expect(() => changeVsPrevious(counts, "2021-08-17", 0)).toThrow(RangeError);
  });

  it("is the change of a rate in hundredths of a percentage point", () => {
    const rates: DayValue<Ratio>[] = [
      { day: "2021-08-10", value: { num: 1, den: 2 } },
      { day: "2021-08-16", value: { num: 0, den: 0 } },
      { day: "2021-08-17", value: { num: 10_229, den: 20_000 } },
    ];
    expect(rateChangeVsPrevious(rates, "2021-08-17", 7)).toBe(115); // +1,145 pp → +1,15
    expect(rateChangeVsPrevious(rates, "2021-08-17", 1)).toBeNull(); // undefined rate on 16/8
    expect(rateChangeVsPrevious(rates, "2021-08-17", 3)).toBeNull(); // no value on 14/8
  });
});

describe("installsToTarget", () => {
  it("is ceil(target × smartphones) − installs, exactly", () => {
    // 60 % of 150.788 = 90.472,8 → 90.473; 90.473 − 77.113 = 13.360
    expect(installsToTarget(77_113, 150_788, 6000)).toBe(13_360);
    // 60 % of 6.844.000 = 4.106.400
    expect(installsToTarget(3_220_382, 6_844_000, 6000)).toBe(886_018);
    expect(installsToTarget(0, 3, 5000)).toBe(2); // 1,5 → 2
  });

  it("does not lose the remainder when target × smartphones exceeds 2^53", () => {
    // 6001 × 4.000.000.004.001 = 24.004.000.024.010.001 → / 10.000 = 2.400.400.002.401,0001 → ceil …402
    expect(6001 * 4_000_000_004_001).toBe(24_004_000_024_010_000); // the float product has lost the final 1
    expect(installsToTarget(0, 4_000_000_004_001, 6001)).toBe(2_400_400_002_402);
  });

  it("is 0 on or above the target", () => {
    expect(installsToTarget(6, 10, 6000)).toBe(0);
    expect(installsToTarget(9, 10, 6000)).toBe(0);
  });

  it("is null with 0 smartphones: no rate, so no verdict (never 'đã đạt')", () => {
    expect(installsToTarget(0, 0, 6000)).toBeNull();
  });

  it("is null when a count is unknown", () => {
    expect(installsToTarget(null, 10, 6000)).toBeNull();
    expect(installsToTarget(5, null, 6000)).toBeNull();
  });
});

describe("installsToPass", () => {
  it("is the fewest installs to rank strictly above the unit above", () => {
    // (77.113 + x) / 150.788 > 52 %: 52 % × 150.788 = 78.409,76 → 78.410 installs → x = 1.297
    const x = installsToPass({ installs: 77_113, smartphones: 150_788 }, { installs: 52_000, smartphones: 100_000 });
    expect(x).toBe(1_297);
    // and one fewer is not enough: 78.409 / 150.788 < 0,52
    expect(78_409 * 100_000 < 52_000 * 150_788).toBe(true);
    expect(78_410 * 100_000 > 52_000 * 150_788).toBe(true);
  });

  it("needs one more install to break an exact tie", () => {
    expect(installsToPass({ installs: 50, smartphones: 100 }, { installs: 1, smartphones: 2 })).toBe(1);
    expect(installsToPass({ installs: 50, smartphones: 200 }, { installs: 1, smartphones: 2 })).toBe(51);
  });

  it("is 0 when already ahead and null for rank 1 or unknown rates", () => {
    expect(installsToPass({ installs: 60, smartphones: 100 }, { installs: 50, smartphones: 100 })).toBe(0);
    expect(installsToPass({ installs: 60, smartphones: 100 }, null)).toBeNull();
    expect(installsToPass({ installs: null, smartphones: 100 }, { installs: 50, smartphones: 100 })).toBeNull();
    expect(installsToPass({ installs: 0, smartphones: 0 }, { installs: 50, smartphones: 100 })).toBeNull();
    expect(installsToPass({ installs: 10, smartphones: 100 }, { installs: 0, smartphones: 0 })).toBeNull();
  });

  it("is 'unreachable' when passing would need more installs than smartphones", () => {
    expect(installsToPass({ installs: 50, smartphones: 100 }, { installs: 100, smartphones: 100 })).toBe("unreachable");
    expect(installsToPass({ installs: 50, smartphones: 100 }, { installs: 99, smartphones: 100 })).toBe(50);
  });
});

describe("daysToTarget", () => {
  it("is ceil(gap / pace)", () => {
    expect(daysToTarget(13_360, { total: 320, days: 5 })).toBe(209); // 13.360 / 64 = 208,75
    expect(daysToTarget(640, { total: 320, days: 5 })).toBe(10);
    expect(daysToTarget(1, { total: 1_000, days: 7 })).toBe(1);
  });

  it("is 0 with no gap, whatever the pace", () => {
    expect(daysToTarget(0, { total: 0, days: 7 })).toBe(0);
    expect(daysToTarget(0, null)).toBe(0);
  });

  it("is 'unreachable' at zero or negative pace", () => {
    expect(daysToTarget(100, { total: 0, days: 7 })).toBe("unreachable");
    expect(daysToTarget(100, { total: -20, days: 2 })).toBe("unreachable");
  });

  it("is null when the gap or the pace is unknown", () => {
    expect(daysToTarget(null, { total: 10, days: 1 })).toBeNull();
    expect(daysToTarget(100, null)).toBeNull();
  });

  it("refuses a bad pace or gap", () => {
    expect(() => daysToTarget(100, { total: 10, days: 0 })).toThrow(RangeError);
    expect(() => daysToTarget(-1, { total: 10, days: 1 })).toThrow(RangeError);
  });
});
