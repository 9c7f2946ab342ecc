"use client";

import { useChartLocale, useChartWords } from "./chart-words";
import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { QrActivityDatum } from "@/lib/domain/chart-data";
import { axisFormats } from "./axis-format";
import { ChartFigure } from "./chart-figure";
import { AXIS_TEXT_COLOR, GRID_COLOR, NEUTRAL_COLOR } from "./palette";
import { LEGEND_PROPS } from "./legend";
import { phaseAreas, phaseColumn, PhaseLegend, type DailyChartProps } from "./phase-bands";
import { TableView } from "./table-view";
import { TooltipBox } from "./tooltip-box";

// Venues with at least one scan (bars, left axis) and scans (line, right axis) per day. A day
// whose figures sum only some wards is a lighter bar and a hollow point off the line; the table
// view says how many wards each sum counts.

const SCANS_COLOR = "#c2410c"; // orange-700
const PARTIAL_BAR_COLOR = "#dbeafe"; // blue-100, outlined in the brand colour

export function QrActivityChart({
  id,
  title,
  description,
  rows,
  phases,
}: DailyChartProps<QrActivityDatum>) {
  const t = useChartWords();
  const locale = useChartLocale();
  const axis = axisFormats(locale);
  const phase = phaseColumn(phases, rows.map((r) => r.day), t("phaseColumn"), locale);
  const partial = rows.some((r) => r.note !== null);
  const counted = rows.some((r) => r.venuesCountLabel !== null || r.scansCountLabel !== null);
  const countCell = (r: QrActivityDatum) => {
    const venues = r.venuesCountLabel ?? "—";
    return r.scansCountLabel !== null && r.scansCountLabel !== r.venuesCountLabel ? t("venuesWithScans", { venues, scans: r.scansCountLabel }) : venues;
  };
  return (
    <ChartFigure
      id={id}
      title={title}
      description={partial ? `${description ?? ""} ${t("partialDaysNote")}`.trim() : description}
      table={
        <TableView
          testId={`${id}-table`}
          summary={title}
          columns={[t("day"), t("qrVenues"), t("activeVenues"), t("activeRate"), t("scans"), ...(counted ? [t("counted")] : []), ...phase.columns]}
          rows={rows.map((r) => ({
            key: r.day,
            header: r.note ? `${r.dayLabel} (${r.note})` : r.dayLabel,
            cells: [r.qrVenuesLabel, r.activeVenuesLabel, r.activeRateLabel, r.scansLabel, ...(counted ? [countCell(r)] : []), ...phase.cells(r.day)],
          }))}
        />
      }
    >
      <ComposedChart data={rows.map((r) => ({ ...r }))} responsive style={{ width: "100%", height: 280 }} margin={{ top: 10, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={GRID_COLOR} />
        {phaseAreas(phase.bands, "venues")}
        <XAxis dataKey="dayShort" tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} minTickGap={16} />
        <YAxis yAxisId="venues" tickFormatter={axis.number} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} width={56} />
        <YAxis yAxisId="scans" orientation="right" tickFormatter={axis.number} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} width={64} />
        <Tooltip
          content={({ active, label }) => {
            const row = active ? rows.find((r) => r.dayShort === label) : undefined;
            return row ? (
              <TooltipBox
                title={row.dayLabel}
                lines={[
                  { label: t("withScans"), value: t("activeOf", { active: row.activeVenuesLabel, venues: row.qrVenuesLabel, rate: row.activeRateLabel }), color: NEUTRAL_COLOR },
                  { label: t("scans"), value: row.scansLabel, color: SCANS_COLOR },
                ]}
              />
            ) : null;
          }}
        />
        <Legend {...LEGEND_PROPS} />
        <Bar yAxisId="venues" dataKey="activeVenues" name={t("activeVenues")} fill={NEUTRAL_COLOR} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell
              key={r.day}
              fill={r.venuesPartial ? PARTIAL_BAR_COLOR : NEUTRAL_COLOR}
              stroke={r.venuesPartial ? NEUTRAL_COLOR : undefined}
              strokeDasharray={r.venuesPartial ? "3 2" : undefined}
            />
          ))}
        </Bar>
        <Line yAxisId="scans" dataKey="scansWhole" name={t("scans")} stroke={SCANS_COLOR} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        {partial ? (
          <Line
            yAxisId="scans"
            dataKey="scansPartial"
            name={t("scansPartial")}
            legendType="none"
            stroke="none"
            dot={{ r: 4, fill: "#ffffff", stroke: SCANS_COLOR, strokeWidth: 2 }}
            isAnimationActive={false}
          />
        ) : null}
      </ComposedChart>
      <PhaseLegend id={id} bands={phase.bands} />
    </ChartFigure>
  );
}
