import "server-only";
import { getPrisma } from "../db.ts";
import type { PickableDistrict } from "../domain/district-picker.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { canViewDistrict, viewableDistrictCodes, type SessionUser } from "../permissions.ts";
import { unitCodeExpr } from "../figures/dashboard-sql.ts";
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

type ViewableDistrictRow = {
  code: string;
  name: string;
  type: string | null;
  province_code: string | null;
  province_name: string | null;
  has_data: boolean;
  valid_to: string | null;
};

/**
 * Every district (level DISTRICT) with its province, in official code order, or only `codes`.
 * "Has data": a figure is stored for the district itself: its own or the COMPUTED sum of its
 * wards, which every write keeps (lib/figures/rollups.ts), so one index probe per district answers.
 */
function districtsSql(codes: readonly string[] | null): Prisma.Sql {
  const only = codes === null ? Prisma.empty : Prisma.sql`AND d.code = ANY(${[...codes]}::text[])`;
  return Prisma.sql`
    SELECT d.code, d.name, d.type, p.code AS province_code, p.name AS province_name,
      EXISTS (SELECT 1 FROM daily_figure f WHERE f.unit_code = d.code) AS has_data,
      to_char(d.valid_to, 'YYYY-MM-DD') AS valid_to
    FROM unit d LEFT JOIN unit p ON p.code = d.parent_code
    WHERE d.level = 'DISTRICT' ${only}
    ORDER BY d.code`;
}

/**
 * The districts `viewer` may open a district page of, for the dashboards' picker: every district
 * for an admin, the province's for a city official, the own one for a district official or a ward
 * chair (lib/permissions.ts viewableDistrictCodes narrows the read, canViewDistrict decides each).
 */
export async function getViewableDistricts(viewer: SessionUser): Promise<PickableDistrict[]> {
  return loadViewableDistricts(await getPrisma(), viewer);
}

/** The same, on a given database (integration tests run it on PGlite and on PostgreSQL). */
export async function loadViewableDistricts(prisma: PrismaClient, viewer: SessionUser): Promise<PickableDistrict[]> {
  const codes = viewableDistrictCodes(viewer);
  if (codes !== null && codes.length === 0) return [];
  const rows = await prisma.$queryRaw<ViewableDistrictRow[]>(districtsSql(codes));
  return rows
    .filter((r) => canViewDistrict(viewer, r.code))
    .map((r) => ({
      code: r.code,
      name: r.name,
      type: r.type,
      provinceCode: r.province_code,
      provinceName: r.province_name,
      hasData: r.has_data,
      validTo: r.valid_to,
    }));
}
