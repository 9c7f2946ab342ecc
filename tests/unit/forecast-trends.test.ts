import { describe, expect, it } from "vitest";
import { dayOfInstant, dayRange } from "../../lib/domain/days.ts";
import { buildFigureTable, figureOn, figuresOnDay, seriesOf } from "../../lib/domain/figure-table.ts";
import { forecastToTarget } from "../../lib/domain/forecast.ts";
import { fetchRangeFor, newInstallsByDay, newInstallsTrend, paceAt, rankHistory, trendWindow } from "../../lib/domain/trends.ts";
import { fig, table } from "./dashboard-fixtures.ts";

// Hoàn Kiếm's installs rising by 700 a day to 77.113 on 17/8/2021.
const days = dayRange("2021-08-10", "2021-08-17");
const hoanKiem = table(days.map((day, i) => ["002", day, { installs: 77_113 - 700 * (7 - i), smartphones: 150_788 }] as const));
const pace = paceAt(newInstallsByDay(hoanKiem, "002", [], days), "2021-08-17");

describe("forecastToTarget", () => {
  it("needs 13.360 installs for 60 % and reaches it in 20 days at 700 a day, in September", () => {
    expect(pace).toEqual({ total: 4900, days: 7 });
    const f = forecastToTarget({ pace, day: "2021-08-17", installs: 77_113, smartphones: 150_788, targetBasisPoints: 6000 });
    expect(f?.gap).toBe(13_360); // ceil(90.472,8) − 77.113
    expect(f?.pacePerDay).toBe(700);
    expect(f?.days).toBe(20); // ceil(13.360 / 700) = ceil(19,09)
    expect(f?.reachDay).toBe("2021-09-06"); // across the month boundary
  });

  it("says the target cannot be reached when installs did not grow", () => {
    const f = forecastToTarget({ pace: { total: 0, days: 7 }, day: "2021-08-17", installs: 77_113, smartphones: 150_788, targetBasisPoints: 6000 });
    expect(f?.days).toBe("unreachable");
    expect(f?.reachDay).toBeNull();
  });

  it("is 0 days when the target is met, and unknown without data; null without a target", () => {
    const met = forecastToTarget({ pace: null, day: "2021-08-17", installs: 700, smartphones: 1000, targetBasisPoints: 6000 });
    expect(met).toMatchObject({ gap: 0, days: 0, reachDay: "2021-08-17" });
    const unknown = forecastToTarget({ pace: null, day: "2021-08-17", installs: 10, smartphones: 1000, targetBasisPoints: 6000 });
    expect(unknown).toMatchObject({ gap: 590, pace: null, days: null, reachDay: null });
    expect(forecastToTarget({ pace, day: "2021-08-17", installs: 1, smartphones: 2, targetBasisPoints: null })).toBeNull();
  });

  it("gives no forecast for 0 smartphones: no gap, no 'met', no days (a zero denominator has no rate)", () => {
    expect(forecastToTarget({ pace, day: "2021-08-17", installs: 0, smartphones: 0, targetBasisPoints: 6000 })).toBeNull();
    expect(forecastToTarget({ pace: null, day: "2021-08-17", installs: 0, smartphones: 0, targetBasisPoints: 6000 })).toBeNull();
    // One smartphone is a denominator: 1 install needed for 60 %.
    expect(forecastToTarget({ pace, day: "2021-08-17", installs: 0, smartphones: 1, targetBasisPoints: 6000 })).toMatchObject({ gap: 1, days: 1 });
  });

  it("gives no days without pace data, even with the gap known", () => {
    const diffs = newInstallsByDay(table([["W", "2021-08-17", { installs: 100, smartphones: 1000 }]]), "W", [], days);
    const noPace = paceAt(diffs, "2021-08-17");
    expect(noPace).toBeNull();
    expect(forecastToTarget({ pace: noPace, day: "2021-08-17", installs: 100, smartphones: 1000, targetBasisPoints: 6000 })).toEqual({
      targetBasisPoints: 6000,
      gap: 500,
      pace: null,
      pacePerDay: null,
      days: null,
      reachDay: null,
    });
  });
});

describe("newInstallsByDay / paceAt", () => {
  it("does not take a district total that lost a silent ward for a fall in installs", () => {
    // District D = W1 + W2; W2 does not report on 15/8, so D's COMPUTED total drops that day.
    const t = table([
      ["D", "2021-08-14", { installs: 300 }],
      ["W1", "2021-08-14", { installs: 100 }],
      ["W2", "2021-08-14", { installs: 200 }],
      ["D", "2021-08-15", { installs: 110 }],
      ["W1", "2021-08-15", { installs: 110 }],
      ["D", "2021-08-16", { installs: 330 }],
      ["W1", "2021-08-16", { installs: 120 }],
      ["W2", "2021-08-16", { installs: 210 }],
      ["D", "2021-08-17", { installs: 345 }],
      ["W1", "2021-08-17", { installs: 130 }],
      ["W2", "2021-08-17", { installs: 215 }],
    ]);
    const window = ["2021-08-15", "2021-08-16", "2021-08-17"];
    const diffs = newInstallsByDay(t, "D", ["W1", "W2"], window);
    expect(diffs.map((p) => p.value)).toEqual([null, null, 15]); // not −190 and +220
    expect(newInstallsByDay(t, "W1", [], window).map((p) => p.value)).toEqual([10, 10, 10]);
    expect(paceAt(diffs, "2021-08-17")).toEqual({ total: 15, days: 1 });
  });

  it("takes a change in installs only between two days that both have the ward's installs", () => {
    const t = table([
      ["W", "2021-08-14", { installs: 100 }],
      ["W", "2021-08-15", { installs: null, smartphones: 1000, scans: 0 }],
      ["W", "2021-08-16", { installs: 90 }],
      ["W", "2021-08-17", { installs: 95 }],
    ]);
    // 15/8 has a figure without installs: neither 15/8 nor 16/8 has a change (not −100, not +90).
    expect(newInstallsByDay(t, "W", [], ["2021-08-15", "2021-08-16", "2021-08-17"]).map((p) => p.value)).toEqual([null, null, 5]);
  });

  it("gives daily new installs and the 7-day average; a missing day is a gap, not 0", () => {
    const withGap = table(
      days.filter((d) => d !== "2021-08-15").map((day) => ["002", day, { installs: 77_113 - 700 * (7 - days.indexOf(day)) }] as const),
    );
    const points = newInstallsTrend(newInstallsByDay(withGap, "002", [], days), ["2021-08-15", "2021-08-16", "2021-08-17"]);
    expect(points.map((p) => p.newInstalls)).toEqual([null, null, 700]);
    // 17/8: differences known for 11–14/8 and 17/8 (5 days, 3.500)
    expect(points[2]?.average).toEqual({ total: 3500, days: 5 });
  });
});

describe("trendWindow / fetchRangeFor", () => {
  it("shows 30 days ending on the day, never before the first day with data", () => {
    const w = trendWindow("2021-08-17", "2021-07-19");
    expect(w).toHaveLength(30);
    expect(w[0]).toBe("2021-07-19");
    expect(trendWindow("2021-07-25", "2021-07-19")).toEqual(dayRange("2021-07-19", "2021-07-25"));
    expect(trendWindow("2021-07-01", "2021-07-19")).toEqual([]);
  });

  it("fetches 7 more days before the window for paces and weekly changes", () => {
    expect(fetchRangeFor(["2021-08-01", "2021-08-02"])).toEqual({ from: "2021-07-25", to: "2021-08-02" });
    expect(() => fetchRangeFor([])).toThrow(RangeError);
  });
});

describe("rankHistory", () => {
  it("gives the ward's rank each day and how many wards were ranked", () => {
    const units = [
      { code: "A", name: "A" },
      { code: "B", name: "B" },
    ];
    const t = table([
      ["A", "2021-08-16", { installs: 1, smartphones: 10 }],
      ["B", "2021-08-16", { installs: 2, smartphones: 10 }],
      ["A", "2021-08-17", { installs: 3, smartphones: 10 }],
    ]);
    expect(rankHistory(units, t, "A", ["2021-08-15", "2021-08-16", "2021-08-17"], "coverage")).toEqual([
      { day: "2021-08-15", rank: null, ranked: 0 },
      { day: "2021-08-16", rank: 2, ranked: 2 },
      { day: "2021-08-17", rank: 1, ranked: 1 },
    ]);
  });
});

describe("figure tables", () => {
  it("looks figures up by unit and day; an absent unit-day is null, not zeros", () => {
    const t = table([["A", "2021-08-17", { scans: 0 }]]);
    expect(figureOn(t, "A", "2021-08-17")).toEqual(fig({ scans: 0 }));
    expect(figureOn(t, "A", "2021-08-16")).toBeNull();
    expect(figuresOnDay(t, "2021-08-17").get("A")?.scans).toBe(0);
    expect(seriesOf(t, "A", ["2021-08-16", "2021-08-17"], (f) => f.scans)).toEqual([
      { day: "2021-08-16", value: null },
      { day: "2021-08-17", value: 0 },
    ]);
  });

  it("refuses two figures for one unit-day and invalid days", () => {
    const row = { unitCode: "A", day: "2021-08-17", ...fig({}) };
    expect(() => buildFigureTable([row, row])).toThrow(RangeError);
    expect(() => buildFigureTable([{ ...row, day: "2021-02-30" }])).toThrow(RangeError);
  });

  it("files a day by its calendar day in Asia/Ho_Chi_Minh", () => {
    // The data layer stores days already converted; these are the boundaries it relies on.
    expect(dayOfInstant(new Date("2021-08-14T23:59:59+07:00"))).toBe("2021-08-14");
    expect(dayOfInstant(new Date("2021-08-14T17:00:00Z"))).toBe("2021-08-15");
  });
});
