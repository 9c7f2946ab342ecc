// What a unit's figure of a day covers, and whether it may be shown as a total, ranked or compared.
//
// Every figure has three parts that arrive separately:
//   coverage  installs / smartphones  (the ward chair's report or the install statistics)
//   qr        active / registered QR venues
//   scans     QR scans of the day     (the scan logs)
// A ward has *reported* a part when it has both of its fields (scans: the one field) from any
// source. A district's, city's or country's part is either its *own* figure (imported at its
// level) or the *sum* of its children that have the part complete, and then it says how many of
// its children it counts ("17/18 phường"). A part is complete when it is a ward's own value, an
// own figure at the unit's level, or a sum that counts every child. Only complete parts are
// ranked, compared day to day or week to week, or given a verdict.

import type { FigureValues } from "./figures.ts";

export const FIGURE_PARTS = ["coverage", "qr", "scans"] as const;
export type FigurePart = (typeof FIGURE_PARTS)[number];

/** How one part of a unit-day figure was made. */
export type PartOrigin =
  /** a ward's value (reported or imported), or a parent's own imported figure */
  | { readonly kind: "own" }
  /** the sum of `counted` of the unit's `total` children (only children complete for the part) */
  | { readonly kind: "sum"; readonly counted: number; readonly total: number };

export type FigureParts = { readonly [P in FigurePart]: PartOrigin | null };

/** A figure with how each of its parts was made. Without `parts`, every known part is the unit's own. */
export type FigureWithParts = FigureValues & { readonly parts?: FigureParts };

export const OWN: PartOrigin = { kind: "own" };

/** The ward has coverage figures for the day: smartphones and installs, from any source. */
export function hasCoverageFigures(figure: FigureValues | null): boolean {
  return figure !== null && figure.smartphones !== null && figure.installs !== null;
}

/** The ward has QR venue figures for the day: registered and active venues. */
export function hasQrFigures(figure: FigureValues | null): boolean {
  return figure !== null && figure.qrVenues !== null && figure.activeVenues !== null;
}

/** The ward has a scan count for the day (0 included). */
export function hasScanFigures(figure: FigureValues | null): boolean {
  return figure !== null && figure.scans !== null;
}

/**
 * "Đã báo cáo" means one thing everywhere (pages, alerts, exports, documents): the ward has its
 * coverage figures for the day. QR figures written by a scan-log import do not count.
 */
export const hasReported = hasCoverageFigures;

/** Whether the fields of `part` are known in `figure`. */
export function hasPart(figure: FigureValues | null, part: FigurePart): boolean {
  switch (part) {
    case "coverage":
      return hasCoverageFigures(figure);
    case "qr":
      return hasQrFigures(figure);
    case "scans":
      return hasScanFigures(figure);
  }
}

/** How `part` of `figure` was made; null when the part is not known. */
export function partOrigin(figure: FigureWithParts | null, part: FigurePart): PartOrigin | null {
  if (!hasPart(figure, part)) return null;
  return figure?.parts?.[part] ?? OWN;
}

/** The part is known and counts every child (or is the unit's own figure). */
export function isPartComplete(figure: FigureWithParts | null, part: FigurePart): boolean {
  const origin = partOrigin(figure, part);
  if (origin === null) return false;
  return origin.kind === "own" || origin.counted === origin.total;
}

/** The part is known but sums only some of the unit's children. */
export function isPartPartial(figure: FigureWithParts | null, part: FigurePart): boolean {
  const origin = partOrigin(figure, part);
  return origin !== null && origin.kind === "sum" && origin.counted < origin.total;
}

/** "17/18" for a sum, null for an own figure or an unknown part. */
export function partCountLabel(origin: PartOrigin | null): string | null {
  return origin !== null && origin.kind === "sum" ? `${origin.counted}/${origin.total}` : null;
}

/** The per-part counts a data row carries (see lib/figures/effective-figures-sql.ts). */
export type PartCountsRow = {
  readonly childrenTotal: number | null;
  readonly coverageSummed: boolean | null;
  readonly coverageCounted: number | null;
  readonly qrSummed: boolean | null;
  readonly qrCounted: number | null;
  readonly scansSummed: boolean | null;
  readonly scansCounted: number | null;
};

function originOf(summed: boolean | null, counted: number | null, total: number | null): PartOrigin {
  if (!summed) return OWN;
  return { kind: "sum", counted: counted ?? 0, total: total ?? 0 };
}

/** How each part of a stored effective figure was made. */
export function figureParts(row: PartCountsRow): FigureParts {
  return {
    coverage: originOf(row.coverageSummed, row.coverageCounted, row.childrenTotal),
    qr: originOf(row.qrSummed, row.qrCounted, row.childrenTotal),
    scans: originOf(row.scansSummed, row.scansCounted, row.childrenTotal),
  };
}
