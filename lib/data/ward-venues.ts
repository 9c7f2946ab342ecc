import "server-only";
import { getPrisma } from "../db.ts";
import { parseIsoDayOrThrow } from "../domain/days.ts";
import type { VenueQuery } from "../domain/venue-activity.ts";
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
  return loadVenuePage(await getPrisma(), ward.code, parseIsoDayOrThrow(params.day), params.query);
}
