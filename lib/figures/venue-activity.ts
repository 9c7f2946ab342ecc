import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { parseIsoDayOrThrow, daysBetween, type IsoDay } from "../domain/days.ts";
import type { VenueCategory, VenueStatus } from "../domain/imports/catalogue.ts";
import { foldForSearch, SEARCH_FOLD, searchPattern } from "../domain/text-fold.ts";
import {
  classifyVenues,
  DORMANT_AFTER_DAYS,
  pageSpan,
  VENUE_PAGE_SIZE,
  type ClassifiedVenue,
  type PageSpan,
  type VenueActivity,
  type VenueQuery,
  type VenueSort,
} from "../domain/venue-activity.ts";
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

// The ward page's venue list: one page of the ward's venues registered by the day, searched,
// filtered and sorted in SQL (the venue index on ward_code, venue_day_scan's primary key
// (venue_id, day) for each venue's scans), with the counts the page shows beside it.

export type ListedVenue = ClassifiedVenue & {
  readonly address: string | null;
  readonly status: VenueStatus;
};

export type VenuePage = {
  /** the ward's venues registered by the day, by activity (the whole ward, whatever the filters) */
  readonly counts: Readonly<Record<VenueActivity, number>>;
  /** the ward's venues registered by the day */
  readonly total: number;
  /** those the search and filters keep */
  readonly matched: number;
  readonly span: PageSpan;
  readonly venues: readonly ListedVenue[];
};

/** The folded form of a column, as foldForSearch folds the search text. */
function folded(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`translate(lower(${column}), ${SEARCH_FOLD.from}, ${SEARCH_FOLD.to})`;
}

/**
 * ORDER BY of each sort, ties by name then code (a stable order, so pages do not overlap). The
 * name order folds the first 16 characters of each name (translate costs ~0,2 ms a whole name),
 * then the name as it is.
 */
const ORDER_BY: Readonly<Record<VenueSort, Prisma.Sql>> = {
  // classifyVenues' follow-up order: dormant, idle, active; longest without a scan (never first); most scans
  priority: Prisma.sql`CASE c.activity WHEN 'dormant' THEN 0 WHEN 'idle' THEN 1 ELSE 2 END, c.last_scan ASC NULLS FIRST, c.scans_on_day DESC`,
  "last-scan": Prisma.sql`c.last_scan DESC NULLS LAST`,
  "last-scan-oldest": Prisma.sql`c.last_scan ASC NULLS FIRST`,
  scans: Prisma.sql`c.scans_on_day DESC, c.scans_7d DESC`,
  "scans-7d": Prisma.sql`c.scans_7d DESC`,
  "scans-7d-fewest": Prisma.sql`c.scans_7d ASC`,
  name: Prisma.sql`${folded(Prisma.sql`left(c.name, 16)`)}`,
};

function filtersSql(query: VenueQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const q = foldForSearch(query.q ?? "").trim();
  if (q !== "") {
    const pattern = searchPattern(q);
    conditions.push(Prisma.sql`(c.code ~ ${pattern} OR c.name ~ ${pattern} OR coalesce(c.address, '') ~ ${pattern})`);
  }
  if (query.category !== undefined) conditions.push(Prisma.sql`c.category = ${query.category}`);
  if (query.status !== undefined) conditions.push(Prisma.sql`c.status = ${query.status}`);
  if (query.activity !== undefined) conditions.push(Prisma.sql`c.activity = ${query.activity}`);
  return conditions.length === 0 ? Prisma.sql`true` : Prisma.join(conditions, " AND ");
}

/**
 * One round trip: the ward's venues registered by `day` with their scans that day, over the 7
 * days ending that day and their last scan day (each by venue_day_scan's primary key), classified
 * as classifyVenue does (the rule's length, DORMANT_AFTER_DAYS, is a parameter); the counts by
 * activity, how many the filters keep, and the page asked for as JSON in the order asked for.
 */
export function venuePageSql(wardCode: string, day: IsoDay, query: VenueQuery, size: number = VENUE_PAGE_SIZE): Prisma.Sql {
  const d = Prisma.sql`${parseIsoDayOrThrow(day)}::date`;
  const offset = (query.page - 1) * size;
  return Prisma.sql`
    WITH v AS MATERIALIZED (
      SELECT v.code, v.name, v.address, v.category::text AS category, v.status::text AS status,
        COALESCE((SELECT s.scans FROM venue_day_scan s WHERE s.venue_id = v.id AND s.day = ${d}), 0)::int AS scans_on_day,
        COALESCE((SELECT sum(s.scans) FROM venue_day_scan s
                  WHERE s.venue_id = v.id AND s.day BETWEEN ${d} - 6 AND ${d}), 0)::int AS scans_7d,
        (SELECT max(s.day) FROM venue_day_scan s WHERE s.venue_id = v.id AND s.day <= ${d}) AS last_scan
      FROM venue v
      WHERE v.ward_code = ${wardCode} AND v.registered_on <= ${d}
    ),
    c AS MATERIALIZED (
      SELECT v.*,
        CASE WHEN v.scans_on_day > 0 THEN 'active'
             WHEN v.last_scan IS NULL OR v.last_scan < ${d} - ${DORMANT_AFTER_DAYS - 1}::int THEN 'dormant'
             ELSE 'idle' END AS activity
      FROM v
    ),
    m AS MATERIALIZED (SELECT * FROM c WHERE ${filtersSql(query)}),
    p AS (
      SELECT c.code, c.name, c.address, c.category, c.status, c.scans_on_day, c.scans_7d,
        to_char(c.last_scan, 'YYYY-MM-DD') AS last_scan_day, c.activity,
        row_number() OVER (ORDER BY ${ORDER_BY[query.sort]}, c.name, c.code) AS ord
      FROM m AS c
    )
    SELECT
      (SELECT count(*) FROM c WHERE c.activity = 'active')::int AS active,
      (SELECT count(*) FROM c WHERE c.activity = 'idle')::int AS idle,
      (SELECT count(*) FROM c WHERE c.activity = 'dormant')::int AS dormant,
      (SELECT count(*) FROM c)::int AS total,
      (SELECT count(*) FROM m)::int AS matched,
      (SELECT COALESCE(json_agg(row_to_json(r) ORDER BY r.ord), '[]'::json)
         FROM (SELECT * FROM p ORDER BY p.ord LIMIT ${size} OFFSET ${offset}) r)::text AS rows`;
}

type VenuePageRow = { active: number; idle: number; dormant: number; total: number; matched: number; rows: string };

type VenueJson = {
  code: string;
  name: string;
  address: string | null;
  category: VenueCategory;
  status: VenueStatus;
  scans_on_day: number;
  scans_7d: number;
  last_scan_day: string | null;
  activity: VenueActivity;
};

/** One page of a ward's venue list on `day` (see venuePageSql), with the ward's counts. */
export async function loadVenuePage(prisma: PrismaClient, wardCode: string, day: IsoDay, query: VenueQuery): Promise<VenuePage> {
  const [row] = await prisma.$queryRaw<VenuePageRow[]>(venuePageSql(wardCode, day, query));
  if (!row) throw new Error("the venue list query returned no row");
  const venues = (JSON.parse(row.rows) as VenueJson[]).map(
    (v): ListedVenue => ({
      code: v.code,
      name: v.name,
      address: v.address,
      category: v.category,
      status: v.status,
      scansOnDay: v.scans_on_day,
      scansLast7Days: v.scans_7d,
      lastScanDay: v.last_scan_day,
      activity: v.activity,
      daysSinceLastScan: v.last_scan_day === null ? null : daysBetween(v.last_scan_day, day),
    }),
  );
  return {
    counts: { active: row.active, idle: row.idle, dormant: row.dormant },
    total: row.total,
    matched: row.matched,
    span: pageSpan(row.matched, query.page),
    venues,
  };
}
