import "server-only";
import { getPrisma } from "../db.ts";
import type { PickableDistrict } from "../domain/district-picker.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { getDefaultDistrictCode, loadDistricts } from "../figures/districts.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { canViewDistrict, viewableDistrictCodes, type SessionUser } from "../permissions.ts";

/**
 * The districts `viewer` may open a district page of: every district for an admin, the province's
 * for a city official, the own one for a district official or a ward chair (viewableDistrictCodes
 * narrows the read, canViewDistrict decides each). For the dashboards' picker (every such
 * district) and the filters of pages about wards (`withWards`: only districts that have wards).
 */
export async function getViewableDistricts(viewer: SessionUser, options: { withWards?: boolean } = {}): Promise<PickableDistrict[]> {
  const codes = viewableDistrictCodes(viewer);
  if (codes !== null && codes.length === 0) return [];
  const districts = await loadDistricts(await getPrisma(), codes, options);
  return districts.filter((d) => canViewDistrict(viewer, d.code));
}

/**
 * The district a page about a district's wards shows: the one asked for, else the viewer's own (a
 * district official's; a city official's first), else the first district with figures (an admin).
 * Refused when the viewer may not see it (ForbiddenError), unknown or not a district
 * (NotFoundError). For the completeness page and /entry (the wards an admin reports for).
 */
export async function resolveViewableDistrict(
  prisma: PrismaClient,
  viewer: SessionUser,
  districtCode: string | undefined,
): Promise<{ code: string; name: string }> {
  const code = districtCode ?? viewer.districtCode ?? (await getDefaultDistrictCode(prisma));
  if (!code) throw new NotFoundError("Chưa có quận nào trong hệ thống.");
  if (!canViewDistrict(viewer, code)) throw new ForbiddenError("Bạn chỉ xem được tình hình báo cáo của quận mình.");
  const district = await prisma.unit.findUnique({ where: { code }, select: { code: true, name: true, level: true } });
  if (!district || district.level !== "DISTRICT") throw new NotFoundError("Không có quận này.");
  return { code: district.code, name: district.name };
}
