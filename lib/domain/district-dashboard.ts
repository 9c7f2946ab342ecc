// Everything the district overview shows for one day, from the effective figures of the city,
// its districts and the district's wards over a window of days: the KPI cards (with changes and
// rank change), the ward ranking by the chosen metric, and the charts' data.

import type { ChartText, CoverageTrendDatum, NewInstallsDatum, QrActivityDatum, RankingBarDatum, TargetLine, TileDatum, TrendSeries } from "./chart-data.ts";
import {
  coverageTrendData,
  coverageTrendText,
  newInstallsData,
  newInstallsText,
  originsOf,
  qrActivityData,
  qrActivityText,
  rankingBarData,
  rankingBarText,
  rankingTargetLine,
  rankingTargetText,
  targetLine,
  targetLineText,
  tileMapData,
  tileMapText,
} from "./chart-data.ts";
import type { IsoDay } from "./days.ts";
import { addDays, dayRange } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn, figuresOnDay, seriesOf } from "./figure-table.ts";
import type { TargetForecast } from "./forecast.ts";
import { forecastToTarget } from "./forecast.ts";
import type { Pace } from "./metrics.ts";
import { coverageRate, installsToTarget, rateChangeVsPrevious } from "./metrics.ts";
import type { DistrictOverview, NamedUnit } from "./overview.ts";
import { buildDistrictOverview } from "./overview.ts";
import type { RankMetric } from "./rank-metric.ts";
import type { TargetStatus, UnitTargets } from "./targets.ts";
import { NO_TARGETS, targetStatus } from "./targets.ts";
import { fetchRangeFor, newInstallsByDay, newInstallsTrend, paceAt } from "./trends.ts";
import type { RankingRow } from "./unit-ranking.ts";
import { buildRankingRows, comparableRankChange, ranksOnDay } from "./unit-ranking.ts";
import { isPartComplete } from "./completeness.ts";
import type { ChildNoun } from "./dashboard-format.ts";

/** How many lagging wards the trend chart compares with the district when none is chosen. */
export const DEFAULT_COMPARED_WARDS = 3;

export type DistrictKpis = {
  readonly rankChangeDay: number | null;
  readonly rankChangeWeek: number | null;
  /** coverage change in hundredths of a percentage point */
  readonly coverageChangeDay: number | null;
  readonly coverageChangeWeek: number | null;
  readonly installsChangeDay: number | null;
  readonly newInstallsPace: Pace | null;
  readonly coverageStatus: TargetStatus | null;
  readonly qrActiveStatus: TargetStatus | null;
  readonly forecast: TargetForecast | null;
  readonly activeVenuesToTarget: number | null;
};

export type DistrictCharts = {
  readonly ranking: readonly RankingBarDatum[];
  readonly rankingTarget: TargetLine | null;
  readonly coverageTarget: TargetLine | null;
  readonly coverageTrend: { readonly series: readonly TrendSeries[]; readonly rows: readonly CoverageTrendDatum[] };
  readonly newInstalls: readonly NewInstallsDatum[];
  readonly qrActivity: readonly QrActivityDatum[];
  readonly tiles: readonly TileDatum[];
};

export type DistrictDashboard = {
  readonly day: IsoDay;
  readonly metric: RankMetric;
  /** the day's figures, rates, rank in the city, unreported and zero-scan wards */
  readonly overview: DistrictOverview;
  readonly targets: UnitTargets;
  readonly kpis: DistrictKpis;
  readonly wards: readonly RankingRow[];
  /** the district's wards in official-code order (for pickers and the tile map) */
  readonly wardUnits: readonly NamedUnit[];
  readonly comparedWards: readonly NamedUnit[];
  readonly charts: DistrictCharts;
  /** the charts' labels as messages, rendered in the reader's language by the chart-data route */
  readonly chartText: ChartText;
};

export type DistrictDashboardInput = {
  readonly district: NamedUnit;
  readonly city: NamedUnit;
  readonly cityDistricts: readonly NamedUnit[];
  /** the district's wards, in the order the tile map lays them out (by official code) */
  readonly wards: readonly NamedUnit[];
  /** effective figures of all of the above over `window` and the 7 days before it */
  readonly table: FigureTable;
  readonly day: IsoDay;
  /** the days the trend charts show, ending at `day` */
  readonly window: readonly IsoDay[];
  readonly metric: RankMetric;
  /** ward codes chosen for the trend chart; codes of other units are ignored */
  readonly compare: readonly string[];
  readonly targets: ReadonlyMap<string, UnitTargets>;
  /**
   * what the district's wards are called ("phường", "xã, thị trấn"): the charts' k/n labels. The
   * data layer always tells (from the wards' types); "phường" when not told.
   */
  readonly wardNoun?: ChildNoun;
};

/**
 * The wards the trend chart compares with the district: those chosen (in district order), else
 * the DEFAULT_COMPARED_WARDS ranked last by coverage: the lagging ones an official follows up.
 */
export function comparedWards(rowsByCoverage: readonly RankingRow[], wards: readonly NamedUnit[], compare: readonly string[]): NamedUnit[] {
  const chosen = new Set(compare);
  const picked = wards.filter((w) => chosen.has(w.code));
  if (picked.length > 0) return picked.map(({ code, name }) => ({ code, name }));
  const ranked = rowsByCoverage.filter((r) => r.rank !== null);
  return ranked.slice(-DEFAULT_COMPARED_WARDS).map(({ code, name }) => ({ code, name }));
}

export function buildDistrictDashboard(input: DistrictDashboardInput): DistrictDashboard {
  const { district, city, cityDistricts, wards, table, day, window, metric, targets } = input;
  const wardNoun = input.wardNoun ?? "phường";
  const overview = buildDistrictOverview({ district, city, cityDistricts, wards, figures: figuresOnDay(table, day) });
  const districtTargets = targets.get(district.code) ?? NO_TARGETS;
  const range = fetchRangeFor(window.length > 0 ? window : [day]);
  const fetchedDays = dayRange(range.from, range.to);
  // The district's figure sums its wards: a day-to-day change only counts when the same wards reported.
  const newInstalls = newInstallsByDay(
    table,
    district.code,
    wards.map((w) => w.code),
    fetchedDays,
  );
  const pace = paceAt(newInstalls, day);
  // Changes compare whole figures only: a day whose coverage sums some of the wards has no rate
  // to compare with (the change is withheld and the page says why).
  const coverageSeries = seriesOf(table, district.code, fetchedDays, (f) => (isPartComplete(f, "coverage") ? coverageRate(f) : null));
  const figure = figureOn(table, district.code, day);
  const coverageComplete = isPartComplete(figure, "coverage");
  const qrComplete = isPartComplete(figure, "qr");
  const cityRanks = ranksOnDay(cityDistricts, table, day, "coverage");
  const cityRankChange = (lag: number): number | null =>
    comparableRankChange(district.code, cityRanks, ranksOnDay(cityDistricts, table, addDays(day, -lag), "coverage"));

  const kpis: DistrictKpis = {
    rankChangeDay: cityRankChange(1),
    rankChangeWeek: cityRankChange(7),
    coverageChangeDay: rateChangeVsPrevious(coverageSeries, day, 1),
    coverageChangeWeek: rateChangeVsPrevious(coverageSeries, day, 7),
    installsChangeDay: newInstalls.find((p) => p.day === day)?.value ?? null,
    newInstallsPace: pace,
    coverageStatus: coverageComplete ? targetStatus(overview.district.coverage, districtTargets.coverage) : null,
    qrActiveStatus: qrComplete ? targetStatus(overview.district.qrActive, districtTargets.qrActive) : null,
    forecast: coverageComplete
      ? forecastToTarget({
          pace,
          day,
          installs: figure?.installs ?? null,
          smartphones: figure?.smartphones ?? null,
          targetBasisPoints: districtTargets.coverage?.basisPoints ?? null,
        })
      : null,
    activeVenuesToTarget:
      figure && qrComplete && districtTargets.qrActive
        ? installsToTarget(figure.activeVenues, figure.qrVenues, districtTargets.qrActive.basisPoints)
        : null,
  };

  const rows = buildRankingRows({ units: wards, table, day, metric, targets });
  const byCoverage = metric === "coverage" ? rows : buildRankingRows({ units: wards, table, day, metric: "coverage", targets });
  const compared = comparedWards(byCoverage, wards, input.compare);

  return {
    day,
    metric,
    overview,
    targets: districtTargets,
    kpis,
    wards: rows,
    wardUnits: wards.map(({ code, name }) => ({ code, name })),
    comparedWards: compared,
    charts: {
      ranking: rankingBarData(rows, metric, wardNoun),
      rankingTarget: rankingTargetLine(metric, districtTargets),
      coverageTarget: targetLine(districtTargets.coverage),
      coverageTrend: coverageTrendData(table, [{ code: district.code, name: district.name }, ...compared], window, wardNoun),
      // a day whose district figure sums only some wards is marked partial on the chart
      newInstalls: newInstallsData(newInstallsTrend(newInstalls, window), { on: originsOf(table, district.code, "coverage"), noun: wardNoun }),
      qrActivity: qrActivityData(table, district.code, window, wardNoun),
      tiles: tileMapData(rows, metric, wards, wardNoun),
    },
    chartText: {
      ranking: rankingBarText(rows, metric, wardNoun),
      rankingTarget: rankingTargetText(metric, districtTargets),
      coverageTarget: targetLineText(districtTargets.coverage),
      coverageTrend: coverageTrendText(table, [{ code: district.code, name: district.name }, ...compared], window, wardNoun),
      newInstalls: newInstallsText(newInstallsTrend(newInstalls, window), { on: originsOf(table, district.code, "coverage"), noun: wardNoun }),
      qrActivity: qrActivityText(table, district.code, window, wardNoun),
      tiles: tileMapText(rows, metric, wards, wardNoun),
    },
  };
}
