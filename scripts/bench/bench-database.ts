import pg from "pg";

// Each benchmark works in a database of its own on the server BENCH_DATABASE_URL names, created
// empty before the run and dropped after it (unless --keep), so runs never see each other's data.

/** The URL of database `name` on the same server as `adminUrl`. */
export function benchDatabaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(adminUrl: string, statements: readonly string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const sql of statements) await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Drops database `name` if it exists and creates it empty. `name` is a constant of the script. */
export function recreateBenchDatabase(adminUrl: string, name: string): Promise<void> {
  const id = pg.escapeIdentifier(name);
  return onServer(adminUrl, [`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`, `CREATE DATABASE ${id}`]);
}

export function dropBenchDatabase(adminUrl: string, name: string): Promise<void> {
  return onServer(adminUrl, [`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`]);
}

/**
 * A database name of its own for one run of benchmark `bench`: two benches on one server (or two
 * runs of the same one) never drop each other's databases. BENCH_DATABASE_PREFIX (lower-case
 * letters, digits, _) goes in front, for sessions that share a server and name their databases.
 */
export function uniqueBenchName(bench: string): string {
  const prefix = process.env.BENCH_DATABASE_PREFIX ?? "";
  if (!/^[a-z0-9_]{0,20}$/.test(prefix)) throw new Error("BENCH_DATABASE_PREFIX: up to 20 lower-case letters, digits and _");
  return `${prefix}ww_bench_${bench}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The database of this run: `--database NAME` when given (required with --reuse, which works on a
 * database an earlier run left with --keep), else a name of the run's own.
 */
export function benchDatabaseName(bench: string, argv: readonly string[]): string {
  const i = argv.indexOf("--database");
  const given = i >= 0 ? (argv[i + 1] ?? "") : null;
  if (given !== null && !/^[a-z0-9_]{1,60}$/.test(given)) throw new Error("--database NAME: lower-case letters, digits and _ only");
  if (argv.includes("--reuse") && given === null) throw new Error("--reuse needs --database NAME (the database an earlier run left with --keep)");
  return given ?? uniqueBenchName(bench);
}
