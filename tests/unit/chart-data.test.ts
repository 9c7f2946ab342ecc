import { describe, expect, it } from "vitest";
import type { FigureParts, PartOrigin } from "../../lib/domain/completeness.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";
import { buildFigureTable, type UnitDayFigure } from "../../lib/domain/figure-table.ts";
import {
  coverageTrendData,
  hasPartialPoints,
  newInstallsData,
  originsOf,
  summedSeries,
  percentNumber,
  qrActivityData,
  rankHistoryData,
  rankingBarData,
  rankingTargetLine,
  shadeOf,
  targetLine,
  tileMapData,
} from "../../lib/domain/chart-data.ts";
import { buildRankingRows } from "../../lib/domain/unit-ranking.ts";
import { table } from "./dashboard-fixtures.ts";

const DAY = "2021-08-17";

describe("percentNumber / targetLine", () => {
  it("draws at the label's digits: 51,145 % at 51,15", () => {
    expect(percentNumber({ num: 10_229, den: 20_000 })).toBe(51.15);
    expect(percentNumber({ num: 77_113, den: 150_788 })).toBe(51.14);
    expect(percentNumber({ num: 1, den: 0 })).toBeNull();
    expect(percentNumber(null)).toBeNull();
  });

  it("labels a target in Vietnamese", () => {
    expect(targetLine({ basisPoints: 6000, setBy: "01" })).toEqual({ value: 60, label: "Mục tiêu 60,00%" });
    expect(targetLine(null)).toBeNull();
    const targets = { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } };
    expect(rankingTargetLine("qrActive", targets)?.value).toBe(30);
    expect(rankingTargetLine("scans", targets)).toBeNull();
  });
});

describe("rankingBarData / tileMapData", () => {
  const wards = [
    { code: "A", name: "Phường A" },
    { code: "B", name: "Phường B" },
    { code: "C", name: "Phường C" },
  ];
  const t = table([
    ["A", DAY, { installs: 10_229, smartphones: 20_000, scans: 5 }],
    ["B", DAY, { installs: 700, smartphones: 1000, scans: 0 }],
  ]);
  const targets = new Map(wards.map((w) => [w.code, { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: null }]));
  const rows = buildRankingRows({ units: wards, table: t, day: DAY, metric: "coverage", targets });

  it("keeps ranking order, exact labels, status text, and marks the unreported", () => {
    expect(rankingBarData(rows, "coverage", "phường", "A")).toEqual([
      { code: "B", name: "Phường B", value: 70, valueLabel: "70,00%", rankLabel: "1", status: "met", statusLabel: "Đạt mục tiêu", standing: "ranked", countLabel: null, highlighted: false },
      { code: "A", name: "Phường A", value: 51.15, valueLabel: "51,15%", rankLabel: "2", status: "below", statusLabel: "Chưa đạt", standing: "ranked", countLabel: null, highlighted: true },
      { code: "C", name: "Phường C", value: null, valueLabel: "chưa báo cáo", rankLabel: "—", status: null, statusLabel: "chưa báo cáo", standing: "missing", countLabel: null, highlighted: false },
    ]);
  });

  it("lays tiles out in the given order, by traffic light for a rate with a target, by shade for counts", () => {
    const tiles = tileMapData(rows, "coverage", wards, "phường");
    expect(tiles.map((x) => [x.code, x.status, x.shade, x.statusLabel])).toEqual([
      ["A", "below", null, "Chưa đạt"],
      ["B", "met", null, "Đạt mục tiêu"],
      ["C", null, null, "chưa báo cáo"],
    ]);
    const byScans = buildRankingRows({ units: wards, table: t, day: DAY, metric: "scans" });
    expect(tileMapData(byScans, "scans", wards, "phường").map((x) => [x.code, x.shade, x.valueLabel, x.statusLabel])).toEqual([
      ["A", 4, "5", "hạng 1/2"],
      ["B", 0, "0", "hạng 2/2"],
      ["C", null, "chưa báo cáo", "chưa báo cáo"],
    ]);
  });

  it("spreads shades from 4 (rank 1) to 0 (last)", () => {
    expect([1, 2, 3, 4, 5].map((r) => shadeOf(r, 5))).toEqual([4, 3, 2, 1, 0]);
    expect(shadeOf(1, 1)).toBe(4);
    expect([1, 10, 18].map((r) => shadeOf(r, 18))).toEqual([4, 2, 0]);
  });
});

describe("series for trend, installs, QR and rank charts", () => {
  const t = table([
    ["002", "2021-08-16", { installs: 76_000, smartphones: 150_788, qrVenues: 900, activeVenues: 120, scans: 3000 }],
    ["002", DAY, { installs: 77_113, smartphones: 150_788, qrVenues: 900, activeVenues: 0, scans: 0 }],
    ["00037", DAY, { installs: 0, smartphones: 0 }],
  ]);

  it("gives one row per day with each unit's percent and label", () => {
    const { series, rows } = coverageTrendData(t, [{ code: "002", name: "Quận Hoàn Kiếm" }, { code: "00037", name: "Phường Phúc Tân" }], ["2021-08-16", DAY], "phường");
    expect(series).toEqual([
      { key: "002", name: "Quận Hoàn Kiếm" },
      { key: "00037", name: "Phường Phúc Tân" },
    ]);
    expect(rows[1]).toEqual({
      day: DAY,
      dayLabel: "17/08/2021",
      dayShort: "17/8",
      values: { "002": 51.14, "00037": null },
      partialValues: { "002": null, "00037": null },
      labels: { "002": "51,14%", "00037": "không có điện thoại thông minh" }, // 0 smartphones: no rate, but reported
      counts: { "002": null, "00037": null }, // own figures: nothing to count
    });
    expect(rows[0]?.labels["00037"]).toBe("chưa báo cáo");
  });

  it("labels QR activity: a reported 0 is 0, not missing", () => {
    const rows = qrActivityData(t, "002", ["2021-08-15", DAY], "phường");
    expect(rows[0]).toMatchObject({ activeVenues: null, activeVenuesLabel: "chưa báo cáo", scansLabel: "—" });
    expect(rows[1]).toMatchObject({ activeVenues: 0, activeVenuesLabel: "0", qrVenuesLabel: "900", activeRateLabel: "0,00%", scans: 0 });
  });

  it("labels new installs and the rounded 7-day average", () => {
    const rows = newInstallsData([
      { day: DAY, newInstalls: 1113, average: { total: 1113, days: 2 } },
      { day: "2021-08-18", newInstalls: null, average: null },
    ]);
    expect(rows[0]).toMatchObject({ newInstallsLabel: "1.113", average: 556.5, averageLabel: "557" });
    expect(rows[1]).toMatchObject({ newInstallsLabel: "—", averageLabel: "—" });
  });

  it("labels rank history as rank/ranked", () => {
    expect(rankHistoryData([{ day: DAY, rank: 3, ranked: 17 }, { day: "2021-08-18", rank: null, ranked: 18 }]).map((r) => r.rankLabel)).toEqual([
      "3/17",
      "chưa báo cáo",
    ]);
  });
});

// ── issue 11: partial sums, zero denominators and "chưa báo cáo" in the charts ─────────────────

const NONE: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
const sum = (counted: number, total: number): PartOrigin => ({ kind: "sum", counted, total });
const sums = (counted: number, total: number): FigureParts => ({ coverage: sum(counted, total), qr: sum(counted, total), scans: sum(counted, total) });

/** A figure table whose rows may say how their parts were made. */
function partsTable(rows: readonly (readonly [string, string, Partial<FigureValues>, FigureParts?])[]) {
  return buildFigureTable(rows.map(([unitCode, day, values, parts]): UnitDayFigure => ({ unitCode, day, ...NONE, ...values, ...(parts ? { parts } : {}) })));
}

describe("partial days in the trend charts", () => {
  const district = { code: "002", name: "Quận Hoàn Kiếm" };
  const t = partsTable([
    ["002", "2021-08-16", { smartphones: 150_788, installs: 77_000, qrVenues: 900, activeVenues: 100, scans: 3000 }, sums(18, 18)],
    ["002", DAY, { smartphones: 8_000, installs: 4_100, qrVenues: 50, activeVenues: 5, scans: 90 }, sums(1, 18)],
  ]);

  it("draws a partial day apart from the line, labels it k/n and counts every sum", () => {
    const { series, rows } = coverageTrendData(t, [district], ["2021-08-16", DAY], "phường");
    expect(rows[0]).toMatchObject({ values: { "002": 51.07 }, partialValues: { "002": null }, labels: { "002": "51,07%" }, counts: { "002": "18/18 phường" } });
    expect(rows[1]).toMatchObject({
      values: { "002": null },
      partialValues: { "002": 51.25 },
      labels: { "002": "51,25% (chưa đủ số liệu: 1/18 phường)" },
      counts: { "002": "1/18 phường" },
    });
    expect(hasPartialPoints(rows)).toBe(true);
    expect(summedSeries(series, rows)).toEqual([{ key: "002", name: "Quận Hoàn Kiếm" }]);
    expect(hasPartialPoints(rows.slice(0, 1))).toBe(false);
  });

  it("marks a partial day's new installs and QR activity, and keeps whole days unmarked", () => {
    const installs = newInstallsData(
      [
        { day: "2021-08-16", newInstalls: 300, average: { total: 300, days: 1 } },
        { day: DAY, newInstalls: null, average: { total: 300, days: 1 } },
      ],
      { on: originsOf(t, "002", "coverage"), noun: "phường" },
    );
    expect(installs.map((r) => [r.partial, r.note])).toEqual([
      [false, null],
      [true, "chưa đủ số liệu: 1/18 phường"],
    ]);
    const qr = qrActivityData(t, "002", ["2021-08-16", DAY], "phường");
    expect(qr[0]).toMatchObject({ venuesPartial: false, scansWhole: 3000, scansPartial: null, venuesCountLabel: "18/18 phường", note: null });
    expect(qr[1]).toMatchObject({
      venuesPartial: true,
      scans: 90,
      scansWhole: null,
      scansPartial: 90,
      venuesCountLabel: "1/18 phường",
      note: "chưa đủ số liệu (địa điểm: chưa đủ số liệu: 1/18 phường; lượt quét: chưa đủ số liệu: 1/18 phường)",
    });
  });
});

describe("rankings: partial sums, zero denominators and wards that did not report", () => {
  const districts = [
    { code: "001", name: "Quận Ba Đình" },
    { code: "002", name: "Quận Hoàn Kiếm" },
    { code: "003", name: "Quận Tây Hồ" },
  ];
  const t = partsTable([
    ["001", DAY, { smartphones: 1000, installs: 600 }], // own (imported) figure
    ["002", DAY, { smartphones: 8_000, installs: 7_000 }, sums(1, 18)], // 87,5 % of one ward: not ranked
    ["003", DAY, { smartphones: 1000, installs: 500 }, sums(8, 8)],
  ]);
  const targets = new Map(districts.map((d) => [d.code, { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: null }]));
  const rows = buildRankingRows({ units: districts, table: t, day: DAY, metric: "coverage", targets });

  it("never ranks a partial district, gives it no verdict, and says so with its k/n", () => {
    expect(rows.map((r) => [r.code, r.rank, r.standing])).toEqual([
      ["001", 1, "ranked"],
      ["003", 2, "ranked"],
      ["002", null, "partial"],
    ]);
    const bars = rankingBarData(rows, "coverage", "phường", "002");
    expect(bars.map((b) => [b.code, b.value, b.valueLabel, b.rankLabel, b.statusLabel, b.countLabel])).toEqual([
      ["001", 60, "60,00%", "1", "Đạt mục tiêu", null],
      ["003", 50, "50,00%", "2", "Chưa đạt", "8/8 phường"],
      ["002", null, "87,50%", "—", "chưa đủ số liệu, 1/18 phường", "1/18 phường"],
    ]);
  });

  const wards = [
    { code: "W1", name: "Phường Một" },
    { code: "W2", name: "Phường Hai" },
    { code: "W3", name: "Phường Ba" },
  ];
  const w = partsTable([
    ["W1", DAY, { smartphones: 1000, installs: 700, qrVenues: 10, activeVenues: 2, scans: 5 }],
    ["W2", DAY, { smartphones: 0, installs: 0, qrVenues: 0, activeVenues: 0, scans: 0 }], // reported: no phones, no venues
    ["W3", DAY, { qrVenues: 12, activeVenues: 4, scans: 40 }], // only a scan log's figures: "chưa báo cáo"
  ]);
  const wardTargets = new Map(wards.map((x) => [x.code, { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } }]));

  it("gives a ward with 0 smartphones no rate, rank or verdict, and never calls it 'chưa báo cáo'", () => {
    const byCoverage = buildRankingRows({ units: wards, table: w, day: DAY, metric: "coverage", targets: wardTargets });
    const tiles = tileMapData(byCoverage, "coverage", wards, "phường");
    expect(tiles.map((x) => [x.code, x.valueLabel, x.status, x.statusLabel])).toEqual([
      ["W1", "70,00%", "met", "Đạt mục tiêu"],
      ["W2", "—", null, "không có điện thoại thông minh"],
      ["W3", "chưa báo cáo", null, "chưa báo cáo"],
    ]);
    const bars = rankingBarData(byCoverage, "coverage", "phường");
    expect(bars.find((b) => b.code === "W2")).toMatchObject({ value: null, status: null, statusLabel: "không có điện thoại thông minh" });
    expect(bars.some((b) => /đạt/i.test(b.statusLabel) && b.code !== "W1")).toBe(false);

    const byQr = buildRankingRows({ units: wards, table: w, day: DAY, metric: "qrActive", targets: wardTargets });
    expect(tileMapData(byQr, "qrActive", wards, "phường").map((x) => [x.code, x.statusLabel])).toEqual([
      ["W1", "Chưa đạt"], // 2/10 = 20 % against 30 %
      ["W2", "không có địa điểm tạo mã QR"],
      ["W3", "Đạt mục tiêu"], // 4/12: its QR figures are whole, so the QR rate has a verdict
    ]);
  });

  it("ranks a QR-only ward by scans but still says it did not report its coverage figures", () => {
    const byScans = buildRankingRows({ units: wards, table: w, day: DAY, metric: "scans" });
    expect(byScans.map((r) => [r.code, r.rank])).toEqual([
      ["W3", 1],
      ["W1", 2],
      ["W2", 3],
    ]);
    const byCoverage = buildRankingRows({ units: wards, table: w, day: DAY, metric: "coverage" });
    expect(byCoverage.find((r) => r.code === "W3")?.standing).toBe("missing");
  });

  it("says why a ward had no rank on a day of its history", () => {
    const labels = rankHistoryData(
      [
        { day: DAY, rank: null, ranked: 1 },
        { day: "2021-08-18", rank: null, ranked: 1 },
      ],
      (d) => (d === DAY ? "không có điện thoại thông minh" : null),
    ).map((r) => r.rankLabel);
    expect(labels).toEqual(["không có điện thoại thông minh", "chưa báo cáo"]);
  });
});

// ── issue 12: the children's own words, from their types ────────────────────────────────────

describe("k/n in the words of the units counted", () => {
  it("counts a rural district's sums in 'xã, thị trấn'", () => {
    const t = partsTable([["018", DAY, { smartphones: 9_000, installs: 4_000, qrVenues: 40, activeVenues: 4, scans: 50 }, sums(12, 23)]]);
    const { rows } = coverageTrendData(t, [{ code: "018", name: "Huyện Sóc Sơn" }], [DAY], "xã, thị trấn");
    expect(rows[0]).toMatchObject({ labels: { "018": "44,44% (chưa đủ số liệu: 12/23 xã, thị trấn)" }, counts: { "018": "12/23 xã, thị trấn" } });
    const installs = newInstallsData([{ day: DAY, newInstalls: null, average: null }], { on: originsOf(t, "018", "coverage"), noun: "xã, thị trấn" });
    expect(installs[0]?.note).toBe("chưa đủ số liệu: 12/23 xã, thị trấn");
    expect(qrActivityData(t, "018", [DAY], "xã, thị trấn")[0]?.venuesCountLabel).toBe("12/23 xã, thị trấn");
  });

  it("gives each district of a city the words of its own wards", () => {
    const districts = [
      { code: "002", name: "Quận Hoàn Kiếm" },
      { code: "016", name: "Huyện Sóc Sơn" },
      { code: "269", name: "Thị xã Sơn Tây" },
    ];
    const t = partsTable([
      ["002", DAY, { smartphones: 1000, installs: 500 }, sums(17, 18)],
      ["016", DAY, { smartphones: 1000, installs: 500 }, sums(12, 26)],
      ["269", DAY, { smartphones: 1000, installs: 500 }, sums(14, 15)],
    ]);
    const rows = buildRankingRows({ units: districts, table: t, day: DAY, metric: "coverage" });
    const words: Record<string, string> = { "002": "phường", "016": "xã, thị trấn", "269": "phường, xã" };
    const bars = rankingBarData(rows, "coverage", (code) => words[code] ?? "xã, phường, thị trấn");
    expect(Object.fromEntries(bars.map((b) => [b.code, b.statusLabel]))).toEqual({
      "002": "chưa đủ số liệu, 17/18 phường",
      "016": "chưa đủ số liệu, 12/26 xã, thị trấn",
      "269": "chưa đủ số liệu, 14/15 phường, xã",
    });
    expect(tileMapData(rows, "coverage", districts, (code) => words[code] ?? "").map((x) => x.statusLabel)).toEqual([
      "chưa đủ số liệu, 17/18 phường",
      "chưa đủ số liệu, 12/26 xã, thị trấn",
      "chưa đủ số liệu, 14/15 phường, xã",
    ]);
  });
});
