import "server-only";
import { getReadPrisma } from "../db-read.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { ForbiddenError } from "../errors.ts";
import { loadCityPage, type CityPageParams, type CityPageResult } from "../figures/city-page.ts";
import { canViewCity, canViewDistrict, type SessionUser } from "../permissions.ts";

export type { CityNouns, CityPageParams, CityPageResult } from "../figures/city-page.ts";

/** The city's districts ranked, for officials and admins only; the viewer's own district is picked out. */
export async function getCityPage(viewer: SessionUser, params: CityPageParams): Promise<CityPageResult> {
  if (!canViewCity(viewer)) throw new ForbiddenError();
  const districtCode = params.districtCode ?? viewer.districtCode ?? undefined;
  if (districtCode !== undefined && !canViewDistrict(viewer, districtCode)) throw new ForbiddenError();
  // The replica when DATABASE_READ_URL is set, unless it lacks the viewer's own last write (lib/db-read.ts).
  const prisma = await getReadPrisma();
  const query = { ...params, districtCode };
  // Once per data version (lib/figures/figure-cache.ts): the same for every viewer allowed here.
  return cachedFigures(prisma, "city-page", query, () => loadCityPage(prisma, query));
}
