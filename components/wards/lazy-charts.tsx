"use client";

import { lazy, Suspense, useEffect, useRef, useState, type ComponentProps, type ReactNode } from "react";

// The ward page's charts, below the fold: their code (Recharts) is loaded and drawn only when the
// reader scrolls near them, so a phone does not spend its first seconds on charts it has not seen.
// Until then a frame of the same size holds their place (no layout shift) with the chart's title.
// The charts themselves (components/charts/*) are unchanged.

const CoverageTrendChart = lazy(() => import("@/components/charts/coverage-trend-chart").then((m) => ({ default: m.CoverageTrendChart })));
const RankHistoryChart = lazy(() => import("@/components/charts/rank-history-chart").then((m) => ({ default: m.RankHistoryChart })));
const NewInstallsChart = lazy(() => import("@/components/charts/new-installs-chart").then((m) => ({ default: m.NewInstallsChart })));
const QrActivityChart = lazy(() => import("@/components/charts/qr-activity-chart").then((m) => ({ default: m.QrActivityChart })));

/** How far below the screen a chart starts loading. */
const AHEAD = "400px 0px";

function Placeholder({ id, title, description, height }: { id: string; title: string; description?: string; height: number }) {
  return (
    <figure aria-labelledby={`${id}-title`} aria-busy="true" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-lazy-chart={id}>
      <figcaption>
        <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          {title}
        </h3>
        {description ? <p className="text-sm text-slate-700">{description}</p> : null}
      </figcaption>
      <div className="mt-3 flex items-center justify-center rounded bg-slate-50 text-sm text-slate-700" style={{ height }}>
        <noscript>Cần bật JavaScript để xem biểu đồ và bảng số liệu của nó.</noscript>
      </div>
      <div className="mt-2 h-[38px]" />
    </figure>
  );
}

/** Renders `children` once the placeholder comes near the screen (at once where IntersectionObserver is missing). */
function WhenNear({ placeholder, children }: { placeholder: ReactNode; children: ReactNode }) {
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
  return near ? <>{children}</> : <div ref={ref}>{placeholder}</div>;
}

/** A chart drawn once near the screen; its placeholder stays while its code loads (Suspense). */
function whenNear<P extends { id: string; title: string; description?: string }>(Chart: (props: P) => ReactNode, height: number) {
  return function LazyChart(props: P) {
    const placeholder = <Placeholder id={props.id} title={props.title} description={props.description} height={height} />;
    return (
      <WhenNear placeholder={placeholder}>
        <Suspense fallback={placeholder}>
          <Chart {...props} />
        </Suspense>
      </WhenNear>
    );
  };
}

export const LazyCoverageTrendChart = whenNear<ComponentProps<typeof CoverageTrendChart>>(CoverageTrendChart, 320);
export const LazyRankHistoryChart = whenNear<ComponentProps<typeof RankHistoryChart>>(RankHistoryChart, 240);
export const LazyNewInstallsChart = whenNear<ComponentProps<typeof NewInstallsChart>>(NewInstallsChart, 280);
export const LazyQrActivityChart = whenNear<ComponentProps<typeof QrActivityChart>>(QrActivityChart, 280);
