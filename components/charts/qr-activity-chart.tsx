"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { QrActivityDatum } from "@/lib/domain/chart-data";
import { formatAxisNumber } from "./axis-format";
import { ChartFigure } from "./chart-figure";
import { AXIS_TEXT_COLOR, GRID_COLOR, NEUTRAL_COLOR } from "./palette";
import { LEGEND_PROPS } from "./legend";
import { TableView } from "./table-view";
import { TooltipBox } from "./tooltip-box";

// Venues with at least one scan (bars, left axis) and scans (line, right axis) per day.

const SCANS_COLOR = "#c2410c"; // orange-700

export function QrActivityChart({ id, title, description, rows }: { id: string; title: string; description?: string; rows: readonly QrActivityDatum[] }) {
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      table={
        <TableView
          testId={`${id}-table`}
          summary={title}
          columns={["Ngày", "Địa điểm tạo mã QR", "Địa điểm có lượt quét", "Tỷ lệ có lượt quét", "Lượt quét"]}
          rows={rows.map((r) => ({ key: r.day, header: r.dayLabel, cells: [r.qrVenuesLabel, r.activeVenuesLabel, r.activeRateLabel, r.scansLabel] }))}
        />
      }
    >
      <ComposedChart data={rows.map((r) => ({ ...r }))} responsive style={{ width: "100%", height: 280 }} margin={{ top: 10, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={GRID_COLOR} />
        <XAxis dataKey="dayShort" tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} minTickGap={16} />
        <YAxis yAxisId="venues" tickFormatter={formatAxisNumber} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} width={56} />
        <YAxis yAxisId="scans" orientation="right" tickFormatter={formatAxisNumber} tick={{ fill: AXIS_TEXT_COLOR, fontSize: 12 }} width={64} />
        <Tooltip
          content={({ active, label }) => {
            const row = active ? rows.find((r) => r.dayShort === label) : undefined;
            return row ? (
              <TooltipBox
                title={row.dayLabel}
                lines={[
                  { label: "Có lượt quét", value: `${row.activeVenuesLabel} / ${row.qrVenuesLabel} (${row.activeRateLabel})`, color: NEUTRAL_COLOR },
                  { label: "Lượt quét", value: row.scansLabel, color: SCANS_COLOR },
                ]}
              />
            ) : null;
          }}
        />
        <Legend {...LEGEND_PROPS} />
        <Bar yAxisId="venues" dataKey="activeVenues" name="Địa điểm có lượt quét" fill={NEUTRAL_COLOR} isAnimationActive={false} />
        <Line yAxisId="scans" dataKey="scans" name="Lượt quét" stroke={SCANS_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFigure>
  );
}
