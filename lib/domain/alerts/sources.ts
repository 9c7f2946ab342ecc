// From the stored rows of the wards' figures (one row per unit, day and source) to what the alert
// rules read: the effective figure of each ward-day (field by field, the first non-null value in
// the source priority order: mergeSources in lib/domain/figures.ts, the pure twin of the SQL, does
// the same; a unit test checks they agree), the wards' own reports and the imported figures.
//
// The data layer reads the rows as columns (one row per unit and source, each field an array
// over the days), so that a whole city's 44 days cost a few thousand rows instead of fifty
// thousand; this builds the tables without going through a day string per value.

import type { IsoDay } from "../days.ts";
import type { FigureTable } from "../figure-table.ts";
import type { FigureField, FigureSource, FigureValues } from "../figures.ts";
import type { SourceValues, WardReport } from "./types.ts";

export type SourceColumns = {
  readonly unitCode: string;
  readonly source: FigureSource;
  /** the day of each entry, as an index into `days` (any order; the other arrays are aligned with it) */
  readonly offsets: readonly number[];
  readonly smartphones: readonly (number | null)[];
  readonly installs: readonly (number | null)[];
  readonly qrVenues: readonly (number | null)[];
  readonly activeVenues: readonly (number | null)[];
  readonly scans: readonly (number | null)[];
  /** when the ward report was first submitted, in epoch milliseconds (null: unknown or not a report) */
  readonly firstSubmittedAtMs: readonly (number | null)[];
};

export type AlertTables = {
  readonly figures: FigureTable;
  readonly reports: ReadonlyMap<string, ReadonlyMap<IsoDay, WardReport>>;
  readonly imports: ReadonlyMap<string, ReadonlyMap<IsoDay, SourceValues>>;
};

function makeValues(c: SourceColumns, i: number): SourceValues {
  return {
    smartphones: c.smartphones[i] ?? null,
    installs: c.installs[i] ?? null,
    qrVenues: c.qrVenues[i] ?? null,
    activeVenues: c.activeVenues[i] ?? null,
    scans: c.scans[i] ?? null,
  };
}

function makeReport(c: SourceColumns, i: number): WardReport {
  const at = c.firstSubmittedAtMs[i] ?? null;
  return { ...makeValues(c, i), firstSubmittedAt: at === null ? null : new Date(at) };
}

/**
 * A unit's rows of one source by day, each made into its object when first read: the rules read a
 * few of a ward's 44 reports and imports (the day's, a streak's), and the country's ~930.000
 * objects made up front cost more than the rules (ADR 028). A day stored twice keeps its last row,
 * and the days iterate in the order they were first stored, as a Map filled row by row would.
 */
class RowsByDay<V> implements ReadonlyMap<IsoDay, V> {
  private readonly column: Int32Array;
  private readonly entry: Int32Array;
  private readonly made: (V | undefined)[] = [];
  private readonly order: number[] = [];

  constructor(
    private readonly days: readonly IsoDay[],
    private readonly dayIndex: ReadonlyMap<IsoDay, number>,
    private readonly columns: readonly SourceColumns[],
    private readonly make: (c: SourceColumns, i: number) => V,
  ) {
    this.column = new Int32Array(days.length).fill(-1);
    this.entry = new Int32Array(days.length);
  }

  put(offset: number, column: number, entry: number): void {
    if (this.column[offset] === -1) this.order.push(offset);
    this.column[offset] = column;
    this.entry[offset] = entry;
    this.made[offset] = undefined;
  }

  private at(offset: number): V | undefined {
    const k = this.column[offset];
    if (k === undefined || k === -1) return undefined;
    let v = this.made[offset];
    if (v === undefined) this.made[offset] = v = this.make(this.columns[k] as SourceColumns, this.entry[offset] as number);
    return v;
  }

  get(day: IsoDay): V | undefined {
    const offset = this.dayIndex.get(day);
    return offset === undefined ? undefined : this.at(offset);
  }

  has(day: IsoDay): boolean {
    return this.get(day) !== undefined;
  }

  get size(): number {
    return this.order.length;
  }

  private asMap(): Map<IsoDay, V> {
    return new Map(this.order.map((offset) => [this.days[offset] as IsoDay, this.at(offset) as V]));
  }

  forEach(callback: (value: V, key: IsoDay, map: ReadonlyMap<IsoDay, V>) => void, thisArg?: unknown): void {
    this.asMap().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries() {
    return this.asMap().entries();
  }

  keys() {
    return this.asMap().keys();
  }

  values() {
    return this.asMap().values();
  }

  [Symbol.iterator]() {
    return this.asMap()[Symbol.iterator]();
  }
}

/** Where a unit's value of one field on one day is: the column and the entry in it (−1: none). */
type Lanes = { readonly column: Int32Array; readonly entry: Int32Array };

/**
 * The tables of `columns` over `days`. Sources missing from `priority` are ignored for the
 * effective figure (an admin can switch one off); a unit-day with no known field has no figure.
 * Throws on an offset outside `days` or two entries for one unit, day and source.
 *
 * Built for the country's 10.603 wards × 44 days (ADR 028): a unit's lanes are two flat integer
 * arrays (priority position × day → column and entry), read field by field when the effective
 * figure is merged, instead of an object per stored row; each report and import is one object.
 */
export function buildAlertTables(columns: readonly SourceColumns[], days: readonly IsoDay[], priority: readonly FigureSource[]): AlertTables {
  const reports = new Map<string, RowsByDay<WardReport>>();
  const imports = new Map<string, RowsByDay<SourceValues>>();
  const dayIndex = new Map(days.map((day, offset) => [day, offset]));
  const rowsFor = <V>(maps: Map<string, RowsByDay<V>>, unitCode: string, make: (c: SourceColumns, i: number) => V): RowsByDay<V> => {
    let rows = maps.get(unitCode);
    if (!rows) maps.set(unitCode, (rows = new RowsByDay(days, dayIndex, columns, make)));
    return rows;
  };
  const n = days.length;
  /** unit → per priority position and day offset (rank × n + offset), the column and entry of its row */
  const byUnit = new Map<string, Lanes>();

  for (let k = 0; k < columns.length; k++) {
    const c = columns[k] as SourceColumns;
    const rank = priority.indexOf(c.source);
    let lanes = byUnit.get(c.unitCode);
    if (!lanes) byUnit.set(c.unitCode, (lanes = { column: new Int32Array(priority.length * n).fill(-1), entry: new Int32Array(priority.length * n) }));
    const report = c.source === "WARD_REPORT";
    const imported = c.source === "IMPORT";
    const { offsets } = c;
    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[i] as number;
      const day = days[offset];
      if (day === undefined) throw new RangeError(`figure of ${c.unitCode} outside the days asked for (offset ${offset})`);
      if (rank >= 0) {
        const slot = rank * n + offset;
        if (lanes.column[slot] !== -1) throw new RangeError(`two ${c.source} rows for ${c.unitCode}/${day}`);
        lanes.column[slot] = k;
        lanes.entry[slot] = i;
      }
      if (report) rowsFor(reports, c.unitCode, makeReport).put(offset, k, i);
      else if (imported) rowsFor(imports, c.unitCode, makeValues).put(offset, k, i);
    }
  }

  const lanesCount = priority.length;
  const figures = new Map<string, Map<IsoDay, FigureValues>>();
  for (const [unitCode, lanes] of byUnit) {
    /** the field's first non-null value in priority order on the day, null when no lane has one */
    const merged = (offset: number, field: FigureField): number | null => {
      for (let rank = 0; rank < lanesCount; rank++) {
        const slot = rank * n + offset;
        const k = lanes.column[slot] as number;
        if (k === -1) continue;
        const v = (columns[k] as SourceColumns)[field][lanes.entry[slot] as number] ?? null;
        if (v !== null) return v;
      }
      return null;
    };
    let byDay: Map<IsoDay, FigureValues> | null = null;
    for (let offset = 0; offset < n; offset++) {
      const smartphones = merged(offset, "smartphones");
      const installs = merged(offset, "installs");
      const qrVenues = merged(offset, "qrVenues");
      const activeVenues = merged(offset, "activeVenues");
      const scans = merged(offset, "scans");
      if (smartphones === null && installs === null && qrVenues === null && activeVenues === null && scans === null) continue;
      (byDay ??= new Map()).set(days[offset] as IsoDay, { smartphones, installs, qrVenues, activeVenues, scans });
    }
    if (byDay !== null) figures.set(unitCode, byDay);
  }
  return { figures, reports, imports };
}
