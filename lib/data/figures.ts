import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate, utcDateToIsoDay } from "../domain/days.ts";
import { effectiveFiguresQuery } from "./effective-figures-sql.ts";
import { getSourcePriority } from "./settings.ts";

// Reads of effective figures (see effective-figures-sql.ts) for a set of units.

export type EffectiveFigure = {
  unitCode: string;
  day: string;
  smartphones: number | null;
  installs: number | null;
  qrVenues: number | null;
  activeVenues: number | null;
  scans: number | null;
  childrenCounted: number | null;
  childrenTotal: number | null;
};

type Row = {
  unit_code: string;
  day: Date;
  smartphones: number | null;
  installs: number | null;
  qr_venues: number | null;
  active_venues: number | null;
  scans: number | null;
  children_counted: number | null;
  children_total: number | null;
};

export async function getEffectiveFigures(
  prisma: PrismaClient,
  unitCodes: readonly string[],
  range: { from: string; to: string },
): Promise<EffectiveFigure[]> {
  if (unitCodes.length === 0) return [];
  const priority = await getSourcePriority(prisma);
  const where = Prisma.sql`f.unit_code = ANY(${[...unitCodes]}::text[])
    AND f.day BETWEEN ${isoDayToUtcDate(range.from)} AND ${isoDayToUtcDate(range.to)}`;
  const rows = await prisma.$queryRaw<Row[]>(effectiveFiguresQuery(priority, where));
  return rows.map((r) => ({
    unitCode: r.unit_code,
    day: utcDateToIsoDay(r.day),
    smartphones: r.smartphones,
    installs: r.installs,
    qrVenues: r.qr_venues,
    activeVenues: r.active_venues,
    scans: r.scans,
    childrenCounted: r.children_counted,
    childrenTotal: r.children_total,
  }));
}

/** The latest day with any figure for one of these units, or null when there is none. */
export async function getLatestDayWithData(prisma: PrismaClient, unitCodes: readonly string[]): Promise<string | null> {
  const found = await prisma.dailyFigure.findFirst({
    where: { unitCode: { in: [...unitCodes] } },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  return found ? utcDateToIsoDay(found.day) : null;
}

/** First and last day with figures for these units. */
export async function getDayRangeWithData(
  prisma: PrismaClient,
  unitCodes: readonly string[],
): Promise<{ from: string; to: string } | null> {
  const agg = await prisma.dailyFigure.aggregate({
    where: { unitCode: { in: [...unitCodes] } },
    _min: { day: true },
    _max: { day: true },
  });
  if (!agg._min.day || !agg._max.day) return null;
  return { from: utcDateToIsoDay(agg._min.day), to: utcDateToIsoDay(agg._max.day) };
}
