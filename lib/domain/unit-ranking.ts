// A ranking table of sibling units (the wards of a district, the districts of a city) on one day,
// by a chosen metric: rank, rank change against the previous day and week, gap to target, gap to
// the unit ranked above, and traffic lights. Pure: the data layer fetches, the page only draws.

import type { IsoDay } from "./days.ts";
import { addDays } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import type { FigureValues } from "./figures.ts";
import { coverageRate, installsToTarget, qrActiveRate } from "./metrics.ts";
import type { NamedUnit } from "./overview.ts";
import type { RankMetric } from "./rank-metric.ts";
import { amountToPass, metricValue } from "./rank-metric.ts";
import { rankChange, rankUnits } from "./ranking.ts";
import type { Ratio } from "./ratio.ts";
import type { TargetStatus, UnitTargets } from "./targets.ts";
import { NO_TARGETS, targetStatus } from "./targets.ts";

export type RankingRow = NamedUnit & {
  /** null: no figure that day ("chưa báo cáo") */
  readonly figure: FigureValues | null;
  readonly coverage: Ratio | null;
  readonly qrActive: Ratio | null;
  /** the value ranked on (by the chosen metric); null when not ranked */
  readonly value: Ratio | number | null;
  readonly rank: number | null;
  readonly rankPreviousDay: number | null;
  readonly rankPreviousWeek: number | null;
  /** places moved since the previous day / week: positive = up */
  readonly rankChangeDay: number | null;
  readonly rankChangeWeek: number | null;
  readonly targets: UnitTargets;
  readonly coverageStatus: TargetStatus | null;
  readonly qrActiveStatus: TargetStatus | null;
  /** installs still needed for the coverage target (0 when met) */
  readonly installsToTarget: number | null;
  /** venues with scans still needed for the QR-active target (0 when met) */
  readonly activeVenuesToTarget: number | null;
  /** the chosen metric's numerator needed to pass the unit ranked just above; null at rank 1 */
  readonly toPassAbove: number | "unreachable" | null;
  readonly above: NamedUnit | null;
};

export type RankingInput = {
  readonly units: readonly NamedUnit[];
  readonly table: FigureTable;
  readonly day: IsoDay;
  readonly metric: RankMetric;
  /** targets in force by unit code; a unit missing here has none */
  readonly targets?: ReadonlyMap<string, UnitTargets>;
};

const byName = (u: NamedUnit): string => u.name;

/** Rank of every unit on `day` by `metric` (null when not ranked). */
export function ranksOnDay(units: readonly NamedUnit[], table: FigureTable, day: IsoDay, metric: RankMetric): Map<string, number | null> {
  const ranked = rankUnits(units, (u) => metricValue(figureOn(table, u.code, day), metric), { secondaryKey: byName });
  return new Map(ranked.map((r) => [r.item.code, r.rank]));
}

/** How many units have a rank on `day` by `metric`. */
export function rankedCount(ranks: ReadonlyMap<string, number | null>): number {
  let n = 0;
  for (const rank of ranks.values()) if (rank !== null) n++;
  return n;
}

/**
 * The units ranked on `day` by `metric`, best first, unranked ones last (by name). Ties share a
 * rank (1, 2, 2, 4). The unit "above" a ranked unit is the nearest one with a strictly better
 * value, so a unit tied for 2nd is compared with the 1st, and one at 4th with those tied at 2nd.
 */
export function buildRankingRows(input: RankingInput): RankingRow[] {
  const { units, table, day, metric } = input;
  const targets = input.targets ?? new Map<string, UnitTargets>();
  const ranked = rankUnits(units, (u) => metricValue(figureOn(table, u.code, day), metric), { secondaryKey: byName });
  const previousDay = ranksOnDay(units, table, addDays(day, -1), metric);
  const previousWeek = ranksOnDay(units, table, addDays(day, -7), metric);

  let aboveGroup: { unit: NamedUnit; figure: FigureValues; rank: number } | null = null;
  let currentGroup: { unit: NamedUnit; figure: FigureValues; rank: number } | null = null;
  return ranked.map(({ item, rank, value }) => {
    const figure = figureOn(table, item.code, day);
    const unitTargets = targets.get(item.code) ?? NO_TARGETS;
    const coverage = figure ? coverageRate(figure) : null;
    const qrActive = figure ? qrActiveRate(figure) : null;

    let above: { unit: NamedUnit; figure: FigureValues } | null = null;
    if (rank !== null && figure !== null) {
      if (currentGroup === null || currentGroup.rank !== rank) {
        aboveGroup = currentGroup;
        currentGroup = { unit: item, figure, rank };
      }
      above = aboveGroup;
    }

    const rankPreviousDay = previousDay.get(item.code) ?? null;
    const rankPreviousWeek = previousWeek.get(item.code) ?? null;
    return {
      code: item.code,
      name: item.name,
      figure,
      coverage,
      qrActive,
      value,
      rank,
      rankPreviousDay,
      rankPreviousWeek,
      rankChangeDay: rankChange(rank, rankPreviousDay),
      rankChangeWeek: rankChange(rank, rankPreviousWeek),
      targets: unitTargets,
      coverageStatus: targetStatus(coverage, unitTargets.coverage),
      qrActiveStatus: targetStatus(qrActive, unitTargets.qrActive),
      installsToTarget:
        figure && unitTargets.coverage ? installsToTarget(figure.installs, figure.smartphones, unitTargets.coverage.basisPoints) : null,
      activeVenuesToTarget:
        figure && unitTargets.qrActive ? installsToTarget(figure.activeVenues, figure.qrVenues, unitTargets.qrActive.basisPoints) : null,
      toPassAbove: above && figure ? amountToPass(figure, above.figure, metric) : null,
      above: above ? { code: above.unit.code, name: above.unit.name } : null,
    };
  });
}
