// Planner statistics on the embedded database.
//
// PGlite runs PostgreSQL in single-user mode: there is no autovacuum, so no table ever gets the
// statistics (row counts, value distributions) that the planner chooses plans from unless someone
// runs ANALYZE. Without them it takes every table for a few rows and picks nested loops that
// re-run whole subqueries per row: on the demo, one district's alert reads took 10,8 s instead of
// 0,74 s (the venues' dormancy statement re-ran its per-ward part 88 times), and the morning
// digest that reads them took 17 s. PostgreSQL's autovacuum analyzes the tables it serves, so this
// is for the embedded database; ANALYZE only samples (30.000 rows per table), so it stays cheap
// at any size, and it changes plans, never results.

/** Runs one SQL statement (no parameters) and returns its rows. */
export type StatementRunner = (sql: string) => Promise<Record<string, unknown>[]>;

/** The tables an import writes: analyzed after each published import on the embedded database. */
export const IMPORT_WRITTEN_TABLES = ["venue", "venue_day_scan", "daily_figure", "scan_log"] as const;

/**
 * The app's tables holding rows that have never been analyzed (`reltuples` is -1 until the first
 * ANALYZE or VACUUM). Partitions count as tables; partitioned parents hold no rows themselves.
 */
export async function tablesWithoutStatistics(run: StatementRunner): Promise<string[]> {
  const rows = await run(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reltuples < 0 AND pg_relation_size(c.oid) > 0
    ORDER BY c.relname`);
  return rows.map((r) => String(r.name));
}

/**
 * ANALYZE the given tables (each must be one of the app's own names, never user input), or the
 * whole database without a list. Returns the milliseconds it took.
 */
export async function analyzeTables(run: StatementRunner, tables?: readonly string[]): Promise<number> {
  const started = performance.now();
  if (tables && tables.some((t) => !/^[a-z_][a-z0-9_]*$/.test(t))) throw new Error(`not a table name: ${tables.join(", ")}`);
  await run(tables && tables.length > 0 ? `ANALYZE ${tables.join(", ")}` : "ANALYZE");
  return performance.now() - started;
}

/**
 * At start-up: ANALYZE the whole database when something was written in bulk (the demo, the unit
 * tree) or when any table holding rows has never been analyzed (a folder made by an earlier
 * version, or written by a restore). Returns what was done, or null when nothing was stale.
 */
export async function refreshStatisticsAtStart(run: StatementRunner, opts: { wroteInBulk: boolean }): Promise<{ tables: number; ms: number } | null> {
  const stale = await tablesWithoutStatistics(run);
  if (!opts.wroteInBulk && stale.length === 0) return null;
  return { tables: stale.length, ms: await analyzeTables(run) };
}
