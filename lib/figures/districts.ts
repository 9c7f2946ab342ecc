import "server-only";
import type { PickableDistrict } from "../domain/district-picker.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { unitCodeExpr } from "./dashboard-sql.ts";

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
function districtsSql(codes: readonly string[] | null, withWards: boolean): Prisma.Sql {
  const only = codes === null ? Prisma.empty : Prisma.sql`AND d.code = ANY(${[...codes]}::text[])`;
  const wards = withWards ? Prisma.sql`AND EXISTS (SELECT 1 FROM unit w WHERE w.parent_code = d.code)` : Prisma.empty;
  return Prisma.sql`
    SELECT d.code, d.name, d.type, p.code AS province_code, p.name AS province_name,
      EXISTS (SELECT 1 FROM daily_figure f WHERE f.unit_code = d.code) AS has_data,
      to_char(d.valid_to, 'YYYY-MM-DD') AS valid_to
    FROM unit d LEFT JOIN unit p ON p.code = d.parent_code
    WHERE d.level = 'DISTRICT' ${only} ${wards}
    ORDER BY d.code`;
}

/**
 * The districts named by `codes` (null: every district), with their province, in official code
 * order; with `withWards`, only those that have wards. Unchecked: the gate (lib/data/districts.ts)
 * passes the viewer's scope.
 */
export async function loadDistricts(
  prisma: PrismaClient,
  codes: readonly string[] | null,
  options: { withWards?: boolean } = {},
): Promise<PickableDistrict[]> {
  if (codes !== null && codes.length === 0) return [];
  const rows = await prisma.$queryRaw<ViewableDistrictRow[]>(districtsSql(codes, options.withWards ?? false));
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    type: r.type,
    provinceCode: r.province_code,
    provinceName: r.province_name,
    hasData: r.has_data,
    validTo: r.valid_to,
  }));
}
