"use client";

import { useChartLocale, useChartWords } from "./chart-words";
import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { NewInstallsDatum } from "@/lib/domain/chart-data";
import { axisFormats } from "./axis-format";
import { ChartFigure } from "./chart-figure";
import { AXIS_TEXT_COLOR, GRID_COLOR, NEUTRAL_COLOR, TARGET_LINE_COLOR } from "./palette";
import { LEGEND_PROPS } from "./legend";
import { phaseAreas, phaseColumn, PhaseLegend, type DailyChartProps } from "./phase-bands";
import { TableView } from "./table-view";
import { TooltipBox } from "./tooltip-box";

// New installs per day (bars) and their 7-day average (line): the pace the forecast uses. A day
// whose figure sums only some wards is a lighter, dashed bar, and its table row says so.

const BAR_COLOR = "#7dd3fc"; // sky-300
const PARTIAL_BAR_COLOR = "#e0f2fe"; // sky-100

export function NewInstallsChart({
  id,
  title,
  description,
  rows,
  phases,
}: DailyChartProps<NewInstallsDatum>) {
  const t = useChartWords();
  const locale = useChartLocale();
  const axis = axisFormats(locale);
  const phase = phaseColumn(phases, rows.map((r) => r.day), t("phaseColumn"), locale);
  const partial = rows.some((r) => r.partial);
  return (
    <ChartFigure
      id={id}
      title={title}
      description={partial ? `${description ?? ""} ${t("partialDaysNote")}`.trim() : description}
      table={
        <TableView
          testId={`${id}-table`}
          summary={title}
          columns={[t("day"), t("newInstallsDay"), t("average7"), ...phase.columns]}
          rows={rows.map((r) => ({
            key: r.day,
            header: r.dayLabel,
            cells: [r.note ? `${r.newInstallsLabel} (${r.note})` : r.newInstallsLabel, r.averageLabel, ...phase.cells(r.day)],
          }))}
        />
      }
    >
      <ComposedChart data={rows.map((r) => ({ ...r }))} responsive style={{ width: "100%", height: 280 }} margin={{ top: 10, right: 24, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={GRID_COLOR} />
        {phaseAreas(phase.bands)}
        <XAxis dataKey="dayShort" tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} minTickGap={16} />
        <YAxis tickFormatter={axis.number} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} width={64} />
        <Tooltip
          content={({ active, label }) => {
            const row = active ? rows.find((r) => r.dayShort === label) : undefined;
            return row ? (
              <TooltipBox
                title={row.dayLabel}
                lines={[
                  { label: t("newInstalls"), value: row.note ? t("withNote", { value: row.newInstallsLabel, note: row.note }) : row.newInstallsLabel, color: BAR_COLOR },
                  { label: t("average7"), value: row.averageLabel, color: TARGET_LINE_COLOR },
                ]}
              />
            ) : null;
          }}
        />
        <Legend {...LEGEND_PROPS} />
        <Bar dataKey="newInstalls" name={t("newInstallsDay")} fill={BAR_COLOR} stroke={NEUTRAL_COLOR} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.day} fill={r.partial ? PARTIAL_BAR_COLOR : BAR_COLOR} strokeDasharray={r.partial ? "3 2" : undefined} />
          ))}
        </Bar>
        <Line dataKey="average" name={t("average7")} stroke={TARGET_LINE_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
      <PhaseLegend id={id} bands={phase.bands} />
    </ChartFigure>
  );
}
