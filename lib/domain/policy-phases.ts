// Policy phases (e.g. Hà Nội's "Chỉ thị 16" social distancing from 24/7/2021): a named span of
// calendar days recorded for a city or a district, drawn as a shaded band on the time charts of that
// unit and of every unit below it, named in the legend and in each table view. Pure.

import type { IsoDay } from "./days.ts";
import { compareIsoDays } from "./days.ts";
import { formatDay, formatDayShort, type FormatLocale } from "./format.ts";

export type PolicyPhase = {
  readonly id: number;
  /** the city or district it was recorded for */
  readonly unitCode: string;
  readonly unitName: string;
  readonly name: string;
  readonly startDay: IsoDay;
  /** the last day it applied; null: still in force */
  readonly endDay: IsoDay | null;
};

/** A phase as a band on a chart whose x axis is the days' short labels ("24/07"). */
export type PhaseBand = {
  readonly key: string;
  readonly name: string;
  /** "Chỉ thị 16 (Thành phố Hà Nội): từ 24/07/2021" */
  readonly label: string;
  /** the first and last drawn days, as the axis labels them */
  readonly x1: string;
  readonly x2: string;
  /** which of the band fills (components/charts/palette.ts) */
  readonly shade: number;
};

/** "từ 24/07/2021", "24/07/2021 – 15/09/2021" (en: "from 24 Jul 2021", "24 Jul 2021 – 15 Sep 2021") */
export function formatPhaseSpan(phase: Pick<PolicyPhase, "startDay" | "endDay">, locale: FormatLocale = "vi"): string {
  const day = (d: IsoDay) => formatDay(d, locale);
  if (phase.endDay !== null) return `${day(phase.startDay)} – ${day(phase.endDay)}`;
  return `${locale === "en" ? "from" : "từ"} ${day(phase.startDay)}`;
}

/** The name of a phase (as recorded), its unit's name and its days, in `locale`. */
export function formatPhaseLabel(phase: PolicyPhase, locale: FormatLocale = "vi"): string {
  return `${phase.name} (${phase.unitName}): ${formatPhaseSpan(phase, locale)}`;
}

export function phaseCovers(phase: Pick<PolicyPhase, "startDay" | "endDay">, day: IsoDay): boolean {
  return compareIsoDays(phase.startDay, day) <= 0 && (phase.endDay === null || compareIsoDays(day, phase.endDay) <= 0);
}

/** Oldest first, then by name: the order of bands, legend lines and table cells. */
export function sortPhases<T extends Pick<PolicyPhase, "startDay" | "name" | "id">>(phases: readonly T[]): T[] {
  return [...phases].sort((a, b) => compareIsoDays(a.startDay, b.startDay) || a.name.localeCompare(b.name, "vi") || a.id - b.id);
}

/**
 * The bands to draw over a chart of `days` (ascending): each phase that covers at least one of
 * them, clipped to the first and last of them it covers. A phase outside the chart's days is left
 * out (not drawn at the edge).
 */
export function phaseBands(phases: readonly PolicyPhase[], days: readonly IsoDay[], locale: FormatLocale = "vi"): PhaseBand[] {
  const bands: PhaseBand[] = [];
  for (const [i, phase] of sortPhases(phases).entries()) {
    const covered = days.filter((d) => phaseCovers(phase, d));
    const first = covered[0];
    const last = covered.at(-1);
    if (first === undefined || last === undefined) continue;
    bands.push({ key: `phase-${phase.id}`, name: phase.name, label: formatPhaseLabel(phase, locale), x1: formatDayShort(first, locale), x2: formatDayShort(last, locale), shade: i });
  }
  return bands;
}

/** What a table view says for a day: the names of the phases in force, "" when none. */
export function phaseNamesOn(phases: readonly PolicyPhase[], day: IsoDay): string {
  return sortPhases(phases)
    .filter((p) => phaseCovers(p, day))
    .map((p) => p.name)
    .join("; ");
}

/** The phases that apply to a unit: those recorded for it or for any of its ancestors. */
export function phasesForUnit<T extends Pick<PolicyPhase, "unitCode">>(phases: readonly T[], unitAndAncestors: readonly string[]): T[] {
  const codes = new Set(unitAndAncestors);
  return phases.filter((p) => codes.has(p.unitCode));
}

/** The column a chart's table view adds when phases apply (null: no column). */
export const PHASE_COLUMN = "Giai đoạn chính sách";
