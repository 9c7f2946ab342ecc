import { describe, expect, it } from "vitest";
import { buildCityRanking } from "../../lib/domain/city-ranking.ts";
import { dayRange } from "../../lib/domain/days.ts";
import { buildDistrictDashboard, comparedWards } from "../../lib/domain/district-dashboard.ts";
import type { FigureParts } from "../../lib/domain/completeness.ts";
import { buildFigureTable, type UnitDayFigure } from "../../lib/domain/figure-table.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";
import { formatCount, formatPercent } from "../../lib/domain/format.ts";
import type { UnitTargets } from "../../lib/domain/targets.ts";
import { buildWardDetail } from "../../lib/domain/ward-detail.ts";
import { table } from "./dashboard-fixtures.ts";

// A city of three districts; district 002 has three wards. Ward W3 does not report on 17/8.
const city = { code: "01", name: "Thành phố Hà Nội" };
const district = { code: "002", name: "Quận Hoàn Kiếm" };
const cityDistricts = [
  { code: "001", name: "Quận Ba Đình" },
  district,
  { code: "003", name: "Quận Tây Hồ" },
];
const wards = [
  { code: "W1", name: "Phường Một" },
  { code: "W2", name: "Phường Hai" },
  { code: "W3", name: "Phường Ba" },
];
const DAY = "2021-08-17";
const days = dayRange("2021-08-10", DAY);

const rows: [string, string, Partial<FigureValues>][] = [];
days.forEach((day, i) => {
  // District 002 gains 70 installs a day and reaches 51,14 %-like 5114/10000 on 17/8.
  rows.push(["002", day, { smartphones: 10_000, installs: 5114 - 70 * (7 - i), qrVenues: 100, activeVenues: 10 + i, scans: 100 + i }]);
  // 001 is ahead all week; 003 was ahead of 002 a week ago and behind it now.
  rows.push(["001", day, { smartphones: 10_000, installs: 6000 }]);
  rows.push(["003", day, { smartphones: 10_000, installs: 5100 - 20 * i }]);
  rows.push(["01", day, { smartphones: 30_000, installs: 16_214 }]);
  rows.push(["W1", day, { smartphones: 5000, installs: 3000, qrVenues: 50, activeVenues: 6, scans: 60 }]);
  rows.push(["W2", day, { smartphones: 5000, installs: 2114 - 70 * (7 - i), qrVenues: 50, activeVenues: i === 7 ? 0 : 4, scans: i === 7 ? 0 : 40 }]);
  if (day !== DAY) rows.push(["W3", day, { smartphones: 100, installs: 10 }]);
});
const figures = table(rows);
const sixty: UnitTargets = { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } };
const targets = new Map([city, district, ...cityDistricts, ...wards].map((u) => [u.code, sixty]));

describe("buildDistrictDashboard", () => {
  const dash = buildDistrictDashboard({
    district,
    city,
    cityDistricts,
    wards,
    table: figures,
    day: DAY,
    window: days.slice(1),
    metric: "coverage",
    compare: [],
    targets,
  });

  it("fills the KPI cards with rates, rank in the city and its change", () => {
    const { overview, kpis } = dash;
    expect(formatPercent(overview.district.coverage)).toBe("51,14%");
    expect(overview.district.rankInCity).toBe(2);
    // 10/8: 003 at 51,00 % was ahead of 002 at 46,24 %; by 16/8 002 (50,44 %) had passed 003 (49,80 %):
    // up one place in a week, none since yesterday
    expect(kpis.rankChangeWeek).toBe(1);
    expect(kpis.rankChangeDay).toBe(0);
    // W3 fell silent on 17/8: the district's change that day sums other wards, so it is unknown,
    // and the 7-day pace uses the 6 known days (11–16/8).
    expect(kpis.installsChangeDay).toBeNull();
    expect(kpis.newInstallsPace).toEqual({ total: 420, days: 6 });
    expect(kpis.coverageChangeDay).toBe(70); // +0,70 percentage point: rates stay comparable
    expect(kpis.coverageStatus).toBe("below");
    expect(kpis.forecast).toMatchObject({ gap: 886, days: 13, reachDay: "2021-08-30" }); // ceil(886 / 70)
    expect(kpis.activeVenuesToTarget).toBe(13); // 30 of 100 needed, 17 active
  });

  it("ranks the wards, keeps the silent one unranked, and names zero-scan wards", () => {
    expect(dash.wards.map((w) => [w.code, w.rank])).toEqual([
      ["W1", 1],
      ["W2", 2],
      ["W3", null],
    ]);
    expect(dash.overview.wardsNotReported.map((w) => w.code)).toEqual(["W3"]);
    expect(dash.overview.wardsWithZeroScans.map((w) => w.code)).toEqual(["W2"]);
  });

  it("compares the lagging wards by default, the chosen ones when asked", () => {
    expect(dash.comparedWards.map((w) => w.code)).toEqual(["W1", "W2"]);
    expect(comparedWards(dash.wards, wards, ["W3", "XX"]).map((w) => w.code)).toEqual(["W3"]);
  });

  it("shows in the charts' tables the same numbers as the cards", () => {
    const last = dash.charts.coverageTrend.rows.at(-1);
    expect(last?.labels["002"]).toBe(formatPercent(dash.overview.district.coverage));
    const qr = dash.charts.qrActivity.at(-1);
    expect(qr?.activeVenuesLabel).toBe(formatCount(dash.overview.district.figure?.activeVenues ?? null));
    expect(qr?.scansLabel).toBe(formatCount(dash.overview.district.figure?.scans ?? null));
    expect(dash.charts.ranking.map((b) => b.valueLabel)).toEqual(["60,00%", formatPercent(dash.wards[1]?.coverage ?? null), "chưa báo cáo"]);
    expect(dash.charts.rankingTarget).toEqual({ value: 60, label: "Mục tiêu 60,00%" });
    expect(dash.charts.newInstalls.at(-1)).toMatchObject({ newInstallsLabel: "—", averageLabel: "70" });
    expect(dash.charts.newInstalls.at(-2)).toMatchObject({ newInstallsLabel: "70", averageLabel: "70" });
    expect(dash.charts.tiles.map((t) => t.code)).toEqual(["W1", "W2", "W3"]);
  });
});

describe("buildWardDetail", () => {
  it("gives the ward's rank, gap to the ward above, forecast and series", () => {
    const detail = buildWardDetail({ ward: wards[1]!, district, siblings: wards, table: figures, day: DAY, window: days.slice(1), targets, wardNoun: "phường" });
    expect(detail.row.rank).toBe(2);
    expect(detail.ranked).toBe(2);
    expect(detail.row.toPassAbove).toBe(887); // 3001/5000 > 60 %: 2114 → 3001
    expect(detail.forecast).toMatchObject({ gap: 886, pacePerDay: 70, days: 13 });
    expect(detail.charts.rankHistory.map((r) => r.rankLabel)).toEqual(Array(7).fill("2/3").slice(0, 6).concat(["2/2"]));
    expect(detail.charts.coverageTrend.series.map((s) => s.key)).toEqual(["W2", "002"]);
  });

  it("shows a ward that did not report as missing, not last", () => {
    const detail = buildWardDetail({ ward: wards[2]!, district, siblings: wards, table: figures, day: DAY, window: [DAY], targets, wardNoun: "phường" });
    expect(detail.row.rank).toBeNull();
    expect(detail.row.figure).toBeNull();
    expect(detail.forecast).toMatchObject({ gap: null, days: null });
  });
});

describe("buildCityRanking", () => {
  it("ranks the districts and picks out the followed one", () => {
    const ranking = buildCityRanking({ city, districts: cityDistricts, table: figures, day: DAY, metric: "coverage", targets, highlightCode: "002", wardNounOf: () => "phường" });
    expect(ranking.districts.map((d) => [d.code, d.rank])).toEqual([
      ["001", 1],
      ["002", 2],
      ["003", 3],
    ]);
    expect(ranking.highlighted?.rank).toBe(2);
    expect(ranking.chart.bars.filter((b) => b.highlighted).map((b) => b.code)).toEqual(["002"]);
    expect(formatPercent(ranking.city.coverage)).toBe("54,05%");
    expect(ranking.ranked).toBe(3);
  });
});

// ── issue 11: a partial day, and a ward without smartphones ─────────────────────────────────

describe("a day whose district figure sums one of three wards", () => {
  const NONE: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
  const sum = (counted: number, total: number) => ({ kind: "sum" as const, counted, total });
  const parts = (counted: number, total: number): FigureParts => ({ coverage: sum(counted, total), qr: sum(counted, total), scans: sum(counted, total) });
  const PARTIAL = "2021-08-18";
  const rowsWithParts: UnitDayFigure[] = [
    ...days.flatMap((day): UnitDayFigure[] => [
      { unitCode: "002", day, ...NONE, smartphones: 10_100, installs: 5_000, parts: parts(3, 3) },
      { unitCode: "001", day, ...NONE, smartphones: 10_000, installs: 6_000 },
      { unitCode: "003", day, ...NONE, smartphones: 10_000, installs: 4_000 },
      { unitCode: "W1", day, ...NONE, smartphones: 5000, installs: 3000 },
      { unitCode: "W2", day, ...NONE, smartphones: 5000, installs: 1990 },
      { unitCode: "W3", day, ...NONE, smartphones: 100, installs: 10 },
    ]),
    // 18/8: only W1 has reported; the district's sum is W1's alone (60 %: it would "rank" 1st)
    { unitCode: "002", day: PARTIAL, ...NONE, smartphones: 5000, installs: 3010, parts: parts(1, 3) },
    { unitCode: "001", day: PARTIAL, ...NONE, smartphones: 10_000, installs: 6_000 },
    { unitCode: "003", day: PARTIAL, ...NONE, smartphones: 10_000, installs: 4_100 },
    { unitCode: "W1", day: PARTIAL, ...NONE, smartphones: 5000, installs: 3010 },
  ];
  const t = buildFigureTable(rowsWithParts);
  const window = dayRange("2021-08-11", PARTIAL);

  it("does not rank the district, compare it or give it a verdict, and marks the day on the charts", () => {
    const dash = buildDistrictDashboard({ district, city, cityDistricts, wards, table: t, day: PARTIAL, window, metric: "coverage", compare: [], targets });
    expect(dash.overview.district.standing).toBe("partial");
    expect(dash.overview.district.rankInCity).toBeNull();
    expect(dash.overview.district.districtsRanked).toBe(2);
    expect(dash.kpis).toMatchObject({ rankChangeDay: null, coverageChangeDay: null, coverageStatus: null, forecast: null });
    expect(dash.overview.wardsNotReported.map((w) => w.code)).toEqual(["W3", "W2"]); // by name
    const last = dash.charts.coverageTrend.rows.at(-1)!;
    expect(last.values["002"]).toBeNull();
    expect(last.partialValues["002"]).toBe(60.2);
    expect(last.labels["002"]).toBe("60,20% (chưa đủ số liệu: 1/3 phường)");
    expect(dash.charts.coverageTrend.rows.at(-2)?.counts["002"]).toBe("3/3 phường");
    expect(dash.charts.newInstalls.at(-1)).toMatchObject({ partial: true, note: "chưa đủ số liệu: 1/3 phường" });
  });

  it("counts in the words of the district's wards (a rural district: 'xã, thị trấn')", () => {
    const dash = buildDistrictDashboard({ district, city, cityDistricts, wards, table: t, day: PARTIAL, window, metric: "coverage", compare: [], targets, wardNoun: "xã, thị trấn" });
    expect(dash.charts.coverageTrend.rows.at(-1)?.labels["002"]).toBe("60,20% (chưa đủ số liệu: 1/3 xã, thị trấn)");
    expect(dash.charts.newInstalls.at(-1)?.note).toBe("chưa đủ số liệu: 1/3 xã, thị trấn");
    const ranking = buildCityRanking({
      city,
      districts: cityDistricts,
      table: t,
      day: PARTIAL,
      metric: "coverage",
      targets,
      highlightCode: "002",
      wardNounOf: (code) => (code === "002" ? "xã, thị trấn" : "phường"),
    });
    expect(ranking.chart.bars.find((b) => b.code === "002")?.statusLabel).toBe("chưa đủ số liệu, 1/3 xã, thị trấn");
  });

  it("keeps the district out of the city's ranking, listed apart with its k/n", () => {
    const ranking = buildCityRanking({ city, districts: cityDistricts, table: t, day: PARTIAL, metric: "coverage", targets, highlightCode: "002", wardNounOf: () => "phường" });
    expect(ranking.districts.map((d) => [d.code, d.rank, d.standing])).toEqual([
      ["001", 1, "ranked"],
      ["003", 2, "ranked"],
      ["002", null, "partial"],
    ]);
    expect(ranking.highlighted?.rank).toBeNull();
    expect(ranking.ranked).toBe(2);
    expect(ranking.chart.bars.find((b) => b.code === "002")).toMatchObject({ value: null, statusLabel: "chưa đủ số liệu, 1/3 phường" });
    expect(ranking.withheld.rankDay).toEqual({ kind: "not-ranked", when: "day", day: PARTIAL, standing: "partial" });
    // the day before ranked three districts, this day two: no district's rank change compares
    expect(ranking.rankingChanges.day).toEqual({ kind: "different-sets", day: PARTIAL, today: 2, earlier: 3 });
    expect(ranking.districts.every((d) => d.rankChangeDay === null)).toBe(true);
  });
});

describe("a ward that reported 0 smartphones", () => {
  const NONE: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
  const t = buildFigureTable(
    days.flatMap((day): UnitDayFigure[] => [
      { unitCode: "W1", day, ...NONE, smartphones: 5000, installs: 3000, qrVenues: 10, activeVenues: 3, scans: 9 },
      { unitCode: "W2", day, ...NONE, smartphones: 4000, installs: 2000, qrVenues: 10, activeVenues: 1, scans: 1 },
      { unitCode: "W3", day, ...NONE, smartphones: 0, installs: 0, qrVenues: 0, activeVenues: 0, scans: 0 },
    ]),
  );

  it("has no rate, rank, verdict or forecast, and is not 'chưa báo cáo'", () => {
    const detail = buildWardDetail({ ward: wards[2]!, district, siblings: wards, table: t, day: DAY, window: days.slice(1), targets, wardNoun: "phường" });
    expect(detail.row).toMatchObject({ rank: null, standing: "no-denominator", coverage: null, coverageStatus: null, qrActiveStatus: null });
    expect(detail.row.installsToTarget).toBeNull();
    expect(detail.row.activeVenuesToTarget).toBeNull();
    expect(detail.forecast).toBeNull();
    expect(detail.withheld.rankDay).toEqual({ kind: "not-ranked", when: "day", day: DAY, standing: "no-denominator" });
    expect(detail.charts.rankHistory.at(-1)?.rankLabel).toBe("không có điện thoại thông minh");
    expect(detail.ranked).toBe(2);
    const dash = buildDistrictDashboard({ district, city, cityDistricts, wards, table: t, day: DAY, window: days.slice(1), metric: "coverage", compare: [], targets });
    expect(dash.overview.wardsNotReported).toEqual([]);
    expect(dash.overview.wardsWithoutSmartphones.map((w) => w.code)).toEqual(["W3"]);
    expect(dash.charts.tiles.find((x) => x.code === "W3")).toMatchObject({ valueLabel: "—", status: null, statusLabel: "không có điện thoại thông minh" });
  });
});
