// The metrics a ranking can be ordered by, and what each one means for a unit's figure of a day:
// its value, how it is displayed, and how much more of it a unit needs to pass the unit above.

import type { FigurePart, FigureWithParts } from "./completeness.ts";
import { hasPart, isPartComplete } from "./completeness.ts";
import type { FigureValues } from "./figures.ts";
import { formatCount, formatPercent, MISSING_PLACEHOLDER } from "./format.ts";
import { assertCount } from "./integer.ts";
import { coverageRate, installsToPass, qrActiveRate } from "./metrics.ts";
import type { Ratio } from "./ratio.ts";
import { ratioToPercentHundredths } from "./ratio.ts";

export const RANK_METRICS = ["coverage", "installs", "qrActive", "scans"] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

/** The dispatch ranks by coverage rate, so that is what a page shows unless asked otherwise. */
export const DEFAULT_RANK_METRIC: RankMetric = "coverage";

export const RANK_METRIC_LABELS: Readonly<Record<RankMetric, string>> = {
  coverage: "Tỷ lệ cài đặt",
  installs: "Lượt cài đặt",
  qrActive: "Tỷ lệ địa điểm có lượt quét",
  scans: "Lượt quét",
};

/** What the "gap to the next rank" of a metric is counted in. */
export const PASS_UNIT_LABELS: Readonly<Record<RankMetric, string>> = {
  coverage: "lượt cài",
  installs: "lượt cài",
  qrActive: "địa điểm có lượt quét",
  scans: "lượt quét",
};

export function isRankMetric(value: unknown): value is RankMetric {
  return typeof value === "string" && (RANK_METRICS as readonly string[]).includes(value);
}

/** True for the metrics that are rates (ranked on exact ratios, shown as percentages). */
export function isRateMetric(metric: RankMetric): metric is "coverage" | "qrActive" {
  return metric === "coverage" || metric === "qrActive";
}

/** The part of a figure a metric reads (lib/domain/completeness.ts). */
export function metricPart(metric: RankMetric): FigurePart {
  switch (metric) {
    case "coverage":
    case "installs":
      return "coverage";
    case "qrActive":
      return "qr";
    case "scans":
      return "scans";
  }
}

/**
 * Why a unit is or is not ranked on a metric: `ranked`; `partial` (its figure sums only some of its
 * children, "chưa đủ số liệu, 17/18"); `no-denominator` (it reported 0 smartphones, or 0
 * registered venues for the QR rate: no rate, no rank, no verdict, but it did report);
 * `missing` (no figure for the metric's part: "chưa báo cáo" for coverage).
 */
export type RankStanding = "ranked" | "partial" | "no-denominator" | "missing";

export function rankStanding(figure: FigureWithParts | null, metric: RankMetric): RankStanding {
  const part = metricPart(metric);
  if (!hasPart(figure, part) || figure === null) return "missing";
  if (!isPartComplete(figure, part)) return "partial";
  if (part === "coverage" && figure.smartphones === 0) return "no-denominator";
  if (part === "qr" && figure.qrVenues === 0) return "no-denominator";
  return "ranked";
}

/**
 * The value a unit is ranked on; null when it is not ranked (see rankStanding): no figure, a
 * partial sum, or a zero denominator.
 */
export function metricValue(figure: FigureWithParts | null, metric: RankMetric): Ratio | number | null {
  if (figure === null || rankStanding(figure, metric) !== "ranked") return null;
  return rawMetricValue(figure, metric);
}

/** The metric's value whatever the standing (a partial sum shown beside the ranking); null when unknown. */
export function rawMetricValue(figure: FigureValues | null, metric: RankMetric): Ratio | number | null {
  if (figure === null) return null;
  switch (metric) {
    case "coverage":
      return coverageRate(figure);
    case "qrActive":
      return qrActiveRate(figure);
    case "installs":
      return figure.installs;
    case "scans":
      return figure.scans;
  }
}

/** "51,14%" for a rate, "77.113" for a count, "—" when missing. */
export function formatMetricValue(value: Ratio | number | null): string {
  if (value === null) return MISSING_PLACEHOLDER;
  return typeof value === "number" ? formatCount(value) : formatPercent(value);
}

/**
 * A value as a plain number for drawing only: a rate as a percentage rounded half-up to two
 * decimals (the same digits the label shows), a count as is. Never used for comparisons.
 */
export function metricChartNumber(value: Ratio | number | null): number | null {
  if (value === null) return null;
  if (typeof value === "number") return value;
  const hundredths = ratioToPercentHundredths(value);
  return hundredths === null ? null : hundredths / 100;
}

function countToPass(own: number | null, above: number | null): number | null {
  if (own === null || above === null) return null;
  assertCount(own, "own count");
  assertCount(above, "count above");
  return above >= own ? above - own + 1 : 0;
}

/**
 * The fewest extra units of the metric's numerator (installs, active venues, scans) `own` needs to
 * rank strictly above `above`. For rates the denominator is held fixed (see installsToPass), and
 * 'unreachable' means the numerator would have to exceed it. Null when either value is unknown.
 */
export function amountToPass(own: FigureValues, above: FigureValues, metric: RankMetric): number | "unreachable" | null {
  switch (metric) {
    case "coverage":
      return installsToPass(own, above);
    case "qrActive":
      // Same exact arithmetic as installs / smartphones, on active / registered venues.
      return installsToPass(
        { installs: own.activeVenues, smartphones: own.qrVenues },
        { installs: above.activeVenues, smartphones: above.qrVenues },
      );
    case "installs":
      return countToPass(own.installs, above.installs);
    case "scans":
      return countToPass(own.scans, above.scans);
  }
}
