// The city page: the city's districts ranked on one day by the chosen metric, with the city's own
// figure and the district being followed picked out. Only whole figures are ranked: a district
// whose sum counts some of its wards is listed apart, "chưa đủ số liệu", each in the words of its own wards ("17/18 phường", "12/23 xã, thị trấn"), and the
// city's total says how many districts it counts.

import type { ChartText, RankingBarDatum, TargetLine } from "./chart-data.ts";
import { rankingBarData, rankingBarText, rankingTargetLine, rankingTargetText } from "./chart-data.ts";
import type { FigurePart, PartOrigin } from "./completeness.ts";
import type { DayCompleteness, WithheldReason } from "./dashboard-completeness.ts";
import type { ChildNoun } from "./dashboard-format.ts";
import { coverageCompleteness, daysStillComingIn, rankChangeReason, rankingSetsReason } from "./dashboard-completeness.ts";
import type { IsoDay } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import type { FigureWithParts } from "./completeness.ts";
import type { NamedUnit } from "./overview.ts";
import { unitDay } from "./overview.ts";
import type { RankMetric } from "./rank-metric.ts";
import type { Ratio } from "./ratio.ts";
import type { UnitTargets } from "./targets.ts";
import { NO_TARGETS } from "./targets.ts";
import type { RankingRow } from "./unit-ranking.ts";
import { buildRankingRows } from "./unit-ranking.ts";

export type CityRanking = {
  readonly day: IsoDay;
  readonly metric: RankMetric;
  readonly city: NamedUnit & {
    readonly figure: FigureWithParts | null;
    readonly coverage: Ratio | null;
    readonly qrActive: Ratio | null;
    /** how each part of the city's figure was made: its own, or a sum of k/n districts */
    readonly origins: { readonly [P in FigurePart]: PartOrigin | null };
    /** the city's coverage figure that day: whole, partial (k/n districts) or missing */
    readonly completeness: DayCompleteness;
  };
  readonly districts: readonly RankingRow[];
  readonly highlighted: RankingRow | null;
  /** why the highlighted district's rank change is not shown (null where it is) */
  readonly withheld: { readonly rankDay: WithheldReason | null; readonly rankWeek: WithheldReason | null };
  /** why no rank change is shown in the ranking (the two days rank different districts); null otherwise */
  readonly rankingChanges: { readonly day: WithheldReason | null; readonly week: WithheldReason | null };
  readonly ranked: number;
  /** later days still coming in for the city (latest first) */
  readonly stillComingIn: readonly DayCompleteness[];
  readonly chart: { readonly bars: readonly RankingBarDatum[]; readonly target: TargetLine | null };
  /** the chart's labels as messages, rendered in the reader's language by the chart-data route */
  readonly chartText: ChartText;
};

export function buildCityRanking(input: {
  readonly city: NamedUnit;
  readonly districts: readonly NamedUnit[];
  readonly table: FigureTable;
  readonly day: IsoDay;
  readonly metric: RankMetric;
  readonly targets: ReadonlyMap<string, UnitTargets>;
  /** what each district's wards are called ("phường", "xã, thị trấn"): its row's k/n */
  readonly wardNounOf: (districtCode: string) => ChildNoun;
  /** the district to pick out (the default or the user's own); may be absent */
  readonly highlightCode: string | null;
  /** the city's and its districts' figures after `after` up to `to`, for the days still coming in */
  readonly later?: { readonly table: FigureTable; readonly after: IsoDay; readonly to: IsoDay };
}): CityRanking {
  const { city, districts, table, day, metric, targets, highlightCode, wardNounOf } = input;
  const rows = buildRankingRows({ units: districts, table, day, metric, targets });
  const districtCodes = districts.map((d) => d.code);
  const highlighted = rows.find((r) => r.code === highlightCode) ?? null;
  const highlightReason = (change: number | null, lag: number): WithheldReason | null =>
    highlighted === null || change !== null ? null : rankChangeReason(districts, table, highlighted.code, day, lag, metric);
  const later = input.later;
  return {
    day,
    metric,
    city: { ...unitDay(city, figureOn(table, city.code, day)), completeness: coverageCompleteness(table, city.code, districtCodes, day) },
    districts: rows,
    highlighted,
    withheld: {
      rankDay: highlightReason(highlighted?.rankChangeDay ?? null, 1),
      rankWeek: highlightReason(highlighted?.rankChangeWeek ?? null, 7),
    },
    rankingChanges: {
      day: rankingSetsReason(districts, table, day, 1, metric),
      week: rankingSetsReason(districts, table, day, 7, metric),
    },
    ranked: rows.filter((r) => r.rank !== null).length,
    stillComingIn: later ? daysStillComingIn(later.table, city.code, districtCodes, later.after, later.to) : [],
    chart: {
      bars: rankingBarData(rows, metric, wardNounOf, highlightCode ?? undefined),
      target: rankingTargetLine(metric, targets.get(city.code) ?? NO_TARGETS),
    },
    chartText: {
      ranking: rankingBarText(rows, metric, wardNounOf),
      rankingTarget: rankingTargetText(metric, targets.get(city.code) ?? NO_TARGETS),
    },
  };
}
