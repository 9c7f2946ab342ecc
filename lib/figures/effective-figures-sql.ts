import { Prisma } from "../generated/prisma/client.ts";
import type { FigureSource } from "../domain/figures.ts";

// One definition of "the effective figure of a unit on a day", shared by the rollups (written)
// and the pages (read): field by field, the first non-null value in the source priority order.
// A null stays null: missing is not zero.

function firstNonNull(column: string): Prisma.Sql {
  const col = Prisma.raw(`f.${column}`);
  return Prisma.sql`(array_agg(${col} ORDER BY p.ord) FILTER (WHERE ${col} IS NOT NULL))[1]`;
}

/** The source of the value firstNonNull(column) picks. */
function sourceOf(column: string): Prisma.Sql {
  const col = Prisma.raw(`f.${column}`);
  return Prisma.sql`(array_agg(f.source::text ORDER BY p.ord) FILTER (WHERE ${col} IS NOT NULL))[1]`;
}

/** A column of the unit-day's COMPUTED row (null when it has none). */
function computed(column: string): Prisma.Sql {
  const col = Prisma.raw(`f.${column}`);
  return Prisma.sql`(array_agg(${col}) FILTER (WHERE f.source = 'COMPUTED'))[1]`;
}

/**
 * SELECT unit_code, day, smartphones, installs, qr_venues, active_venues, scans,
 * children_counted, children_total, the per-part counts (coverage_counted, qr_counted,
 * scans_counted: from the COMPUTED row), whether each part is a sum of children
 * (coverage_summed, qr_summed, scans_summed), for the units and days matched by `where`
 * (a condition on `f` = daily_figure and `u` = unit).
 */
export function effectiveFiguresQuery(priority: readonly FigureSource[], where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT f.unit_code, f.day,
      ${firstNonNull("smartphones")} AS smartphones,
      ${firstNonNull("installs")} AS installs,
      ${firstNonNull("qr_venues")} AS qr_venues,
      ${firstNonNull("active_venues")} AS active_venues,
      ${firstNonNull("scans")} AS scans,
      ${computed("children_counted")} AS children_counted,
      ${computed("children_total")} AS children_total,
      ${computed("coverage_counted")} AS coverage_counted,
      ${computed("qr_counted")} AS qr_counted,
      ${computed("scans_counted")} AS scans_counted,
      -- a part is the unit's own figure unless one of its fields came from the sum of children
      (${sourceOf("smartphones")} = 'COMPUTED' OR ${sourceOf("installs")} = 'COMPUTED') AS coverage_summed,
      (${sourceOf("qr_venues")} = 'COMPUTED' OR ${sourceOf("active_venues")} = 'COMPUTED') AS qr_summed,
      (${sourceOf("scans")} = 'COMPUTED') AS scans_summed
    FROM daily_figure f
    JOIN unit u ON u.code = f.unit_code
    JOIN unnest(${[...priority]}::text[]) WITH ORDINALITY AS p(source, ord) ON p.source = f.source::text
    WHERE ${where}
    GROUP BY f.unit_code, f.day`;
}

/**
 * Given a row `e` of effectiveFiguresQuery, whether each part is complete: known, and either the
 * unit's own figure or a sum that counts every child (lib/domain/completeness.ts, in SQL).
 */
export const COMPLETE_PARTS_SQL = {
  coverage: Prisma.sql`(e.smartphones IS NOT NULL AND e.installs IS NOT NULL
    AND (NOT coalesce(e.coverage_summed, false) OR e.coverage_counted = e.children_total))`,
  qr: Prisma.sql`(e.qr_venues IS NOT NULL AND e.active_venues IS NOT NULL
    AND (NOT coalesce(e.qr_summed, false) OR e.qr_counted = e.children_total))`,
  scans: Prisma.sql`(e.scans IS NOT NULL AND (NOT coalesce(e.scans_summed, false) OR e.scans_counted = e.children_total))`,
} as const;
