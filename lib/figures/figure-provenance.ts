import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { parseIsoDayOrThrow } from "../domain/days.ts";
import { isFigureSource, type FigureSource } from "../domain/figures.ts";
import { figureProvenance, type StoredFigure, type UnitProvenance } from "../domain/figure-provenance.ts";

// The stored rows of some units' day (every source, with the import that wrote an IMPORT row), for
// a page to say where a district's or city's own figure comes from and to show the sum of its
// children beside it (lib/domain/figure-provenance.ts). One statement for all the units a page
// shows; every value a bound parameter. The callers check the viewer: this is read for units the
// page already shows.

type StoredRow = {
  unit_code: string;
  source: string;
  smartphones: number | null;
  installs: number | null;
  qr_venues: number | null;
  active_venues: number | null;
  scans: number | null;
  children_total: number | null;
  coverage_counted: number | null;
  qr_counted: number | null;
  scans_counted: number | null;
  import_id: number | null;
  file_name: string | null;
  imported_at: string | null;
};

/** Every stored row of `codes` on `day`, with its import's number, file and time (ISO, UTC). */
export function unitDayRowsSql(codes: readonly string[], day: string): Prisma.Sql {
  return Prisma.sql`
    SELECT f.unit_code, f.source::text AS source, f.smartphones, f.installs, f.qr_venues, f.active_venues, f.scans,
      f.children_total, f.coverage_counted, f.qr_counted, f.scans_counted,
      i.id AS import_id, i.file_name,
      to_char(coalesce(i.finished_at, i.started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS imported_at
    FROM daily_figure f
    LEFT JOIN import i ON i.id = f.import_id
    WHERE f.unit_code = ANY(${[...codes]}::text[]) AND f.day = ${parseIsoDayOrThrow(day)}::date`;
}

/** The provenance of each of `codes`' figures of `day` under `priority` (the pages' source priority). */
export async function loadProvenance(
  prisma: PrismaClient,
  codes: readonly string[],
  day: string,
  priority: readonly FigureSource[],
): Promise<Map<string, UnitProvenance>> {
  const rows = await prisma.$queryRaw<StoredRow[]>(unitDayRowsSql(codes, day));
  const byUnit = new Map<string, StoredFigure[]>(codes.map((c) => [c, []]));
  for (const r of rows) {
    if (!isFigureSource(r.source)) throw new Error(`unknown figure source ${r.source}`);
    byUnit.get(r.unit_code)?.push({
      source: r.source,
      smartphones: r.smartphones,
      installs: r.installs,
      qrVenues: r.qr_venues,
      activeVenues: r.active_venues,
      scans: r.scans,
      childrenTotal: r.children_total,
      coverageCounted: r.coverage_counted,
      qrCounted: r.qr_counted,
      scansCounted: r.scans_counted,
      importRef: r.import_id === null ? null : { id: r.import_id, fileName: r.file_name ?? "", at: r.imported_at },
    });
  }
  return new Map([...byUnit].map(([code, stored]) => [code, figureProvenance(stored, priority)]));
}

/** One unit's provenance from loadProvenance's map (a unit without rows has no own part). */
export function provenanceOf(map: ReadonlyMap<string, UnitProvenance>, code: string, priority: readonly FigureSource[]): UnitProvenance {
  return map.get(code) ?? figureProvenance([], priority);
}

/** The provenance of one unit's figure of `day`. */
export async function loadUnitProvenance(
  prisma: PrismaClient,
  unitCode: string,
  day: string,
  priority: readonly FigureSource[],
): Promise<UnitProvenance> {
  return provenanceOf(await loadProvenance(prisma, [unitCode], day, priority), unitCode, priority);
}
