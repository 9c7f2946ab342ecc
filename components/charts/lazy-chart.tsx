"use client";

import { lazy, Suspense, use, useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import { wardHref } from "@/components/dashboard/hrefs";
import { ChartFigure } from "./chart-figure";
import { ChartWordsProvider } from "./chart-words";
import type { ChartKind, ChartPayload } from "./chart-payload";
import { chartData } from "./chart-request";

// A chart below the fold (issue 15): until the reader scrolls near it, the page holds only its
// title and a frame of its final height (no layout shift, nothing to hydrate). Near the screen it
// fetches its page's chart data (one JSON answer for all the page's charts, shared: `src`, a URL
// of the page's chart-data route that is unique to the page's render, so the browser never shows
// data older than the page) and the chart's code (Recharts), then draws the chart with its table
// view. The series never travel in the page's HTML or RSC payload.

const CoverageTrendChart = lazy(() => import("./coverage-trend-chart").then((m) => ({ default: m.CoverageTrendChart })));
const RankHistoryChart = lazy(() => import("./rank-history-chart").then((m) => ({ default: m.RankHistoryChart })));
const NewInstallsChart = lazy(() => import("./new-installs-chart").then((m) => ({ default: m.NewInstallsChart })));
const QrActivityChart = lazy(() => import("./qr-activity-chart").then((m) => ({ default: m.QrActivityChart })));
const RankingBarChart = lazy(() => import("./ranking-bar-chart").then((m) => ({ default: m.RankingBarChart })));
const WardTileMap = lazy(() => import("./ward-tile-map").then((m) => ({ default: m.WardTileMap })));

/** How far below the screen a chart starts loading. */
const AHEAD = "400px 0px";

/** The words the frame says, translated on the server (no catalog is sent to the browser for them). */
export type LazyChartWords = {
  /** shown while the data and code load */
  loading: string;
  /** shown when the data could not be loaded */
  failed: string;
  retry: string;
  /** shown without JavaScript */
  noScript: string;
  // The drawn chart's words (table view, legends, tooltips) come with the chart data (ChartPayload.words).
};

export type LazyChartProps = {
  kind: ChartKind;
  /** the page's chart-data URL (the same for every chart of one render) */
  src: string;
  id: string;
  title: string;
  description?: string;
  /** the drawing's height (px), reserved before the data arrives */
  height: number;
  words: LazyChartWords;
};

type FrameProps = { id: string; title: string; description?: string; height: number };

function Frame({ id, title, description, height, busy, children }: FrameProps & { busy: boolean; children: ReactNode }) {
  return (
    <ChartFigure id={id} title={title} description={description} busy={busy} lazyId={id} table={<div className="mt-2 h-[38px]" />}>
      <div className="flex flex-col items-center justify-center gap-2 rounded bg-slate-50 text-sm text-slate-700" style={{ height }}>
        {children}
      </div>
    </ChartFigure>
  );
}

/** The chart of `kind` drawn from the page's data (suspends until the data is there). */
function Drawn({ props, data, retry }: { props: LazyChartProps; data: Promise<ChartPayload | null>; retry: () => void }) {
  const payload = use(data);
  const { kind, id, title, description } = props;
  if (payload === null) {
    return (
      <Frame id={id} title={title} description={description} height={props.height} busy={false}>
        <p role="alert">{props.words.failed}</p>
        <button type="button" onClick={retry} className="min-h-11 rounded border border-brand-700 px-3 font-semibold text-brand-700">
          {props.words.retry}
        </button>
      </Frame>
    );
  }
  return <ChartWordsProvider value={payload.words}>{drawing(kind, props, payload)}</ChartWordsProvider>;
}

function drawing(kind: ChartKind, { id, title, description }: LazyChartProps, payload: ChartPayload): ReactNode {
  const common = { id, title, description, phases: payload.phases };
  switch (kind) {
    case "coverageTrend":
      return payload.coverageTrend ? <CoverageTrendChart {...common} {...payload.coverageTrend} /> : null;
    case "newInstalls":
      return payload.newInstalls ? <NewInstallsChart {...common} rows={payload.newInstalls} /> : null;
    case "qrActivity":
      return payload.qrActivity ? <QrActivityChart {...common} rows={payload.qrActivity} /> : null;
    case "rankHistory":
      return payload.rankHistory ? <RankHistoryChart {...common} rows={payload.rankHistory.rows} outOf={payload.rankHistory.outOf} /> : null;
    case "ranking":
      return payload.ranking ? <RankingBarChart id={id} title={title} description={description} {...payload.ranking} /> : null;
    case "tiles": {
      const tiles = payload.tiles;
      return tiles ? (
        <WardTileMap id={id} title={title} description={description} metricLabel={tiles.metricLabel} tiles={tiles.tiles} hrefFor={(code) => wardHref(code, tiles.day)} />
      ) : null;
    }
  }
}

function Loaded(props: LazyChartProps) {
  const [attempt, setAttempt] = useState(0);
  // A new request only when the reader asks again (chartData shares one per page render).
  const [data, setData] = useState(() => chartData(props.src));
  const retry = () => {
    setAttempt(attempt + 1);
    setData(chartData(props.src));
  };
  return (
    <Suspense
      key={attempt}
      fallback={
        <Frame id={props.id} title={props.title} description={props.description} height={props.height} busy>
          <p role="status">{props.words.loading}</p>
        </Frame>
      }
    >
      <Drawn props={props} data={data} retry={retry} />
    </Suspense>
  );
}

/** A chart drawn once near the screen (at once where IntersectionObserver is missing). */
export const LazyChart: ComponentType<LazyChartProps> = function LazyChart(props) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  if (near) return <Loaded {...props} />;
  return (
    <div ref={ref}>
      <Frame id={props.id} title={props.title} description={props.description} height={props.height} busy={false}>
        <noscript>{props.words.noScript}</noscript>
      </Frame>
    </div>
  );
};
