import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { assertBackupKind, readBackupKind, writeAtomically } from "./backup-file.ts";
import { tablesWithData, TargetNotEmptyError, type Query, type TableRows } from "./backup-tables.ts";
import { redactUrl } from "./open.ts";

// PostgreSQL backups with the server's own tools: `pg_dump --format=custom` (one consistent
// snapshot, taken while the app keeps running) and `pg_restore`. The connection is handed to them
// through libpq's PG* environment variables, never on a command line (a password in argv is visible
// to every user of the machine in `ps`) and never through a shell.

/** A folder holding pg_dump/pg_restore (e.g. /usr/lib/postgresql/16/bin); default: the PATH. */
function tool(name: "pg_dump" | "pg_restore"): string {
  const dir = process.env.WARDWATCH_PG_BIN?.trim();
  return dir ? path.join(dir, name) : name;
}

// URL query parameters libpq understands; anything else (e.g. Prisma's `schema`) is not passed on.
const LIBPQ_PARAMS: Record<string, string> = {
  sslmode: "PGSSLMODE",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  sslrootcert: "PGSSLROOTCERT",
  connect_timeout: "PGCONNECT_TIMEOUT",
  application_name: "PGAPPNAME",
  host: "PGHOST",
  port: "PGPORT",
};

export function libpqEnvironment(url: string): { env: Record<string, string>; database: string } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ""));
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || env.PGUSER || "postgres";
  env.PGDATABASE = database;
  for (const [key, value] of u.searchParams) {
    const name = LIBPQ_PARAMS[key];
    if (name) env[name] = value;
  }
  return { env, database };
}

type Run = { code: number | null; stdout: string; stderr: string };

function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A clean environment for libpq: a PGPASSWORD or PGDATABASE of the operator's shell must not
    // redirect the tool to another database than DATABASE_URL names.
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(base)) if (key.startsWith("PG")) delete base[key];
    const child = spawn(command, args, { env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "ENOENT"
          ? new Error(
              `Không tìm thấy ${command}. Cài gói postgresql-client đúng phiên bản máy chủ (Debian: apt-get install postgresql-client-15), ` +
                "hoặc đặt WARDWATCH_PG_BIN là thư mục chứa pg_dump và pg_restore.",
            )
          : err,
      ),
    );
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function withClient<T>(url: string, work: (query: Query, client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work((sql, params) => client.query(sql, params), client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** pg_dump/pg_restore must be at least the server's major version, or they refuse (or worse, miss things). */
async function checkToolVersion(name: "pg_dump" | "pg_restore", serverVersionNum: number): Promise<void> {
  const result = await run(tool(name), ["--version"], {});
  const major = Number(/(\d+)(?:\.\d+)?/.exec(result.stdout)?.[1] ?? 0);
  const serverMajor = Math.floor(serverVersionNum / 10000);
  if (major < serverMajor) {
    throw new Error(
      `${name} phiên bản ${major} cũ hơn máy chủ PostgreSQL ${serverMajor}: cài postgresql-client-${serverMajor} ` +
        `hoặc đặt WARDWATCH_PG_BIN là thư mục bin của phiên bản đó.`,
    );
  }
}

async function serverVersion(query: Query): Promise<number> {
  const { rows } = await query("SELECT current_setting('server_version_num')::int AS v");
  return Number(rows[0]?.v);
}

function failure(name: string, result: Run): Error {
  const detail = result.stderr.trim().split("\n").slice(-5).join("\n");
  return new Error(`${name} thất bại (mã ${result.code}):\n${detail}`);
}

export async function backupPostgres(url: string, file: string): Promise<{ bytes: number }> {
  await withClient(url, async (query) => checkToolVersion("pg_dump", await serverVersion(query)));
  const { env } = libpqEnvironment(url);
  const bytes = await writeAtomically(file, async (tmp) => {
    const result = await run(tool("pg_dump"), ["--format=custom", "--no-password", `--file=${tmp}`], env);
    if (result.code !== 0) throw failure("pg_dump", result);
  });
  return { bytes };
}

export type RestoreOptions = { force?: boolean; log?: (message: string) => void };

/**
 * Restores a pg_dump custom file into the database named by URL. The target must hold no data
 * (tables that exist but are empty are fine: a migrated, unused database); --force replaces it.
 * Whatever is in the public schema is dropped first, so the restored copy is exactly the backup's.
 */
export async function restorePostgres(url: string, file: string, options: RestoreOptions = {}): Promise<{ tables: TableRows[] }> {
  const log = options.log ?? (() => undefined);
  assertBackupKind(file, readBackupKind(file), "postgres");
  await withClient(url, async (query) => {
    await checkToolVersion("pg_restore", await serverVersion(query));
    const occupied = await tablesWithData(query);
    if (occupied.length > 0 && !options.force) throw new TargetNotEmptyError(redactUrl(url), occupied);
    if (occupied.length > 0) log(`--force: xoá dữ liệu hiện có trong ${occupied.length} bảng trước khi khôi phục.`);
    await clearPublicSchema(query);
  });
  const { env, database } = libpqEnvironment(url);
  // One transaction: a restore that fails half way leaves the (emptied) target empty, not half full.
  const result = await run(
    tool("pg_restore"),
    ["--exit-on-error", "--single-transaction", "--no-owner", "--no-acl", "--no-password", `--dbname=${conninfoDatabase(database)}`, file],
    env,
  );
  if (result.code !== 0) throw failure("pg_restore", result);
  return { tables: await withClient(url, (query) => tablesWithData(query)) };
}

// -d takes a connection string when the value holds "=": name the database in conninfo syntax,
// quoted, so no database name can smuggle in other connection settings.
function conninfoDatabase(name: string): string {
  return `dbname='${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Drops the public schema's tables, sequences, functions and types (what WardWatch's migrations create), in one transaction. */
async function clearPublicSchema(query: Query): Promise<void> {
  await query(`DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'f') LOOP
        EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.relname);
      END LOOP;
      FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm', 'S') LOOP
        EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS public.%I CASCADE'
                                      WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS public.%I CASCADE'
                                      ELSE 'DROP SEQUENCE IF EXISTS public.%I CASCADE' END, r.relname);
      END LOOP;
      -- The data version's trigger function (migration data_version) and any other of the schema's.
      FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = 'public' AND p.prokind = 'f' LOOP
        EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.fn);
      END LOOP;
      FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
               WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') LOOP
        EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
      END LOOP;
    END $$`);
}
