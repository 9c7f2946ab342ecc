import { useChartWords } from "./chart-words";
import { ReferenceArea } from "recharts";
import type { IsoDay } from "@/lib/domain/days";
import type { FormatLocale } from "@/lib/domain/format";
import { phaseBands, phaseNamesOn, type PhaseBand, type PolicyPhase } from "@/lib/domain/policy-phases";
import { AXIS_TEXT_COLOR, phaseBandStyle } from "./palette";

// Policy phases on a time chart: a pale band behind the lines and bars for each phase in force on
// the chart's days (clipped to them), a legend below the chart naming each band with its days, and
// a column of the table view naming the phases in force each day.

/** The props every daily time chart takes: its rows and the unit's policy phases. */
export type DailyChartProps<Row> = {
  id: string;
  title: string;
  description?: string;
  rows: readonly Row[];
  /** policy phases of the unit, drawn as bands (lib/domain/policy-phases.ts) */
  phases?: readonly PolicyPhase[];
};

/**
 * The bands as Recharts children (a function, not a component: Recharts finds its reference
 * areas among the chart's direct children). Draw them before the series so they sit behind.
 */
export function phaseAreas(bands: readonly PhaseBand[], yAxisId?: string) {
  return bands.map((b) => {
    const style = phaseBandStyle(b.shade);
    return (
      <ReferenceArea
        key={b.key}
        x1={b.x1}
        x2={b.x2}
        {...(yAxisId ? { yAxisId } : {})}
        fill={style.fill}
        fillOpacity={0.7}
        stroke={style.edge}
        strokeOpacity={0.35}
        ifOverflow="visible"
        label={{ value: b.name, position: "insideTopLeft", fill: AXIS_TEXT_COLOR, fontSize: 11 }}
      />
    );
  });
}

export function PhaseLegend({ id, bands }: { id: string; bands: readonly PhaseBand[] }) {
  const t = useChartWords();
  if (bands.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800" aria-label={t("phases")} data-testid={`${id}-phases`}>
      {bands.map((b) => {
        const style = phaseBandStyle(b.shade);
        return (
          <li key={b.key} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border" style={{ backgroundColor: style.fill, borderColor: style.edge }} />
            <span>{t("phaseShade", { label: b.label })}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The chart's bands and its table view's phase column, from the phases and the chart's days; the
 * bands' ends are the axis's day labels in `locale` (the chart-data route labels the days in it).
 */
export function phaseColumn(phases: readonly PolicyPhase[] | undefined, days: readonly IsoDay[], phaseHeader: string, locale: FormatLocale) {
  const list = phases ?? [];
  const bands = phaseBands(list, days, locale);
  return {
    bands,
    /** extra header of the table view (none when no phase touches the chart's days) */
    columns: bands.length > 0 ? [phaseHeader] : [],
    /** extra cell of a day's row */
    cells: (day: IsoDay) => (bands.length > 0 ? [phaseNamesOn(list, day) || "—"] : []),
  };
}
