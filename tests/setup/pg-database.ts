import crypto from "node:crypto";
import pg from "pg";

// A throw-away database on the real PostgreSQL server named by TEST_DATABASE_URL (an admin
// connection, e.g. postgres://postgres@127.0.0.1:5432/postgres). Each test file makes its own,
// with a random suffix, so files and reruns never share state; drop() removes it even when a
// connection was left open.

export type TestPgDatabase = { name: string; url: string; drop(): Promise<void> };

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function adminUrlOrThrow(): string {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  return adminUrl;
}

/** Names made here only: interpolated into SQL, so nothing but [a-z0-9_] may pass. */
function checkedName(name: string): string {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`not a test database name: ${name}`);
  return name;
}

/**
 * `template`: copy that database (CREATE DATABASE … TEMPLATE, tests/setup/templates.ts) instead
 * of starting from an empty one.
 */
export async function createTestDatabase(prefix: string, options: { template?: string } = {}): Promise<TestPgDatabase> {
  const adminUrl = adminUrlOrThrow();
  // Interpolated into SQL below, so only [a-z0-9_] gets through; 63 bytes is PostgreSQL's limit.
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, "_").slice(0, 50);
  const name = `${safePrefix}_${crypto.randomBytes(5).toString("hex")}`;
  const template = options.template ? ` TEMPLATE "${checkedName(options.template)}"` : "";
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"${template}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => dropTestDatabase(name) };
}

/** Drops a database made by createTestDatabase, even when a connection was left open. */
export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin(adminUrlOrThrow(), async (c) => {
    // WITH (FORCE) (PostgreSQL 13+) ends sessions a failed test may have left behind.
    await c.query(`DROP DATABASE IF EXISTS "${checkedName(name)}" WITH (FORCE)`);
  });
}
