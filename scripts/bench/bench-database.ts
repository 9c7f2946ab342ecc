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
