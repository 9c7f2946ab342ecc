import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate } from "../domain/days.ts";
import type { FigureSource } from "../domain/figures.ts";
import { effectiveFiguresQuery } from "./effective-figures-sql.ts";
import { getSourcePriority } from "./settings.ts";

// COMPUTED rows: each district's, the city's and the country's figures summed from their
// children's effective figures, level by level. They are maintained on every write (ward
// report, import, seed) so that pages read one row per unit-day instead of aggregating wards
// or venues on every request. Not 'server-only': the seed and import scripts call it too.
//
// Pairs are summed together: smartphones with installs, registered with active venues, only
// over children that have both, so that a parent's rate is always sum(num) / sum(den) over the
// same children and the database's CHECK (installs <= smartphones) holds for the sums too.

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
        Prisma.sql`u.level = ${step.child}::"UnitLevel" AND f.day BETWEEN ${from} AND ${to}`,
      )})
      INSERT INTO daily_figure (unit_code, day, source, smartphones, installs, qr_venues, active_venues, scans,
                                children_counted, children_total, updated_at)
      SELECT c.parent_code, e.day, 'COMPUTED',
        (sum(e.smartphones) FILTER (WHERE e.installs IS NOT NULL))::int,
        (sum(e.installs) FILTER (WHERE e.smartphones IS NOT NULL))::int,
        (sum(e.qr_venues) FILTER (WHERE e.active_venues IS NOT NULL))::int,
        (sum(e.active_venues) FILTER (WHERE e.qr_venues IS NOT NULL))::int,
        sum(e.scans)::int,
        (count(*) FILTER (WHERE num_nonnulls(e.smartphones, e.installs, e.qr_venues, e.active_venues, e.scans) > 0))::int,
        (SELECT count(*)::int FROM unit s WHERE s.parent_code = c.parent_code),
        now()
      FROM eff e JOIN unit c ON c.code = e.unit_code
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
