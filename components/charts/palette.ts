import type { Shade } from "@/lib/domain/chart-data";
import type { TargetStatus } from "@/lib/domain/targets";

// Colours of the charts. Each meets 3:1 against white for graphics (WCAG 1.4.11) and is never
// the only carrier of meaning: status text sits next to every colour.

export const STATUS_COLORS: Readonly<Record<TargetStatus, string>> = {
  met: "#15803d", // green-700
  near: "#b45309", // amber-700
  below: "#b91c1c", // red-700
};

/** Bars of a metric without a target (counts). */
export const NEUTRAL_COLOR = "#0b4f8a"; // brand-700
export const TARGET_LINE_COLOR = "#0f172a"; // slate-900
export const GRID_COLOR = "#cbd5e1"; // slate-300
export const AXIS_TEXT_COLOR = "#334155"; // slate-700

/** Lines of a trend chart: the district first, then the compared wards; each also has its own dash. */
export const SERIES_STYLES: readonly { color: string; dash: string | undefined }[] = [
  { color: "#0b4f8a", dash: undefined },
  { color: "#c2410c", dash: "6 3" },
  { color: "#047857", dash: "2 3" },
  { color: "#7c3aed", dash: "8 3 2 3" },
  { color: "#be185d", dash: "4 4" },
  { color: "#0e7490", dash: "10 4" },
  { color: "#4d7c0f", dash: "1 2" },
];

export function seriesStyle(index: number): { color: string; dash: string | undefined } {
  return SERIES_STYLES[index % SERIES_STYLES.length] ?? { color: NEUTRAL_COLOR, dash: undefined };
}

/** Tile backgrounds with a text colour that keeps ≥ 4.5:1 contrast on each. */
export const STATUS_TILE_CLASSES: Readonly<Record<TargetStatus, string>> = {
  met: "bg-green-100 border-green-700 text-slate-900",
  near: "bg-amber-100 border-amber-700 text-slate-900",
  below: "bg-red-100 border-red-700 text-slate-900",
};

export const SHADE_TILE_CLASSES: Readonly<Record<Shade, string>> = {
  0: "bg-sky-50 border-sky-300 text-slate-900",
  1: "bg-sky-100 border-sky-400 text-slate-900",
  2: "bg-sky-200 border-sky-500 text-slate-900",
  3: "bg-sky-700 border-sky-800 text-white",
  4: "bg-sky-900 border-sky-950 text-white",
};

export const MISSING_TILE_CLASS = "bg-white border-dashed border-slate-400 text-slate-700";


/**
 * Fills of the policy-phase bands (lib/domain/policy-phases.ts): pale, so that the lines and bars
 * drawn over them keep their contrast, each with a darker edge for its legend swatch.
 */
export const PHASE_BAND_STYLES: readonly { fill: string; edge: string }[] = [
  { fill: "#fef3c7", edge: "#b45309" }, // amber-100 / amber-700
  { fill: "#e0e7ff", edge: "#4338ca" }, // indigo-100 / indigo-700
  { fill: "#dcfce7", edge: "#15803d" }, // green-100 / green-700
  { fill: "#fce7f3", edge: "#be185d" }, // pink-100 / pink-700
];

export function phaseBandStyle(shade: number): { fill: string; edge: string } {
  return PHASE_BAND_STYLES[shade % PHASE_BAND_STYLES.length] ?? { fill: "#f1f5f9", edge: "#334155" };
}
