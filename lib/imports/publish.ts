import { Prisma } from "../generated/prisma/client.ts";
import { effectiveFiguresQuery } from "../figures/effective-figures-sql.ts";
import type { FigureSource } from "../domain/figures.ts";
import { formatCount, formatDay } from "../domain/format.ts";
import type { IsoDay } from "../domain/days.ts";
import type { ImportRowError } from "./errors.ts";
import { CONSISTENCY_TEXT, REGISTER_TEXT } from "./error-text.ts";
import type { Message } from "../domain/message.ts";
import type { ImportKind } from "../domain/imports/catalogue.ts";
import { intOf, intOrNull, textOf } from "./rows.ts";
import { registeredVenuesCte } from "./registered-sql.ts";
import type { ApprovedChange, FigureField } from "../domain/imports/scope.ts";
import type { SqlExecutor } from "./session.ts";
import { analyzeCells, cellsAreWide, overlappingImports, recordCells, takeVenueDays, UNDO_CELL_TABLE, withinCellDays } from "./undo.ts";

// Publishing: the SQL of the one transaction that turns staged rows into the figures the dashboard
// reads (the kind modules, lib/imports/kinds, call it; rollback.ts undoes it). Everything an import
// changes happens between BEGIN and COMMIT, so a crash (kill -9) leaves the old figures or the new ones, never a mix.
//
// What a file replaces (its cells: one unit on one day), see scope.ts and undo.ts:
// - A scan log: the wards of its scope on its days. Their per-venue counts (venue_day_scan) and the
//   active_venues/scans/qr_venues of their IMPORT rows are replaced; a ward of the scope with no scan
//   in the file gets 0 scans and 0 active venues. Wards outside the scope keep theirs. Imported
//   venue_day_scan rows carry no import_id (it would cost a foreign-key check per row): the cells
//   recorded in import_undo_cell say which import wrote what.
// - A venue register: the venues of the file, and qr_venues of the wards it touches (the wards of its
//   venues, and the former wards of venues it moves) for its days.
// - Install statistics: the (unit, day) rows of the file, nothing else; daily_figure.import_id names
//   the install import that set a row's smartphones and installs (no other kind writes import_id).
// Before writing, the replaced figures are kept (undo.ts), so that a rollback restores exactly them.
// qr_venues is always the number of venues of the ward registered on or before the day, counted
// from the venue table (the register as WardWatch knows it). Scans are refused before a venue's
// registration day and a venue with scans is never deleted or moved, so the imported active_venues
// never exceeds qr_venues.
//
// After the writes, the effective figures (source priority, field by field) of every unit-day the
// import touched are checked: a rate whose numerator would exceed its denominator (e.g. imported
// active venues above a ward report's registered venues) stops the publish with a list of the
// conflicts, so the rollups never meet an impossible sum. Then the approved ward reports whose
// effective figures the import changes are listed (approvedChanges): publishing over them needs the
// admin's confirmation.

/** Class (first key) of every PostgreSQL advisory lock taken by imports; the second key is the import id (0 = publishing). */
export const IMPORT_LOCK_CLASS = 570_105;
export const PUBLISH_LOCK_KEY = 0;

export class PublishConflict extends Error {
  constructor(
    readonly errors: ImportRowError[],
    message: string,
    /** the message as a message (summary-text.ts) */
    readonly text?: Message,
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

export type ScanPublish = { cells: number; venueDays: number; replacedVenueDays: number; wards: number };

/**
 * Replaces the per-venue counts and the scan figures of the cells staged in ww_stage_cells (wards ×
 * days of the scope) with the file's: `insertVenueDays` writes the file's counts (inside this
 * transaction: COPY on PostgreSQL), all of venues inside the cells. The wards of the cells get their
 * figures written (0 where the file has no scan); nothing outside the cells changes.
 */
export async function publishScans(tx: SqlExecutor, ctx: PublishContext, insertVenueDays: () => Promise<number>): Promise<ScanPublish> {
  await analyzeCells(tx);
  const cells = await recordCells(tx, ctx.importId);
  const wide = await cellsAreWide(tx);
  const replacedVenueDays = await takeVenueDays(tx, ctx.importId, ctx.dayFrom, ctx.dayTo, wide);
  const venueDays = await insertVenueDays();
  await clearCellFields(tx, "scans");
  const wards = await tx.execute(Prisma.sql`
    WITH ${registeredVenuesCte(ctx.dayFrom, ctx.dayTo, cellWardFilter(wide))}, scanned AS MATERIALIZED (
      -- The file's days only (their month partitions), summed per ward-day before meeting the
      -- cells: joined to the cells inside, the planner matched every scan row with every cell of
      -- its day (the rows just copied have no statistics yet), 10.603 times over for a national file.
      SELECT v.ward_code, s.day, count(*)::int AS active, sum(s.scans)::int AS scans
      FROM venue_day_scan s
      JOIN venue v ON v.id = s.venue_id
      WHERE s.day BETWEEN ${day(ctx.dayFrom)} AND ${day(ctx.dayTo)}
      GROUP BY v.ward_code, s.day
    )
    INSERT INTO daily_figure (unit_code, day, source, qr_venues, active_venues, scans, updated_at)
    SELECT r.ward_code, r.day, 'IMPORT', r.qr, coalesce(sc.active, 0), coalesce(sc.scans, 0), now()
    FROM registered r
    JOIN ww_stage_cells c ON c.unit_code = r.ward_code AND c.day = r.day
    LEFT JOIN scanned sc ON sc.ward_code = r.ward_code AND sc.day = r.day
    ON CONFLICT (unit_code, day, source) DO UPDATE
      SET qr_venues = EXCLUDED.qr_venues, active_venues = EXCLUDED.active_venues, scans = EXCLUDED.scans, updated_at = now()`);
  await deleteEmptyImportRows(tx, ctx.dayFrom, ctx.dayTo);
  return { cells, venueDays, replacedVenueDays, wards };
}

/**
 * Which venues the registered counts of the staged cells read: those of the cells' wards, through
 * the venue table's (ward_code, category) index, for cells of a few wards (a district's file: a few
 * thousand venues); every venue, in sequential passes, for wide cells (cellsAreWide). For a national
 * day (10.603 wards, 1,5 million venues) the index path read the whole table in ward order, 1,7 s
 * of random heap reads where a sequential pass takes 0,2 s (issue 18, ADR 026). The statement joins
 * the cells either way: the figures are the same.
 */
function cellWardFilter(wide: boolean): Prisma.Sql {
  return wide ? Prisma.sql`TRUE` : Prisma.sql`ward_code IN (SELECT unit_code FROM ww_stage_cells)`;
}

/** Empties the scan fields (or qr_venues) of the IMPORT rows of the staged cells. */
async function clearCellFields(tx: SqlExecutor, fields: "scans" | "qr"): Promise<number> {
  const set = fields === "scans" ? Prisma.sql`active_venues = NULL, scans = NULL` : Prisma.sql`qr_venues = NULL`;
  const which = fields === "scans" ? Prisma.sql`(f.active_venues IS NOT NULL OR f.scans IS NOT NULL)` : Prisma.sql`f.qr_venues IS NOT NULL`;
  return tx.execute(Prisma.sql`
    UPDATE daily_figure f SET ${set}, updated_at = now()
    FROM ww_stage_cells c
    WHERE f.unit_code = c.unit_code AND f.day = c.day AND f.source = 'IMPORT' AND ${which} AND ${withinCellDays("f")}`);
}

/** Removes IMPORT rows left with no figure at all. */
export async function deleteEmptyImportRows(tx: SqlExecutor, from: IsoDay, to: IsoDay): Promise<number> {
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
      text: REGISTER_TEXT.scannedBefore(textOf(r, "first_scan")),
    })),
    ...moved.map((r) => ({
      line: intOf(r, "line"),
      column: "ward_code",
      value: textOf(r, "ward_code"),
      reason: `Địa điểm đã có lượt quét ở phường mã ${textOf(r, "old_ward")}: không đổi phường của địa điểm đã có lượt quét được.`,
      text: REGISTER_TEXT.movedWithScans(textOf(r, "old_ward")),
    })),
  ];
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * The venues of the staged register, and qr_venues of the wards it touches for its days. Call with
 * ww_stage_cells prepared (empty): the cells are the wards of the file's venues and the former wards
 * of the venues it moves, on every day from ctx.dayFrom to ctx.dayTo.
 */
export async function publishRegister(tx: SqlExecutor, ctx: PublishContext): Promise<RegisterPublish> {
  await tx.execute(Prisma.sql`
    INSERT INTO ww_stage_cells (unit_code, day)
    SELECT w.ward_code, g::date
    FROM (
      SELECT ward_code FROM ww_stage_venues
      UNION SELECT v.ward_code FROM ww_stage_venues s JOIN venue v ON v.code = s.code
    ) w CROSS JOIN generate_series(${day(ctx.dayFrom)}, ${day(ctx.dayTo)}, interval '1 day') AS g`);
  await analyzeCells(tx);
  await recordCells(tx, ctx.importId);
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

/** qr_venues of the staged cells (wards × days), counted from the venue table. */
async function writeQrVenues(tx: SqlExecutor, from: IsoDay, to: IsoDay): Promise<number> {
  await clearCellFields(tx, "qr");
  const inCells = Prisma.sql`ward_code IN (SELECT unit_code FROM ww_stage_cells)`;
  const written = await tx.execute(Prisma.sql`
    WITH ${registeredVenuesCte(from, to, inCells)}
    INSERT INTO daily_figure (unit_code, day, source, qr_venues, updated_at)
    SELECT r.ward_code, r.day, 'IMPORT', r.qr, now()
    FROM registered r JOIN ww_stage_cells c ON c.unit_code = r.ward_code AND c.day = r.day
    ON CONFLICT (unit_code, day, source) DO UPDATE SET qr_venues = EXCLUDED.qr_venues, updated_at = now()`);
  await deleteEmptyImportRows(tx, from, to);
  return written;
}

// ---------------------------------------------------------------------------------------------
// Install statistics

export type InstallPublish = { units: number; replacedRows: number; keptRows: number };

/**
 * The smartphones and installs of the (unit, day) rows of the file, and nothing else: earlier
 * install figures of other units on the same days stay. Call with ww_stage_cells prepared (empty).
 */
export async function publishInstalls(tx: SqlExecutor, ctx: PublishContext): Promise<InstallPublish> {
  await tx.execute(Prisma.sql`INSERT INTO ww_stage_cells (unit_code, day) SELECT unit_code, day FROM ww_stage_installs`);
  await analyzeCells(tx);
  await recordCells(tx, ctx.importId);
  const replaced = await tx.rows(Prisma.sql`
    SELECT count(*)::int AS n FROM ${Prisma.raw(UNDO_CELL_TABLE)}
    WHERE import_id = ${ctx.importId}::int AND (smartphones IS NOT NULL OR installs IS NOT NULL)`);
  const kept = await tx.rows(Prisma.sql`
    SELECT count(*)::int AS n FROM daily_figure f
    WHERE f.source = 'IMPORT' AND (f.smartphones IS NOT NULL OR f.installs IS NOT NULL)
      AND f.day IN (SELECT DISTINCT day FROM ww_stage_installs)
      AND NOT EXISTS (SELECT 1 FROM ww_stage_installs s WHERE s.unit_code = f.unit_code AND s.day = f.day)`);
  const units = await tx.execute(Prisma.sql`
    INSERT INTO daily_figure (unit_code, day, source, smartphones, installs, import_id, updated_at)
    SELECT unit_code, day, 'IMPORT', smartphones, installs, ${ctx.importId}::int, now() FROM ww_stage_installs
    ON CONFLICT (unit_code, day, source) DO UPDATE
      SET smartphones = EXCLUDED.smartphones, installs = EXCLUDED.installs, import_id = EXCLUDED.import_id, updated_at = now()`);
  await deleteEmptyImportRows(tx, ctx.dayFrom, ctx.dayTo);
  return { units, replacedRows: intOf(replaced[0], "n"), keptRows: intOf(kept[0], "n") };
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
          text: CONSISTENCY_TEXT.installsAbove(textOf(r, "name"), textOf(r, "unit_code"), textOf(r, "day")),
        }
      : {
          line: null,
          column: "active_venues",
          value: `${formatCount(active)} / ${formatCount(qr)}`,
          reason:
            `${where}: số địa điểm có lượt quét lớn hơn số địa điểm đăng ký mã QR khi lấy số liệu theo thứ tự ưu tiên nguồn ` +
            `(một số lấy từ tệp nhập, số kia từ báo cáo của phường). Hãy sửa báo cáo của phường hoặc nạp danh sách địa điểm đầy đủ.`,
          text: CONSISTENCY_TEXT.activeAbove(textOf(r, "name"), textOf(r, "unit_code"), textOf(r, "day")),
        };
  });
}

// ---------------------------------------------------------------------------------------------
// Earlier imports replaced by this one

export type Replaced = { id: number; fileName: string; whole: boolean };

/**
 * Marks the earlier successful imports of the same kind whose cells this one took over:
 * ROLLED_BACK when nothing of theirs is left in effect, otherwise a note in their message. Call
 * after the writes, before setting this import SUCCEEDED.
 */
export async function markReplaced(tx: SqlExecutor, ctx: PublishContext, fileName: string, scopeText: string): Promise<Replaced[]> {
  const replaced = await overlappingImports(tx, ctx.importId, ctx.kind);
  for (const r of replaced) {
    const note = r.whole
      ? `Được thay thế toàn bộ bởi lần nhập #${ctx.importId} (tệp ${fileName}).`
      : `Một phần số liệu được thay thế bởi lần nhập #${ctx.importId} (tệp ${fileName})${scopeText ? `: ${scopeText}` : "."}`;
    await tx.execute(Prisma.sql`
      UPDATE import SET
        status = CASE WHEN ${r.whole} THEN 'ROLLED_BACK'::"ImportStatus" ELSE status END,
        message = concat_ws(' ', message, ${note}::text)
      WHERE id = ${r.id}::int`);
  }
  return replaced;
}

// ---------------------------------------------------------------------------------------------
// Approved ward reports whose figures an import changes

const FIGURE_FIELDS: readonly FigureField[] = ["smartphones", "installs", "qr_venues", "active_venues", "scans"];

/**
 * The ward-days of the import's cells with an APPROVED ward report whose effective figures (source
 * priority, field by field) the import changes: before (from the cell's before image) and after
 * (from the IMPORT row now), for the fields the report has. Call after the writes.
 */
export async function approvedChanges(
  tx: SqlExecutor,
  importId: number,
  priority: readonly FigureSource[],
  limit = 50,
): Promise<{ count: number; items: ApprovedChange[] }> {
  const cols = (alias: string) => Prisma.join(FIGURE_FIELDS.map((f) => Prisma.raw(`${alias}.${f} AS ${alias}_${f}`)));
  const rows = await tx.rows(Prisma.sql`
    SELECT b.unit_code, u.name, b.day::text AS day, ${cols("r")}, ${cols("b")}, ${cols("n")}
    FROM ${Prisma.raw(UNDO_CELL_TABLE)} b
    JOIN daily_figure r ON r.unit_code = b.unit_code AND r.day = b.day AND r.source = 'WARD_REPORT' AND r.status = 'APPROVED'
    JOIN unit u ON u.code = b.unit_code
    LEFT JOIN daily_figure n ON n.unit_code = b.unit_code AND n.day = b.day AND n.source = 'IMPORT'
    WHERE b.import_id = ${importId}::int
    ORDER BY b.day, b.unit_code`);
  const importAt = priority.indexOf("IMPORT");
  const reportAt = priority.indexOf("WARD_REPORT");
  const effective = (imported: number | null, reported: number | null): number | null => {
    if (importAt < 0) return reported;
    if (reportAt < 0) return imported;
    return importAt < reportAt ? (imported ?? reported) : (reported ?? imported);
  };
  const items: ApprovedChange[] = [];
  let count = 0;
  for (const row of rows) {
    const changes: ApprovedChange["changes"] = [];
    for (const field of FIGURE_FIELDS) {
      const reported = intOrNull(row, `r_${field}`);
      if (reported === null) continue;
      const before = effective(intOrNull(row, `b_${field}`), reported);
      const after = effective(intOrNull(row, `n_${field}`), reported);
      if (before !== after) changes.push({ field, before, after });
    }
    if (changes.length === 0) continue;
    count += 1;
    if (items.length < limit) items.push({ unitCode: textOf(row, "unit_code"), unitName: textOf(row, "name"), day: textOf(row, "day"), changes });
  }
  return { count, items };
}

export function auditSql(userId: number | null, action: "import.publish" | "import.rollback", importId: number, after: Record<string, unknown>): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO audit_log (user_id, action, entity, entity_key, after, fields)
    VALUES (${userId}::int, ${action}, 'import', ${String(importId)}, ${JSON.stringify(after)}::jsonb, ARRAY['status']::text[])`;
}
