// Small hand-made figures for the dashboard's unit tests (not a test file itself).
import type { FigureValues } from "../../lib/domain/figures.ts";
import { buildFigureTable, type FigureTable, type UnitDayFigure } from "../../lib/domain/figure-table.ts";

/** A figure with every field unknown unless given. */
export function fig(values: Partial<FigureValues>): FigureValues {
  return { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null, ...values };
}

/** A figure table from [unitCode, day, values] triples. */
export function table(rows: readonly (readonly [string, string, Partial<FigureValues>])[]): FigureTable {
  return buildFigureTable(rows.map(([unitCode, day, values]): UnitDayFigure => ({ unitCode, day, ...fig(values) })));
}
