import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { classifyVenues, type ClassifiedVenue } from "../domain/venue-activity.ts";
import { venueActivitySql, type VenueActivityRow } from "./dashboard-sql.ts";

/** A ward's QR venues on a day, classified active / idle / dormant and ordered for follow-up. */
export async function loadVenueActivity(prisma: PrismaClient, wardCode: string, day: string): Promise<ClassifiedVenue[]> {
  const rows = await prisma.$queryRaw<VenueActivityRow[]>(venueActivitySql(wardCode, day));
  return classifyVenues(
    day,
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      category: r.category,
      scansOnDay: r.scans_on_day,
      scansLast7Days: r.scans_7d,
      lastScanDay: r.last_scan_day,
    })),
  );
}
