import { Prisma } from "../generated/prisma/client.ts";
import type { FigureSource } from "../domain/figures.ts";

// One definition of "the effective figure of a unit on a day", shared by the rollups (written)
// and the pages (read): field by field, the first non-null value in the source priority order.
// A null stays null: missing is not zero.

function firstNonNull(column: string): Prisma.Sql {
  const col = Prisma.raw(`f.${column}`);
  return Prisma.sql`(array_agg(${col} ORDER BY p.ord) FILTER (WHERE ${col} IS NOT NULL))[1]`;
}

/**
 * SELECT unit_code, day, smartphones, installs, qr_venues, active_venues, scans,
 * children_counted, children_total for the units and days matched by `where`
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
      (array_agg(f.children_counted) FILTER (WHERE f.source = 'COMPUTED'))[1] AS children_counted,
      (array_agg(f.children_total) FILTER (WHERE f.source = 'COMPUTED'))[1] AS children_total
    FROM daily_figure f
    JOIN unit u ON u.code = f.unit_code
    JOIN unnest(${[...priority]}::text[]) WITH ORDINALITY AS p(source, ord) ON p.source = f.source::text
    WHERE ${where}
    GROUP BY f.unit_code, f.day`;
}
