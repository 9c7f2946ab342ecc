import type { ReactNode } from "react";

// A chart with its title, a one-line description and its table view, as one <figure>.
export function ChartFigure({
  id,
  title,
  description,
  children,
  table,
  busy,
  lazyId,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
  table: ReactNode;
  /** a frame waiting for its chart (lazy-chart.tsx): aria-busy while it loads */
  busy?: boolean;
  /** marks a lazy chart's frame (data-lazy-chart) */
  lazyId?: string;
}) {
  return (
    <figure aria-labelledby={`${id}-title`} aria-busy={busy} data-lazy-chart={lazyId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          {title}
        </h3>
        {description ? <p className="text-sm text-slate-700">{description}</p> : null}
      </figcaption>
      <div className="mt-3">{children}</div>
      {table}
    </figure>
  );
}
