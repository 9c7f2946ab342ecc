// Data for the charts, shaped here so that chart components only draw. Every point carries the
// number to draw (floats are fine for pixels) and the label to show (formatted from the exact
// value), so a chart's tooltip, its table view and the KPI cards always print the same digits.

import type { IsoDay } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import { formatCount, formatDay, formatDayShort, formatPercent, MISSING_PLACEHOLDER, NOT_REPORTED_LABEL } from "./format.ts";
import { coverageRate, paceRounded, paceToNumber, qrActiveRate } from "./metrics.ts";
import type { NamedUnit } from "./overview.ts";
import type { RankMetric } from "./rank-metric.ts";
import { formatMetricValue, isRateMetric, metricChartNumber } from "./rank-metric.ts";
import type { Ratio } from "./ratio.ts";
import { ratioToPercentHundredths } from "./ratio.ts";
import type { ResolvedTarget, TargetStatus } from "./targets.ts";
import { TARGET_STATUS_LABELS } from "./targets.ts";
import type { NewInstallsPoint, RankPoint } from "./trends.ts";
import type { RankingRow } from "./unit-ranking.ts";

/** A rate as a percentage number with two decimals (rounded half-up like its label), for drawing. */
export function percentNumber(rate: Ratio | null): number | null {
  if (rate === null) return null;
  const hundredths = ratioToPercentHundredths(rate);
  return hundredths === null ? null : hundredths / 100;
}

/** A target line: where to draw it (percent) and what to call it. */
export type TargetLine = { readonly value: number; readonly label: string };

export function targetLine(target: ResolvedTarget | null): TargetLine | null {
  if (target === null) return null;
  return { value: target.basisPoints / 100, label: `Mục tiêu ${formatPercent({ num: target.basisPoints, den: 10_000 })}` };
}

export type DayLabels = { readonly day: IsoDay; readonly dayLabel: string; readonly dayShort: string };

function dayLabels(day: IsoDay): DayLabels {
  return { day, dayLabel: formatDay(day), dayShort: formatDayShort(day) };
}

// ── ranking bar chart ────────────────────────────────────────────────────────────────────────

export type RankingBarDatum = {
  readonly code: string;
  readonly name: string;
  readonly value: number | null;
  readonly valueLabel: string;
  readonly rankLabel: string;
  readonly status: TargetStatus | null;
  readonly statusLabel: string;
  readonly highlighted: boolean;
};

/** One bar per unit, in ranking order; unranked units keep a row (no bar) marked "chưa báo cáo". */
export function rankingBarData(rows: readonly RankingRow[], metric: RankMetric, highlightCode?: string): RankingBarDatum[] {
  return rows.map((row) => {
    const status = metric === "coverage" ? row.coverageStatus : metric === "qrActive" ? row.qrActiveStatus : null;
    return {
      code: row.code,
      name: row.name,
      value: metricChartNumber(row.value),
      valueLabel: row.figure === null ? NOT_REPORTED_LABEL : formatMetricValue(row.value),
      rankLabel: row.rank === null ? MISSING_PLACEHOLDER : String(row.rank),
      status,
      statusLabel: status === null ? MISSING_PLACEHOLDER : TARGET_STATUS_LABELS[status],
      highlighted: row.code === highlightCode,
    };
  });
}

/** The target line a ranking by `metric` is drawn against (counts have none). */
export function rankingTargetLine(metric: RankMetric, targets: { coverage: ResolvedTarget | null; qrActive: ResolvedTarget | null }): TargetLine | null {
  if (!isRateMetric(metric)) return null;
  return targetLine(metric === "coverage" ? targets.coverage : targets.qrActive);
}

// ── coverage trend lines ────────────────────────────────────────────────────────────────────

export type TrendSeries = { readonly key: string; readonly name: string };

export type CoverageTrendDatum = DayLabels & {
  /** percent by series key; null where the unit has no figure */
  readonly values: Readonly<Record<string, number | null>>;
  readonly labels: Readonly<Record<string, string>>;
};

export function coverageTrendData(
  table: FigureTable,
  units: readonly NamedUnit[],
  window: readonly IsoDay[],
): { series: TrendSeries[]; rows: CoverageTrendDatum[] } {
  return {
    series: units.map((u) => ({ key: u.code, name: u.name })),
    rows: window.map((day) => {
      const values: Record<string, number | null> = {};
      const labels: Record<string, string> = {};
      for (const unit of units) {
        const figure = figureOn(table, unit.code, day);
        const rate = figure ? coverageRate(figure) : null;
        values[unit.code] = percentNumber(rate);
        labels[unit.code] = figure === null ? NOT_REPORTED_LABEL : formatPercent(rate);
      }
      return { ...dayLabels(day), values, labels };
    }),
  };
}

// ── new installs and their 7-day average ────────────────────────────────────────────────────

export type NewInstallsDatum = DayLabels & {
  readonly newInstalls: number | null;
  readonly newInstallsLabel: string;
  readonly average: number | null;
  readonly averageLabel: string;
};

export function newInstallsData(points: readonly NewInstallsPoint[]): NewInstallsDatum[] {
  return points.map((p) => ({
    ...dayLabels(p.day),
    newInstalls: p.newInstalls,
    newInstallsLabel: formatCount(p.newInstalls),
    average: p.average === null ? null : paceToNumber(p.average),
    averageLabel: p.average === null ? MISSING_PLACEHOLDER : formatCount(paceRounded(p.average)),
  }));
}

// ── QR venues with scans and scans per day ─────────────────────────────────────────────────

export type QrActivityDatum = DayLabels & {
  readonly activeVenues: number | null;
  readonly activeVenuesLabel: string;
  readonly qrVenuesLabel: string;
  readonly activeRate: number | null;
  readonly activeRateLabel: string;
  readonly scans: number | null;
  readonly scansLabel: string;
};

export function qrActivityData(table: FigureTable, unitCode: string, window: readonly IsoDay[]): QrActivityDatum[] {
  return window.map((day) => {
    const f = figureOn(table, unitCode, day);
    const rate = f ? qrActiveRate(f) : null;
    return {
      ...dayLabels(day),
      activeVenues: f?.activeVenues ?? null,
      activeVenuesLabel: f === null ? NOT_REPORTED_LABEL : formatCount(f.activeVenues),
      qrVenuesLabel: formatCount(f?.qrVenues ?? null),
      activeRate: percentNumber(rate),
      activeRateLabel: formatPercent(rate),
      scans: f?.scans ?? null,
      scansLabel: formatCount(f?.scans ?? null),
    };
  });
}

// ── rank history ────────────────────────────────────────────────────────────────────────────

export type RankHistoryDatum = DayLabels & { readonly rank: number | null; readonly rankLabel: string };

export function rankHistoryData(points: readonly RankPoint[]): RankHistoryDatum[] {
  return points.map((p) => ({
    ...dayLabels(p.day),
    rank: p.rank,
    rankLabel: p.rank === null ? NOT_REPORTED_LABEL : `${p.rank}/${p.ranked}`,
  }));
}

// ── tile map ────────────────────────────────────────────────────────────────────────────────

/** Shades of a count scale, light to dark: 0 = lowest fifth of the ranked units, 4 = top fifth. */
export type Shade = 0 | 1 | 2 | 3 | 4;

export type TileDatum = {
  readonly code: string;
  readonly name: string;
  readonly valueLabel: string;
  readonly rankLabel: string;
  /** a rate with a target is coloured by traffic light; otherwise by shade; null when missing */
  readonly status: TargetStatus | null;
  readonly shade: Shade | null;
  readonly statusLabel: string;
};

/** Rank 1 is the darkest shade (4) and the last ranked the lightest (0), spread evenly between. */
export function shadeOf(rank: number, ranked: number): Shade {
  if (ranked <= 1) return 4;
  const band = Math.round(((ranked - rank) * 4) / (ranked - 1));
  return Math.min(4, Math.max(0, band)) as Shade;
}

/** Tiles of the wards (in the given order, e.g. by code) coloured by the chosen metric. */
export function tileMapData(rows: readonly RankingRow[], metric: RankMetric, order: readonly NamedUnit[]): TileDatum[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const ranked = rows.filter((r) => r.rank !== null).length;
  return order.flatMap((unit) => {
    const row = byCode.get(unit.code);
    if (!row) return [];
    const status = metric === "coverage" ? row.coverageStatus : metric === "qrActive" ? row.qrActiveStatus : null;
    const shade = status === null && row.rank !== null ? shadeOf(row.rank, ranked) : null;
    return [
      {
        code: row.code,
        name: row.name,
        valueLabel: row.figure === null ? NOT_REPORTED_LABEL : formatMetricValue(row.value),
        rankLabel: row.rank === null ? MISSING_PLACEHOLDER : `hạng ${row.rank}`,
        status,
        shade,
        statusLabel: status !== null ? TARGET_STATUS_LABELS[status] : row.rank === null ? NOT_REPORTED_LABEL : `hạng ${row.rank}/${ranked}`,
      },
    ];
  });
}
