// The city page: the city's districts ranked on one day by the chosen metric, with the city's own
// figure and the district being followed (the user's own, later) picked out.

import type { RankingBarDatum, TargetLine } from "./chart-data.ts";
import { rankingBarData, rankingTargetLine } from "./chart-data.ts";
import type { IsoDay } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import type { FigureValues } from "./figures.ts";
import { coverageRate, qrActiveRate } from "./metrics.ts";
import type { NamedUnit } from "./overview.ts";
import type { RankMetric } from "./rank-metric.ts";
import type { Ratio } from "./ratio.ts";
import type { UnitTargets } from "./targets.ts";
import { NO_TARGETS } from "./targets.ts";
import type { RankingRow } from "./unit-ranking.ts";
import { buildRankingRows } from "./unit-ranking.ts";

export type CityRanking = {
  readonly day: IsoDay;
  readonly metric: RankMetric;
  readonly city: NamedUnit & { readonly figure: FigureValues | null; readonly coverage: Ratio | null; readonly qrActive: Ratio | null };
  readonly districts: readonly RankingRow[];
  readonly highlighted: RankingRow | null;
  readonly ranked: number;
  readonly chart: { readonly bars: readonly RankingBarDatum[]; readonly target: TargetLine | null };
};

export function buildCityRanking(input: {
  readonly city: NamedUnit;
  readonly districts: readonly NamedUnit[];
  readonly table: FigureTable;
  readonly day: IsoDay;
  readonly metric: RankMetric;
  readonly targets: ReadonlyMap<string, UnitTargets>;
  /** the district to pick out (the default or the user's own); may be absent */
  readonly highlightCode: string | null;
}): CityRanking {
  const { city, districts, table, day, metric, targets, highlightCode } = input;
  const rows = buildRankingRows({ units: districts, table, day, metric, targets });
  const figure = figureOn(table, city.code, day);
  return {
    day,
    metric,
    city: {
      code: city.code,
      name: city.name,
      figure,
      coverage: figure ? coverageRate(figure) : null,
      qrActive: figure ? qrActiveRate(figure) : null,
    },
    districts: rows,
    highlighted: rows.find((r) => r.code === highlightCode) ?? null,
    ranked: rows.filter((r) => r.rank !== null).length,
    chart: {
      bars: rankingBarData(rows, metric, highlightCode ?? undefined),
      target: rankingTargetLine(metric, targets.get(city.code) ?? NO_TARGETS),
    },
  };
}
