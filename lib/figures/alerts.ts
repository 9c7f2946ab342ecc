import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { evaluateAlertsByDistrict, type SharedAlertInput } from "../domain/alerts/by-district.ts";
import { alertDataWindow, type AlertCounts } from "../domain/alerts/registry.ts";
import { parsePackedFigures } from "../domain/alerts/packed.ts";
import type { SourceColumns } from "../domain/alerts/sources.ts";
import { dormancyWindow, scanDataGapReason, scanDataGapText } from "../domain/alerts/venues.ts";
import {
  type Alert,
  type AlertThresholds,
  type VenueCategoryCount,
  type WardRef,
} from "../domain/alerts/types.ts";
import { addDays, dayRange, isoDayToUtcDate, parseIsoDayOrThrow, utcDateToIsoDay, type IsoDay } from "../domain/days.ts";
import { FIGURE_SOURCES } from "../domain/figures.ts";
import type { Message } from "../domain/message.ts";
import { resolveUnitTargets, TARGET_METRICS, type TargetMetric, type TargetSetting, type UnitTargets } from "../domain/targets.ts";
import { reportDueAt, type ReportDeadline } from "../domain/timeliness.ts";
import { unitValidOnSql } from "./dashboard-sql.ts";
import { cachedFigures } from "./figure-cache.ts";
import { getAlertSettings, getRawScansKeptFrom, getSourcePriority, RAW_SCANS_KEPT_FROM_KEY } from "./settings.ts";

// Alerts of a day, computed from stored data (lib/domain/alerts: the rules, streaks, escalation),
// and their acknowledgements. Nothing about an alert is stored but its acknowledgement, so the
// alerts of any past day are the same whenever they are computed (given the same data and
// settings; a report that is still missing is judged against `now`).
//
// computeAlerts reads what the rules need in six set-based statements run in parallel, whatever
// the number of wards: the settings (thresholds + report deadline, one query), the source
// priority, the wards with their district and first day with a figure, the unit tree with targets,
// the figures of the last 44 days by ward and source, and (once the dormancy setting is known) the
// venue register with its dormant venues and the days of the dormancy window with venue-level
// scans. Every value is a bound parameter; days are bound as 'YYYY-MM-DD' text.

/** A day parameter, checked to be a real 'YYYY-MM-DD' before it reaches SQL. */
function dayParam(day: IsoDay): Prisma.Sql {
  return Prisma.sql`${parseIsoDayOrThrow(day)}::date`;
}

/**
 * The codes of the wards in scope, as a subquery: the wards valid on `day` (issue 12: a ward that
 * was merged away is not judged after its last day, a new one not before its first); every ward
 * that ever existed when `day` is null (the range of days with data).
 */
function scopeWardsSql(districtCode: string | null, day: IsoDay | null): Prisma.Sql {
  const valid = day === null ? Prisma.sql`true` : unitValidOnSql("w", dayParam(day));
  return districtCode === null
    ? Prisma.sql`(SELECT w.code FROM unit w WHERE w.level = 'WARD' AND ${valid})`
    : Prisma.sql`(SELECT w.code FROM unit w WHERE w.level = 'WARD' AND w.parent_code = ${districtCode} AND ${valid})`;
}

type WardRow = { code: string; name: string; district_code: string; district_name: string; first_figure_day: string | null };

/** The wards in scope, with the first day (on or before `day`) they have a figure from any source. */
function wardsSql(districtCode: string | null, day: IsoDay): Prisma.Sql {
  return Prisma.sql`
    SELECT w.code, w.name, d.code AS district_code, d.name AS district_name,
      (SELECT to_char(f.day, 'YYYY-MM-DD') FROM daily_figure f
        WHERE f.unit_code = w.code AND f.day <= ${dayParam(day)}
          AND (f.smartphones IS NOT NULL OR f.installs IS NOT NULL OR f.qr_venues IS NOT NULL
            OR f.active_venues IS NOT NULL OR f.scans IS NOT NULL)
        ORDER BY f.day LIMIT 1) AS first_figure_day
    FROM unit w JOIN unit d ON d.code = w.parent_code
    WHERE w.code IN ${scopeWardsSql(districtCode, day)}
    ORDER BY w.code`;
}

type TreeRow = { code: string; parent_code: string | null; metric: string | null; basis_points: number | null };

/** Every unit above ward level (for target inheritance) and every target set on any unit. */
function treeAndTargetsSql(): Prisma.Sql {
  return Prisma.sql`
    SELECT u.code, u.parent_code, t.metric::text AS metric, t.basis_points
    FROM unit u LEFT JOIN target t ON t.unit_code = u.code
    WHERE u.level <> 'WARD' OR t.unit_code IS NOT NULL`;
}

type SourceRow = {
  unit_code: string;
} & {
  /** per source (column p<i> for FIGURE_SOURCES[i]), the days and fields of its rows packed (lib/domain/alerts/packed.ts), null without a row */
  [packed: `p${number}`]: string | null;
};

/**
 * One row per ward, with per source the days (as offsets from `from`) and each field packed into
 * one text (parsePackedFigures): PostgreSQL's record output of each entry, concatenated. The
 * entries are in no particular order: each carries its day's offset. The first submission is in
 * whole epoch milliseconds (the column keeps milliseconds; the rounding only drops float8's error).
 * Grouped by ward alone, so PostgreSQL reads each ward's rows in the order of the (unit, day,
 * source) key and packs them as it goes; grouped by ward and source, the country's ~950.000 rows
 * were hashed into ~34.000 groups that outgrew work_mem and spilled to disk.
 */
function figuresSql(districtCode: string | null, day: IsoDay, from: IsoDay, to: IsoDay): Prisma.Sql {
  const f0 = dayParam(from);
  const entry = Prisma.sql`row(f.day - ${f0}, f.smartphones, f.installs, f.qr_venues, f.active_venues, f.scans,
    round(date_part('epoch', coalesce(f.first_submitted_at, f.submitted_at)) * 1000))::text`;
  const perSource = FIGURE_SOURCES.map(
    (source, i) => Prisma.sql`string_agg(${entry}, '') FILTER (WHERE f.source = ${source}::"FigureSource") AS ${Prisma.raw(`p${i}`)}`,
  );
  return Prisma.sql`
    SELECT f.unit_code, ${Prisma.join(perSource)}
    FROM daily_figure f
    WHERE f.unit_code IN ${scopeWardsSql(districtCode, day)} AND f.day BETWEEN ${f0} AND ${dayParam(to)}
    GROUP BY f.unit_code`;
}

type VenueRow = {
  ward_code: string;
  category: string;
  registered: number;
  judged: number;
  dormant: number;
  active: number;
  /**
   * the days of the window (as offsets from its first day) without a scan-log import for the ward
   * (no IMPORT scan count) on which the venue-level scans have a scan at one of its venues
   */
  scan_days: number[];
};

/**
 * The wards' venues (ACTIVE, registered by the end of `day`) by category over the dormancy window
 * (the `dormantDays` days ending on `day`): how many, how many were registered on or before the
 * window's first day (judged), how many of those had no scan in the window (dormant), and how many
 * venues had a scan in it (active: judged − dormant + the newer venues with a scan, i.e. every
 * venue counted with a scan): two passes over the venues, all of them and those with a scan in the
 * window (a semi-join, which PostgreSQL plans as a hash join over the window's venue-day rows for
 * the country, or index probes for one district); dormant = judged − judged with a scan.
 * With, per ward, the days of the window that the venue-level scans cover although no scan-log
 * import wrote the ward's scan count (e.g. the demo's data, loaded directly): one index probe per
 * ward-day that stops at the first scan found, for the wards with registered venues only (the
 * result keeps no other; probing every ward of the country, most of them without a venue, let a
 * planner with statistics scan the venue table once per ward-day: minutes for the demo's
 * country). Days with an IMPORT scan count are covered by the import and not probed, unless the
 * retention has since dropped that day's raw data (before the day kept in
 * RAW_SCANS_KEPT_FROM_KEY: probed, found missing).
 */
function venuesSql(districtCode: string | null, day: IsoDay, dormantDays: number): Prisma.Sql {
  const d = dayParam(day);
  const { from } = dormancyWindow(day, dormantDays);
  const ws = dayParam(from);
  const scope = scopeWardsSql(districtCode, day);
  // Every district (the country): the scope is a condition on the ward alone, so it is applied to
  // the ~74.000 (ward, category) groups at the end instead of joined to each of the 1,5 million
  // venues in both passes (the same rows; ADR 037). One district keeps it on the venues, where it
  // picks them by the ward index.
  const wide = districtCode === null;
  const venueInScope = wide ? Prisma.sql`true` : Prisma.sql`v.ward_code IN ${scope}`;
  return Prisma.sql`
    WITH registered AS (
      SELECT v.ward_code, v.category, count(*)::int AS registered,
        (count(*) FILTER (WHERE v.registered_on <= ${ws}))::int AS judged
      FROM venue v
      WHERE ${venueInScope} AND v.status = 'ACTIVE' AND v.registered_on <= ${d}
      GROUP BY v.ward_code, v.category),
    scanned AS (
      SELECT v.ward_code, v.category, count(*)::int AS active,
        (count(*) FILTER (WHERE v.registered_on <= ${ws}))::int AS judged_active
      FROM venue v
      WHERE ${venueInScope} AND v.status = 'ACTIVE' AND v.registered_on <= ${d}
        AND EXISTS (SELECT 1 FROM venue_day_scan s WHERE s.venue_id = v.id AND s.day BETWEEN ${ws} AND ${d})
      GROUP BY v.ward_code, v.category),
    ward_days AS (
      SELECT w.code AS ward_code, array_agg(g.i) AS scan_days
      FROM (SELECT DISTINCT ward_code AS code FROM registered) w CROSS JOIN generate_series(0, ${dormantDays - 1}::int) AS g(i)
      CROSS JOIN LATERAL (
        SELECT 1 FROM venue v JOIN venue_day_scan s ON s.venue_id = v.id AND s.day = ${ws} + g.i
        WHERE v.ward_code = w.code LIMIT 1) hit
      WHERE NOT EXISTS (SELECT 1 FROM daily_figure f
          WHERE f.unit_code = w.code AND f.day = ${ws} + g.i AND f.day BETWEEN ${ws} AND ${d}
            AND f.source = 'IMPORT' AND f.scans IS NOT NULL
            AND f.day >= coalesce((SELECT (k.value #>> '{}')::date FROM setting k WHERE k.key = ${RAW_SCANS_KEPT_FROM_KEY}), '-infinity'::date))
      GROUP BY w.code)
    SELECT r.ward_code, r.category::text AS category, r.registered, r.judged,
      (r.judged - coalesce(sc.judged_active, 0))::int AS dormant, coalesce(sc.active, 0)::int AS active,
      coalesce(wd.scan_days, '{}'::int[]) AS scan_days
    FROM registered r
      LEFT JOIN scanned sc ON sc.ward_code = r.ward_code AND sc.category = r.category
      LEFT JOIN ward_days wd ON wd.ward_code = r.ward_code
    ${wide ? Prisma.sql`WHERE r.ward_code IN ${scope}` : Prisma.empty}`;
}

function isTargetMetric(value: string): value is TargetMetric {
  return (TARGET_METRICS as readonly string[]).includes(value);
}

function toColumns(row: SourceRow | undefined): SourceColumns[] {
  if (!row) return [];
  return FIGURE_SOURCES.flatMap((source, i) => {
    const packed = row[`p${i}`];
    return packed === null || packed === undefined ? [] : [parsePackedFigures(row.unit_code, source, packed)];
  });
}

/**
 * A ward whose venues could not be judged for dormancy on the day: scan data does not cover every
 * day of the window (lib/domain/alerts/venues.ts). `reason` is the sentence to show: "Chưa đủ dữ
 * liệu quét để đánh giá địa điểm không hoạt động của phường Phúc Tân (7 ngày tính đến hết ngày
 * 14/08/2021): thiếu dữ liệu ngày 08/08/2021–13/08/2021."
 */
export type ScanDataGap = { ward: WardRef; missingDays: IsoDay[]; reason: string; text: Message };

export type ComputedAlerts = {
  day: IsoDay;
  thresholds: AlertThresholds;
  deadline: ReportDeadline;
  /** the wards judged, by district and code */
  wards: WardRef[];
  alerts: Alert[];
  /** wards with venues to judge but not enough scan data for the dormancy rules (no verdict), by ward code */
  scanDataGaps: ScanDataGap[];
  /** true when no ward has a scan data gap: the venue rules judged every ward that has venues old enough */
  venuesJudged: boolean;
};

/**
 * computeAlerts once per district, day and data version (lib/figures/figure-cache.ts): the alert
 * centre, the overview's and the ward page's summaries and an acknowledgement share one
 * computation. The alerts of a day depend on the clock only until that day's report deadline has
 * passed (a missing report is "PENDING" before it, "MISSING" after): before it they are computed
 * afresh each time, after it they are kept. Acknowledgements are not part of them (loadAcks).
 * `run` wraps a computation that is not served from memory (the gate's heavy-work slot).
 */
export function computeAlertsCached(
  prisma: PrismaClient,
  params: { districtCode: string | null; day: IsoDay; now: Date },
  run: (compute: () => Promise<ComputedAlerts>) => Promise<ComputedAlerts> = (compute) => compute(),
): Promise<ComputedAlerts> {
  const { districtCode, day, now } = params;
  return cachedFigures(
    prisma,
    "alerts",
    { districtCode, day },
    () => run(() => computeAlerts(prisma, params)),
    (computed) => now.getTime() > reportDueAt(day, computed.deadline).getTime(),
  );
}

/** What computeAlerts reads from the database (readAlertData), before any rule runs. */
export type AlertReads = {
  settings: Awaited<ReturnType<typeof getAlertSettings>>;
  priority: Awaited<ReturnType<typeof getSourcePriority>>;
  wardRows: WardRow[];
  treeRows: TreeRow[];
  sourceRows: SourceRow[];
  venueRows: VenueRow[];
  rawScansKeptFrom: Awaited<ReturnType<typeof getRawScansKeptFrom>>;
};

/**
 * A read of many districts (the country: 1,5 million venues, ~930.000 figure rows) with room to
 * hash and sort in memory and without JIT compilation, inside its own transaction (SET LOCAL: the
 * connection goes back to the pool unchanged). With the default 4 MB the venues' counts were
 * sorted on disk and grouped twice; EXPLAIN ANALYZE at load 6–7: 6,7 s → 4,0 s, and the figures
 * 2,2 s → 1,7 s (ADR 028). The settings change plans, never results. One district's reads are
 * small and run as they are.
 */
/**
 * The read's own deadline is its pool's statement_timeout (lib/db/deadlines.ts); Prisma's
 * transaction timer (5 s by default) must not cut it first: the country's venues take 4–7 s under load.
 */
const WIDE_READ_TX = { timeout: 30 * 60_000, maxWait: 60_000 } as const;

function wideRead<T>(prisma: PrismaClient, wide: boolean, sql: Prisma.Sql): Promise<T[]> {
  if (!wide) return prisma.$queryRaw<T[]>(sql);
  return prisma
    .$transaction(
      [prisma.$executeRaw(Prisma.sql`SET LOCAL work_mem = '64MB'`), prisma.$executeRaw(Prisma.sql`SET LOCAL jit = off`), prisma.$queryRaw<T[]>(sql)],
      WIDE_READ_TX,
    )
    .then(([, , rows]) => rows);
}

/** The six set-based reads of computeAlerts, run in parallel (the benchmark times them apart from the judging). */
export async function readAlertData(prisma: PrismaClient, params: { districtCode: string | null; day: IsoDay }): Promise<AlertReads> {
  const { districtCode, day } = params;
  const window = alertDataWindow(day);
  const settingsRead = getAlertSettings(prisma);
  // The venue register needs the dormancy setting (quick): it starts as soon as it is known, beside the figures.
  const wide = districtCode === null;
  const venuesRead = settingsRead.then(({ thresholds }) => wideRead<VenueRow>(prisma, wide, venuesSql(districtCode, day, thresholds.dormantDays)));
  const [settings, priority, wardRows, treeRows, sourceRows, venueRows, rawScansKeptFrom] = await Promise.all([
    settingsRead,
    getSourcePriority(prisma),
    prisma.$queryRaw<WardRow[]>(wardsSql(districtCode, day)),
    prisma.$queryRaw<TreeRow[]>(treeAndTargetsSql()),
    wideRead<SourceRow>(prisma, wide, figuresSql(districtCode, day, window.from, window.to)),
    venuesRead,
    getRawScansKeptFrom(prisma),
  ]);
  return { settings, priority, wardRows, treeRows, sourceRows, venueRows, rawScansKeptFrom };
}

/** Every alert of the wards read (readAlertData) on `day`, judged in Node (lib/domain/alerts). */
export function judgeAlertData(reads: AlertReads, params: { day: IsoDay; now: Date }): ComputedAlerts {
  const { day, now } = params;
  const { settings, priority, wardRows, treeRows, sourceRows, venueRows, rawScansKeptFrom } = reads;
  const window = alertDataWindow(day);
  const { thresholds, deadline } = settings;

  const wards: WardRef[] = wardRows.map((w) => ({ code: w.code, name: w.name, districtCode: w.district_code, districtName: w.district_name }));
  const firstFigureDay = new Map(wardRows.flatMap((w) => (w.first_figure_day ? [[w.code, w.first_figure_day] as const] : [])));

  const parentOf = new Map<string, string | null>(wards.map((w) => [w.code, w.districtCode]));
  const targetSettings: TargetSetting[] = [];
  for (const t of treeRows) {
    if (!parentOf.has(t.code)) parentOf.set(t.code, t.parent_code);
    if (t.metric !== null && t.basis_points !== null && isTargetMetric(t.metric)) {
      targetSettings.push({ unitCode: t.code, metric: t.metric, basisPoints: t.basis_points });
    }
  }
  const targets = new Map<string, UnitTargets>(wards.map((w) => [w.code, resolveUnitTargets(w.code, parentOf, targetSettings)]));

  const venues = new Map<string, VenueCategoryCount[]>();
  const venueScanDays = new Map<string, Set<IsoDay>>();
  const windowStart = dormancyWindow(day, thresholds.dormantDays).from;
  for (const v of venueRows) {
    const list = venues.get(v.ward_code) ?? [];
    list.push({ category: v.category, registered: v.registered, judged: v.judged, dormant: v.dormant, active: v.active });
    venues.set(v.ward_code, list);
    if (!venueScanDays.has(v.ward_code)) venueScanDays.set(v.ward_code, new Set(v.scan_days.map((offset) => addDays(windowStart, offset))));
  }

  const rowsByWard = new Map(sourceRows.map((r) => [r.unit_code, r]));
  const shared: SharedAlertInput = { day, now, thresholds, deadline, firstFigureDay, targets, venues, venueScanDays, rawScansKeptFrom };
  // District by district (lib/domain/alerts/by-district.ts): each ward's packed rows are parsed when its district is judged.
  const evaluated = evaluateAlertsByDistrict(shared, wards, (code) => toColumns(rowsByWard.get(code)), dayRange(window.from, window.to), priority);
  const scanDataGaps = evaluated.scanDataGaps.map(({ ward, missingDays }): ScanDataGap => ({
    ward,
    missingDays,
    reason: scanDataGapReason(ward, day, thresholds.dormantDays, missingDays),
    text: scanDataGapText(ward, day, thresholds.dormantDays, missingDays),
  }));
  return { day, thresholds, deadline, wards, alerts: evaluated.alerts, scanDataGaps, venuesJudged: scanDataGaps.length === 0 };
}

/**
 * Every alert of the wards of `districtCode` (null: every ward) on `day`, computed afresh.
 * Unchecked: the gate (lib/data/alerts.ts) checks the viewer first and reads computeAlertsCached;
 * the benchmark calls this directly.
 */
export async function computeAlerts(
  prisma: PrismaClient,
  params: { districtCode: string | null; day: IsoDay; now: Date },
): Promise<ComputedAlerts> {
  return judgeAlertData(await readAlertData(prisma, params), params);
}

// ---------------------------------------------------------------------------------------------
// Acknowledgements

export type AckView = {
  /** the stored row's id (withdrawing names it: a newer acknowledgement is never withdrawn by mistake) */
  id: number;
  ruleId: string;
  wardCode: string;
  day: IsoDay;
  note: string;
  at: Date;
  by: { username: string; displayName: string };
};

export const ackSelect = {
  id: true,
  ruleId: true,
  unitCode: true,
  day: true,
  note: true,
  at: true,
  user: { select: { username: true, displayName: true } },
} as const;

type AckRow = Prisma.AlertAckGetPayload<{ select: typeof ackSelect }>;

export function toAckView(r: AckRow): AckView {
  return { id: r.id, ruleId: r.ruleId, wardCode: r.unitCode, day: utcDateToIsoDay(r.day), note: r.note, at: r.at, by: r.user };
}

export async function loadAcks(prisma: PrismaClient, districtCode: string | null, day: IsoDay): Promise<Map<string, AckView>> {
  const rows = await prisma.alertAck.findMany({
    where: { day: isoDayToUtcDate(day), ...(districtCode === null ? {} : { unit: { parentCode: districtCode } }) },
    select: ackSelect,
  });
  return new Map(rows.map((r) => [`${r.ruleId}:${r.unitCode}:${utcDateToIsoDay(r.day)}`, toAckView(r)]));
}

/** The first and last day (on or before `today`) with figures for the wards in scope (null: every ward). */
export async function loadAlertDayRange(prisma: PrismaClient, districtCode: string | null, today: IsoDay): Promise<{ from: IsoDay; to: IsoDay } | null> {
  const [row] = await prisma.$queryRaw<{ first: string | null; last: string | null }[]>(Prisma.sql`
    SELECT to_char(min(f.day), 'YYYY-MM-DD') AS first, to_char(max(f.day), 'YYYY-MM-DD') AS last
    FROM daily_figure f WHERE f.unit_code IN ${scopeWardsSql(districtCode, null)} AND f.day <= ${dayParam(today)}`);
  return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

/** An alert as a viewer sees it: its acknowledgement and whether this viewer may acknowledge it. */
export type AlertView = Alert & { ack: AckView | null; canAcknowledge: boolean };

export type AlertSummary = {
  day: IsoDay;
  counts: AlertCounts;
  open: number;
  /** the most severe open alerts first */
  top: AlertView[];
  /**
   * The wards of the summary (the one ward on the ward page) whose venues were not judged for
   * dormancy for lack of scan data, each with the reason to show ("Chưa đủ dữ liệu quét …").
   */
  scanDataGaps: ScanDataGap[];
};
