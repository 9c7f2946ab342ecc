"use client";

import dynamic from "next/dynamic";
import type { ComponentProps, ComponentType } from "react";
import type { CoverageTrendChart } from "@/components/charts/coverage-trend-chart";
import type { NewInstallsChart } from "@/components/charts/new-installs-chart";
import type { QrActivityChart } from "@/components/charts/qr-activity-chart";
import type { RankingBarChart } from "@/components/charts/ranking-bar-chart";

// The overview's and the city page's charts (issue 15): Recharts and the charts' table views are
// left out of the server-rendered HTML and loaded in the browser once the page is interactive, so
// the first paint and hydration only cover the figures and tables above them. Each chart keeps its
// place from the start (a box of the chart's height), so nothing below it moves when it arrives.

/** Title, description, table-view summary and padding around a chart's drawing (px). */
const FRAME = 140;

function Loading() {
  return (
    <p role="status" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
      Đang tải biểu đồ…
    </p>
  );
}

/** `load`ed in the browser only, in a box as tall as the chart will be (`height`: its drawing's height). */
function lazyChart<P extends object>(load: () => Promise<ComponentType<P>>, height: (props: P) => number): ComponentType<P> {
  const Chart = dynamic(load, { ssr: false, loading: Loading });
  return function ReservedChart(props: P) {
    return (
      <div style={{ minHeight: height(props) + FRAME }}>
        <Chart {...props} />
      </div>
    );
  };
}

export const LazyCoverageTrendChart: ComponentType<ComponentProps<typeof CoverageTrendChart>> = lazyChart(
  () => import("@/components/charts/coverage-trend-chart").then((m) => m.CoverageTrendChart),
  () => 320,
);

export const LazyNewInstallsChart: ComponentType<ComponentProps<typeof NewInstallsChart>> = lazyChart(
  () => import("@/components/charts/new-installs-chart").then((m) => m.NewInstallsChart),
  () => 280,
);

export const LazyQrActivityChart: ComponentType<ComponentProps<typeof QrActivityChart>> = lazyChart(
  () => import("@/components/charts/qr-activity-chart").then((m) => m.QrActivityChart),
  () => 280,
);

// The chart's own height rule (ranking-bar-chart.tsx): 26 px a drawn bar, at least 160.
export const LazyRankingBarChart: ComponentType<ComponentProps<typeof RankingBarChart>> = lazyChart(
  () => import("@/components/charts/ranking-bar-chart").then((m) => m.RankingBarChart),
  (props) => Math.max(160, props.bars.filter((b) => b.value !== null).length * 26 + 60),
);
