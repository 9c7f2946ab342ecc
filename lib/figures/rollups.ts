import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate } from "../domain/days.ts";
import type { FigureSource } from "../domain/figures.ts";
import { unitValidOnSql } from "./dashboard-sql.ts";
import { COMPLETE_PARTS_SQL, effectiveFiguresQuery } from "./effective-figures-sql.ts";
import { getSourcePriority } from "./settings.ts";

// COMPUTED rows: each district's, the city's and the country's figures summed from their
// children's effective figures, level by level. They are maintained on every write (ward
// report, import, seed) so that pages read one row per unit-day instead of aggregating wards
// or venues on every request. Not 'server-only': the seed and import scripts call it too.
//
// Each part of a figure (coverage: installs with smartphones; qr: active with registered venues;
// scans) sums only the children complete for it: a ward with both fields, a district or city with
// its own figure or a sum that counts all of its children. So a parent's rate is always
// sum(num) / sum(den) over the same children, the CHECK (installs <= smartphones) holds for the
// sums, and coverage_counted / qr_counted / scans_counted out of children_total say exactly what a
// sum holds ("17/18 phường"): a partial district is not folded into the city's total as if whole.

// Only the units valid on a day count that day (issue 12, units change): children_total is the
// number of the parent's children valid that day (a district whose 18 wards became 17 by a merger
// says "17/17" after it, and still "18/18" on the days before), and a figure stored for a unit on
// a day it did not exist is not summed.

/** `u` (a unit) exists on `f.day`. */
const VALID_ON_DAY_SQL = unitValidOnSql("u", Prisma.sql`f.day`);

const LEVEL_STEPS = [
  { child: "WARD", parent: "DISTRICT" },
  { child: "DISTRICT", parent: "PROVINCE" },
  { child: "PROVINCE", parent: "COUNTRY" },
] as const;

export type DayRange = { from: string; to: string };

type Db = Pick<PrismaClient, "$executeRaw" | "$transaction" | "setting">;

/** The statements that rewrite the COMPUTED rows of `range` under `priority`, in the order to run them. */
function rollupStatements(prisma: Pick<PrismaClient, "$executeRaw">, priority: readonly FigureSource[], range: DayRange) {
  const from = isoDayToUtcDate(range.from);
  const to = isoDayToUtcDate(range.to);
  return LEVEL_STEPS.flatMap((step) => [
    prisma.$executeRaw`
      DELETE FROM daily_figure f USING unit u
      WHERE u.code = f.unit_code AND u.level = ${step.parent}::"UnitLevel"
        AND f.source = 'COMPUTED' AND f.day BETWEEN ${from} AND ${to}`,
    prisma.$executeRaw`
      WITH eff AS (${effectiveFiguresQuery(
        priority,
        Prisma.sql`u.level = ${step.child}::"UnitLevel" AND f.day BETWEEN ${from} AND ${to} AND ${VALID_ON_DAY_SQL}`,
      )}),
      parts AS (
        SELECT e.*, ${COMPLETE_PARTS_SQL.coverage} AS cov_ok, ${COMPLETE_PARTS_SQL.qr} AS qr_ok,
          ${COMPLETE_PARTS_SQL.scans} AS scans_ok
        FROM eff e
      )
      INSERT INTO daily_figure (unit_code, day, source, smartphones, installs, qr_venues, active_venues, scans,
                                children_counted, children_total, coverage_counted, qr_counted, scans_counted, updated_at)
      SELECT c.parent_code, e.day, 'COMPUTED',
        (sum(e.smartphones) FILTER (WHERE e.cov_ok))::int,
        (sum(e.installs) FILTER (WHERE e.cov_ok))::int,
        (sum(e.qr_venues) FILTER (WHERE e.qr_ok))::int,
        (sum(e.active_venues) FILTER (WHERE e.qr_ok))::int,
        (sum(e.scans) FILTER (WHERE e.scans_ok))::int,
        (count(*) FILTER (WHERE num_nonnulls(e.smartphones, e.installs, e.qr_venues, e.active_venues, e.scans) > 0))::int,
        (SELECT count(*)::int FROM unit s WHERE s.parent_code = c.parent_code AND ${unitValidOnSql("s", Prisma.sql`e.day`)}),
        (count(*) FILTER (WHERE e.cov_ok))::int,
        (count(*) FILTER (WHERE e.qr_ok))::int,
        (count(*) FILTER (WHERE e.scans_ok))::int,
        now()
      FROM parts e JOIN unit c ON c.code = e.unit_code
      WHERE c.parent_code IS NOT NULL
      GROUP BY c.parent_code, e.day`,
  ]);
}

export async function refreshRollups(prisma: Db, range: DayRange): Promise<void> {
  const priority = await getSourcePriority(prisma);
  await prisma.$transaction(rollupStatements(prisma, priority, range));
}

/**
 * The same, inside a transaction the caller holds, under a priority that may not be stored yet
 * (a change of the source priority rewrites the rollups in the transaction that stores it).
 */
export async function refreshRollupsInTransaction(
  tx: Pick<PrismaClient, "$executeRaw">,
  priority: readonly FigureSource[],
  range: DayRange,
): Promise<void> {
  for (const statement of rollupStatements(tx, priority, range)) await statement;
}

/**
 * Rewrites the rollups of the days whose COMPUTED rows were written before the per-part counts
 * existed (a database migrated from an earlier version): without the counts, a sum could not say
 * how many children it holds. Returns the range refreshed, or null when nothing was stale.
 */
export async function repairRollupsWithoutPartCounts(prisma: Db & Pick<PrismaClient, "$queryRaw">): Promise<DayRange | null> {
  const [stale] = await prisma.$queryRaw<{ first: string | null; last: string | null }[]>`
    SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last
    FROM daily_figure WHERE source = 'COMPUTED' AND coverage_counted IS NULL`;
  if (!stale?.first || !stale.last) return null;
  const range = { from: stale.first, to: stale.last };
  await refreshRollups(prisma, range);
  return range;
}
