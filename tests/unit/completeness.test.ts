import { describe, expect, it } from "vitest";
import {
  figureParts,
  hasReported,
  isPartComplete,
  isPartPartial,
  partCountLabel,
  partOrigin,
  type FigureWithParts,
} from "../../lib/domain/completeness.ts";
import { buildFigureTable } from "../../lib/domain/figure-table.ts";
import { buildDistrictOverview } from "../../lib/domain/overview.ts";
import { metricValue, rankStanding } from "../../lib/domain/rank-metric.ts";
import { buildRankingRows } from "../../lib/domain/unit-ranking.ts";
import { formatPercent } from "../../lib/domain/format.ts";
import { coverageRate } from "../../lib/domain/metrics.ts";
import { fig } from "./dashboard-fixtures.ts";

const sum = (counted: number, total: number) => ({ kind: "sum", counted, total }) as const;

function summed(values: Parameters<typeof fig>[0], counted: number, total: number): FigureWithParts {
  return { ...fig(values), parts: { coverage: sum(counted, total), qr: sum(counted, total), scans: sum(counted, total) } };
}

describe("what a ward has reported", () => {
  it("is its coverage figures (smartphones and installs), whatever the QR figures say", () => {
    expect(hasReported(fig({ smartphones: 10, installs: 5 }))).toBe(true);
    expect(hasReported(fig({ smartphones: 0, installs: 0 }))).toBe(true); // a reported 0 is a report
    expect(hasReported(fig({ qrVenues: 12, activeVenues: 3, scans: 40 }))).toBe(false); // written by a scan log
    expect(hasReported(fig({ smartphones: 10 }))).toBe(false);
    expect(hasReported(null)).toBe(false);
  });
});

describe("a part of a figure", () => {
  it("is the unit's own when it carries no parts (a ward's value, an imported figure)", () => {
    const ward = fig({ smartphones: 10, installs: 5 });
    expect(partOrigin(ward, "coverage")).toEqual({ kind: "own" });
    expect(isPartComplete(ward, "coverage")).toBe(true);
    expect(partOrigin(ward, "qr")).toBeNull(); // unknown, not complete, not partial
    expect(isPartComplete(ward, "qr")).toBe(false);
    expect(isPartPartial(ward, "qr")).toBe(false);
  });

  it("is complete when a sum counts every child, partial otherwise, and says k/n", () => {
    const whole = summed({ smartphones: 100, installs: 50 }, 18, 18);
    const partial = summed({ smartphones: 7932, installs: 4100 }, 1, 18);
    expect(isPartComplete(whole, "coverage")).toBe(true);
    expect(isPartPartial(partial, "coverage")).toBe(true);
    expect(isPartComplete(partial, "coverage")).toBe(false);
    expect(partCountLabel(partOrigin(partial, "coverage"))).toBe("1/18");
    expect(partCountLabel(partOrigin(fig({ smartphones: 1, installs: 1 }), "coverage"))).toBeNull();
  });

  it("comes from a data row: a part summed from children carries the counts, an own part does not", () => {
    const parts = figureParts({
      childrenTotal: 18,
      coverageSummed: true,
      coverageCounted: 17,
      qrSummed: false,
      qrCounted: 18,
      scansSummed: null,
      scansCounted: null,
    });
    expect(parts).toEqual({ coverage: sum(17, 18), qr: { kind: "own" }, scans: { kind: "own" } });
  });
});

describe("ranking only whole figures", () => {
  const day = "2021-08-18";
  const districts = [
    { code: "001", name: "Quận Ba Đình" },
    { code: "002", name: "Quận Hoàn Kiếm" },
    { code: "003", name: "Quận Tây Hồ" },
  ];

  it("does not rank a district from one ward's figures: it is listed apart as partial", () => {
    const table = buildFigureTable([
      { unitCode: "002", day, ...summed({ smartphones: 7932, installs: 4100 }, 1, 18) },
      { unitCode: "001", day, ...summed({ smartphones: 1000, installs: 400 }, 14, 14) },
      { unitCode: "003", day, ...summed({ smartphones: 1000, installs: 300 }, 8, 8) },
    ]);
    const rows = buildRankingRows({ units: districts, table, day, metric: "coverage" });
    expect(rows.map((r) => [r.code, r.rank, r.standing])).toEqual([
      ["001", 1, "ranked"],
      ["003", 2, "ranked"],
      ["002", null, "partial"],
    ]);
    expect(partCountLabel(rows[2]?.origin ?? null)).toBe("1/18");
    expect(rows[2]?.coverageStatus).toBeNull(); // no verdict on a partial sum
    expect(metricValue(table.get("002")?.get(day) ?? null, "installs")).toBeNull();
  });

  it("gives no 'hạng 1 trên 1' when the district's only figure is partial", () => {
    const figures = new Map([["002", summed({ smartphones: 7932, installs: 4100 }, 1, 18)]]);
    const overview = buildDistrictOverview({
      district: districts[1]!,
      city: { code: "01", name: "Thành phố Hà Nội" },
      cityDistricts: districts,
      wards: [],
      figures,
    });
    expect(overview.district.rankInCity).toBeNull();
    expect(overview.district.districtsRanked).toBe(0);
    expect(overview.district.standing).toBe("partial");
    expect(overview.district.coverageComplete).toBe(false);
  });

  it("ranks exact ties together and rounds a half-way rate up: 10.229/20.000 → 51,15%", () => {
    const wards = [
      { code: "W1", name: "Phường Một" },
      { code: "W2", name: "Phường Hai" },
      { code: "W3", name: "Phường Ba" },
    ];
    const table = buildFigureTable([
      { unitCode: "W1", day, ...fig({ smartphones: 20000, installs: 10229 }) },
      { unitCode: "W2", day, ...fig({ smartphones: 40000, installs: 20458 }) }, // the same ratio
      { unitCode: "W3", day, ...fig({ smartphones: 0, installs: 0 }) },
    ]);
    const rows = buildRankingRows({ units: wards, table, day, metric: "coverage" });
    expect(rows.map((r) => [r.code, r.rank])).toEqual([
      ["W2", 1],
      ["W1", 1],
      ["W3", null],
    ]);
    expect(formatPercent(coverageRate(fig({ smartphones: 20000, installs: 10229 })))).toBe("51,15%");
    expect(rankStanding(table.get("W3")?.get(day) ?? null, "coverage")).toBe("no-denominator");
    expect(rows[2]?.coverageStatus).toBeNull();
  });

  it("names a 0-smartphone ward as reported, not missing, and never 'đã đạt'", () => {
    const wards = [
      { code: "W1", name: "Phường Một" },
      { code: "W2", name: "Phường Hai" },
    ];
    const overview = buildDistrictOverview({
      district: { code: "002", name: "Quận Hoàn Kiếm" },
      city: { code: "01", name: "Thành phố Hà Nội" },
      cityDistricts: [{ code: "002", name: "Quận Hoàn Kiếm" }],
      wards,
      figures: new Map([
        ["W1", fig({ smartphones: 0, installs: 0, scans: 0 })],
        ["W2", fig({ qrVenues: 4, activeVenues: 0, scans: 0 })], // QR only: not reported
      ]),
    });
    expect(overview.wardsNotReported.map((w) => w.code)).toEqual(["W2"]);
    expect(overview.wardsWithoutSmartphones.map((w) => w.code)).toEqual(["W1"]);
  });
});
