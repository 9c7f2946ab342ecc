import { Prisma } from "../generated/prisma/client.ts";
import { effectiveFiguresQuery } from "../data/effective-figures-sql.ts";
import type { FigureSource } from "../domain/figures.ts";
import { formatCount, formatDay } from "../domain/format.ts";
import type { IsoDay } from "../domain/days.ts";
import type { ImportRowError } from "./errors.ts";
import type { ImportKind } from "./kinds.ts";
import { boolOf, intOf, intOrNull, textOf } from "./rows.ts";
import type { SqlExecutor } from "./session.ts";

// Publishing: the one transaction that turns staged rows into the figures the dashboard reads,
// and rolling an import back. Everything an import changes happens between BEGIN and COMMIT, so a
// crash (kill -9) leaves the old figures or the new ones, never a mix.
//
// Who owns what:
// - A scan log and a venue register are the national system's complete export for the days they
//   cover. Publishing one replaces, for those days, the figures of every ward that the same kind
//   of file wrote before (venue_day_scan rows; active_venues/scans resp. qr_venues of the wards'
//   IMPORT rows). A day belongs to the latest successful import of that kind that covers it.
// - Install statistics are per unit and day: daily_figure.import_id names the install import that
//   set a row's smartphones and installs (no other kind writes import_id there). A corrected file
//   for the same days clears every earlier install import's values on those days, then writes its
//   own.
// - qr_venues is always the number of venues of the ward registered on or before the day, counted
//   from the venue table (the register as WardWatch knows it). Scans are refused before a venue's
//   registration day and a venue with scans is never deleted or moved, so the imported
//   active_venues never exceeds qr_venues.
//
// After the writes, the effective figures (source priority, field by field) of every unit-day the
// import touched are checked: a rate whose numerator would exceed its denominator (e.g. imported
// active venues above a ward report's registered venues) stops the publish with a list of the
// conflicts, so refreshRollups never meets an impossible sum.

/** Class (first key) of every PostgreSQL advisory lock taken by imports; the second key is the import id (0 = publishing). */
export const IMPORT_LOCK_CLASS = 570_105;
export const PUBLISH_LOCK_KEY = 0;

export class PublishConflict extends Error {
  constructor(
    readonly errors: ImportRowError[],
    message: string,
  ) {
    super(message);
    this.name = "PublishConflict";
  }
}

export type PublishContext = {
  importId: number;
  kind: ImportKind;
  dayFrom: IsoDay;
  dayTo: IsoDay;
  priority: readonly FigureSource[];
};

const day = (d: IsoDay) => Prisma.sql`${d}::date`;

/**
 * Serializes publishes and rollbacks on PostgreSQL (the embedded database has one connection), and
 * turns JIT compilation off for the transaction: generate_series makes the planner expect 1.000
 * days, the estimated cost crosses jit_above_cost, and compiling the statement then takes longer
 * (about 0,8 s) than running it (a few milliseconds).
 */
export async function takePublishLock(tx: SqlExecutor, postgres: boolean): Promise<void> {
  if (!postgres) return;
  await tx.execute(Prisma.sql`SET LOCAL jit = off`);
  await tx.rows(Prisma.sql`SELECT 1 AS ok FROM pg_advisory_xact_lock(${IMPORT_LOCK_CLASS}::int, ${PUBLISH_LOCK_KEY}::int)`);
}

/** The import's status, locked for this transaction. */
export async function lockImportRow(tx: SqlExecutor, importId: number): Promise<string | null> {
  const rows = await tx.rows(Prisma.sql`SELECT status::text AS status FROM import WHERE id = ${importId}::int FOR UPDATE`);
  return rows.length === 0 ? null : textOf(rows[0], "status");
}

// ---------------------------------------------------------------------------------------------
// Scan logs

export type ScanPublish = { venueDays: number; replacedVenueDays: number; wards: number };

/**
 * Replaces the days' per-venue counts with the file's (written by `insertVenueDays`, inside this
 * transaction: COPY on PostgreSQL) and rewrites the wards' scan figures of those days. Imported
 * venue_day_scan rows carry no import_id: a day belongs to the latest scan log that covers it
 * (ownedDays), and leaving the column NULL spares a foreign-key check per row, a third of the
 * cost of writing a city's 200.000 venue-days.
 */
export async function publishScans(tx: SqlExecutor, ctx: PublishContext, insertVenueDays: () => Promise<number>): Promise<ScanPublish> {
  const replacedVenueDays = await tx.execute(
    Prisma.sql`DELETE FROM venue_day_scan WHERE day BETWEEN ${day(ctx.dayFrom)} AND ${day(ctx.dayTo)}`,
  );
  const venueDays = await insertVenueDays();
  await clearWardFields(tx, ctx.dayFrom, ctx.dayTo, "scans");
  const wards = await tx.execute(Prisma.sql`
    WITH ${registeredVenuesCte(ctx.dayFrom, ctx.dayTo)}, scanned AS (
      SELECT v.ward_code, s.day, count(*)::int AS active, sum(s.scans)::int AS scans
      FROM venue_day_scan s JOIN venue v ON v.id = s.venue_id
      WHERE s.day BETWEEN ${day(ctx.dayFrom)} AND ${day(ctx.dayTo)}
      GROUP BY v.ward_code, s.day
    )
    INSERT INTO daily_figure (unit_code, day, source, qr_venues, active_venues, scans, updated_at)
    SELECT r.ward_code, r.day, 'IMPORT', r.qr, coalesce(sc.active, 0), coalesce(sc.scans, 0), now()
    FROM registered r LEFT JOIN scanned sc ON sc.ward_code = r.ward_code AND sc.day = r.day
    ON CONFLICT (unit_code, day, source) DO UPDATE
      SET qr_venues = EXCLUDED.qr_venues, active_venues = EXCLUDED.active_venues, scans = EXCLUDED.scans, updated_at = now()`);
  await deleteEmptyImportRows(tx, ctx.dayFrom, ctx.dayTo);
  return { venueDays, replacedVenueDays, wards };
}

async function clearWardFields(tx: SqlExecutor, from: IsoDay, to: IsoDay, fields: "scans" | "qr"): Promise<number> {
  const set = fields === "scans" ? Prisma.sql`active_venues = NULL, scans = NULL` : Prisma.sql`qr_venues = NULL`;
  const which = fields === "scans" ? Prisma.sql`(f.active_venues IS NOT NULL OR f.scans IS NOT NULL)` : Prisma.sql`f.qr_venues IS NOT NULL`;
  return tx.execute(Prisma.sql`
    UPDATE daily_figure f SET ${set}, updated_at = now()
    FROM unit u
    WHERE u.code = f.unit_code AND u.level = 'WARD' AND f.source = 'IMPORT'
      AND f.day BETWEEN ${day(from)} AND ${day(to)} AND ${which}`);
}

async function deleteEmptyImportRows(tx: SqlExecutor, from: IsoDay, to: IsoDay): Promise<number> {
  return tx.execute(Prisma.sql`
    DELETE FROM daily_figure
    WHERE source = 'IMPORT' AND day BETWEEN ${day(from)} AND ${day(to)}
      AND num_nonnulls(smartphones, installs, qr_venues, active_venues, scans) = 0`);
}

// ---------------------------------------------------------------------------------------------
// Venue registers

export type RegisterPublish = { created: number; changed: number; unchanged: number; wardDays: number };

/** Rows of the staged register that contradict scans already stored (checked before writing). */
export async function registerConflicts(tx: SqlExecutor): Promise<ImportRowError[]> {
  const early = await tx.rows(Prisma.sql`
    SELECT s.line, s.registered_on::text AS registered, min(d.day)::text AS first_scan
    FROM ww_stage_venues s
    JOIN venue v ON v.code = s.code
    JOIN venue_day_scan d ON d.venue_id = v.id
    GROUP BY s.line, s.registered_on
    HAVING min(d.day) < s.registered_on
    ORDER BY s.line LIMIT 10000`);
  const moved = await tx.rows(Prisma.sql`
    SELECT s.line, s.ward_code, v.ward_code AS old_ward
    FROM ww_stage_venues s JOIN venue v ON v.code = s.code
    WHERE v.ward_code <> s.ward_code AND EXISTS (SELECT 1 FROM venue_day_scan d WHERE d.venue_id = v.id)
    ORDER BY s.line LIMIT 10000`);
  const errors: ImportRowError[] = [
    ...early.map((r) => ({
      line: intOf(r, "line"),
      column: "registered_on",
      value: textOf(r, "registered"),
      reason: `Địa điểm đã có lượt quét từ ngày ${formatDay(textOf(r, "first_scan"))}, trước ngày đăng ký này.`,
    })),
    ...moved.map((r) => ({
      line: intOf(r, "line"),
      column: "ward_code",
      value: textOf(r, "ward_code"),
      reason: `Địa điểm đã có lượt quét ở phường mã ${textOf(r, "old_ward")}: không đổi phường của địa điểm đã có lượt quét được.`,
    })),
  ];
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

export async function publishRegister(tx: SqlExecutor, ctx: PublishContext): Promise<RegisterPublish> {
  const counts = await tx.rows(Prisma.sql`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM venue v WHERE v.code = s.code))::int AS created
    FROM ww_stage_venues s`);
  const total = intOf(counts[0], "total");
  const created = intOf(counts[0], "created");
  const written = await tx.execute(Prisma.sql`
    INSERT INTO venue (code, name, address, category, ward_code, registered_on, status, import_id)
    SELECT code, name, address, category::"VenueCategory", ward_code, registered_on, status::"VenueStatus", ${ctx.importId}::int
    FROM ww_stage_venues
    ON CONFLICT (code) DO UPDATE
      SET name = EXCLUDED.name, address = EXCLUDED.address, category = EXCLUDED.category,
          ward_code = EXCLUDED.ward_code, registered_on = EXCLUDED.registered_on, status = EXCLUDED.status
      WHERE (venue.name, venue.address, venue.category, venue.ward_code, venue.registered_on, venue.status)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.address, EXCLUDED.category, EXCLUDED.ward_code, EXCLUDED.registered_on, EXCLUDED.status)`);
  const wardDays = await writeQrVenues(tx, ctx.dayFrom, ctx.dayTo);
  return { created, changed: written - created, unchanged: total - written, wardDays };
}

/**
 * CTEs ending in `registered (ward_code, day, qr)`: for every ward that has venues and every day
 * from `from` to `to`, the venues registered on or before that day. A running sum per ward over
 * the registrations of the range, plus those before it: two passes over the venue table whatever
 * the number of days (a join of venues with days would be venues × days).
 */
function registeredVenuesCte(from: IsoDay, to: IsoDay): Prisma.Sql {
  return Prisma.sql`days AS (
      SELECT g::date AS day FROM generate_series(${day(from)}, ${day(to)}, interval '1 day') AS g
    ), wards AS (
      SELECT ward_code, (count(*) FILTER (WHERE registered_on < ${day(from)}))::int AS before FROM venue GROUP BY ward_code
    ), per_day AS (
      SELECT ward_code, registered_on AS day, count(*)::int AS n
      FROM venue WHERE registered_on BETWEEN ${day(from)} AND ${day(to)} GROUP BY ward_code, registered_on
    ), grid AS (
      SELECT w.ward_code, w.before, d.day, coalesce(p.n, 0) AS n
      FROM wards w CROSS JOIN days d LEFT JOIN per_day p ON p.ward_code = w.ward_code AND p.day = d.day
    ), registered AS (
      SELECT ward_code, day, (before + sum(n) OVER (PARTITION BY ward_code ORDER BY day))::int AS qr FROM grid
    )`;
}

/** qr_venues of every ward that has venues, for every day from `from` to `to`. */
export async function writeQrVenues(tx: SqlExecutor, from: IsoDay, to: IsoDay): Promise<number> {
  await clearWardFields(tx, from, to, "qr");
  const written = await tx.execute(Prisma.sql`
    WITH ${registeredVenuesCte(from, to)}
    INSERT INTO daily_figure (unit_code, day, source, qr_venues, updated_at)
    SELECT ward_code, day, 'IMPORT', qr, now() FROM registered
    ON CONFLICT (unit_code, day, source) DO UPDATE SET qr_venues = EXCLUDED.qr_venues, updated_at = now()`);
  await deleteEmptyImportRows(tx, from, to);
  return written;
}

// ---------------------------------------------------------------------------------------------
// Install statistics

export type InstallPublish = { units: number; replacedRows: number; previousImports: number[] };

export async function publishInstalls(tx: SqlExecutor, ctx: PublishContext): Promise<InstallPublish> {
  const previous = await tx.rows(Prisma.sql`
    SELECT DISTINCT f.import_id FROM daily_figure f
    WHERE f.source = 'IMPORT' AND f.import_id IS NOT NULL AND f.day IN (SELECT DISTINCT day FROM ww_stage_installs)
    ORDER BY f.import_id`);
  const replaced = await tx.rows(Prisma.sql`
    SELECT count(*)::int AS n FROM daily_figure f
    WHERE f.source = 'IMPORT' AND (f.smartphones IS NOT NULL OR f.installs IS NOT NULL)
      AND (f.import_id IS NOT NULL AND f.day IN (SELECT DISTINCT day FROM ww_stage_installs)
           OR EXISTS (SELECT 1 FROM ww_stage_installs s WHERE s.unit_code = f.unit_code AND s.day = f.day))`);
  await tx.execute(Prisma.sql`
    UPDATE daily_figure SET smartphones = NULL, installs = NULL, import_id = NULL, updated_at = now()
    WHERE source = 'IMPORT' AND import_id IS NOT NULL AND day IN (SELECT DISTINCT day FROM ww_stage_installs)`);
  const units = await tx.execute(Prisma.sql`
    INSERT INTO daily_figure (unit_code, day, source, smartphones, installs, import_id, updated_at)
    SELECT unit_code, day, 'IMPORT', smartphones, installs, ${ctx.importId}::int, now() FROM ww_stage_installs
    ON CONFLICT (unit_code, day, source) DO UPDATE
      SET smartphones = EXCLUDED.smartphones, installs = EXCLUDED.installs, import_id = EXCLUDED.import_id, updated_at = now()`);
  await deleteEmptyImportRows(tx, ctx.dayFrom, ctx.dayTo);
  return {
    units,
    replacedRows: intOf(replaced[0], "n"),
    previousImports: previous.map((r) => intOf(r, "import_id")),
  };
}

// ---------------------------------------------------------------------------------------------
// Consistency of the effective figures

/**
 * Unit-days with an IMPORT row between `from` and `to` whose effective figures (source priority,
 * field by field) would put a numerator above its denominator.
 */
export async function consistencyConflicts(
  tx: SqlExecutor,
  priority: readonly FigureSource[],
  from: IsoDay,
  to: IsoDay,
): Promise<ImportRowError[]> {
  const where = Prisma.sql`f.day BETWEEN ${day(from)} AND ${day(to)}
    AND EXISTS (SELECT 1 FROM daily_figure i WHERE i.unit_code = f.unit_code AND i.day = f.day AND i.source = 'IMPORT')`;
  const rows = await tx.rows(Prisma.sql`
    WITH eff AS (${effectiveFiguresQuery(priority, where)})
    SELECT e.unit_code, n.name, e.day::text AS day,
           e.smartphones::int AS smartphones, e.installs::int AS installs,
           e.qr_venues::int AS qr_venues, e.active_venues::int AS active_venues
    FROM eff e JOIN unit n ON n.code = e.unit_code
    WHERE e.installs > e.smartphones OR e.active_venues > e.qr_venues
    ORDER BY e.day, e.unit_code
    LIMIT 1000`);
  return rows.map((r) => {
    const installs = intOrNull(r, "installs");
    const smartphones = intOrNull(r, "smartphones");
    const active = intOrNull(r, "active_venues");
    const qr = intOrNull(r, "qr_venues");
    const where = `${textOf(r, "name")} (${textOf(r, "unit_code")}), ngày ${formatDay(textOf(r, "day"))}`;
    const installsBad = installs !== null && smartphones !== null && installs > smartphones;
    return installsBad
      ? {
          line: null,
          column: "installs",
          value: `${formatCount(installs)} / ${formatCount(smartphones)}`,
          reason: `${where}: số lượt cài lớn hơn số điện thoại thông minh khi lấy số liệu theo thứ tự ưu tiên nguồn.`,
        }
      : {
          line: null,
          column: "active_venues",
          value: `${formatCount(active)} / ${formatCount(qr)}`,
          reason:
            `${where}: số địa điểm có lượt quét lớn hơn số địa điểm đăng ký mã QR khi lấy số liệu theo thứ tự ưu tiên nguồn ` +
            `(một số lấy từ tệp nhập, số kia từ báo cáo của phường). Hãy sửa báo cáo của phường hoặc nạp danh sách địa điểm đầy đủ.`,
        };
  });
}

// ---------------------------------------------------------------------------------------------
// Earlier imports replaced by this one

export type Replaced = { id: number; fileName: string; whole: boolean };

/**
 * Marks the earlier successful imports of the same kind whose days (or, for install statistics,
 * rows) this one took over: ROLLED_BACK when nothing of theirs is left in effect, otherwise a note
 * in their message. Call after the writes, before setting this import SUCCEEDED.
 */
export async function markReplaced(
  tx: SqlExecutor,
  ctx: PublishContext,
  fileName: string,
  installIds: readonly number[] = [],
): Promise<Replaced[]> {
  const candidates =
    ctx.kind === "INSTALL_STATS"
      ? installIds.length === 0
        ? []
        : await tx.rows(Prisma.sql`
            SELECT w.id, w.file_name,
              NOT EXISTS (SELECT 1 FROM daily_figure f WHERE f.import_id = w.id) AS whole
            FROM import w WHERE w.id = ANY(${[...installIds]}::int[]) AND w.status = 'SUCCEEDED' AND w.id <> ${ctx.importId}::int
            ORDER BY w.id`)
      : await tx.rows(Prisma.sql`
          SELECT w.id, w.file_name,
            NOT EXISTS (
              SELECT 1 FROM generate_series(w.day_from, w.day_to, interval '1 day') AS g
              WHERE NOT (g::date BETWEEN ${day(ctx.dayFrom)} AND ${day(ctx.dayTo)})
                AND NOT EXISTS (
                  SELECT 1 FROM import l
                  WHERE l.kind = w.kind AND l.status = 'SUCCEEDED' AND l.id > w.id AND g::date BETWEEN l.day_from AND l.day_to)
            ) AS whole
          FROM import w
          WHERE w.kind = ${ctx.kind}::"ImportKind" AND w.status = 'SUCCEEDED' AND w.id <> ${ctx.importId}::int
            AND w.day_from <= ${day(ctx.dayTo)} AND w.day_to >= ${day(ctx.dayFrom)}
          ORDER BY w.id`);
  const replaced: Replaced[] = candidates.map((r) => ({ id: intOf(r, "id"), fileName: textOf(r, "file_name"), whole: boolOf(r, "whole") }));
  const range = ctx.dayFrom === ctx.dayTo ? `ngày ${formatDay(ctx.dayFrom)}` : `các ngày ${formatDay(ctx.dayFrom)}–${formatDay(ctx.dayTo)}`;
  for (const r of replaced) {
    const note = r.whole
      ? `Được thay thế toàn bộ bởi lần nhập #${ctx.importId} (tệp ${fileName}).`
      : `Số liệu ${range} được thay thế bởi lần nhập #${ctx.importId} (tệp ${fileName}).`;
    await tx.execute(Prisma.sql`
      UPDATE import SET
        status = CASE WHEN ${r.whole} THEN 'ROLLED_BACK'::"ImportStatus" ELSE status END,
        message = concat_ws(' ', message, ${note}::text)
      WHERE id = ${r.id}::int`);
  }
  return replaced;
}

// ---------------------------------------------------------------------------------------------
// Rollback

export type RollbackWrites = { details: string[] };

/** The days of a scan log or register that no later successful import of its kind took over. */
export async function ownedDays(tx: SqlExecutor, importId: number): Promise<IsoDay[]> {
  const rows = await tx.rows(Prisma.sql`
    SELECT g::date::text AS day
    FROM import x, generate_series(x.day_from, x.day_to, interval '1 day') AS g
    WHERE x.id = ${importId}::int
      AND NOT EXISTS (
        SELECT 1 FROM import l
        WHERE l.kind = x.kind AND l.status = 'SUCCEEDED' AND l.id > x.id AND g::date BETWEEN l.day_from AND l.day_to)
    ORDER BY 1`);
  return rows.map((r) => textOf(r, "day"));
}

export async function rollbackWrites(tx: SqlExecutor, kind: ImportKind, importId: number, from: IsoDay, to: IsoDay): Promise<RollbackWrites> {
  const details: string[] = [];
  if (kind === "QR_SCAN_LOG") {
    const days = await ownedDays(tx, importId);
    const venueDays =
      days.length === 0 ? 0 : await tx.execute(Prisma.sql`DELETE FROM venue_day_scan WHERE day = ANY(${days}::date[])`);
    const wards =
      days.length === 0
        ? 0
        : await tx.execute(Prisma.sql`
            UPDATE daily_figure f SET active_venues = NULL, scans = NULL, updated_at = now()
            FROM unit u
            WHERE u.code = f.unit_code AND u.level = 'WARD' AND f.source = 'IMPORT'
              AND f.day = ANY(${days}::date[]) AND (f.active_venues IS NOT NULL OR f.scans IS NOT NULL)`);
    await deleteEmptyImportRows(tx, from, to);
    details.push(
      `Đã xoá ${formatCount(venueDays)} dòng lượt quét theo địa điểm-ngày và số liệu quét của ${formatCount(wards)} phường-ngày.`,
    );
    if (days.length === 0) details.push("Mọi ngày của lần nhập này đã được lần nhập sau thay thế: số liệu hiện tại không đổi.");
  } else if (kind === "VENUE_REGISTER") {
    const deleted = await tx.execute(Prisma.sql`
      DELETE FROM venue v
      WHERE v.import_id = ${importId}::int
        AND NOT EXISTS (SELECT 1 FROM venue_day_scan s WHERE s.venue_id = v.id)
        AND NOT EXISTS (SELECT 1 FROM scan_log l WHERE l.venue_id = v.id)`);
    const kept = await tx.rows(Prisma.sql`SELECT count(*)::int AS n FROM venue WHERE import_id = ${importId}::int`);
    await writeQrVenues(tx, from, to);
    details.push(`Đã xoá ${formatCount(deleted)} địa điểm do lần nhập này tạo và chưa có lượt quét.`);
    const keptCount = intOf(kept[0], "n");
    if (keptCount > 0) details.push(`Giữ lại ${formatCount(keptCount)} địa điểm do lần nhập này tạo vì đã có lượt quét.`);
    details.push("Thông tin của các địa điểm đã có từ trước mà lần nhập này cập nhật không được khôi phục.");
  } else {
    const rows = await tx.execute(Prisma.sql`
      UPDATE daily_figure SET smartphones = NULL, installs = NULL, import_id = NULL, updated_at = now()
      WHERE source = 'IMPORT' AND import_id = ${importId}::int`);
    await deleteEmptyImportRows(tx, from, to);
    details.push(`Đã xoá số điện thoại và lượt cài của ${formatCount(rows)} đơn vị-ngày.`);
  }
  return { details };
}

export function auditSql(userId: number | null, action: "import.publish" | "import.rollback", importId: number, after: Record<string, unknown>): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO audit_log (user_id, action, entity, entity_key, after, fields)
    VALUES (${userId}::int, ${action}, 'import', ${String(importId)}, ${JSON.stringify(after)}::jsonb, ARRAY['status']::text[])`;
}
