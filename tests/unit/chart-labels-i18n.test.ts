import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { localizeChartPayload, rankingWords } from "@/app/api/charts/chart-labels";
import { formatAxisNumber, formatAxisPercent } from "@/components/charts/axis-format";
import type { ChartPayload } from "@/components/charts/chart-payload";
import { ChartWordsProvider } from "@/components/charts/chart-words";
import { RankHistoryChart } from "@/components/charts/rank-history-chart";
import enCharts from "@/messages/en/charts.json";
import {
  coverageTrendData,
  coverageTrendText,
  newInstallsData,
  newInstallsText,
  originsOf,
  qrActivityData,
  qrActivityText,
  rankHistoryData,
  rankHistoryText,
  rankingBarData,
  rankingBarText,
  rankingTargetLine,
  rankingTargetText,
  targetLine,
  targetLineText,
  tileMapData,
  tileMapText,
} from "../../lib/domain/chart-data.ts";
import type { FigureParts, PartOrigin } from "../../lib/domain/completeness.ts";
import { dayRange } from "../../lib/domain/days.ts";
import { buildFigureTable, type UnitDayFigure } from "../../lib/domain/figure-table.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";
import { renderMessage, type Message } from "../../lib/domain/message.ts";
import { phaseBands, type PolicyPhase } from "../../lib/domain/policy-phases.ts";
import type { RankMetric } from "../../lib/domain/rank-metric.ts";
import { buildRankingRows } from "../../lib/domain/unit-ranking.ts";
import { translator } from "./alerts/fixtures.ts";

// The chart-data routes' labels in the reader's language: each chart builder's labels as messages
// (lib/domain/chart-data.ts) render in Vietnamese to exactly the labels the builder writes (what
// the pages, the district report and the existing tests use), and in English to English words
// and figures; the route's rendering (app/api/charts/chart-labels.ts) puts them in the answer.

const vi = (m: Message | null | undefined) => (m === null || m === undefined ? null : renderMessage(m, translator("vi"), "vi"));
const en = (m: Message | null | undefined) => (m === null || m === undefined ? null : renderMessage(m, translator("en"), "en"));

const DAY = "2021-08-17";
const NONE: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
const sum = (counted: number, total: number): PartOrigin => ({ kind: "sum", counted, total });
const sums = (counted: number, total: number): FigureParts => ({ coverage: sum(counted, total), qr: sum(counted, total), scans: sum(counted, total) });
function partsTable(rows: readonly (readonly [string, string, Partial<FigureValues>, FigureParts?])[]) {
  return buildFigureTable(rows.map(([unitCode, day, values, parts]): UnitDayFigure => ({ unitCode, day, ...NONE, ...values, ...(parts ? { parts } : {}) })));
}

// Every case the labels distinguish: ranked, met/near/below, a partial sum, a whole sum, an own
// figure, 0 smartphones, 0 QR venues, a QR-only ward (not reported), no figure at all.
const units = [
  { code: "W1", name: "Phường Một" },
  { code: "W2", name: "Phường Hai" },
  { code: "W3", name: "Phường Ba" },
  { code: "W4", name: "Phường Bốn" },
  { code: "W5", name: "Phường Năm" },
  { code: "W6", name: "Phường Sáu" },
];
const table = partsTable([
  ["W1", "2021-08-16", { smartphones: 1000, installs: 690, qrVenues: 10, activeVenues: 2, scans: 5 }],
  ["W1", DAY, { smartphones: 150_788, installs: 77_113, qrVenues: 10_000, activeVenues: 4_000, scans: 12_345 }],
  ["W2", DAY, { smartphones: 0, installs: 0, qrVenues: 0, activeVenues: 0, scans: 0 }],
  ["W3", DAY, { qrVenues: 12, activeVenues: 4, scans: 40 }],
  ["W4", "2021-08-16", { smartphones: 8_000, installs: 4_800, qrVenues: 50, activeVenues: 5, scans: 90 }, sums(18, 18)],
  ["W4", DAY, { smartphones: 8_000, installs: 4_100, qrVenues: 50, activeVenues: 5, scans: 90 }, sums(1, 18)],
  ["W5", DAY, { smartphones: 1000, installs: 580, qrVenues: 10, activeVenues: 3, scans: 7 }, sums(8, 8)],
]);
const targets = new Map(units.map((u) => [u.code, { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } }]));
const METRICS: readonly RankMetric[] = ["coverage", "qrActive", "installs", "scans"];
const WINDOW = ["2021-08-15", "2021-08-16", DAY];

describe("chart labels as messages agree with the Vietnamese labels", () => {
  it("ranking bars and tiles, for every metric", () => {
    for (const metric of METRICS) {
      const rows = buildRankingRows({ units, table, day: DAY, metric, targets });
      const bars = rankingBarData(rows, metric, "phường");
      const text = rankingBarText(rows, metric, "phường");
      expect(text.map((x) => [vi(x.valueLabel), vi(x.statusLabel), vi(x.countLabel)])).toEqual(bars.map((b) => [b.valueLabel, b.statusLabel, b.countLabel]));
      const tiles = tileMapData(rows, metric, units, "phường");
      const tileText = tileMapText(rows, metric, units, "phường");
      expect(tileText.map((x) => [vi(x.valueLabel), vi(x.rankLabel), vi(x.statusLabel)])).toEqual(tiles.map((x) => [x.valueLabel, x.rankLabel, x.statusLabel]));
      expect(vi(rankingTargetText(metric, targets.get("W1")!))).toEqual(rankingTargetLine(metric, targets.get("W1")!)?.label ?? null);
    }
    expect(vi(targetLineText({ basisPoints: 6000, setBy: "01" }))).toBe(targetLine({ basisPoints: 6000, setBy: "01" })?.label);
    expect(targetLineText(null)).toBeNull();
  });

  it("trend, new installs, QR activity and rank history, day by day", () => {
    const trend = coverageTrendData(table, units, WINDOW, "phường");
    const trendText = coverageTrendText(table, units, WINDOW, "phường");
    trend.rows.forEach((row, i) => {
      const x = trendText[i]!;
      expect(Object.fromEntries(Object.entries(x.labels).map(([k, m]) => [k, vi(m)]))).toEqual(row.labels);
      expect(Object.fromEntries(Object.entries(x.counts).map(([k, m]) => [k, vi(m)]))).toEqual(row.counts);
    });
    const points = [
      { day: "2021-08-16", newInstalls: 1113, average: { total: 1113, days: 2 } },
      { day: DAY, newInstalls: null, average: null },
    ];
    const origins = { on: originsOf(table, "W4", "coverage"), noun: "xã, thị trấn" };
    for (const o of [undefined, origins]) {
      const installs = newInstallsData(points, o);
      const installsText = newInstallsText(points, o);
      expect(installsText.map((x) => [vi(x.newInstallsLabel), vi(x.averageLabel), vi(x.note)])).toEqual(installs.map((r) => [r.newInstallsLabel, r.averageLabel, r.note]));
    }
    for (const unit of units) {
      const qr = qrActivityData(table, unit.code, WINDOW, "phường");
      const qrText = qrActivityText(table, unit.code, WINDOW, "phường");
      expect(
        qrText.map((x) => [vi(x.activeVenuesLabel), vi(x.qrVenuesLabel), vi(x.activeRateLabel), vi(x.scansLabel), vi(x.venuesCountLabel), vi(x.scansCountLabel), vi(x.note)]),
      ).toEqual(qr.map((r) => [r.activeVenuesLabel, r.qrVenuesLabel, r.activeRateLabel, r.scansLabel, r.venuesCountLabel, r.scansCountLabel, r.note]));
    }
    const ranks = [
      { day: "2021-08-16", rank: 3, ranked: 17 },
      { day: DAY, rank: null, ranked: 18 },
      { day: "2021-08-18", rank: null, ranked: 18 },
    ];
    expect(rankHistoryText(ranks).map((x) => vi(x.rankLabel))).toEqual(rankHistoryData(ranks).map((r) => r.rankLabel));
  });
});

describe("chart labels in English", () => {
  it("labels ranking bars and tiles in English words and figures", () => {
    const rows = buildRankingRows({ units, table, day: DAY, metric: "coverage", targets });
    const text = rankingBarText(rows, "coverage", "phường");
    expect(rows.map((r, i) => [r.code, en(text[i]!.valueLabel), en(text[i]!.statusLabel), en(text[i]!.countLabel)])).toEqual([
      ["W5", "58.00%", "Nearly met", "8/8 wards"],
      ["W1", "51.14%", "Below target", null],
      ["W3", "not reported", "not reported", null],
      ["W4", "51.25%", "incomplete figures, 1/18 wards", "1/18 wards"],
      ["W2", "—", "no smartphones", null],
      ["W6", "not reported", "not reported", null],
    ]);
    const byScans = buildRankingRows({ units, table, day: DAY, metric: "scans" });
    expect(tileMapText(byScans, "scans", units, "phường").map((x) => [en(x.valueLabel), en(x.rankLabel), en(x.statusLabel)])).toEqual([
      ["12,345", "rank 1", "rank 1 of 4"],
      ["0", "rank 4", "rank 4 of 4"],
      ["40", "rank 2", "rank 2 of 4"],
      ["90", "—", "incomplete figures, 1/18 wards"],
      ["7", "rank 3", "rank 3 of 4"],
      ["not reported", "—", "not reported"],
    ]);
    expect(en(targetLineText({ basisPoints: 6000, setBy: "01" }))).toBe("Target 60.00%");
  });

  it("labels the days' points in English", () => {
    const [, , day] = coverageTrendText(table, units, WINDOW, "xã, thị trấn");
    expect(en(day!.labels["W4"])).toBe("51.25% (incomplete figures: 1/18 wards)");
    expect(en(day!.labels["W2"])).toBe("no smartphones");
    expect(en(day!.counts["W5"])).toBe("8/8 wards");
    const qr = qrActivityText(table, "W4", WINDOW, "phường")[2]!;
    expect([en(qr.activeVenuesLabel), en(qr.activeRateLabel), en(qr.scansLabel), en(qr.note)]).toEqual([
      "5",
      "10.00%",
      "90",
      "incomplete figures (venues: incomplete figures: 1/18 wards; scans: incomplete figures: 1/18 wards)",
    ]);
    expect(en(qrActivityText(table, "W2", WINDOW, "phường")[2]!.activeRateLabel)).toBe("no venues with a QR code");
    const installs = newInstallsText([{ day: DAY, newInstalls: 1113, average: { total: 1113, days: 2 } }], { on: originsOf(table, "W4", "coverage"), noun: "phường" })[0]!;
    expect([en(installs.newInstallsLabel), en(installs.averageLabel), en(installs.note)]).toEqual(["1,113", "557", "incomplete figures: 1/18 wards"]);
    expect(rankHistoryText([{ day: DAY, rank: 3, ranked: 1017 }, { day: DAY, rank: null, ranked: 5 }]).map((x) => en(x.rankLabel))).toEqual(["3/1,017", "not reported"]);
  });
});

describe("a chart-data answer in the reader's language", () => {
  const rows = buildRankingRows({ units, table, day: DAY, metric: "coverage", targets });
  const trend = coverageTrendData(table, units.slice(0, 2), WINDOW, "phường");
  const payload: Omit<ChartPayload, "words"> = {
    phases: [],
    ranking: { bars: rankingBarData(rows, "coverage", "phường"), target: targetLine(targets.get("W1")!.coverage), ...rankingWords("vi", { noun: "phường", metric: "coverage" }), isRate: true },
    coverageTrend: { ...trend, target: targetLine(targets.get("W1")!.coverage) },
    qrActivity: qrActivityData(table, "W4", WINDOW, "phường"),
  };
  const text = {
    ranking: rankingBarText(rows, "coverage", "phường"),
    rankingTarget: targetLineText(targets.get("W1")!.coverage),
    coverageTarget: targetLineText(targets.get("W1")!.coverage),
    coverageTrend: coverageTrendText(table, units.slice(0, 2), WINDOW, "phường"),
    qrActivity: qrActivityText(table, "W4", WINDOW, "phường"),
  };

  it("gives a Vietnamese reader the cached answer as it is", () => {
    expect(localizeChartPayload(payload, text, "vi")).toBe(payload);
    expect(rankingWords("vi", { noun: "xã, thị trấn", metric: "qrActive" })).toEqual({ unitHeader: "Xã, thị trấn", metricLabel: "Tỷ lệ địa điểm có lượt quét" });
  });

  it("gives an English reader English labels, days and headers, the same numbers to draw", () => {
    const out = localizeChartPayload({ ...payload, ranking: { ...payload.ranking!, ...rankingWords("en", { noun: "phường", metric: "coverage" }) } }, text, "en");
    expect(out.ranking).toMatchObject({ unitHeader: "Wards", metricLabel: "Install rate", target: { value: 60, label: "Target 60.00%" } });
    expect(out.ranking!.bars.map((b) => [b.code, b.value, b.valueLabel, b.statusLabel])).toEqual(
      payload.ranking!.bars.map((b, i) => [b.code, b.value, en(text.ranking[i]!.valueLabel), en(text.ranking[i]!.statusLabel)]),
    );
    expect(out.coverageTrend!.rows[2]).toMatchObject({ day: DAY, dayLabel: "17 Aug 2021", dayShort: "17 Aug", labels: { W1: "51.14%", W2: "no smartphones" } });
    expect(out.coverageTrend!.target?.label).toBe("Target 60.00%");
    expect(out.qrActivity![2]).toMatchObject({ dayLabel: "17 Aug 2021", venuesCountLabel: "1/18 wards", scans: 90 });
    expect(JSON.stringify(out)).not.toMatch(/chưa|Mục tiêu|phường|Đạt/);
  });

  it("keeps a label as it is rather than misplace one when the messages do not line up", () => {
    const out = localizeChartPayload(payload, { ...text, ranking: text.ranking.slice(1) }, "en");
    expect(out.ranking!.bars).toEqual(payload.ranking!.bars);
  });
});

describe("the chart's own figures in English", () => {
  it("ticks the axes the English way", () => {
    expect([formatAxisNumber(12_345, "en"), formatAxisNumber(2.5, "en"), formatAxisPercent(51.5, "en")]).toEqual(["12,345", "2.5", "51.5%"]);
    expect([formatAxisNumber(12_345), formatAxisPercent(51.5)]).toEqual(["12.345", "51,5%"]);
  });

  it("draws the policy phases on the English day labels, named with English days", () => {
    const phase: PolicyPhase = { id: 1, unitCode: "01", unitName: "Thành phố Hà Nội", name: "Chỉ thị 16", startDay: "2021-07-24", endDay: null };
    const [band] = phaseBands([phase], dayRange("2021-07-22", "2021-07-26"), "en");
    expect(band).toMatchObject({ x1: "24 Jul", x2: "26 Jul", label: "Chỉ thị 16 (Thành phố Hà Nội): from 24 Jul 2021" });
    const rows = rankHistoryData(dayRange("2021-07-22", "2021-07-26").map((day, i) => ({ day, rank: i + 1, ranked: 18 })));
    const html = renderToStaticMarkup(
      createElement(ChartWordsProvider, { value: { locale: "en", messages: enCharts.chart } }, createElement(RankHistoryChart, { id: "rh", title: "Rank", rows, outOf: 18, phases: [phase] })),
    );
    expect(html).toContain("Shaded: Chỉ thị 16 (Thành phố Hà Nội): from 24 Jul 2021");
    expect(html).toContain("Policy phase");
  });
});
