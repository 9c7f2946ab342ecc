import { describe, expect, it } from "vitest";
import type { FigureParts, PartOrigin } from "../../lib/domain/completeness.ts";
import {
  buildDistrictCompleteness,
  coverageChangeReason,
  coverageCompleteness,
  daysStillComingIn,
  installsChangeReason,
  rankChangeReason,
  rankingSetsReason,
} from "../../lib/domain/dashboard-completeness.ts";
import { denominatorEntries } from "../../lib/domain/denominator-register.ts";
import { buildFigureTable, type UnitDayFigure } from "../../lib/domain/figure-table.ts";
import { figureProvenance, isAllSums, type StoredFigure } from "../../lib/domain/figure-provenance.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";

// Issue 11: how whole a dashboard's day is, which later days are still coming in, why a change is
// withheld; where an own figure comes from; a ward's denominators.

const NONE: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
const sum = (counted: number, total: number): PartOrigin => ({ kind: "sum", counted, total });
const coverageSum = (counted: number, total: number): FigureParts => ({ coverage: sum(counted, total), qr: sum(counted, total), scans: sum(counted, total) });

function partsTable(rows: readonly (readonly [string, string, Partial<FigureValues>, FigureParts?])[]) {
  return buildFigureTable(rows.map(([unitCode, day, values, parts]): UnitDayFigure => ({ unitCode, day, ...NONE, ...values, ...(parts ? { parts } : {}) })));
}

// District D has wards W1, W2; city C has districts D and E. 16/8 and 17/8 are whole; on 18/8 only
// W1 has reported, on 19/8 only a scan log came in for W2.
const wards = [
  { code: "W1", name: "Phường Một" },
  { code: "W2", name: "Phường Hai" },
];
const districts = [
  { code: "D", name: "Quận Đ" },
  { code: "E", name: "Quận E" },
];
const phones = { smartphones: 1000 };
const table = partsTable([
  ["W1", "2021-08-10", { ...phones, installs: 400 }],
  ["W2", "2021-08-10", { ...phones, installs: 500 }],
  ["D", "2021-08-10", { smartphones: 2000, installs: 900 }, coverageSum(2, 2)],
  ["W1", "2021-08-16", { ...phones, installs: 500 }],
  ["W2", "2021-08-16", { ...phones, installs: 500 }],
  ["D", "2021-08-16", { smartphones: 2000, installs: 1000 }, coverageSum(2, 2)],
  ["W1", "2021-08-17", { ...phones, installs: 510 }],
  ["W2", "2021-08-17", { ...phones, installs: 520 }],
  ["D", "2021-08-17", { smartphones: 2000, installs: 1030 }, coverageSum(2, 2)],
  ["W1", "2021-08-18", { ...phones, installs: 530 }],
  ["D", "2021-08-18", { smartphones: 1000, installs: 530 }, coverageSum(1, 2)],
  ["W2", "2021-08-19", { qrVenues: 10, activeVenues: 1, scans: 3 }],
  // E: own (imported) figures every day; ranked on 16/8, 17/8 and 18/8
  ["E", "2021-08-10", { smartphones: 2000, installs: 1200 }],
  ["E", "2021-08-16", { smartphones: 2000, installs: 800 }],
  ["E", "2021-08-17", { smartphones: 2000, installs: 800 }],
  ["E", "2021-08-18", { smartphones: 2000, installs: 810 }],
]);
const wardCodes = wards.map((w) => w.code);

describe("coverageCompleteness / daysStillComingIn", () => {
  it("tells a whole day from a partial one, and counts an own figure's children", () => {
    expect(coverageCompleteness(table, "D", wardCodes, "2021-08-17")).toMatchObject({ kind: "complete", counted: 2, total: 2 });
    expect(coverageCompleteness(table, "D", wardCodes, "2021-08-18")).toMatchObject({ kind: "partial", counted: 1, total: 2 });
    expect(coverageCompleteness(table, "D", wardCodes, "2021-08-19")).toMatchObject({ kind: "missing", counted: 0, total: 2 });
    // E's figure is its own: whole, whatever its (absent) wards say
    expect(coverageCompleteness(table, "E", [], "2021-08-18")).toMatchObject({ kind: "complete", origin: { kind: "own" } });
  });

  it("lists the later days still coming in, latest first, and no whole day", () => {
    expect(daysStillComingIn(table, "D", wardCodes, "2021-08-17", "2021-08-19").map((d) => [d.day, d.kind, d.counted, d.total])).toEqual([
      ["2021-08-19", "missing", 0, 2],
      ["2021-08-18", "partial", 1, 2],
    ]);
    expect(daysStillComingIn(table, "D", wardCodes, "2021-08-19", "2021-08-19")).toEqual([]);
    expect(daysStillComingIn(table, "D", wardCodes, "2021-08-15", "2021-08-17")).toEqual([]);
  });
});

describe("why a change is withheld", () => {
  it("compares coverage only between whole days", () => {
    expect(coverageChangeReason(table, "D", wardCodes, "2021-08-17", 1)).toBeNull();
    expect(coverageChangeReason(table, "D", wardCodes, "2021-08-18", 1)).toEqual({ kind: "partial", when: "day", day: "2021-08-18", counted: 1, total: 2 });
    expect(coverageChangeReason(table, "D", wardCodes, "2021-08-17", 7)).toBeNull(); // 10/8 is whole too
    expect(coverageChangeReason(table, "D", wardCodes, "2021-08-16", 7)).toEqual({ kind: "missing", when: "earlier", day: "2021-08-09" });
    expect(coverageChangeReason(table, "D", wardCodes, "2021-08-19", 1)).toEqual({ kind: "missing", when: "day", day: "2021-08-19" });
  });

  it("compares ranks only of ranked units among the same set", () => {
    // 17/8: D 51,50 % 1st, E 40 % 2nd; 16/8 the same set
    expect(rankChangeReason(districts, table, "D", "2021-08-17", 1, "coverage")).toBeNull();
    expect(rankChangeReason(districts, table, "D", "2021-08-18", 1, "coverage")).toEqual({
      kind: "not-ranked",
      when: "day",
      day: "2021-08-18",
      standing: "partial",
    });
    // E is ranked on 18/8, but among itself alone, against two the day before
    expect(rankChangeReason(districts, table, "E", "2021-08-18", 1, "coverage")).toEqual({ kind: "different-sets", day: "2021-08-18", today: 1, earlier: 2 });
    expect(rankingSetsReason(districts, table, "2021-08-18", 1, "coverage")).toMatchObject({ kind: "different-sets" });
    expect(rankingSetsReason(districts, table, "2021-08-17", 1, "coverage")).toBeNull();
    // W2 has no figure on 18/8: not ranked that day
    expect(rankChangeReason(wards, table, "W1", "2021-08-19", 1, "coverage")).toMatchObject({ kind: "not-ranked", when: "day", standing: "missing" });
  });

  it("shows new installs only between days that count the same wards", () => {
    expect(installsChangeReason(table, "D", wardCodes, "2021-08-17")).toBeNull();
    expect(installsChangeReason(table, "D", wardCodes, "2021-08-18")).toEqual({ kind: "different-reporters", day: "2021-08-18" });
    expect(installsChangeReason(table, "D", wardCodes, "2021-08-19")).toEqual({ kind: "missing", when: "day", day: "2021-08-19" });
    expect(installsChangeReason(table, "D", wardCodes, "2021-08-16")).toEqual({ kind: "missing", when: "earlier", day: "2021-08-15" });
  });

  it("explains, for the district's cards, only the changes the KPIs withhold", () => {
    const c = buildDistrictCompleteness({
      table,
      later: table,
      district: districts[0]!,
      city: { code: "C", name: "Thành phố C" },
      cityDistricts: districts,
      wards,
      day: "2021-08-16",
      laterAfter: "2021-08-17",
      to: "2021-08-19",
      metric: "coverage",
      // the day before (15/8) has no figure; a KPI that gives a change anyway is not second-guessed
      changes: { coverageChangeDay: 150, coverageChangeWeek: null, rankChangeDay: null, rankChangeWeek: null, installsChangeDay: null },
    });
    expect(c.day).toMatchObject({ kind: "complete", counted: 2, total: 2 });
    expect(c.stillComingIn.map((d) => d.day)).toEqual(["2021-08-19", "2021-08-18"]);
    expect(c.withheld).toEqual({
      coverageDay: null,
      coverageWeek: { kind: "missing", when: "earlier", day: "2021-08-09" },
      rankDay: { kind: "not-ranked", when: "earlier", day: "2021-08-15", standing: "missing" },
      rankWeek: { kind: "not-ranked", when: "earlier", day: "2021-08-09", standing: "missing" },
      installsDay: { kind: "missing", when: "earlier", day: "2021-08-15" },
    });
    expect(c.wardRankChanges).toEqual({ day: null, week: null });
  });
});

describe("figureProvenance", () => {
  const stored = (source: StoredFigure["source"], values: Partial<FigureValues>, extra: Partial<StoredFigure> = {}): StoredFigure => ({
    ...NONE,
    ...values,
    source,
    childrenTotal: null,
    coverageCounted: null,
    qrCounted: null,
    scansCounted: null,
    importRef: null,
    ...extra,
  });
  const priority = ["IMPORT", "WARD_REPORT", "COMPUTED"] as const;
  const ref = { id: 7, fileName: "thong-ke.csv", at: "2021-08-18T03:00:00.000Z" };

  it("names an own imported figure's import and sets the reported wards' sum beside it", () => {
    const p = figureProvenance(
      [
        stored("IMPORT", { smartphones: 150_788, installs: 77_113 }, { importRef: ref }),
        stored("COMPUTED", { smartphones: 150_000, installs: 76_000, qrVenues: 900, activeVenues: 90, scans: 1000 }, { childrenTotal: 18, coverageCounted: 17, qrCounted: 18, scansCounted: 18 }),
      ],
      priority,
    );
    expect(p.coverage).toMatchObject({
      source: "IMPORT",
      importRef: ref,
      own: { smartphones: 150_788, installs: 77_113 },
      childrenSum: { counted: 17, total: 18 },
      differences: { smartphones: 788, installs: 1113 },
      rateDifference: 47, // 51,14 % − 50,67 %, rounded once on the exact difference
    });
    // QR and scans come from the wards' sum: nothing to say about their source
    expect(p.qr).toBeNull();
    expect(p.scans).toBeNull();
    expect(isAllSums(p)).toBe(false);
  });

  it("has no own part for a plain sum, and no children's sum when no ward reported", () => {
    expect(isAllSums(figureProvenance([stored("COMPUTED", { smartphones: 10, installs: 5 }, { childrenTotal: 2, coverageCounted: 2 })], priority))).toBe(true);
    const alone = figureProvenance([stored("IMPORT", { smartphones: 10, installs: 5 })], priority);
    expect(alone.coverage).toMatchObject({ childrenSum: null, differences: { smartphones: null, installs: null }, rateDifference: null });
  });
});

describe("denominatorEntries", () => {
  it("checks the rows and orders smartphones first", () => {
    const entries = denominatorEntries([
      { field: "qrVenues", value: 300, known_on: "2021-08-17", source: "IMPORT", import_id: 3, file_name: "dia-diem.csv", imported_at: null, first_day: "2021-07-19", changed_on: null, previous: null, previous_day: null },
      { field: "smartphones", value: 8412, known_on: "2021-08-17", source: "WARD_REPORT", import_id: null, file_name: null, imported_at: null, first_day: "2021-07-19", changed_on: "2021-08-16", previous: 8400, previous_day: "2021-08-15" },
    ]);
    expect(entries.map((e) => [e.field, e.value, e.source, e.changedOn, e.importRef?.id ?? null])).toEqual([
      ["smartphones", 8412, "WARD_REPORT", "2021-08-16", null],
      ["qrVenues", 300, "IMPORT", null, 3],
    ]);
    expect(() => denominatorEntries([{ ...{ field: "nope", value: 1, known_on: "2021-08-17", source: "IMPORT", import_id: null, file_name: null, imported_at: null, first_day: "2021-08-17", changed_on: null, previous: null, previous_day: null } }])).toThrow(RangeError);
  });
});
