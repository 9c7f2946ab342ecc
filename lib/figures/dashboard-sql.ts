import { Prisma } from "../generated/prisma/client.ts";
import type { FigureSource } from "../domain/figures.ts";
import { parseIsoDayOrThrow } from "../domain/days.ts";
import { effectiveFiguresQuery } from "./effective-figures-sql.ts";
import { SOURCE_PRIORITY_KEY } from "./settings.ts";

// The statements the dashboard pages run, as parameterized Prisma.sql values. They live apart from
// the loaders (and are not 'server-only') so that the benchmark can replay exactly the same SQL
// through plain `pg` to measure the database's own floor. Every value is a bound parameter.
// Days are bound as 'YYYY-MM-DD' text cast to date in SQL, never as JS Dates: node-pg would
// serialize a Date in the host's local time zone and shift the day west of UTC.

/** A day parameter, checked to be a real 'YYYY-MM-DD' before it reaches SQL. */
function dayParam(day: string): Prisma.Sql {
  return Prisma.sql`${parseIsoDayOrThrow(day)}::date`;
}

/**
 * The code of the unit a page is about: the given one, or (none given: an admin without a unit)
 * the district of the first ward, by official code, that has figures, else the first district by
 * official code that has wards. The whole country's tree is loaded, so "has wards" alone would
 * open every admin on a district nobody reports for.
 */
export function unitCodeExpr(code: string | null): Prisma.Sql {
  if (code !== null) return Prisma.sql`${code}::varchar`;
  return Prisma.sql`coalesce(
    (SELECT w.parent_code FROM unit w
     WHERE w.level = 'WARD' AND EXISTS (SELECT 1 FROM daily_figure f WHERE f.unit_code = w.code)
     ORDER BY w.code LIMIT 1),
    (SELECT d.code FROM unit d
     WHERE d.level = 'DISTRICT' AND EXISTS (SELECT 1 FROM unit w WHERE w.parent_code = d.code)
     ORDER BY d.code LIMIT 1))`;
}

/** A unit's parent, as an SQL expression (null when there is none or the unit is unknown). */
export function parentCodeExpr(code: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT p.parent_code FROM unit p WHERE p.code = ${code})`;
}

/**
 * The unit `alias` exists on `day` (an SQL date expression): valid_from ≤ day ≤ valid_to, an
 * empty end being open (issue 12). For reads and sums of one day: the units valid that day.
 */
export function unitValidOnSql(alias: string, day: Prisma.Sql): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad SQL alias ${alias}`);
  const a = Prisma.raw(alias);
  return Prisma.sql`((${a}.valid_from IS NULL OR ${a}.valid_from <= ${day}) AND (${a}.valid_to IS NULL OR ${a}.valid_to >= ${day}))`;
}

export type FamilyRow = {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  /** the GSO type ("Phường", "Xã", "Quận", "Huyện", …); null when not known */
  type: string | null;
  /** the distinct types of the unit's children (any day), null inside when one is not known; null without children */
  child_types: (string | null)[] | null;
  is_self: boolean;
  /** first and last day the unit exists ('YYYY-MM-DD'; null: open end) */
  valid_from: string | null;
  valid_to: string | null;
};

/**
 * The unit, its ancestors up to the country (for target inheritance), its children and its
 * siblings (its parent's children): everything a page about one unit ranks or compares it with.
 * Each with its type and the types of its children, for the words a page counts them in
 * ("17/18 phường", "12/23 xã, thị trấn": lib/domain/unit-wording.ts); a probe of the
 * parent_code index per unit returned.
 * Units that ended or start later are returned too, with the days they exist: a day's rankings
 * keep only the units valid that day (lib/domain/unit-changes.ts, unitsValidOn).
 */
export function unitFamilySql(code: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE self AS (SELECT ${code} AS code),
    ancestors AS (
      SELECT u.code, u.parent_code, 0 AS depth FROM unit u JOIN self s ON u.code = s.code
      UNION ALL
      SELECT u.code, u.parent_code, a.depth + 1 FROM unit u JOIN ancestors a ON u.code = a.parent_code
      WHERE a.depth < 8
    )
    SELECT u.code, u.name, u.level::text AS level, u.parent_code, u.type,
      (SELECT array_agg(DISTINCT c.type)::text[] FROM unit c WHERE c.parent_code = u.code) AS child_types,
      (u.code = (SELECT code FROM self)) AS is_self,
      to_char(u.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(u.valid_to, 'YYYY-MM-DD') AS valid_to
    FROM unit u
    WHERE u.code IN (SELECT code FROM ancestors)
       OR u.parent_code = (SELECT code FROM self)
       OR u.parent_code = (SELECT a.parent_code FROM ancestors a WHERE a.depth = 0)
    ORDER BY u.code`;
}

export type DayRangeRow = { first: string | null; last: string | null; last_complete: string | null };

/**
 * First and last day with any figure of the unit `scope` or one of its children, and the last day
 * whose coverage figure of `scope` is whole: its own figure (imported or reported at its level),
 * or a sum that counts every child (lib/domain/completeness.ts).
 */
export function dataRangeSql(scope: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(min(f.day), 'YYYY-MM-DD') AS first, to_char(max(f.day), 'YYYY-MM-DD') AS last,
      to_char(max(f.day) FILTER (WHERE f.unit_code = ${scope} AND f.smartphones IS NOT NULL AND f.installs IS NOT NULL
        AND (f.source <> 'COMPUTED' OR f.coverage_counted = f.children_total)), 'YYYY-MM-DD') AS last_complete
    FROM daily_figure f
    WHERE f.unit_code IN (SELECT u.code FROM unit u WHERE u.code = ${scope} OR u.parent_code = ${scope})`;
}

/** What getSourcePriority reads (for the benchmark's floor). */
export function sourcePrioritySql(): Prisma.Sql {
  return Prisma.sql`SELECT value FROM setting WHERE key = ${SOURCE_PRIORITY_KEY}`;
}

export type FigureSlice = { readonly codes: readonly string[]; readonly from: string; readonly to: string };

export type FigureRow = {
  unit_code: string;
  day: Date;
  smartphones: number | null;
  installs: number | null;
  qr_venues: number | null;
  active_venues: number | null;
  scans: number | null;
  children_total: number | null;
  coverage_counted: number | null;
  qr_counted: number | null;
  scans_counted: number | null;
  coverage_summed: boolean | null;
  qr_summed: boolean | null;
  scans_summed: boolean | null;
};

/**
 * Effective figures of several slices (units × day ranges) in one statement: a page needs its
 * wards over a month but the city's districts over a week only, and one round trip beats two.
 */
export function figureSlicesSql(priority: readonly FigureSource[], slices: readonly FigureSlice[]): Prisma.Sql {
  const conditions = slices
    .filter((s) => s.codes.length > 0)
    .map(
      (s) =>
        Prisma.sql`(f.unit_code = ANY(${[...s.codes]}::text[]) AND f.day BETWEEN ${dayParam(s.from)} AND ${dayParam(s.to)})`,
    );
  const where = conditions.length > 0 ? Prisma.join(conditions, " OR ") : Prisma.sql`false`;
  return effectiveFiguresQuery(priority, Prisma.sql`(${where})`);
}

export type TargetRow = { unit_code: string; metric: string; basis_points: number };

export function targetsSql(codes: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT t.unit_code, t.metric::text AS metric, t.basis_points
    FROM target t WHERE t.unit_code = ANY(${[...codes]}::text[])`;
}

export type VenueActivityRow = {
  code: string;
  name: string;
  category: string;
  scans_on_day: number;
  scans_7d: number;
  last_scan_day: string | null;
};

/**
 * The ward's venues registered by `day`, with their scans that day, over the 7 days ending that
 * day, and their last scan day. Each lookup is an index probe on venue_day_scan (venue_id, day).
 */
export function venueActivitySql(wardCode: string, day: string): Prisma.Sql {
  const d = dayParam(day);
  return Prisma.sql`
    SELECT v.code, v.name, v.category::text AS category,
      COALESCE((SELECT s.scans FROM venue_day_scan s WHERE s.venue_id = v.id AND s.day = ${d}), 0)::int AS scans_on_day,
      COALESCE((SELECT sum(s.scans) FROM venue_day_scan s
                WHERE s.venue_id = v.id AND s.day BETWEEN ${d} - 6 AND ${d}), 0)::int AS scans_7d,
      (SELECT to_char(max(s.day), 'YYYY-MM-DD') FROM venue_day_scan s WHERE s.venue_id = v.id AND s.day <= ${d}) AS last_scan_day
    FROM venue v
    WHERE v.ward_code = ${wardCode} AND v.registered_on <= ${d}`;
}
