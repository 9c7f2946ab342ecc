import { describe, expect, it } from "vitest";
import { addDays } from "../../lib/domain/days.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";
import { reportWarnings, warningKey, type HistoryDay } from "../../lib/domain/report-checks.ts";

const DAY = "2021-08-18";
const none: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };

/** 14 days before DAY: installs +100/day (±10), scans 1000 ± 50, smartphones 10 000. */
function history(): HistoryDay[] {
  return Array.from({ length: 14 }, (_, i) => {
    const day = addDays(DAY, -14 + i);
    return {
      day,
      values: {
        smartphones: 10_000,
        installs: 5_000 + i * 100 + (i % 2 === 0 ? 0 : 10),
        qrVenues: 200 + i,
        activeVenues: 100,
        scans: 1_000 + (i % 2 === 0 ? 50 : -50),
      },
    };
  });
}

const yesterdayInstalls = 5_000 + 13 * 100 + 10;

describe("report warnings", () => {
  it("gives none for ordinary figures", () => {
    const w = reportWarnings(DAY, { smartphones: 10_000, installs: yesterdayInstalls + 100, qrVenues: 214, activeVenues: 100, scans: 1_020 }, history());
    expect(w).toEqual([]);
  });

  it("warns when cumulative installs are lower than the day before", () => {
    const w = reportWarnings(DAY, { ...none, installs: yesterdayInstalls - 1 }, history());
    expect(w.map(warningKey)).toContain("INSTALLS_DECREASED:installs");
    const decreased = w.find((x) => x.code === "INSTALLS_DECREASED");
    expect(decreased?.reference).toBe(yesterdayInstalls);
    expect(decreased?.message).toContain("17/08/2021");
  });

  it("compares with the latest earlier day when yesterday is missing", () => {
    const h = history().filter((d) => d.day !== addDays(DAY, -1));
    const w = reportWarnings(DAY, { ...none, installs: 5_000 }, h);
    expect(w.find((x) => x.code === "INSTALLS_DECREASED")?.reference).toBe(5_000 + 12 * 100);
  });

  it("warns on a jump beyond the ward's usual range (scans, a daily count)", () => {
    const w = reportWarnings(DAY, { ...none, scans: 5_000 }, history());
    expect(w.map(warningKey)).toEqual(["UNUSUAL_VALUE:scans"]);
    expect(w[0]?.message).toContain("trung vị 1.000");
  });

  it("judges cumulative installs on their daily change, not their level", () => {
    // +100 a day is usual even though the level is far above the 14-day median.
    expect(reportWarnings(DAY, { ...none, installs: yesterdayInstalls + 95 }, history())).toEqual([]);
    // +2 000 in a day is not.
    const w = reportWarnings(DAY, { ...none, installs: yesterdayInstalls + 2_000 }, history());
    expect(w.map(warningKey)).toEqual(["UNUSUAL_VALUE:installs"]);
    expect(w[0]?.value).toBe(2_000);
  });

  it("ignores days outside the 14 days before the report and days after it", () => {
    const far = [{ day: addDays(DAY, -30), values: { ...none, installs: 999_999 } }];
    const after = [{ day: addDays(DAY, 1), values: { ...none, installs: 999_999 } }];
    expect(reportWarnings(DAY, { ...none, installs: 10 }, [...far, ...after])).toEqual([]);
  });

  it("says nothing about fields left empty or without enough history", () => {
    expect(reportWarnings(DAY, none, history())).toEqual([]);
    expect(reportWarnings(DAY, { ...none, scans: 1_000_000 }, history().slice(-3))).toEqual([]);
  });
});
