import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Is the database already at prisma/migrations/? Asked before loading Prisma's schema engine
// (a 5 MB WebAssembly module, ~0,2–0,5 s and tens of MB to start: issue 15, the command-line
// import's fixed cost) with one query on `_prisma_migrations`. Only a plain "yes" skips the engine:
// every migration of the folder recorded as finished with the same checksum, none failed, none
// unknown. Anything else (a new migration, a failed or edited one, no table yet) goes to the
// engine, which applies, or refuses with its own message, exactly as before. Only fs and crypto
// here, so that asking costs nothing to load.

export type AppliedRow = { migration_name: unknown; checksum: unknown; finished: unknown; rolled_back: unknown };

/** The statement whose rows migrationsUpToDate reads (run it through any driver). */
export const APPLIED_MIGRATIONS_SQL = `
  SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
  FROM _prisma_migrations`;

/** Whether `_prisma_migrations` exists (a fresh database has none): asked first. */
export const MIGRATIONS_TABLE_SQL = `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;

/** name → sha256 of migration.sql, for every folder of the migrations directory (as the engine reads it). */
export function localMigrations(migrationsDir = path.join(process.cwd(), "prisma", "migrations")): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(/*turbopackIgnore: true*/ migrationsDir)) return out;
  for (const entry of fs.readdirSync(/*turbopackIgnore: true*/ migrationsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = path.join(migrationsDir, entry.name, "migration.sql");
    let script: Buffer;
    try {
      script = fs.readFileSync(/*turbopackIgnore: true*/ file);
    } catch {
      return new Map([["", "unreadable"]]); // let the engine report it
    }
    out.set(entry.name, crypto.createHash("sha256").update(script).digest("hex"));
  }
  return out;
}

/** True when `rows` (of APPLIED_MIGRATIONS_SQL) record exactly `local`, all finished, none failed or rolled back. */
export function migrationsUpToDate(rows: readonly AppliedRow[], local: ReadonlyMap<string, string>): boolean {
  if (local.size === 0 || local.has("")) return false;
  const applied = new Map<string, string>();
  for (const row of rows) {
    const name = String(row.migration_name);
    if (row.rolled_back === true) continue;
    // A migration started and not finished: failed, or being applied right now by another process.
    if (row.finished !== true) return false;
    applied.set(name, String(row.checksum));
  }
  if (applied.size !== local.size) return false;
  for (const [name, checksum] of local) if (applied.get(name) !== checksum) return false;
  return true;
}

/**
 * Whether the database behind `query` needs the schema engine (false: up to date). `query` runs
 * one statement and returns its rows as objects.
 */
export async function migrationsPending(query: (sql: string) => Promise<readonly Record<string, unknown>[]>, migrationsDir?: string): Promise<boolean> {
  const present = await query(MIGRATIONS_TABLE_SQL);
  if (present[0]?.present !== true) return true;
  const rows = (await query(APPLIED_MIGRATIONS_SQL)) as readonly AppliedRow[];
  return !migrationsUpToDate(rows, localMigrations(migrationsDir));
}
