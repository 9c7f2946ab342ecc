// A ranking table of sibling units (the wards of a district, the districts of a city) on one day,
// by a chosen metric: rank, rank change against the previous day and week, gap to target, gap to
// the unit ranked above, and traffic lights. Pure: the data layer fetches, the page only draws.

import type { IsoDay } from "./days.ts";
import { addDays } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import type { FigureWithParts, PartOrigin } from "./completeness.ts";
import { isPartComplete, partOrigin } from "./completeness.ts";
import type { FigureValues } from "./figures.ts";
import { coverageRate, installsToTarget, qrActiveRate } from "./metrics.ts";
import type { NamedUnit } from "./overview.ts";
import type { RankMetric } from "./rank-metric.ts";
import type { RankStanding } from "./rank-metric.ts";
import { amountToPass, metricPart, metricValue, rankStanding } from "./rank-metric.ts";
import { rankChange, rankUnits } from "./ranking.ts";
import type { Ratio } from "./ratio.ts";
import type { TargetStatus, UnitTargets } from "./targets.ts";
import { NO_TARGETS, targetStatus } from "./targets.ts";

export type RankingRow = NamedUnit & {
  /** null: no figure that day ("chưa báo cáo") */
  readonly figure: FigureWithParts | null;
  /** ranked, or why not: a partial sum, a zero denominator, no figure (rank-metric.ts) */
  readonly standing: RankStanding;
  /** how the ranked part of the figure was made: the unit's own, or a sum of k/n children */
  readonly origin: PartOrigin | null;
  readonly coverage: Ratio | null;
  readonly qrActive: Ratio | null;
  /** the value ranked on (by the chosen metric); null when not ranked */
  readonly value: Ratio | number | null;
  readonly rank: number | null;
  readonly rankPreviousDay: number | null;
  readonly rankPreviousWeek: number | null;
  /**
   * places moved since the previous day / week: positive = up. Null unless the unit is ranked on
   * both days and both days rank the same set of units (ranks among different sets don't compare).
   */
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

/** The same units are ranked in both rankings (so a rank in one compares with a rank in the other). */
export function sameRankedUnits(a: ReadonlyMap<string, number | null>, b: ReadonlyMap<string, number | null>): boolean {
  const rankedIn = (m: ReadonlyMap<string, number | null>) => [...m].filter(([, r]) => r !== null).map(([c]) => c);
  const inA = rankedIn(a);
  const inB = new Set(rankedIn(b));
  return inA.length === inB.size && inA.every((code) => inB.has(code));
}

/** Places moved between two rankings of the same units; null when either rank is missing or the sets differ. */
export function comparableRankChange(
  code: string,
  today: ReadonlyMap<string, number | null>,
  earlier: ReadonlyMap<string, number | null>,
): number | null {
  if (!sameRankedUnits(today, earlier)) return null;
  return rankChange(today.get(code) ?? null, earlier.get(code) ?? null);
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
  const today = new Map(ranked.map((r) => [r.item.code, r.rank]));
  const previousDay = ranksOnDay(units, table, addDays(day, -1), metric);
  const previousWeek = ranksOnDay(units, table, addDays(day, -7), metric);

  let aboveGroup: { unit: NamedUnit; figure: FigureValues; rank: number } | null = null;
  let currentGroup: { unit: NamedUnit; figure: FigureValues; rank: number } | null = null;
  return ranked.map(({ item, rank, value }) => {
    const figure = figureOn(table, item.code, day);
    const unitTargets = targets.get(item.code) ?? NO_TARGETS;
    const coverage = figure ? coverageRate(figure) : null;
    const qrActive = figure ? qrActiveRate(figure) : null;
    // A verdict against a target (or a gap to it) needs the unit's whole figure, not a partial sum.
    const coverageComplete = isPartComplete(figure, "coverage");
    const qrComplete = isPartComplete(figure, "qr");

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
      standing: rankStanding(figure, metric),
      origin: partOrigin(figure, metricPart(metric)),
      coverage,
      qrActive,
      value,
      rank,
      rankPreviousDay,
      rankPreviousWeek,
      rankChangeDay: comparableRankChange(item.code, today, previousDay),
      rankChangeWeek: comparableRankChange(item.code, today, previousWeek),
      targets: unitTargets,
      coverageStatus: coverageComplete ? targetStatus(coverage, unitTargets.coverage) : null,
      qrActiveStatus: qrComplete ? targetStatus(qrActive, unitTargets.qrActive) : null,
      installsToTarget:
        figure && coverageComplete && unitTargets.coverage
          ? installsToTarget(figure.installs, figure.smartphones, unitTargets.coverage.basisPoints)
          : null,
      activeVenuesToTarget:
        figure && qrComplete && unitTargets.qrActive
          ? installsToTarget(figure.activeVenues, figure.qrVenues, unitTargets.qrActive.basisPoints)
          : null,
      toPassAbove: above && figure ? amountToPass(figure, above.figure, metric) : null,
      above: above ? { code: above.unit.code, name: above.unit.name } : null,
    };
  });
}
