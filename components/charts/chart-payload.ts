import type { CoverageTrendDatum, NewInstallsDatum, QrActivityDatum, RankHistoryDatum, RankingBarDatum, TargetLine, TileDatum, TrendSeries } from "@/lib/domain/chart-data";
import type { PolicyPhase } from "@/lib/domain/policy-phases";
import type { ChartWordsValue } from "./chart-words";

// What a page's chart-data route answers (issue 15: chart series are fetched when the charts come
// near the screen, not embedded in the page's HTML and RSC payload). One answer holds every chart
// of the page; each chart picks its part. Types only: shared by the route handlers and the
// browser's lazy chart (components/charts/lazy-chart.tsx).

export type ChartPayload = {
  /**
   * the drawn charts' words (table view, legends, tooltips) in the reader's language: they travel
   * with the data, only to a reader who scrolls to a chart, not in every page's HTML and RSC payload
   */
  readonly words: ChartWordsValue;
  readonly phases: readonly PolicyPhase[];
  readonly coverageTrend?: { readonly series: readonly TrendSeries[]; readonly rows: readonly CoverageTrendDatum[]; readonly target: TargetLine | null };
  readonly newInstalls?: readonly NewInstallsDatum[];
  readonly qrActivity?: readonly QrActivityDatum[];
  readonly rankHistory?: { readonly rows: readonly RankHistoryDatum[]; readonly outOf: number };
  readonly ranking?: {
    readonly bars: readonly RankingBarDatum[];
    readonly target: TargetLine | null;
    readonly unitHeader: string;
    readonly metricLabel: string;
    readonly isRate: boolean;
  };
  /**
   * the ranking table's row details ("Chi tiết": every figure the columns do not show), by unit
   * code, in the reader's language; loaded when a row is first opened (components/dashboard/ranking-table.tsx)
   */
  readonly rankingDetails?: Readonly<Record<string, string>>;
  /** the ward tile map: one tile per ward, linking to the ward's page on `day` */
  readonly tiles?: { readonly tiles: readonly TileDatum[]; readonly metricLabel: string; readonly day: string };
};

export type ChartKind = "coverageTrend" | "newInstalls" | "qrActivity" | "rankHistory" | "ranking" | "tiles";

/** The height of a chart's drawing (px), known before its data arrives, so its box never moves. */
export const CHART_HEIGHTS: Readonly<Record<Exclude<ChartKind, "ranking" | "tiles">, number>> = {
  coverageTrend: 320,
  newInstalls: 280,
  qrActivity: 280,
  rankHistory: 240,
};

/** The ranking bar chart's own height rule (ranking-bar-chart.tsx): 26 px a drawn bar, at least 160. */
export function rankingChartHeight(drawnBars: number): number {
  return Math.max(160, drawnBars * 26 + 60);
}

/** The tile map's height on a phone (two tiles a row, ~80 px each), the tallest it gets. */
export function tileMapHeight(tiles: number): number {
  return Math.max(80, Math.ceil(tiles / 2) * 80);
}
