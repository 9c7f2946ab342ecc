// A ward's QR venues on a day: which had scans (active), which had none that day but did in the
// week before (idle), and which had none for 7 days or never (dormant: the ones to visit).

import type { IsoDay } from "./days.ts";
import { addDays, compareIsoDays, daysBetween } from "./days.ts";
import { formatCount } from "./format.ts";
import type { VenueCategory, VenueStatus } from "./imports/catalogue.ts";
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

/** Vietnamese names of the register statuses (mirrors the Prisma enum VenueStatus). */
export const VENUE_STATUS_LABELS: Readonly<Record<VenueStatus, string>> = {
  ACTIVE: "Đang hoạt động",
  SUSPENDED: "Tạm dừng",
  CLOSED: "Đã đóng",
};

// The ward page's venue list: searched, filtered, sorted and paged in SQL
// (lib/figures/venue-activity.ts), its state in the URL (lib/schemas/ward-page-params.ts).

/** Orders of the venue list; "priority" is the follow-up order of classifyVenues. */
export const VENUE_SORTS = ["priority", "last-scan", "last-scan-oldest", "scans", "scans-7d", "scans-7d-fewest", "name"] as const;
export type VenueSort = (typeof VENUE_SORTS)[number];
export const DEFAULT_VENUE_SORT: VenueSort = "priority";

export const VENUE_SORT_LABELS: Readonly<Record<VenueSort, string>> = {
  priority: "Cần theo dõi trước",
  "last-scan": "Lần quét gần nhất: mới nhất trước",
  "last-scan-oldest": "Lần quét gần nhất: lâu nhất trước",
  scans: "Lượt quét trong ngày: nhiều nhất trước",
  "scans-7d": "Lượt quét 7 ngày: nhiều nhất trước",
  "scans-7d-fewest": "Lượt quét 7 ngày: ít nhất trước",
  name: "Tên địa điểm (A–Z)",
};

/** Venues per page of the list. */
export const VENUE_PAGE_SIZE = 25;

/** What the list is narrowed to and how it is ordered; absent filters match every venue. */
export type VenueQuery = {
  readonly q?: string;
  readonly category?: VenueCategory;
  readonly status?: VenueStatus;
  readonly activity?: VenueActivity;
  readonly sort: VenueSort;
  /** 1-based */
  readonly page: number;
};

export const DEFAULT_VENUE_QUERY: VenueQuery = { sort: DEFAULT_VENUE_SORT, page: 1 };

/** True when the query narrows the list (a search or a filter), whatever its order and page. */
export function isFiltered(query: VenueQuery): boolean {
  return (query.q ?? "") !== "" || query.category !== undefined || query.status !== undefined || query.activity !== undefined;
}

export type PageSpan = {
  readonly page: number;
  readonly pageCount: number;
  /** 1-based positions of the first and last venue on the page; 0 and 0 when the page is empty */
  readonly first: number;
  readonly last: number;
  /** the page asked for is past the last page (and the list is not empty) */
  readonly outOfRange: boolean;
};

/** Where page `page` of `matched` venues starts and ends, `size` a page. */
export function pageSpan(matched: number, page: number, size: number = VENUE_PAGE_SIZE): PageSpan {
  assertCount(matched, "matched");
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page ${page} is not a positive integer`);
  const pageCount = Math.ceil(matched / size);
  const first = (page - 1) * size + 1;
  if (first > matched) return { page, pageCount, first: 0, last: 0, outOfRange: matched > 0 };
  return { page, pageCount, first, last: Math.min(matched, page * size), outOfRange: false };
}

/**
 * "1–25 của 587 điểm"; narrowed: "1–25 của 40 điểm khớp (trong 587 điểm)"; nothing:
 * "Không có điểm nào khớp (trong 587 điểm)".
 */
export function formatPageSpan(span: PageSpan, matched: number, total: number, filtered: boolean): string {
  const of = filtered ? ` (trong ${formatCount(total)} điểm)` : "";
  if (matched === 0) return filtered ? `Không có điểm nào khớp${of}` : "Chưa có điểm nào";
  if (span.outOfRange) return `Không có trang ${formatCount(span.page)}: danh sách có ${formatCount(span.pageCount)} trang, ${formatCount(matched)} điểm${filtered ? " khớp" : ""}${of}`;
  return `${formatCount(span.first)}–${formatCount(span.last)} của ${formatCount(matched)} điểm${filtered ? " khớp" : ""}${of}`;
}
