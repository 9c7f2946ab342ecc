import { describe, expect, it } from "vitest";
import {
  aggregateChildren,
  DEFAULT_SOURCE_PRIORITY,
  FIGURE_FIELDS,
  type FigureRow,
  type FigureSource,
  type FigureValues,
  hasAnyFigure,
  isFigureSource,
  mergeSources,
} from "../../lib/domain/figures.ts";
import { coverageRate } from "../../lib/domain/metrics.ts";
import { formatPercent } from "../../lib/domain/format.ts";

const EMPTY: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };

function row(source: FigureSource, values: Partial<FigureValues>, unitCode = "00070", day = "2021-08-14"): FigureRow {
  return { unitCode, day, source, ...EMPTY, ...values };
}

function fig(values: Partial<FigureValues>): FigureValues {
  return { ...EMPTY, ...values };
}

describe("constants", () => {
  it("lists the figure fields and the default priority", () => {
    expect(FIGURE_FIELDS).toEqual(["smartphones", "installs", "qrVenues", "activeVenues", "scans"]);
    expect(DEFAULT_SOURCE_PRIORITY).toEqual(["IMPORT", "WARD_REPORT", "COMPUTED"]);
  });

  it("isFigureSource recognises the enum values only", () => {
    expect(isFigureSource("IMPORT")).toBe(true);
    expect(isFigureSource("import")).toBe(false);
    expect(isFigureSource(3)).toBe(false);
  });

  it("hasAnyFigure is true when one field is known, even a zero", () => {
    expect(hasAnyFigure(EMPTY)).toBe(false);
    expect(hasAnyFigure(fig({ scans: 0 }))).toBe(true);
  });
});

describe("mergeSources", () => {
  const rows = [
    row("COMPUTED", { smartphones: 210, installs: 80, scans: 5 }),
    row("WARD_REPORT", { smartphones: 200, installs: 90 }),
    row("IMPORT", { installs: 100 }),
  ];

  it("takes each field from the first source that knows it (default IMPORT, WARD_REPORT, COMPUTED)", () => {
    const merged = mergeSources(rows);
    expect(merged).toEqual({
      unitCode: "00070",
      day: "2021-08-14",
      smartphones: 200,
      installs: 100,
      qrVenues: null,
      activeVenues: null,
      scans: 5,
      sources: { smartphones: "WARD_REPORT", installs: "IMPORT", qrVenues: null, activeVenues: null, scans: "COMPUTED" },
    });
  });

  it("does not depend on the order of the rows", () => {
    expect(mergeSources([...rows].reverse())).toEqual(mergeSources(rows));
  });

  it("keeps a reported zero over a lower source's value (zero is known, null is not)", () => {
    const merged = mergeSources([row("IMPORT", { scans: 0 }), row("WARD_REPORT", { scans: 12 })]);
    expect(merged?.scans).toBe(0);
    expect(merged?.sources.scans).toBe("IMPORT");
  });

  it("follows a configured priority", () => {
    const merged = mergeSources(rows, ["WARD_REPORT", "IMPORT", "COMPUTED"]);
    expect(merged?.installs).toBe(90);
    expect(merged?.sources.installs).toBe("WARD_REPORT");
    expect(merged?.scans).toBe(5);
  });

  it("ignores a source left out of the priority", () => {
    const merged = mergeSources(rows, ["IMPORT", "WARD_REPORT"]);
    expect(merged?.scans).toBeNull();
    expect(merged?.sources.scans).toBeNull();
    expect(merged?.smartphones).toBe(200);
  });

  it("returns null when there is no row", () => {
    expect(mergeSources([])).toBeNull();
  });

  it("refuses rows of different units or days, a repeated source, a bad priority, a bad count", () => {
    expect(() => mergeSources([row("IMPORT", {}), row("WARD_REPORT", {}, "00073")])).toThrow(RangeError);
    expect(() => mergeSources([row("IMPORT", {}), row("WARD_REPORT", {}, "00070", "2021-08-15")])).toThrow(RangeError);
    expect(() => mergeSources([row("IMPORT", {}), row("IMPORT", {})])).toThrow(/two IMPORT rows/);
    expect(() => mergeSources(rows, ["IMPORT", "IMPORT"])).toThrow(RangeError);
    expect(() => mergeSources([row("IMPORT", { installs: -5 })])).toThrow(RangeError);
  });
});

describe("aggregateChildren", () => {
  const hangBac = fig({ smartphones: 1_000, installs: 500, qrVenues: 10, activeVenues: 4, scans: 120 });
  const hangDao = fig({ smartphones: 2_000, installs: 900, scans: 0 });
  const allNull = fig({});

  it("sums known fields, skips a missing child, and counts who contributed", () => {
    const parent = aggregateChildren([hangBac, hangDao, null, allNull], 5);
    expect(parent).toEqual({
      smartphones: 3_000,
      installs: 1_400,
      qrVenues: 10,
      activeVenues: 4,
      scans: 120,
      childrenCounted: 2,
      childrenTotal: 5,
    });
    expect(formatPercent(coverageRate(parent))).toBe("46,67%"); // 1.400 / 3.000
  });

  it("leaves a field null when no child knows it (not 0)", () => {
    const parent = aggregateChildren([hangDao], 2);
    expect(parent.qrVenues).toBeNull();
    expect(parent.activeVenues).toBeNull();
    expect(parent.scans).toBe(0);
  });

  it("sums the two parts of a rate over the children that know both", () => {
    const installsOnly = fig({ installs: 300 });
    const activeOnly = fig({ activeVenues: 3, scans: 7 });
    const parent = aggregateChildren([hangBac, installsOnly, activeOnly], 3);
    expect(parent.installs).toBe(500); // installsOnly has no smartphones: left out of both
    expect(parent.smartphones).toBe(1_000);
    expect(parent.activeVenues).toBe(4); // activeOnly has no qrVenues
    expect(parent.qrVenues).toBe(10);
    expect(parent.scans).toBe(127); // scans stands alone
    expect(parent.childrenCounted).toBe(3);
  });

  it("keeps installs ≤ smartphones for the sums", () => {
    const parent = aggregateChildren([fig({ installs: 100 }), fig({ smartphones: 50, installs: 0 })], 2);
    expect(parent.installs).toBe(0);
    expect(parent.smartphones).toBe(50);
  });

  it("gives an all-null figure when no child reported", () => {
    expect(aggregateChildren([null, null], 18)).toEqual({ ...EMPTY, childrenCounted: 0, childrenTotal: 18 });
    expect(aggregateChildren([], 0)).toEqual({ ...EMPTY, childrenCounted: 0, childrenTotal: 0 });
  });

  it("refuses more children than childrenTotal, and bad counts", () => {
    expect(() => aggregateChildren([hangBac, hangDao], 1)).toThrow(RangeError);
    expect(() => aggregateChildren([fig({ scans: -1 })], 1)).toThrow(RangeError);
    expect(() => aggregateChildren([], -1)).toThrow(RangeError);
  });
});
