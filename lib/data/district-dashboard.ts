import "server-only";
import { getReadPrisma } from "../db-read.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { ForbiddenError } from "../errors.ts";
import { loadDistrictDashboard, type DistrictDashboardParams, type DistrictDashboardResult } from "../figures/district-dashboard.ts";
import { canViewDistrict, type SessionUser } from "../permissions.ts";

export type { DashboardNouns, DefaultDay, DistrictDashboardParams, DistrictDashboardResult } from "../figures/district-dashboard.ts";

/**
 * The district overview for the signed-in `viewer`: their own district unless they name another,
 * and only a district they may see (ForbiddenError otherwise). Checked here, where the data is
 * read, not only in the page.
 */
export async function getDistrictDashboard(viewer: SessionUser, params: DistrictDashboardParams): Promise<DistrictDashboardResult> {
  const districtCode = params.districtCode ?? viewer.districtCode ?? undefined;
  if (districtCode !== undefined && !canViewDistrict(viewer, districtCode)) throw new ForbiddenError();
  // The replica when DATABASE_READ_URL is set, unless it lacks the viewer's own last write (lib/db-read.ts).
  const prisma = await getReadPrisma();
  const query = { ...params, districtCode };
  // Once per data version (lib/figures/figure-cache.ts): the same for every viewer allowed here.
  return cachedFigures(prisma, "district-dashboard", query, () => loadDistrictDashboard(prisma, query));
}
