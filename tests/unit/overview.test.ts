import { describe, expect, it } from "vitest";
import type { FigureWithParts } from "@/lib/domain/completeness";
import type { FigureValues } from "@/lib/domain/figures";
import { buildDistrictOverview, rankByCoverage } from "@/lib/domain/overview";

const fig = (smartphones: number, installs: number, scans: number | null = 10): FigureValues => ({
  smartphones,
  installs,
  qrVenues: 100,
  activeVenues: scans === 0 ? 0 : 10,
  scans,
});

describe("rankByCoverage", () => {
  it("ranks on exact rates with ties sharing a rank and unreported units last", () => {
    const units = [
      { code: "a", name: "Phường A" },
      { code: "b", name: "Phường B" },
      { code: "c", name: "Phường C" },
      { code: "d", name: "Phường D" },
      { code: "e", name: "Phường E" },
    ];
    const figures = new Map<string, FigureValues>([
      ["a", fig(200, 100)], // 50%
      ["b", fig(300, 180)], // 60%
      ["c", fig(100, 50)], // 50% — ties with A
      ["e", fig(1000, 100)], // 10%
    ]);
    const ranked = rankByCoverage(units, figures);
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["c", 2],
      ["e", 4],
      ["d", null],
    ]);
    expect(ranked.at(-1)?.figure).toBeNull();
  });
});

describe("buildDistrictOverview", () => {
  const city = { code: "01", name: "Thành phố Hà Nội" };
  const d1 = { code: "001", name: "Quận Một" };
  const d2 = { code: "002", name: "Quận Hai" };
  const d3 = { code: "003", name: "Quận Ba" };
  const w1 = { code: "w1", name: "Phường Một" };
  const w2 = { code: "w2", name: "Phường Hai" };
  const w3 = { code: "w3", name: "Phường Ba" };

  it("finds the district's rank in the city, zero-scan wards and unreported wards", () => {
    const figures = new Map<string, FigureValues>([
      ["01", fig(3000, 1500)],
      ["001", fig(1000, 700)],
      ["002", fig(1000, 500)],
      ["003", fig(1000, 300)],
      ["w1", fig(500, 300, 0)],
      ["w2", fig(500, 200)],
    ]);
    const o = buildDistrictOverview({ district: d2, city, cityDistricts: [d1, d2, d3], wards: [w1, w2, w3], figures });
    expect(o.district.rankInCity).toBe(2);
    expect(o.district.districtsRanked).toBe(3);
    expect(o.city.districtCount).toBe(3);
    expect(o.wardsWithZeroScans).toEqual([w1]);
    expect(o.wardsNotReported).toEqual([w3]);
  });

  it("does not count a ward with unknown scans as a zero-scan ward", () => {
    const figures = new Map<string, FigureValues>([["w1", fig(500, 300, null)]]);
    const o = buildDistrictOverview({ district: d2, city, cityDistricts: [d2], wards: [w1], figures });
    expect(o.wardsWithZeroScans).toEqual([]);
    expect(o.district.rankInCity).toBeNull();
    expect(o.district.districtsRanked).toBe(0);
  });
});

describe("buildDistrictOverview: one meaning of 'chưa báo cáo', and partial sums (issue 11)", () => {
  const city = { code: "01", name: "Thành phố Hà Nội" };
  const d1 = { code: "001", name: "Quận Một" };
  const d2 = { code: "002", name: "Quận Hai" };
  const w1 = { code: "w1", name: "Phường Một" };
  const w2 = { code: "w2", name: "Phường Hai" };
  const w3 = { code: "w3", name: "Phường Ba" };
  const none = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };

  it("counts a ward with only QR figures as not reported, and a ward with 0 smartphones as reported", () => {
    const figures = new Map<string, FigureWithParts>([
      ["w1", fig(500, 300)],
      ["w2", { ...none, qrVenues: 20, activeVenues: 0, scans: 0 }],
      ["w3", fig(0, 0)],
    ]);
    const o = buildDistrictOverview({ district: d2, city, cityDistricts: [d2], wards: [w1, w2, w3], figures });
    expect(o.wardsNotReported).toEqual([w2]);
    expect(o.wardsWithoutSmartphones).toEqual([w3]);
    expect(o.wards.map((w) => [w.code, w.rank, w.standing])).toEqual([
      ["w1", 1, "ranked"],
      ["w3", null, "no-denominator"],
      ["w2", null, "missing"],
    ]);
    expect(o.wardsWithZeroScans.map((w) => w.code)).toEqual(["w2"]); // a reported 0 counts, whatever its source
  });

  it("does not rank a district whose figure sums 1 of its 18 wards ('hạng 1 trên 1' is gone)", () => {
    const partial: FigureWithParts = { ...fig(8000, 6000), parts: { coverage: { kind: "sum", counted: 1, total: 18 }, qr: null, scans: null } };
    const figures = new Map<string, FigureWithParts>([["002", partial]]);
    const o = buildDistrictOverview({ district: d2, city, cityDistricts: [d1, d2], wards: [], figures });
    expect(o.district).toMatchObject({ rankInCity: null, districtsRanked: 0, standing: "partial", coverageComplete: false });
    expect(o.district.origins.coverage).toEqual({ kind: "sum", counted: 1, total: 18 });
  });
});
