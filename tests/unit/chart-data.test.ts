import { describe, expect, it } from "vitest";
import {
  coverageTrendData,
  newInstallsData,
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
    expect(rankingBarData(rows, "coverage", "A")).toEqual([
      { code: "B", name: "Phường B", value: 70, valueLabel: "70,00%", rankLabel: "1", status: "met", statusLabel: "Đạt mục tiêu", highlighted: false },
      { code: "A", name: "Phường A", value: 51.15, valueLabel: "51,15%", rankLabel: "2", status: "below", statusLabel: "Chưa đạt", highlighted: true },
      { code: "C", name: "Phường C", value: null, valueLabel: "chưa báo cáo", rankLabel: "—", status: null, statusLabel: "—", highlighted: false },
    ]);
  });

  it("lays tiles out in the given order, by traffic light for a rate with a target, by shade for counts", () => {
    const tiles = tileMapData(rows, "coverage", wards);
    expect(tiles.map((x) => [x.code, x.status, x.shade, x.statusLabel])).toEqual([
      ["A", "below", null, "Chưa đạt"],
      ["B", "met", null, "Đạt mục tiêu"],
      ["C", null, null, "chưa báo cáo"],
    ]);
    const byScans = buildRankingRows({ units: wards, table: t, day: DAY, metric: "scans" });
    expect(tileMapData(byScans, "scans", wards).map((x) => [x.code, x.shade, x.valueLabel, x.statusLabel])).toEqual([
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
    const { series, rows } = coverageTrendData(t, [{ code: "002", name: "Quận Hoàn Kiếm" }, { code: "00037", name: "Phường Phúc Tân" }], ["2021-08-16", DAY]);
    expect(series).toEqual([
      { key: "002", name: "Quận Hoàn Kiếm" },
      { key: "00037", name: "Phường Phúc Tân" },
    ]);
    expect(rows[1]).toEqual({
      day: DAY,
      dayLabel: "17/08/2021",
      dayShort: "17/8",
      values: { "002": 51.14, "00037": null },
      labels: { "002": "51,14%", "00037": "—" }, // 0 smartphones: no rate, but reported
    });
    expect(rows[0]?.labels["00037"]).toBe("chưa báo cáo");
  });

  it("labels QR activity: a reported 0 is 0, not missing", () => {
    const rows = qrActivityData(t, "002", ["2021-08-15", DAY]);
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
