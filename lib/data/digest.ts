import "server-only";
import { getPrisma } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { addDays, compareIsoDays, todayInVietnam, type IsoDay } from "../domain/days.ts";
import { loadDigest, type LoadedDigest } from "../digest/load.ts";
import { canViewDistrict, type SessionUser } from "../permissions.ts";

/**
 * The morning digest of a district and day as a copyable message (the overview's "Bản tin"
 * section): only for a district the viewer may see. Served once per data version, like the overview.
 */
export async function getDistrictDigest(viewer: SessionUser, params: { districtCode: string; day: IsoDay }, now: Date = new Date()): Promise<LoadedDigest> {
  if (!canViewDistrict(viewer, params.districtCode)) throw new ForbiddenError();
  const prisma = await getPrisma();
  // A recent day's alerts still depend on the clock (a report is "pending" until its deadline):
  // kept only for days well past any deadline.
  const settled = compareIsoDays(params.day, addDays(todayInVietnam(now), -3)) <= 0;
  return cachedFigures(prisma, "district-digest", params, () => loadDigest(prisma, { ...params, now }), () => settled);
}
