import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { unitCodeExpr } from "./dashboard-sql.ts";
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
 * The district a page opens on for a user without one (an admin): the district of the first
 * ward, by official code, that has figures, else the first district with wards (unitCodeExpr).
 */
export async function getDefaultDistrictCode(prisma: PrismaClient): Promise<string | null> {
  const [row] = await prisma.$queryRaw<{ code: string | null }[]>(Prisma.sql`SELECT ${unitCodeExpr(null)} AS code`);
  return row?.code ?? null;
}
