import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { parseIsoDayOrThrow } from "../domain/days.ts";
import type { FigureSource } from "../domain/figures.ts";
import { denominatorEntries, type DenominatorEntry, type DenominatorRow } from "../domain/denominator-register.ts";
import { firstByPriority, firstNonNull, priorityJoin, sourceOf } from "./effective-figures-sql.ts";

// A ward's denominators on a day (lib/domain/denominator-register.ts): for the smartphones and the
// registered QR venues, the effective value (first known by source priority), its source and
// import, and the latest day it changed. Not the same statement as the provenance of
// effective-figures.ts (that one marks every day's change for many units; this one reads one
// ward's latest value with its import and previous value), but the same priority fragments. One statement: effective values per day, then LAG over
// the days with a value (a day without a report is not a change: missing is not zero). Every
// value is a bound parameter.

export function denominatorRegisterSql(wardCode: string, day: string, priority: readonly FigureSource[]): Prisma.Sql {
  return Prisma.sql`
    WITH eff AS (
      SELECT f.day,
        ${firstNonNull("smartphones")} AS smartphones,
        ${sourceOf("smartphones")} AS smartphones_source,
        ${firstByPriority("smartphones", "f.import_id")} AS smartphones_import,
        ${firstNonNull("qr_venues")} AS qr_venues,
        ${sourceOf("qr_venues")} AS qr_venues_source,
        ${firstByPriority("qr_venues", "f.import_id")} AS qr_venues_import
      FROM daily_figure f
      ${priorityJoin(priority)}
      WHERE f.unit_code = ${wardCode} AND f.day <= ${parseIsoDayOrThrow(day)}::date
      GROUP BY f.day
    ),
    series AS (
      SELECT v.field, e.day, v.value, v.source, v.import_id
      FROM eff e
      CROSS JOIN LATERAL (VALUES
        ('smartphones', e.smartphones, e.smartphones_source, e.smartphones_import),
        ('qrVenues', e.qr_venues, e.qr_venues_source, e.qr_venues_import)
      ) AS v(field, value, source, import_id)
      WHERE v.value IS NOT NULL
    ),
    marked AS (
      SELECT s.*,
        lag(s.value) OVER w AS previous,
        lag(s.day) OVER w AS previous_day,
        min(s.day) OVER (PARTITION BY s.field) AS first_day
      FROM series s
      WINDOW w AS (PARTITION BY s.field ORDER BY s.day)
    ),
    latest AS (
      SELECT DISTINCT ON (m.field) m.field, m.day, m.value, m.source, m.import_id, m.first_day
      FROM marked m ORDER BY m.field, m.day DESC
    ),
    changed AS (
      SELECT DISTINCT ON (m.field) m.field, m.day AS changed_on, m.previous, m.previous_day
      FROM marked m WHERE m.previous IS NOT NULL AND m.previous <> m.value
      ORDER BY m.field, m.day DESC
    )
    SELECT l.field, l.value::int AS value, to_char(l.day, 'YYYY-MM-DD') AS known_on, l.source, l.import_id,
      i.file_name, to_char(coalesce(i.finished_at, i.started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS imported_at,
      to_char(l.first_day, 'YYYY-MM-DD') AS first_day,
      to_char(c.changed_on, 'YYYY-MM-DD') AS changed_on, c.previous::int AS previous,
      to_char(c.previous_day, 'YYYY-MM-DD') AS previous_day
    FROM latest l
    LEFT JOIN changed c ON c.field = l.field
    LEFT JOIN import i ON i.id = l.import_id
    ORDER BY l.field`;
}

/** The ward's denominators as of `day` (the caller has checked that the viewer may see the ward). */
export async function loadDenominatorRegister(
  prisma: PrismaClient,
  wardCode: string,
  day: string,
  priority: readonly FigureSource[],
): Promise<DenominatorEntry[]> {
  const rows = await prisma.$queryRaw<DenominatorRow[]>(denominatorRegisterSql(wardCode, day, priority));
  return denominatorEntries(rows);
}
