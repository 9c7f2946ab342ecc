"use client";

import { useChartLocale, useChartWords } from "./chart-words";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { CoverageTrendDatum, TargetLine, TrendSeries } from "@/lib/domain/chart-data";
import type { PolicyPhase } from "@/lib/domain/policy-phases";
import { hasPartialPoints, summedSeries } from "@/lib/domain/chart-data";
import { axisFormats } from "./axis-format";
import { ChartFigure } from "./chart-figure";
import { AXIS_TEXT_COLOR, GRID_COLOR, TARGET_LINE_COLOR, seriesStyle } from "./palette";
import { LEGEND_PROPS } from "./legend";
import { phaseAreas, phaseColumn, PhaseLegend } from "./phase-bands";
import { TableView } from "./table-view";
import { TooltipBox } from "./tooltip-box";

// Coverage rate per day of the district and chosen wards, one line each (colour and dash), with
// the target line. A missing day is a gap in the line, not a drop to zero. A day whose figure sums
// only some children is drawn apart as a hollow point, not joined to the line, and the table view
// says how many children each sum counts.

export type CoverageTrendChartProps = {
  id: string;
  title: string;
  description?: string;
  series: readonly TrendSeries[];
  rows: readonly CoverageTrendDatum[];
  target: TargetLine | null;
  /** policy phases of the unit, drawn as bands (lib/domain/policy-phases.ts) */
  phases?: readonly PolicyPhase[];
};

export function CoverageTrendChart({ id, title, description, series, rows, target, phases }: CoverageTrendChartProps) {
  const t = useChartWords();
  const locale = useChartLocale();
  const axis = axisFormats(locale);
  const phase = phaseColumn(phases, rows.map((r) => r.day), t("phaseColumn"), locale);
  const sums = summedSeries(series, rows);
  const partial = hasPartialPoints(rows);
  return (
    <ChartFigure
      id={id}
      title={title}
      description={partial ? `${description ?? ""} ${t("partialDaysNote")}`.trim() : description}
      table={
        <TableView
          testId={`${id}-table`}
          summary={title}
          columns={[t("day"), ...series.map((s) => s.name), ...sums.map((s) => t("includes", { name: s.name })), ...phase.columns]}
          rows={rows.map((r) => ({
            key: r.day,
            header: r.dayLabel,
            cells: [...series.map((s) => r.labels[s.key] ?? "—"), ...sums.map((s) => r.counts[s.key] ?? "—"), ...phase.cells(r.day)],
          }))}
        />
      }
    >
      <LineChart data={rows.map((r) => ({ ...r }))} responsive style={{ width: "100%", height: 320 }} margin={{ top: 20, right: 24, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={GRID_COLOR} />
        {phaseAreas(phase.bands)}
        <XAxis dataKey="dayShort" tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} minTickGap={16} />
        <YAxis domain={["auto", "auto"]} tickFormatter={axis.percent} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} width={64} />
        <Tooltip
          content={({ active, label }) => {
            const row = active ? rows.find((r) => r.dayShort === label) : undefined;
            return row ? (
              <TooltipBox
                title={row.dayLabel}
                lines={series.map((s, i) => ({ label: s.name, value: row.labels[s.key] ?? "—", color: seriesStyle(i).color }))}
              />
            ) : null;
          }}
        />
        <Legend {...LEGEND_PROPS} />
        {series.map((s, i) => {
          const style = seriesStyle(i);
          // A whole day between two gaps (e.g. after a partial day) has no segment to draw: a dot shows it.
          const value = (j: number) => rows[j]?.values[s.key] ?? null;
          const isolated = rows.map((_, j) => value(j) !== null && value(j - 1) === null && value(j + 1) === null);
          return (
            <Line
              key={s.key}
              name={s.name}
              dataKey={(d: CoverageTrendDatum) => d.values[s.key] ?? null}
              stroke={style.color}
              strokeDasharray={style.dash}
              strokeWidth={i === 0 ? 3 : 2}
              dot={(props: { cx?: number; cy?: number; index?: number }) =>
                props.index !== undefined && isolated[props.index] && props.cx !== undefined && props.cy !== undefined ? (
                  <circle key={`${s.key}-dot-${props.index}`} cx={props.cx} cy={props.cy} r={3.5} fill={style.color} />
                ) : (
                  <g key={`${s.key}-dot-${props.index ?? "x"}`} />
                )
              }
              connectNulls={false}
              isAnimationActive={false}
            />
          );
        })}
        {partial
          ? series.map((s, i) => {
              const style = seriesStyle(i);
              return (
                <Line
                  key={`${s.key}-partial`}
                  name={t("partial", { name: s.name })}
                  legendType="none"
                  dataKey={(d: CoverageTrendDatum) => d.partialValues[s.key] ?? null}
                  stroke="none"
                  dot={{ r: 4, fill: "#ffffff", stroke: style.color, strokeWidth: 2 }}
                  activeDot={{ r: 5, fill: "#ffffff", stroke: style.color, strokeWidth: 2 }}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              );
            })
          : null}
        {target ? (
          <ReferenceLine
            y={target.value}
            stroke={TARGET_LINE_COLOR}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: target.label, position: "insideTopLeft", fill: TARGET_LINE_COLOR, fontSize: 12 }}
          />
        ) : null}
      </LineChart>
      <PhaseLegend id={id} bands={phase.bands} />
    </ChartFigure>
  );
}
