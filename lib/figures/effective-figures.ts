import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate, parseIsoDayOrThrow, utcDateToIsoDay, type IsoDay } from "../domain/days.ts";
import { isFigureSource, type FigureField, type FigureSource, type FigureValues } from "../domain/figures.ts";
import { effectiveFiguresQuery, firstNonNull, priorityJoin, sourceOf } from "./effective-figures-sql.ts";
import { getSourcePriority } from "./settings.ts";

// Reads of effective figures (see effective-figures-sql.ts) for a set of units, and their
// provenance: the source of each field and the day a unit's smartphone count last changed.

export type EffectiveFigure = {
  unitCode: string;
  day: string;
  smartphones: number | null;
  installs: number | null;
  qrVenues: number | null;
  activeVenues: number | null;
  scans: number | null;
  childrenCounted: number | null;
  childrenTotal: number | null;
};

type Row = {
  unit_code: string;
  day: Date;
  smartphones: number | null;
  installs: number | null;
  qr_venues: number | null;
  active_venues: number | null;
  scans: number | null;
  children_counted: number | null;
  children_total: number | null;
};

export async function getEffectiveFigures(
  prisma: PrismaClient,
  unitCodes: readonly string[],
  range: { from: string; to: string },
): Promise<EffectiveFigure[]> {
  if (unitCodes.length === 0) return [];
  const priority = await getSourcePriority(prisma);
  const where = Prisma.sql`f.unit_code = ANY(${[...unitCodes]}::text[])
    AND f.day BETWEEN ${isoDayToUtcDate(range.from)} AND ${isoDayToUtcDate(range.to)}`;
  const rows = await prisma.$queryRaw<Row[]>(effectiveFiguresQuery(priority, where));
  return rows.map((r) => ({
    unitCode: r.unit_code,
    day: utcDateToIsoDay(r.day),
    smartphones: r.smartphones,
    installs: r.installs,
    qrVenues: r.qr_venues,
    activeVenues: r.active_venues,
    scans: r.scans,
    childrenCounted: r.children_counted,
    childrenTotal: r.children_total,
  }));
}

/** The latest day with any figure for one of these units, or null when there is none. */
export async function getLatestDayWithData(prisma: PrismaClient, unitCodes: readonly string[]): Promise<string | null> {
  const found = await prisma.dailyFigure.findFirst({
    where: { unitCode: { in: [...unitCodes] } },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  return found ? utcDateToIsoDay(found.day) : null;
}

/** First and last day with figures for these units. */
export async function getDayRangeWithData(
  prisma: PrismaClient,
  unitCodes: readonly string[],
): Promise<{ from: string; to: string } | null> {
  const agg = await prisma.dailyFigure.aggregate({
    where: { unitCode: { in: [...unitCodes] } },
    _min: { day: true },
    _max: { day: true },
  });
  if (!agg._min.day || !agg._max.day) return null;
  return { from: utcDateToIsoDay(agg._min.day), to: utcDateToIsoDay(agg._max.day) };
}

// ---------------------------------------------------------------------------------------------
// Provenance: where each field of an effective figure came from, and the denominator register

/** Where each field of a unit-day's effective figure came from, and when its smartphone count last changed. */
export type FigureProvenance = {
  readonly unitCode: string;
  readonly day: IsoDay;
  /** the effective figure (the same first-non-null-in-priority rule as effective-figures-sql.ts) */
  readonly values: FigureValues;
  /** the source of each field's value; null when no source knows the field */
  readonly sources: { readonly [F in FigureField]: FigureSource | null };
  /**
   * The denominator register: the day the unit's effective smartphone count took the value it has
   * on `day` (the last day it differed from the previous known count, or the first day it was
   * known); null when the count is unknown on `day`. Days without a count are skipped, not changes.
   */
  readonly smartphonesChangedOn: IsoDay | null;
};

type ProvenanceRow = {
  unit_code: string;
  day: string;
  smartphones: number | null;
  installs: number | null;
  qr_venues: number | null;
  active_venues: number | null;
  scans: number | null;
  smartphones_source: string | null;
  installs_source: string | null;
  qr_venues_source: string | null;
  active_venues_source: string | null;
  scans_source: string | null;
  smartphones_changed_on: string | null;
};

/**
 * The statement behind loadFigureProvenance: every value is a bound parameter (codes, priority,
 * days); column names are fixed fragments, never built from input. With `register`, the effective
 * counts are read from the unit's first day (a window function needs the history before `from`):
 * `lag` marks the days the smartphone count differs from the previous known one, and a running
 * `max` over those marks gives, for each day, the day of the last change.
 */
export function figureProvenanceSql(
  priority: readonly FigureSource[],
  unitCodes: readonly string[],
  range: { from: string; to: string },
  register: boolean,
): Prisma.Sql {
  const from = parseIsoDayOrThrow(range.from);
  const to = parseIsoDayOrThrow(range.to);
  const lower = register ? Prisma.empty : Prisma.sql`AND f.day >= ${from}::date`;
  return Prisma.sql`
    WITH eff AS (
      SELECT f.unit_code, f.day,
        ${firstNonNull("smartphones")} AS smartphones,
        ${firstNonNull("installs")} AS installs,
        ${firstNonNull("qr_venues")} AS qr_venues,
        ${firstNonNull("active_venues")} AS active_venues,
        ${firstNonNull("scans")} AS scans,
        ${sourceOf("smartphones")} AS smartphones_source,
        ${sourceOf("installs")} AS installs_source,
        ${sourceOf("qr_venues")} AS qr_venues_source,
        ${sourceOf("active_venues")} AS active_venues_source,
        ${sourceOf("scans")} AS scans_source
      FROM daily_figure f
      ${priorityJoin(priority)}
      WHERE f.unit_code = ANY(${[...unitCodes]}::text[]) AND f.day <= ${to}::date ${lower}
      GROUP BY f.unit_code, f.day
    ),
    marks AS (
      SELECT e.unit_code, e.day,
        CASE WHEN e.smartphones IS DISTINCT FROM lag(e.smartphones) OVER (PARTITION BY e.unit_code ORDER BY e.day)
          THEN e.day END AS changed
      FROM eff e
      WHERE e.smartphones IS NOT NULL
    ),
    register AS (
      SELECT m.unit_code, m.day,
        max(m.changed) OVER (PARTITION BY m.unit_code ORDER BY m.day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS changed_on
      FROM marks m
    )
    SELECT e.unit_code, to_char(e.day, 'YYYY-MM-DD') AS day,
      e.smartphones, e.installs, e.qr_venues, e.active_venues, e.scans,
      e.smartphones_source, e.installs_source, e.qr_venues_source, e.active_venues_source, e.scans_source,
      to_char(r.changed_on, 'YYYY-MM-DD') AS smartphones_changed_on
    FROM eff e
    LEFT JOIN register r ON r.unit_code = e.unit_code AND r.day = e.day
    WHERE e.day >= ${from}::date
    ORDER BY e.unit_code, e.day`;
}

const sourceOrNull = (value: string | null): FigureSource | null => (value !== null && isFigureSource(value) ? value : null);

/** `${unitCode}/${day}`: the key of loadFigureProvenance's map. */
export const provenanceKey = (unitCode: string, day: IsoDay): string => `${unitCode}/${day}`;

/**
 * The effective figures of `unitCodes` over `range` with the source of each field and (with
 * `register`) the day each unit's smartphone count last changed, by provenanceKey. Unit-days
 * without any figure are absent.
 */
export async function loadFigureProvenance(
  prisma: PrismaClient,
  priority: readonly FigureSource[],
  unitCodes: readonly string[],
  range: { from: string; to: string },
  options: { register: boolean } = { register: true },
): Promise<Map<string, FigureProvenance>> {
  if (unitCodes.length === 0) return new Map();
  const rows = await prisma.$queryRaw<ProvenanceRow[]>(figureProvenanceSql(priority, unitCodes, range, options.register));
  return new Map(
    rows.map((r) => [
      provenanceKey(r.unit_code, r.day),
      {
        unitCode: r.unit_code,
        day: r.day,
        values: { smartphones: r.smartphones, installs: r.installs, qrVenues: r.qr_venues, activeVenues: r.active_venues, scans: r.scans },
        sources: {
          smartphones: sourceOrNull(r.smartphones_source),
          installs: sourceOrNull(r.installs_source),
          qrVenues: sourceOrNull(r.qr_venues_source),
          activeVenues: sourceOrNull(r.active_venues_source),
          scans: sourceOrNull(r.scans_source),
        },
        smartphonesChangedOn: r.smartphones_changed_on,
      },
    ]),
  );
}
