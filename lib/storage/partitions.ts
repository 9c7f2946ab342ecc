import { Prisma } from "../generated/prisma/client.ts";
import { addDays, type IsoDay } from "../domain/days.ts";
import { RAW_SCANS_KEPT_FROM_KEY } from "../figures/settings.ts";

// Monthly partitions of the raw scan tables (docs/decisions/020-national-monthly-partitions.md).
//
// venue_day_scan and scan_log are partitioned by RANGE ("day"), one partition per calendar month
// named <table>_pYYYY_MM, plus <table>_default for a day whose month has none yet (a write never
// fails for want of a partition). The SQL function ww_ensure_month_partition (migration
// monthly_partitions) creates a month's partition and moves into it any of its rows that went to
// the default one. This module is what the rest of the app calls:
//   - ensureMonthPartitions: before an import writes its days (outside its transaction: creating
//     a partition briefly locks the default partition, which a long import must not hold);
//   - maintainPartitions: the maintenance job (the months ahead, rows stranded in the default
//     partition, then the retention setting); plain, so any scheduler can run it;
//   - applyRawRetention: drops the whole months older than the months to keep. Daily figures
//     (daily_figure, the ward-level table every page reads) are never touched.
// Works on PostgreSQL and on the embedded PGlite alike (both are PostgreSQL ≥ 15 underneath).

/** The tables of raw scan data, partitioned by month. */
export const PARTITIONED_TABLES = ["venue_day_scan", "scan_log"] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

/** Anything that runs SQL and returns rows: the import session's executor, a Prisma client, a transaction. */
export type SqlRows = { rows(sql: Prisma.Sql): Promise<Record<string, unknown>[]> };

/** A Prisma client (or transaction client) as SqlRows. */
export function prismaRows(client: { $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T> }): SqlRows {
  return { rows: (sql) => client.$queryRaw<Record<string, unknown>[]>(sql) };
}

/** "2021-08" of a day or month. */
export type IsoMonth = `${number}-${number}`;

export function monthOf(day: IsoDay): IsoMonth {
  return day.slice(0, 7) as IsoMonth;
}

/** The months from `from`'s to `to`'s, in order. */
export function monthsBetween(from: IsoDay, to: IsoDay): IsoMonth[] {
  const out: IsoMonth[] = [];
  let [y, m] = from.slice(0, 7).split("-").map(Number) as [number, number];
  const [ty, tm] = to.slice(0, 7).split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}` as IsoMonth);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The first day of the month `offset` months after `month` (negative: before). */
export function shiftMonth(month: IsoMonth, offset: number): IsoMonth {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}` as IsoMonth;
}

export function partitionName(table: PartitionedTable, month: IsoMonth): string {
  return `${table}_p${month.replace("-", "_")}`;
}

/**
 * Creates the month partitions of `table` that the days from..to need (those that exist are left
 * alone). Returns the names created. One short statement per missing month, each its own
 * transaction when `db` is not in one.
 */
export async function ensureMonthPartitions(db: SqlRows, table: PartitionedTable, from: IsoDay, to: IsoDay): Promise<string[]> {
  const created: string[] = [];
  for (const month of monthsBetween(from, to)) {
    const [row] = await db.rows(Prisma.sql`SELECT ww_ensure_month_partition(${table}::text, ${`${month}-01`}::date)::int AS created`);
    if (Number(row?.created) === 1) created.push(partitionName(table, month));
  }
  return created;
}

export type MonthPartition = { table: PartitionedTable; name: string; month: IsoMonth };

/** The month partitions of the raw tables, oldest first (the default partitions are not listed). */
export async function listMonthPartitions(db: SqlRows): Promise<MonthPartition[]> {
  const rows = await db.rows(Prisma.sql`
    SELECT p.relname::text AS parent, c.relname::text AS name
    FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
      JOIN pg_namespace n ON n.oid = p.relnamespace
    WHERE n.nspname = 'public' AND p.relname IN (${Prisma.join([...PARTITIONED_TABLES])})
    ORDER BY c.relname`);
  const out: MonthPartition[] = [];
  for (const r of rows) {
    const table = PARTITIONED_TABLES.find((t) => t === r.parent);
    const match = /_p(\d{4})_(\d{2})$/.exec(String(r.name));
    if (!table || !match) continue;
    out.push({ table, name: String(r.name), month: `${match[1]}-${match[2]}` as IsoMonth });
  }
  return out.sort((a, b) => a.month.localeCompare(b.month) || a.table.localeCompare(b.table));
}

export type RetentionResult = {
  /** the first day whose raw data is kept (null: keep everything) */
  keptFrom: IsoDay | null;
  dropped: string[];
  /** rows older than keptFrom deleted from the default partitions */
  defaultRowsDeleted: number;
};

/**
 * Drops the month partitions of raw scan data older than the `keepMonths` months ending with
 * `today`'s month (keepMonths 3 on 2021-11-20 keeps September, October and November), and deletes
 * such rows from the default partitions. null keeps everything. Whole months only: a partition is
 * dropped (instant, no dead rows), never emptied row by row. Daily figures are not touched.
 * Bumps the data version when anything went, so cached pages are recomputed.
 */
export async function applyRawRetention(db: SqlRows, keepMonths: number | null, today: IsoDay): Promise<RetentionResult> {
  if (keepMonths === null) return { keptFrom: null, dropped: [], defaultRowsDeleted: 0 };
  if (!Number.isSafeInteger(keepMonths) || keepMonths < 1) throw new RangeError(`keepMonths must be a whole number ≥ 1 (got ${keepMonths})`);
  const firstKept = shiftMonth(monthOf(today), -(keepMonths - 1));
  const keptFrom = `${firstKept}-01` as IsoDay;
  const dropped: string[] = [];
  for (const p of await listMonthPartitions(db)) {
    if (p.month >= firstKept) continue;
    // The name comes from the catalog and matched /_pYYYY_MM$/ on a known table: safe to quote.
    await db.rows(Prisma.sql`SELECT ww_drop_partition(${p.name}::text) AS dropped`);
    dropped.push(p.name);
  }
  let defaultRowsDeleted = 0;
  for (const table of PARTITIONED_TABLES) {
    const [row] = await db.rows(Prisma.sql`SELECT ww_delete_default_before(${table}::text, ${keptFrom}::date)::int AS n`);
    defaultRowsDeleted += Number(row?.n ?? 0);
  }
  if (dropped.length > 0 || defaultRowsDeleted > 0) {
    // Remembered (never moved back: a longer retention later does not bring dropped days back),
    // so the venue rules stop trusting the import's counts of days whose raw rows are gone.
    await db.rows(Prisma.sql`
      INSERT INTO setting (key, value, updated_at) VALUES (${RAW_SCANS_KEPT_FROM_KEY}, to_jsonb(${keptFrom}::text), now())
      ON CONFLICT (key) DO UPDATE
        SET value = CASE WHEN setting.value #>> '{}' >= EXCLUDED.value #>> '{}' THEN setting.value ELSE EXCLUDED.value END, updated_at = now()
      RETURNING key`);
    await db.rows(Prisma.sql`SELECT ww_bump_data_version()::text AS version`);
  }
  return { keptFrom, dropped, defaultRowsDeleted };
}

export type MaintenanceResult = { created: string[]; moved: string[]; retention: RetentionResult };

/**
 * The maintenance job: partitions for this month and the `monthsAhead` next ones, a partition for
 * every month that has rows in a default partition (moving them there), then the retention.
 * Idempotent; safe to run at any time and from any scheduler.
 */
export async function maintainPartitions(
  db: SqlRows,
  options: { today: IsoDay; keepMonths: number | null; monthsAhead?: number },
): Promise<MaintenanceResult> {
  const ahead = options.monthsAhead ?? 2;
  const month = monthOf(options.today);
  const created: string[] = [];
  const moved: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    created.push(...(await ensureMonthPartitions(db, table, `${month}-01` as IsoDay, `${shiftMonth(month, ahead)}-01` as IsoDay)));
    const stranded = await db.rows(
      Prisma.sql`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM ww_default_months(${table}::text) AS m(day) ORDER BY 1`,
    );
    for (const r of stranded) {
      const first = String(r.day) as IsoDay;
      moved.push(...(await ensureMonthPartitions(db, table, first, first)));
    }
  }
  const retention = await applyRawRetention(db, options.keepMonths, options.today);
  return { created, moved, retention };
}

/** The last day of the month of `day` (for callers that want a month's range). */
export function lastDayOfMonth(day: IsoDay): IsoDay {
  return addDays(`${shiftMonth(monthOf(day), 1)}-01` as IsoDay, -1);
}
