// Daily figures of a unit: merging the sources of one unit-day into the effective figure, and
// summing children into a parent's COMPUTED figure.
//
// A null field means "not known", never zero: a merge takes the first *non-null* value in priority
// order (a 0 from a higher-priority source wins over a 100 below it), and a sum only counts children
// that know the field (null when none does).

import type { IsoDay } from "./days.ts";
import { assertCount, toSafeNumber } from "./integer.ts";

/** The count fields of a daily figure, in display order. */
export const FIGURE_FIELDS = ["smartphones", "installs", "qrVenues", "activeVenues", "scans"] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

/** Mirrors the Prisma enum FigureSource. */
export const FIGURE_SOURCES = ["WARD_REPORT", "IMPORT", "COMPUTED"] as const;
export type FigureSource = (typeof FIGURE_SOURCES)[number];

/** How each source is named to users. */
export const FIGURE_SOURCE_LABELS: { readonly [S in FigureSource]: string } = {
  WARD_REPORT: "Phường báo cáo",
  IMPORT: "Dữ liệu nhập từ hệ thống quốc gia",
  COMPUTED: "Tổng hợp từ các đơn vị trực thuộc",
};

/**
 * The priority an admin chooses between the two sources a ward has: the one preferred first, the
 * other next, sums of children last.
 */
export function priorityPreferring(preferred: "IMPORT" | "WARD_REPORT"): readonly FigureSource[] {
  return preferred === "IMPORT" ? ["IMPORT", "WARD_REPORT", "COMPUTED"] : ["WARD_REPORT", "IMPORT", "COMPUTED"];
}

/** Default priority: an official import beats the ward's own report, which beats a sum of children. */
export const DEFAULT_SOURCE_PRIORITY: readonly FigureSource[] = ["IMPORT", "WARD_REPORT", "COMPUTED"];

export type FigureValues = { readonly [F in FigureField]: number | null };

export type FigureRow = FigureValues & {
  readonly unitCode: string;
  readonly day: IsoDay;
  readonly source: FigureSource;
};

export type EffectiveFigure = FigureValues & {
  readonly unitCode: string;
  readonly day: IsoDay;
  /** The source each field came from (null when no source knows it). */
  readonly sources: { readonly [F in FigureField]: FigureSource | null };
};

export type ComputedFigure = FigureValues & {
  /** Children with at least one known field. */
  readonly childrenCounted: number;
  /** Children the unit has (reporting or not). */
  readonly childrenTotal: number;
};

export function isFigureSource(value: unknown): value is FigureSource {
  return typeof value === "string" && (FIGURE_SOURCES as readonly string[]).includes(value);
}

function assertValues(values: FigureValues, what: string): void {
  for (const field of FIGURE_FIELDS) {
    const v = values[field];
    if (v !== null) assertCount(v, `${what}.${field}`);
  }
}

/** True when at least one field is known. */
export function hasAnyFigure(values: FigureValues): boolean {
  return FIGURE_FIELDS.some((field) => values[field] !== null);
}

/**
 * The effective figure of one unit-day: field by field, the first non-null value in `priority`
 * order, with the source it came from. Sources missing from `priority` are ignored (an admin can
 * switch a source off). Returns null when `rows` is empty. Throws when the rows are not all for the
 * same unit and day, when a source appears twice, or when `priority` repeats a source.
 */
export function mergeSources(
  rows: readonly FigureRow[],
  priority: readonly FigureSource[] = DEFAULT_SOURCE_PRIORITY,
): EffectiveFigure | null {
  if (new Set(priority).size !== priority.length) {
    throw new RangeError(`source priority repeats a source: ${priority.join(", ")}`);
  }
  const first = rows[0];
  if (first === undefined) return null;

  const bySource = new Map<FigureSource, FigureRow>();
  for (const row of rows) {
    if (row.unitCode !== first.unitCode || row.day !== first.day) {
      throw new RangeError(
        `mergeSources expects rows of one unit-day, got ${first.unitCode}/${first.day} and ${row.unitCode}/${row.day}`,
      );
    }
    if (bySource.has(row.source)) throw new RangeError(`two ${row.source} rows for ${row.unitCode}/${row.day}`);
    assertValues(row, `${row.unitCode}/${row.day}/${row.source}`);
    bySource.set(row.source, row);
  }

  const values: Record<FigureField, number | null> = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
  const sources: Record<FigureField, FigureSource | null> = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
  for (const field of FIGURE_FIELDS) {
    for (const source of priority) {
      const v = bySource.get(source)?.[field];
      if (v !== undefined && v !== null) {
        values[field] = v;
        sources[field] = source;
        break;
      }
    }
  }
  return { unitCode: first.unitCode, day: first.day, ...values, sources };
}

/**
 * The pairs of fields a rate is made of (numerator, denominator). In a sum over children they are
 * kept together: see aggregateChildren.
 */
export const RATE_PAIRS = [
  ["installs", "smartphones"],
  ["activeVenues", "qrVenues"],
] as const satisfies readonly (readonly [FigureField, FigureField])[];

function pairedWith(field: FigureField): FigureField | null {
  for (const [num, den] of RATE_PAIRS) {
    if (field === num) return den;
    if (field === den) return num;
  }
  return null;
}

/**
 * A parent's COMPUTED figure from its children's effective figures (the pure twin of the SQL in
 * lib/figures/rollups.ts). `children` may contain null for a child with no figure at all.
 *
 * Each field is the sum over the children that know it; null when none does. The two parts of a
 * rate (installs with smartphones, activeVenues with qrVenues) are summed over the children that
 * know *both*, so the parent's rate is Σnum / Σden over the same children and installs ≤ smartphones
 * still holds for the sums. scans is summed alone.
 *
 * childrenCounted = children with at least one known field; childrenTotal = all children of the
 * parent (reporting or not; at least the number of non-null entries in `children`).
 */
export function aggregateChildren(children: readonly (FigureValues | null)[], childrenTotal: number): ComputedFigure {
  assertCount(childrenTotal, "childrenTotal");
  const present = children.filter((c): c is FigureValues => c !== null);
  if (present.length > childrenTotal) {
    throw new RangeError(`${present.length} children given but childrenTotal is ${childrenTotal}`);
  }
  const sums: Record<FigureField, bigint | null> = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
  let childrenCounted = 0;
  for (const child of present) {
    assertValues(child, "child");
    if (hasAnyFigure(child)) childrenCounted++;
    for (const field of FIGURE_FIELDS) {
      const v = child[field];
      const partner = pairedWith(field);
      if (v === null || (partner !== null && child[partner] === null)) continue;
      sums[field] = (sums[field] ?? 0n) + BigInt(v);
    }
  }
  const total = (field: FigureField): number | null => {
    const s = sums[field];
    return s === null ? null : toSafeNumber(s, `sum of ${field}`);
  };
  return {
    smartphones: total("smartphones"),
    installs: total("installs"),
    qrVenues: total("qrVenues"),
    activeVenues: total("activeVenues"),
    scans: total("scans"),
    childrenCounted,
    childrenTotal,
  };
}
