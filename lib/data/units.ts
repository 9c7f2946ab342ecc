import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { UnitLevel } from "../generated/prisma/enums.ts";

export type UnitSummary = { code: string; name: string; level: UnitLevel; parentCode: string | null };

const summary = { code: true, name: true, level: true, parentCode: true } as const;

export async function getUnit(prisma: PrismaClient, code: string): Promise<UnitSummary | null> {
  return prisma.unit.findUnique({ where: { code }, select: summary });
}

export async function getChildUnits(prisma: PrismaClient, parentCode: string): Promise<UnitSummary[]> {
  return prisma.unit.findMany({ where: { parentCode }, select: summary, orderBy: { code: "asc" } });
}

/**
 * The district the overview opens on when none is chosen: the first district (by official code)
 * that has wards in the system. Sign-in (a later issue) replaces this with the user's own district.
 */
export async function getDefaultDistrict(prisma: PrismaClient): Promise<UnitSummary | null> {
  return prisma.unit.findFirst({
    where: { level: "DISTRICT", children: { some: {} } },
    orderBy: { code: "asc" },
    select: summary,
  });
}
