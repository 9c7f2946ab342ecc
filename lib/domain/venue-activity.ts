// A ward's QR venues on a day: which had scans (active), which had none that day but did in the
// week before (idle), and which had none for 7 days or never (dormant: the ones to visit).

import type { IsoDay } from "./days.ts";
import { addDays, compareIsoDays, daysBetween } from "./days.ts";
import { assertCount } from "./integer.ts";

export const VENUE_ACTIVITIES = ["active", "idle", "dormant"] as const;
export type VenueActivity = (typeof VENUE_ACTIVITIES)[number];

export const VENUE_ACTIVITY_LABELS: Readonly<Record<VenueActivity, string>> = {
  active: "Có lượt quét",
  idle: "Không quét trong ngày",
  dormant: "Không hoạt động 7 ngày",
};

/** A venue is dormant after this many days in a row without a scan (the day itself included). */
export const DORMANT_AFTER_DAYS = 7;

export type VenueDay = {
  readonly code: string;
  readonly name: string;
  readonly category: string;
  /** scans on the day (venue-day rows exist only for days with scans, so no row is 0) */
  readonly scansOnDay: number;
  /** scans over the 7 days ending on the day */
  readonly scansLast7Days: number;
  /** the last day with a scan on or before the day; null when never */
  readonly lastScanDay: IsoDay | null;
};

export type ClassifiedVenue = VenueDay & {
  readonly activity: VenueActivity;
  /** whole days since the last scan (0 = scanned on the day); null when never scanned */
  readonly daysSinceLastScan: number | null;
};

/** Classifies a venue on `day` from its last scan day (on or before `day`) and its scans that day. */
export function classifyVenue(day: IsoDay, lastScanDay: IsoDay | null, scansOnDay: number): VenueActivity {
  assertCount(scansOnDay, "scansOnDay");
  if (lastScanDay !== null && compareIsoDays(lastScanDay, day) > 0) {
    throw new RangeError(`last scan day ${lastScanDay} is after ${day}`);
  }
  if (scansOnDay > 0) return "active";
  if (lastScanDay === null || compareIsoDays(lastScanDay, addDays(day, -(DORMANT_AFTER_DAYS - 1))) < 0) return "dormant";
  return "idle";
}

const ORDER: Readonly<Record<VenueActivity, number>> = { dormant: 0, idle: 1, active: 2 };
const collator = new Intl.Collator("vi", { numeric: true });

/**
 * Venues classified and ordered for follow-up: dormant first (longest without a scan first, never
 * scanned before all), then idle, then active (most scans first); ties by name.
 */
export function classifyVenues(day: IsoDay, venues: readonly VenueDay[]): ClassifiedVenue[] {
  const classified = venues.map((v) => ({
    ...v,
    activity: classifyVenue(day, v.lastScanDay, v.scansOnDay),
    daysSinceLastScan: v.lastScanDay === null ? null : daysBetween(v.lastScanDay, day),
  }));
  return classified.sort(
    (a, b) =>
      ORDER[a.activity] - ORDER[b.activity] ||
      (b.daysSinceLastScan ?? Number.MAX_SAFE_INTEGER) - (a.daysSinceLastScan ?? Number.MAX_SAFE_INTEGER) ||
      b.scansOnDay - a.scansOnDay ||
      collator.compare(a.name, b.name),
  );
}

/** How many venues are in each activity group. */
export function countByActivity(venues: readonly ClassifiedVenue[]): Record<VenueActivity, number> {
  const counts: Record<VenueActivity, number> = { active: 0, idle: 0, dormant: 0 };
  for (const v of venues) counts[v.activity]++;
  return counts;
}

/** Vietnamese names of the venue categories (mirrors the Prisma enum VenueCategory). */
export const VENUE_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  AGENCY: "Cơ quan",
  BUSINESS: "Cơ sở kinh doanh",
  MARKET: "Chợ",
  SCHOOL: "Trường học",
  HEALTH_FACILITY: "Cơ sở y tế",
  WARD_OFFICE: "Trụ sở UBND phường",
  OTHER: "Khác",
};
