// Effective figures of several units over several days, indexed for lookups by unit and day.
// A unit-day that is absent has no figure ("chưa báo cáo"): lookups return null, never zeros.

import type { DayValue } from "./metrics.ts";
import type { IsoDay } from "./days.ts";
import { isoDayParts } from "./days.ts";
import type { FigureWithParts } from "./completeness.ts";

/** Figures by unit and day; each says how its parts were made (own figure or a sum of k/n children). */
export type FigureTable = ReadonlyMap<string, ReadonlyMap<IsoDay, FigureWithParts>>;

export type UnitDayFigure = FigureWithParts & { readonly unitCode: string; readonly day: IsoDay };

/** Indexes rows by unit and day; throws on two rows for one unit-day (a data-layer bug). */
export function buildFigureTable(rows: readonly UnitDayFigure[]): FigureTable {
  const table = new Map<string, Map<IsoDay, FigureWithParts>>();
  for (const row of rows) {
    isoDayParts(row.day);
    let byDay = table.get(row.unitCode);
    if (!byDay) {
      byDay = new Map();
      table.set(row.unitCode, byDay);
    }
    if (byDay.has(row.day)) throw new RangeError(`two figures for ${row.unitCode} on ${row.day}`);
    const { smartphones, installs, qrVenues, activeVenues, scans, parts } = row;
    byDay.set(row.day, parts ? { smartphones, installs, qrVenues, activeVenues, scans, parts } : { smartphones, installs, qrVenues, activeVenues, scans });
  }
  return table;
}

/** The figure of a unit on a day, or null when there is none. */
export function figureOn(table: FigureTable, unitCode: string, day: IsoDay): FigureWithParts | null {
  return table.get(unitCode)?.get(day) ?? null;
}

/** One day's figures by unit code (the shape buildDistrictOverview takes). */
export function figuresOnDay(table: FigureTable, day: IsoDay): Map<string, FigureWithParts> {
  const result = new Map<string, FigureWithParts>();
  for (const [code, byDay] of table) {
    const figure = byDay.get(day);
    if (figure) result.set(code, figure);
  }
  return result;
}

/** A series of one unit over `days`: `pick` of each day's figure, null where there is none. */
export function seriesOf<V>(
  table: FigureTable,
  unitCode: string,
  days: readonly IsoDay[],
  pick: (figure: FigureWithParts) => V | null,
): DayValue<V>[] {
  return days.map((day) => {
    const figure = figureOn(table, unitCode, day);
    return { day, value: figure === null ? null : pick(figure) };
  });
}
