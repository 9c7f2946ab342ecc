import "server-only";
import { getPrisma } from "../db.ts";
import { parseIsoDayOrThrow } from "../domain/days.ts";
import type { VenueQuery } from "../domain/venue-activity.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { loadVenuePage, type VenuePage } from "../figures/venue-activity.ts";
import type { SessionUser } from "../permissions.ts";
import { requireViewableWard } from "./ward-page.ts";

export type { ListedVenue, VenuePage } from "../figures/venue-activity.ts";

/**
 * One page of a ward's venue list on `day` for the signed-in `viewer`: only a ward of a district
 * they may see (the same check as the ward page: 403 outside the scope, existing or not; 404
 * only for an admin).
 */
export async function getWardVenues(viewer: SessionUser, params: { wardCode: string; day: string; query: VenueQuery }): Promise<VenuePage> {
  const ward = await requireViewableWard(viewer, params.wardCode);
  const prisma = await getPrisma();
  const day = parseIsoDayOrThrow(params.day);
  // Once per data version (lib/figures/figure-cache.ts; `venue` and `venue_day_scan` are
  // versioned tables): the page depends on the ward, the day and the query only, the same for
  // every viewer the check above lets in. The whole query is part of the key (a search's text too).
  return cachedFigures(prisma, "ward-venues", { ward: ward.code, day, query: params.query }, () => loadVenuePage(prisma, ward.code, day, params.query));
}
