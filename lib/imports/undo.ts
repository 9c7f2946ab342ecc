import { Prisma } from "../generated/prisma/client.ts";
import type { IsoDay } from "../domain/days.ts";
import type { ImportKind } from "../domain/imports/catalogue.ts";
import { registeredVenuesCte } from "./registered-sql.ts";
import { boolOf, intOf, textOf, textOrNull } from "./rows.ts";
import type { SqlExecutor } from "./session.ts";
import type { StageTable } from "./staging.ts";

// What each import replaced, kept so that rolling it back restores exactly that.
//
// An import replaces figures cell by cell, a cell being one unit on one day (a scan log: the wards
// of its scope; a register: the wards of its districts; install statistics: the unit-days of the
// file). Before it writes, it records every cell it is about to replace together with the cell's
// earlier IMPORT figures (the "before image": smartphones, installs and the install import that set
// them, qr_venues, active_venues, scans; null where there were none) and, for a scan log, the
// per-venue counts (venue_day_scan) of the cell's venues that day.
//
// The fields of a cell belong to groups, each written by some kinds of import:
//   SCANS     venue_day_scan rows, active_venues, scans     scan logs
//   QR        qr_venues                                     scan logs and registers
//   INSTALLS  smartphones, installs, import_id              install statistics
// For one group, the imports that wrote a cell form its history, in import order. Rolling back an
// import removes it from the history of each of its cells:
//   - where it is the latest writer, the cell gets the import's before image back;
//   - where a later import wrote the cell again, that later import's before image (which holds what
//     the rolled-back import had written) becomes the rolled-back import's before image, so that
//     undoing the later import in its turn goes back to the figures from before both.
// Then its records are deleted. qr_venues is derived (venues of the ward registered by the day): a
// restored value is counted again from the venue table.
//
// The tables are import_undo_cell and import_undo_venue_day (prisma/schema.prisma), written in the
// publish transaction; nothing but rollback reads them.

export type FigureGroup = "SCANS" | "QR" | "INSTALLS";

/** The groups each kind of import writes (from the kind modules, lib/imports/kinds: the first is its main group). */
export type GroupsOfKind = { readonly [K in ImportKind]: readonly FigureGroup[] };

/** The kinds of import that write `group`. */
function kindsOfGroup(groups: GroupsOfKind, group: FigureGroup): ImportKind[] {
  return (Object.keys(groups) as ImportKind[]).filter((k) => groups[k].includes(group));
}

/** Columns of import_undo_cell (before image) and of daily_figure, by group. */
const FIELDS_OF_GROUP: { readonly [G in FigureGroup]: readonly (readonly [cell: string, figure: string])[] } = {
  SCANS: [
    ["active_venues", "active_venues"],
    ["scans", "scans"],
  ],
  QR: [["qr_venues", "qr_venues"]],
  INSTALLS: [
    ["smartphones", "smartphones"],
    ["installs", "installs"],
    ["install_import_id", "import_id"],
  ],
};

const raw = (text: string) => Prisma.raw(text);
/** The undo tables (prisma/schema.prisma: ImportUndoCell, ImportUndoVenueDay). */
export const UNDO_CELL_TABLE = "import_undo_cell";
export const UNDO_VENUE_DAY_TABLE = "import_undo_venue_day";
const CELL = raw(UNDO_CELL_TABLE);
const VENUE_BEFORE = raw(UNDO_VENUE_DAY_TABLE);

// ---------------------------------------------------------------------------------------------
// The cells of the import being published: a TEMP table filled per import

/** ww_stage_cells as a staging table (COPY on PostgreSQL), see staging.ts. */
export const STAGE_CELLS_TABLE: StageTable = {
  name: "ww_stage_cells",
  columns: [
    ["unit_code", "text"],
    ["day", "date"],
  ],
};

/** Creates (for this session) and empties ww_stage_cells (unit_code, day). */
export async function prepareCells(tx: SqlExecutor): Promise<void> {
  await tx.execute(Prisma.sql`CREATE TEMP TABLE IF NOT EXISTS ww_stage_cells (unit_code text NOT NULL, day date NOT NULL)`);
  await tx.execute(Prisma.sql`TRUNCATE ww_stage_cells`);
}

/**
 * `alias.day` within the staged cells' first and last day: a no-op beside a join on the cells' days,
 * which lets the planner read daily_figure through its (day, unit_code) index instead of the whole
 * table (0,65 s of a national scan log's publish for 10.603 cells among 2 million rows, issue 18).
 */
export function withinCellDays(alias: string): Prisma.Sql {
  return Prisma.sql`${raw(alias)}.day BETWEEN (SELECT min(day) FROM ww_stage_cells) AND (SELECT max(day) FROM ww_stage_cells)`;
}

/**
 * Whether the staged cells hold more than a tenth of the wards (a national file): the publish then
 * reads whole tables in sequential passes rather than the cells' wards through indexes.
 */
export async function cellsAreWide(tx: SqlExecutor): Promise<boolean> {
  const rows = await tx.rows(Prisma.sql`
    SELECT (SELECT count(DISTINCT unit_code) FROM ww_stage_cells) * 10 > (SELECT count(*) FROM unit WHERE level = 'WARD') AS wide`);
  return boolOf(rows[0], "wide");
}

/** Statistics for the planner once the cells are in (a TEMP table has none of its own). */
export async function analyzeCells(tx: SqlExecutor): Promise<void> {
  await tx.execute(Prisma.sql`ANALYZE ww_stage_cells`);
}

/**
 * Records the staged cells as the import's and keeps their before image (the IMPORT row's figures).
 * Returns the number of cells.
 */
export async function recordCells(tx: SqlExecutor, importId: number): Promise<number> {
  return tx.execute(Prisma.sql`
    INSERT INTO ${CELL} (import_id, unit_code, day, smartphones, installs, install_import_id, qr_venues, active_venues, scans)
    SELECT ${importId}::int, c.unit_code, c.day, f.smartphones, f.installs, f.import_id, f.qr_venues, f.active_venues, f.scans
    FROM (SELECT DISTINCT unit_code, day FROM ww_stage_cells) c
    LEFT JOIN daily_figure f ON f.unit_code = c.unit_code AND f.day = c.day AND f.source = 'IMPORT' AND ${withinCellDays("f")}`);
}

/**
 * Deletes the per-venue counts of the staged (ward) cells and keeps them as the import's before
 * image. Returns how many venue-days were replaced.
 */
export async function takeVenueDays(tx: SqlExecutor, importId: number, from: IsoDay, to: IsoDay, wide: boolean): Promise<number> {
  // A new day (a daily file's usual case) has no venue-day row yet: one index probe instead of
  // listing every venue of the cells (0,35 s for a city at load 17, seconds for the country).
  const any = await tx.rows(Prisma.sql`SELECT EXISTS (SELECT 1 FROM venue_day_scan WHERE day BETWEEN ${from}::date AND ${to}::date) AS any`);
  if (!boolOf(any[0], "any")) return 0;
  // Cells of many wards (a national day): the venue-days of the cells' days with their venue's ward
  // first (the partition's day index, a key lookup per row), then matched with the cells; listing
  // the 1,5 million venues of the cells and joining them with the days' rows took 4,6 s where this
  // takes 0,55 s (105.000 venue-days, issue 18). Cells of a few wards (a district's file): their
  // venues first, which is cheaper than reading every venue-day of a busy day. Either way in steps:
  // joined in one go, the planner matched every venue-day of a day with every cell of that day.
  const cellRows = wide
    ? Prisma.sql`day_rows AS MATERIALIZED (
      SELECT s.venue_id, s.day, v.ward_code
      FROM venue_day_scan s JOIN venue v ON v.id = s.venue_id
      WHERE ${withinCellDays("s")}
    ), cell_rows AS MATERIALIZED (
      SELECT d.venue_id, d.day, d.ward_code FROM day_rows d JOIN ww_stage_cells c ON c.unit_code = d.ward_code AND c.day = d.day
    )`
    : Prisma.sql`cell_rows AS MATERIALIZED (
      SELECT v.id AS venue_id, c.day, v.ward_code FROM venue v JOIN ww_stage_cells c ON c.unit_code = v.ward_code
    )`;
  return tx.execute(Prisma.sql`
    WITH ${cellRows}, taken AS (
      DELETE FROM venue_day_scan s
      USING cell_rows cv
      WHERE s.venue_id = cv.venue_id AND s.day = cv.day
      RETURNING cv.ward_code, s.day, s.venue_id, s.scans
    )
    INSERT INTO ${VENUE_BEFORE} (import_id, ward_code, day, venue_id, scans)
    SELECT ${importId}::int, ward_code, day, venue_id, scans FROM taken`);
}

// ---------------------------------------------------------------------------------------------
// Whose figures a cell holds

/** Whether the import has recorded cells (imports published before cells were kept have none). */
export async function hasCells(tx: SqlExecutor, importId: number): Promise<boolean> {
  const rows = await tx.rows(Prisma.sql`SELECT EXISTS (SELECT 1 FROM ${CELL} WHERE import_id = ${importId}::int) AS ok`);
  return boolOf(rows[0], "ok");
}

/** SQL: the import `w` (an alias of import) is the latest of its kind on at least one of its cells. */
function inEffectSql(w: string): Prisma.Sql {
  const alias = raw(w);
  return Prisma.sql`EXISTS (
    SELECT 1 FROM ${CELL} c
    WHERE c.import_id = ${alias}.id
      AND NOT EXISTS (
        SELECT 1 FROM ${CELL} l JOIN import li ON li.id = l.import_id
        WHERE l.unit_code = c.unit_code AND l.day = c.day AND l.import_id > c.import_id AND li.kind = ${alias}.kind))`;
}

export type Overlap = { id: number; fileName: string; whole: boolean };

/**
 * The successful imports of the same kind that had cells among this import's: `whole` when none of
 * their cells is theirs any more (call after recordCells).
 */
export async function overlappingImports(tx: SqlExecutor, importId: number, kind: ImportKind): Promise<Overlap[]> {
  const rows = await tx.rows(Prisma.sql`
    SELECT w.id, w.file_name, NOT ${inEffectSql("w")} AS whole
    FROM import w
    WHERE w.kind = ${kind}::"ImportKind" AND w.status = 'SUCCEEDED' AND w.id <> ${importId}::int
      AND EXISTS (
        SELECT 1 FROM ${CELL} a JOIN ${CELL} b ON b.unit_code = a.unit_code AND b.day = a.day
        WHERE a.import_id = w.id AND b.import_id = ${importId}::int)
    ORDER BY w.id`);
  return rows.map((r) => ({ id: intOf(r, "id"), fileName: textOf(r, "file_name"), whole: boolOf(r, "whole") }));
}

// ---------------------------------------------------------------------------------------------
// Rolling back

export type UndoReport = {
  /** cells given back their figures from before the import */
  restored: number;
  /** cells a later import had written again: left as they are */
  later: number;
  /** venue-days put back */
  venueDays: number;
  /** days of the import's cells */
  from: IsoDay | null;
  to: IsoDay | null;
};

/**
 * Removes the import from the history of each of its cells (see the top of this file), then its
 * records. Imports of its kind that it had replaced whole and that hold figures again are marked
 * SUCCEEDED again (unless the same file was loaded again since). Returns what was done.
 */
export async function undoImport(
  tx: SqlExecutor,
  importId: number,
  kind: ImportKind,
  groups: GroupsOfKind,
  note: string,
): Promise<UndoReport & { revived: number[] }> {
  const span = await tx.rows(Prisma.sql`
    SELECT min(day)::text AS day_from, max(day)::text AS day_to, count(*)::int AS n FROM ${CELL} WHERE import_id = ${importId}::int`);
  const from = textOrNull(span[0], "day_from");
  const to = textOrNull(span[0], "day_to");
  await tx.execute(Prisma.sql`CREATE TEMP TABLE IF NOT EXISTS ww_stage_undo (unit_code text NOT NULL, day date NOT NULL, next_id int)`);
  let restored = 0;
  let later = 0;
  let venueDays = 0;
  const own = groups[kind];
  for (const group of own) {
    await tx.execute(Prisma.sql`TRUNCATE ww_stage_undo`);
    const kinds = kindsOfGroup(groups, group);
    await tx.execute(Prisma.sql`
      INSERT INTO ww_stage_undo (unit_code, day, next_id)
      SELECT x.unit_code, x.day,
        (SELECT min(n.import_id) FROM ${CELL} n JOIN import i ON i.id = n.import_id
         WHERE n.unit_code = x.unit_code AND n.day = x.day AND n.import_id > x.import_id AND i.kind::text = ANY(${kinds}::text[]))
      FROM ${CELL} x WHERE x.import_id = ${importId}::int`);
    await tx.execute(Prisma.sql`ANALYZE ww_stage_undo`);
    const fields = FIELDS_OF_GROUP[group];
    // Handed over: the next writer's before image takes this import's.
    const handedOver = await tx.execute(Prisma.sql`
      UPDATE ${CELL} n SET ${Prisma.join(fields.map(([c]) => Prisma.sql`${raw(c)} = x.${raw(c)}`))}
      FROM ww_stage_undo u JOIN ${CELL} x ON x.import_id = ${importId}::int AND x.unit_code = u.unit_code AND x.day = u.day
      WHERE u.next_id IS NOT NULL AND n.import_id = u.next_id AND n.unit_code = u.unit_code AND n.day = u.day`);
    // Restored: this import was the cell's latest writer.
    const back = await tx.execute(Prisma.sql`
      INSERT INTO daily_figure (unit_code, day, source, ${Prisma.join(fields.map(([, f]) => raw(f)))}, updated_at)
      SELECT x.unit_code, x.day, 'IMPORT', ${Prisma.join(fields.map(([c]) => Prisma.sql`x.${raw(c)}`))}, now()
      FROM ${CELL} x JOIN ww_stage_undo u ON u.unit_code = x.unit_code AND u.day = x.day
      WHERE x.import_id = ${importId}::int AND u.next_id IS NULL
      ON CONFLICT (unit_code, day, source) DO UPDATE
        SET ${Prisma.join(fields.map(([, f]) => Prisma.sql`${raw(f)} = EXCLUDED.${raw(f)}`))}, updated_at = now()`);
    if (group === "SCANS") {
      await tx.execute(Prisma.sql`
        DELETE FROM ${VENUE_BEFORE} b USING ww_stage_undo u
        WHERE u.next_id IS NOT NULL AND b.import_id = u.next_id AND b.ward_code = u.unit_code AND b.day = u.day`);
      await tx.execute(Prisma.sql`
        INSERT INTO ${VENUE_BEFORE} (import_id, ward_code, day, venue_id, scans)
        SELECT u.next_id, b.ward_code, b.day, b.venue_id, b.scans
        FROM ${VENUE_BEFORE} b JOIN ww_stage_undo u ON u.unit_code = b.ward_code AND u.day = b.day
        WHERE b.import_id = ${importId}::int AND u.next_id IS NOT NULL`);
      await tx.execute(Prisma.sql`
        DELETE FROM venue_day_scan s USING venue v, ww_stage_undo u
        WHERE u.next_id IS NULL AND v.id = s.venue_id AND v.ward_code = u.unit_code AND s.day = u.day`);
      venueDays = await tx.execute(Prisma.sql`
        INSERT INTO venue_day_scan (venue_id, day, scans)
        SELECT b.venue_id, b.day, b.scans
        FROM ${VENUE_BEFORE} b
        JOIN ww_stage_undo u ON u.unit_code = b.ward_code AND u.day = b.day
        JOIN venue v ON v.id = b.venue_id
        WHERE b.import_id = ${importId}::int AND u.next_id IS NULL`);
    } else if (group === "QR" && from !== null && to !== null) {
      await recountQrVenues(tx, from, to);
    }
    // What is reported is the kind's main group (its first): a scan log's scans, not its qr_venues.
    if (group === own[0]) {
      restored = back;
      later = handedOver;
    }
  }
  await tx.execute(Prisma.sql`DELETE FROM ${VENUE_BEFORE} WHERE import_id = ${importId}::int`);
  await tx.execute(Prisma.sql`DELETE FROM ${CELL} WHERE import_id = ${importId}::int`);
  if (from !== null && to !== null) {
    await tx.execute(Prisma.sql`
      DELETE FROM daily_figure
      WHERE source = 'IMPORT' AND day BETWEEN ${from}::date AND ${to}::date
        AND num_nonnulls(smartphones, installs, qr_venues, active_venues, scans) = 0`);
  }
  const revived = await tx.rows(Prisma.sql`
    UPDATE import w SET status = 'SUCCEEDED', message = concat_ws(' ', w.message, ${note}::text)
    WHERE w.kind = ${kind}::"ImportKind" AND w.status = 'ROLLED_BACK' AND ${inEffectSql("w")}
      AND NOT EXISTS (SELECT 1 FROM import o WHERE o.kind = w.kind AND o.file_hash = w.file_hash AND o.status = 'SUCCEEDED')
    RETURNING w.id`);
  return { restored, later, venueDays, from, to, revived: revived.map((r) => intOf(r, "id")) };
}

/**
 * qr_venues of the import's cells (in ww_stage_undo) that hold one: counted again from the venue
 * table, which a register may have changed since (or its rollback just did). A ward left with no
 * venue at all counts 0.
 */
async function recountQrVenues(tx: SqlExecutor, from: IsoDay, to: IsoDay): Promise<void> {
  const wards = Prisma.sql`ward_code IN (SELECT unit_code FROM ww_stage_undo)`;
  await tx.execute(Prisma.sql`
    WITH ${registeredVenuesCte(from, to, wards)}
    UPDATE daily_figure f SET qr_venues = coalesce(r.qr, 0), updated_at = now()
    FROM ww_stage_undo u LEFT JOIN registered r ON r.ward_code = u.unit_code AND r.day = u.day
    WHERE f.unit_code = u.unit_code AND f.day = u.day AND f.source = 'IMPORT'
      AND f.qr_venues IS NOT NULL AND f.qr_venues IS DISTINCT FROM coalesce(r.qr, 0)`);
}

/**
 * qr_venues of every IMPORT row of `wards` from `from` on, counted again from the venue table:
 * after a register's rollback deleted venues, the days after its own (written by later scan logs)
 * must not count them. Returns the last day recounted (null: none).
 */
export async function recountQrVenuesFrom(tx: SqlExecutor, wards: readonly string[], from: IsoDay): Promise<IsoDay | null> {
  const last = await tx.rows(Prisma.sql`
    SELECT max(day)::text AS day FROM daily_figure
    WHERE source = 'IMPORT' AND unit_code = ANY(${[...wards]}::text[]) AND day >= ${from}::date AND qr_venues IS NOT NULL`);
  const to = textOrNull(last[0], "day");
  if (to === null) return null;
  await tx.execute(Prisma.sql`
    WITH ${registeredVenuesCte(from, to, Prisma.sql`ward_code = ANY(${[...wards]}::text[])`)}
    UPDATE daily_figure f SET qr_venues = coalesce(r.qr, 0), updated_at = now()
    FROM unit w LEFT JOIN registered r ON r.ward_code = w.code
    WHERE w.code = ANY(${[...wards]}::text[]) AND f.unit_code = w.code AND (r.day IS NULL OR r.day = f.day)
      AND f.source = 'IMPORT' AND f.day BETWEEN ${from}::date AND ${to}::date
      AND f.qr_venues IS NOT NULL AND f.qr_venues IS DISTINCT FROM coalesce(r.qr, 0)`);
  return to;
}
