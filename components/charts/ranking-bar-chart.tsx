"use client";

import { useChartLocale, useChartWords } from "./chart-words";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { RankingBarDatum, TargetLine } from "@/lib/domain/chart-data";
import { axisFormats } from "./axis-format";
import { ChartFigure } from "./chart-figure";
import { AXIS_TEXT_COLOR, GRID_COLOR, NEUTRAL_COLOR, STATUS_COLORS, TARGET_LINE_COLOR } from "./palette";
import { TableView } from "./table-view";
import { TooltipBox } from "./tooltip-box";

// Units ranked by the chosen metric, one horizontal bar each, coloured by traffic light against
// the target (drawn as a line) when the metric is a rate with a target.

export type RankingBarChartProps = {
  id: string;
  title: string;
  description?: string;
  /** "Phường" or "Quận, huyện": the first column of the table view */
  unitHeader: string;
  metricLabel: string;
  isRate: boolean;
  bars: readonly RankingBarDatum[];
  target: TargetLine | null;
};

export function RankingBarChart({ id, title, description, unitHeader, metricLabel, isRate, bars, target }: RankingBarChartProps) {
  // Only ranked units are drawn: a partial sum or a zero denominator keeps its row in the table view.
  const drawn = bars.filter((b) => b.value !== null);
  const counted = bars.some((b) => b.countLabel !== null);
  const t = useChartWords();
  const locale = useChartLocale();
  const axis = axisFormats(locale);
  const height = Math.max(160, drawn.length * 26 + 60);
  const maxValue = Math.max(target?.value ?? 0, ...drawn.map((b) => b.value ?? 0));
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      table={
        <TableView
          testId={`${id}-table`}
          summary={title}
          columns={[unitHeader, t("rank"), metricLabel, t("vsTarget"), ...(counted ? [t("counted")] : [])]}
          rows={bars.map((b) => ({
            key: b.code,
            header: b.highlighted ? t("viewing", { name: b.name }) : b.name,
            cells: [b.rankLabel, b.valueLabel, b.statusLabel, ...(counted ? [b.countLabel ?? t("separateImport")] : [])],
            highlighted: b.highlighted,
          }))}
        />
      }
    >
      <BarChart
        layout="vertical"
        data={drawn.map((b) => ({ ...b }))}
        responsive
        style={{ width: "100%", height }}
        margin={{ top: 20, right: 24, bottom: 4, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke={GRID_COLOR} />
        <XAxis
          type="number"
          dataKey="value"
          domain={[0, isRate ? Math.min(100, Math.ceil(maxValue / 10) * 10) : "auto"]}
          tickFormatter={isRate ? axis.percent : axis.number}
          tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }}
        />
        <YAxis type="category" dataKey="name" width={150} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} interval={0} />
        <Tooltip
          content={({ active, label }) => {
            const bar = active ? drawn.find((b) => b.name === label) : undefined;
            return bar ? (
              <TooltipBox
                title={bar.name}
                lines={[
                  { label: t("rank"), value: bar.rankLabel },
                  { label: metricLabel, value: bar.valueLabel },
                  ...(bar.status ? [{ label: t("target"), value: bar.statusLabel }] : []),
                ]}
              />
            ) : null;
          }}
        />
        <Bar dataKey="value" name={metricLabel} isAnimationActive={false}>
          {drawn.map((b) => (
            <Cell
              key={b.code}
              fill={b.status ? STATUS_COLORS[b.status] : NEUTRAL_COLOR}
              stroke={b.highlighted ? TARGET_LINE_COLOR : undefined}
              strokeWidth={b.highlighted ? 3 : 0}
            />
          ))}
        </Bar>
        {target ? (
          <ReferenceLine
            x={target.value}
            stroke={TARGET_LINE_COLOR}
            strokeDasharray="6 4"
            strokeWidth={2}
            label={{ value: target.label, position: "top", fill: TARGET_LINE_COLOR, fontSize: 12 }}
          />
        ) : null}
      </BarChart>
    </ChartFigure>
  );
}
