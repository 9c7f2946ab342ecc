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
import { FIGURE_FIELDS, type FigureSource, type FigureValues } from "../figures.ts";
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
  readonly reports: Map<string, Map<IsoDay, WardReport>>;
  readonly imports: Map<string, Map<IsoDay, SourceValues>>;
};

function valuesAt(c: SourceColumns, i: number): SourceValues {
  return {
    smartphones: c.smartphones[i] ?? null,
    installs: c.installs[i] ?? null,
    qrVenues: c.qrVenues[i] ?? null,
    activeVenues: c.activeVenues[i] ?? null,
    scans: c.scans[i] ?? null,
  };
}

function mapFor<V>(maps: Map<string, Map<IsoDay, V>>, unitCode: string): Map<IsoDay, V> {
  let m = maps.get(unitCode);
  if (!m) maps.set(unitCode, (m = new Map()));
  return m;
}

/**
 * The tables of `columns` over `days`. Sources missing from `priority` are ignored for the
 * effective figure (an admin can switch one off); a unit-day with no known field has no figure.
 * Throws on an offset outside `days` or two entries for one unit, day and source.
 */
export function buildAlertTables(columns: readonly SourceColumns[], days: readonly IsoDay[], priority: readonly FigureSource[]): AlertTables {
  const reports = new Map<string, Map<IsoDay, WardReport>>();
  const imports = new Map<string, Map<IsoDay, SourceValues>>();
  /** unit → one array per priority position, indexed by day offset */
  const byUnit = new Map<string, (SourceValues | undefined)[][]>();

  for (const c of columns) {
    const rank = priority.indexOf(c.source);
    let lanes = byUnit.get(c.unitCode);
    if (!lanes) byUnit.set(c.unitCode, (lanes = priority.map(() => [])));
    c.offsets.forEach((offset, i) => {
      const day = days[offset];
      if (day === undefined) throw new RangeError(`figure of ${c.unitCode} outside the days asked for (offset ${offset})`);
      const values = valuesAt(c, i);
      if (rank >= 0) {
        const lane = lanes[rank] ?? [];
        if (lane[offset] !== undefined) throw new RangeError(`two ${c.source} rows for ${c.unitCode}/${day}`);
        lane[offset] = values;
      }
      if (c.source === "WARD_REPORT") {
        const at = c.firstSubmittedAtMs[i] ?? null;
        mapFor(reports, c.unitCode).set(day, { ...values, firstSubmittedAt: at === null ? null : new Date(at) });
      } else if (c.source === "IMPORT") {
        mapFor(imports, c.unitCode).set(day, values);
      }
    });
  }

  const figures = new Map<string, Map<IsoDay, FigureValues>>();
  for (const [unitCode, lanes] of byUnit) {
    const byDay = new Map<IsoDay, FigureValues>();
    days.forEach((day, offset) => {
      let known = false;
      const merged: Record<(typeof FIGURE_FIELDS)[number], number | null> = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };
      for (const field of FIGURE_FIELDS) {
        for (const lane of lanes) {
          const v = lane[offset]?.[field] ?? null;
          if (v !== null) {
            merged[field] = v;
            known = true;
            break;
          }
        }
      }
      if (known) byDay.set(day, merged);
    });
    if (byDay.size > 0) figures.set(unitCode, byDay);
  }
  return { figures, reports, imports };
}
