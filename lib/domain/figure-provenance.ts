// Where a district's or city's figure comes from when it is its own: an
// imported figure at the unit's level rather than the sum of its children. An official signing it
// needs the source (which import: number, file, time) and, beside it, the sum of the children that
// did report, with the difference. Pure: the data layer reads the unit-day's stored rows.

import type { FigurePart } from "./completeness.ts";
import type { FigureField, FigureSource, FigureValues } from "./figures.ts";
import { coverageRate, qrActiveRate } from "./metrics.ts";
import { ratioDifferenceHundredths } from "./ratio.ts";

export type ImportRef = {
  readonly id: number;
  readonly fileName: string;
  /** when the import finished (or started, if it has no end); ISO instant */
  readonly at: string | null;
};

/** One stored row of a unit-day (one source), with the import that wrote it. */
export type StoredFigure = FigureValues & {
  readonly source: FigureSource;
  readonly childrenTotal: number | null;
  readonly coverageCounted: number | null;
  readonly qrCounted: number | null;
  readonly scansCounted: number | null;
  readonly importRef: ImportRef | null;
};

export type ChildrenSum = {
  readonly values: FigureValues;
  /** children the sum holds for this part, out of `total` */
  readonly counted: number;
  readonly total: number;
};

export type PartProvenance = {
  readonly part: FigurePart;
  /** the source of the unit's own figure of this part (IMPORT, in practice) */
  readonly source: FigureSource;
  readonly importRef: ImportRef | null;
  /** the unit's own values of the part's fields */
  readonly own: { readonly [F in FigureField]?: number | null };
  /** the sum of the children that have the part (the unit's COMPUTED row); null when none has */
  readonly childrenSum: ChildrenSum | null;
  /** own − sum, for each field of the part; null where either is unknown */
  readonly differences: { readonly [F in FigureField]?: number | null };
  /** own rate − rate of the sum, in hundredths of a percentage point (coverage, qr); null otherwise */
  readonly rateDifference: number | null;
};

/** For each part: its provenance when it is the unit's own figure; null when it is a sum or unknown. */
export type UnitProvenance = { readonly [P in FigurePart]: PartProvenance | null };

export const PART_FIELDS: { readonly [P in FigurePart]: readonly FigureField[] } = {
  coverage: ["smartphones", "installs"],
  qr: ["qrVenues", "activeVenues"],
  scans: ["scans"],
};

const COUNTED: { readonly [P in FigurePart]: "coverageCounted" | "qrCounted" | "scansCounted" } = {
  coverage: "coverageCounted",
  qr: "qrCounted",
  scans: "scansCounted",
};

function rateOf(part: FigurePart, values: FigureValues) {
  if (part === "coverage") return coverageRate(values);
  if (part === "qr") return qrActiveRate(values);
  return null;
}

function partProvenance(part: FigurePart, rows: readonly StoredFigure[], priority: readonly FigureSource[]): PartProvenance | null {
  const fields = PART_FIELDS[part];
  const byPriority = priority.map((s) => rows.find((r) => r.source === s)).filter((r): r is StoredFigure => r !== undefined);
  // The row each field's effective value comes from (the first with a value, by priority).
  const from = fields.map((field) => byPriority.find((r) => r[field] !== null) ?? null);
  if (from.some((r) => r === null || r.source === "COMPUTED")) return null;
  const own = from[0]!;
  const ownValues = Object.fromEntries(fields.map((f, i) => [f, from[i]![f]])) as Partial<FigureValues>;

  const computed = rows.find((r) => r.source === "COMPUTED");
  const counted = computed?.[COUNTED[part]] ?? null;
  const hasSum = computed !== undefined && counted !== null && counted > 0 && fields.every((f) => computed[f] !== null);
  const childrenSum: ChildrenSum | null = hasSum
    ? { values: computed, counted, total: computed.childrenTotal ?? counted }
    : null;

  const differences: { [F in FigureField]?: number | null } = {};
  for (const f of fields) {
    const mine = ownValues[f] ?? null;
    const theirs = childrenSum?.values[f] ?? null;
    differences[f] = mine === null || theirs === null ? null : mine - theirs;
  }
  const ownRate = rateOf(part, { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null, ...ownValues });
  const sumRate = childrenSum ? rateOf(part, childrenSum.values) : null;
  return {
    part,
    source: own.source,
    importRef: own.importRef,
    own: ownValues,
    childrenSum,
    differences,
    rateDifference: ownRate && sumRate ? ratioDifferenceHundredths(ownRate, sumRate) : null,
  };
}

/** The provenance of each part of a unit-day figure from its stored rows (one per source). */
export function figureProvenance(rows: readonly StoredFigure[], priority: readonly FigureSource[]): UnitProvenance {
  return {
    coverage: partProvenance("coverage", rows, priority),
    qr: partProvenance("qr", rows, priority),
    scans: partProvenance("scans", rows, priority),
  };
}

/** True when no part is the unit's own figure (every known part is a sum of its children). */
export function isAllSums(p: UnitProvenance): boolean {
  return p.coverage === null && p.qr === null && p.scans === null;
}
