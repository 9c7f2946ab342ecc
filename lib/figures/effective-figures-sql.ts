import { Prisma } from "../generated/prisma/client.ts";
import type { FigureSource } from "../domain/figures.ts";

// One definition of "the effective figure of a unit on a day", shared by the rollups (written)
// and the pages (read): field by field, the first non-null value in the source priority order.
// A null stays null: missing is not zero.

// The fragments below are shared by every statement that picks a field by source priority (this
// one, the provenance of lib/figures/effective-figures.ts, the denominator register): rows `f` of
// daily_figure joined to priorityJoin's `p` and grouped by unit-day. Column names are fixed
// strings of the callers, never input.

/** Joins each row `f` to its source's rank `p.ord` in `priority` (a bound parameter). */
export function priorityJoin(priority: readonly FigureSource[]): Prisma.Sql {
  return Prisma.sql`JOIN unnest(${[...priority]}::text[]) WITH ORDINALITY AS p(source, ord) ON p.source = f.source::text`;
}

/** `value` (default: the column) from the first row, in priority order, whose `column` is known. */
export function firstByPriority(column: string, value = `f.${column}`): Prisma.Sql {
  return Prisma.sql`(array_agg(${Prisma.raw(value)} ORDER BY p.ord) FILTER (WHERE ${Prisma.raw(`f.${column}`)} IS NOT NULL))[1]`;
}

/** The effective value of a field: the first non-null in priority order. */
export function firstNonNull(column: string): Prisma.Sql {
  return firstByPriority(column);
}

/** The source of the value firstNonNull(column) picks. */
export function sourceOf(column: string): Prisma.Sql {
  return firstByPriority(column, "f.source::text");
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
    ${priorityJoin(priority)}
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
