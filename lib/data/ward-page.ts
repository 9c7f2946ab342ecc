import "server-only";
import { cache } from "react";
import { getPrisma } from "../db.ts";
import { getReadPrisma } from "../db-read.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { loadWardPage, type WardPageResult } from "../figures/ward-page.ts";
import { canViewDistrict, readsEveryUnit, type SessionUser, type UnitRef } from "../permissions.ts";

export type { WardPageResult } from "../figures/ward-page.ts";

// A ward's page and the sections beside it (where its figures come from, its alerts) each check
// the viewer on the ward. The ward is looked up once per request: React's cache() shares the
// lookup between the page and its sections (outside a request, e.g. in tests, it is a plain call).

const findWard = cache(async (code: string): Promise<(UnitRef & { name: string }) | null> => {
  const prisma = await getPrisma();
  const unit = await prisma.unit.findUnique({ where: { code }, select: { code: true, name: true, level: true, parentCode: true } });
  return unit && unit.level === "WARD" ? unit : null;
});

/**
 * The ward `code` if the viewer may see it (a ward of a district they may see). Any code outside
 * the viewer's scope is refused with ForbiddenError, whether or not such a ward exists, so the
 * answer never tells which codes exist; only an admin (whose scope is every ward) is told that a
 * code does not exist (NotFoundError).
 */
export async function requireViewableWard(viewer: SessionUser, code: string): Promise<UnitRef & { name: string }> {
  const ward = await findWard(code);
  if (ward && ward.parentCode !== null && canViewDistrict(viewer, ward.parentCode)) return ward;
  if (!ward && readsEveryUnit(viewer)) throw new NotFoundError(`Không có phường mã ${code}.`);
  throw new ForbiddenError();
}

/** One ward's page for the signed-in `viewer`: only a ward of a district they may see. */
export async function getWardPage(viewer: SessionUser, params: { wardCode: string; day?: string }): Promise<WardPageResult> {
  await requireViewableWard(viewer, params.wardCode);
  // The replica when DATABASE_READ_URL is set, unless it lacks the viewer's own last write (lib/db-read.ts).
  const prisma = await getReadPrisma();
  const query = params;
  // Once per data version (lib/figures/figure-cache.ts): the same for every viewer allowed here.
  return cachedFigures(prisma, "ward-page", query, () => loadWardPage(prisma, query));
}
