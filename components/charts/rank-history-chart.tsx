"use client";

import { useChartLocale, useChartWords } from "./chart-words";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { RankHistoryDatum } from "@/lib/domain/chart-data";
import { ChartFigure } from "./chart-figure";
import { AXIS_TEXT_COLOR, GRID_COLOR, NEUTRAL_COLOR } from "./palette";
import { phaseAreas, phaseColumn, PhaseLegend, type DailyChartProps } from "./phase-bands";
import { TableView } from "./table-view";
import { TooltipBox } from "./tooltip-box";

// A unit's rank day by day; rank 1 at the top. A day without a report is a gap.

export function RankHistoryChart({
  id,
  title,
  description,
  rows,
  outOf,
  phases,
}: DailyChartProps<RankHistoryDatum> & { outOf: number }) {
  const t = useChartWords();
  const locale = useChartLocale();
  const phase = phaseColumn(phases, rows.map((r) => r.day), t("phaseColumn"), locale);
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      table={
        <TableView
          testId={`${id}-table`}
          summary={title}
          columns={[t("day"), t("rank"), ...phase.columns]}
          rows={rows.map((r) => ({ key: r.day, header: r.dayLabel, cells: [r.rankLabel, ...phase.cells(r.day)] }))}
        />
      }
    >
      <LineChart data={rows.map((r) => ({ ...r }))} responsive style={{ width: "100%", height: 240 }} margin={{ top: 10, right: 24, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={GRID_COLOR} />
        {phaseAreas(phase.bands)}
        <XAxis dataKey="dayShort" tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} minTickGap={16} />
        <YAxis reversed domain={[1, Math.max(outOf, 1)]} allowDecimals={false} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} width={40} />
        <Tooltip
          content={({ active, label }) => {
            const row = active ? rows.find((r) => r.dayShort === label) : undefined;
            return row ? <TooltipBox title={row.dayLabel} lines={[{ label: t("rank"), value: row.rankLabel }]} /> : null;
          }}
        />
        <Line type="stepAfter" dataKey="rank" name={t("rank")} stroke={NEUTRAL_COLOR} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
      </LineChart>
      <PhaseLegend id={id} bands={phase.bands} />
    </ChartFigure>
  );
}
