import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/lib/db/open";
import { processAlive } from "@/lib/server/process-alive";
import { loadDemo } from "@/prisma/seed/load";
import { createTestDatabase } from "./pg-database";

// Template databases, so that ~50 suites × 2 databases do not each run the 20 migrations (5–6 s
// on the embedded PGlite, 0,5 s on PostgreSQL) and, for the 16 suites on the demo, loadDemo
// (8–18 s on PGlite: thousands of rows, rollups, password hashes) again and again:
//
// - "migrated": a database at prisma/migrations/, made by the real migration code once. On the
//   embedded database a closed PGlite folder, kept across runs in .test-data/templates/, keyed by
//   a hash of the migrations and the engines' versions (nothing else decides its content); on
//   PostgreSQL a database made once per run, copied with CREATE DATABASE … TEMPLATE.
// - "demo": a copy of "migrated" on which loadDemo ran once per run (never kept across runs: the
//   demo's rows come from code that changes, prisma/seed and lib/figures).
//
// A suite gets a copy (fs.cpSync of the closed folder; CREATE DATABASE … TEMPLATE), the same bytes
// a fresh database would have after the same steps, so no test sees anything else. The migration
// code itself stays tested by the suites about it (migrations, first-run, embedded-database,
// backup…), which open fresh databases through openDatabase directly.
//
// Made on first use, not in the global setup, so running one file pays only for what it uses.
// The suite runs two files at a time: a file that needs a template another worker is making waits
// for it (makeOnce: a lock folder with the maker's pid) instead of making a second one; should two
// make one anyway (a lock taken over), one wins (an atomic rename, a name file) and the other's
// copy is thrown away. tests/setup/global-templates.ts gives the run's folder and drops the run's
// templates at the end.

export type TemplateKind = "migrated" | "demo";

const root = path.resolve(import.meta.dirname, "..", "..");

function packageVersion(name: string): string {
  const file = path.join(root, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/** What decides a migrated database's bytes: the migration scripts and the engines that run them. */
function migrationsKey(): string {
  const hash = crypto.createHash("sha256");
  const dir = path.join(root, "prisma", "migrations");
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = entry.isDirectory() ? path.join(dir, entry.name, "migration.sql") : path.join(dir, entry.name);
    hash.update(entry.name).update("\0");
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  }
  for (const name of ["@electric-sql/pglite", "prisma", "@prisma/schema-engine-wasm"]) hash.update(`${name}@${packageVersion(name)}\0`);
  return hash.digest("hex").slice(0, 16);
}

/** The run's folder (given by the global setup); without it, suites migrate fresh databases as before. */
export function templateRunDir(): string | undefined {
  const dir = process.env.WARDWATCH_TEMPLATE_RUN_DIR;
  return dir && fs.existsSync(dir) ? dir : undefined;
}

/**
 * Runs `make` unless `made()`, in one worker at a time: a worker that finds the lock folder taken
 * waits until the template is made (or the lock is gone: the maker failed, and this one tries).
 * A lock whose maker died (a run cut short) is taken over.
 */
async function makeOnce(lock: string, made: () => boolean, make: () => Promise<void>): Promise<void> {
  while (!made()) {
    try {
      fs.mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let pid = 0;
      try {
        pid = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
      } catch {
        // not written yet (or the lock is being removed)
      }
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if ((pid > 0 && !processAlive(pid)) || (!pid && age > 30_000)) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      if (!made()) await make();
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Moves a finished folder into place, unless another worker was first (then drops ours). */
function publish(tmp: string, final: string): void {
  try {
    fs.renameSync(tmp, final);
  } catch (err) {
    if (!fs.existsSync(path.join(final, "PG_VERSION"))) throw err;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs `fill` on a new embedded database made in a scratch folder, closes it, returns its pglite folder. */
async function buildEmbedded(final: string, from: string | null, fill: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>) {
  const scratch = fs.mkdtempSync(path.join(path.dirname(final), ".building-"));
  try {
    if (from) fs.cpSync(from, path.join(scratch, "pglite"), { recursive: true });
    const db = await openDatabase({ dataDir: scratch });
    try {
      await fill(db);
    } finally {
      await db.close();
    }
    publish(path.join(scratch, "pglite"), final);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The closed pglite folder of the template (made now when missing). */
export async function embeddedTemplate(kind: TemplateKind, runDir: string): Promise<string> {
  if (kind === "migrated") {
    const cache = path.join(root, ".test-data", "templates");
    fs.mkdirSync(cache, { recursive: true });
    const key = migrationsKey();
    const final = path.join(cache, `migrated-${key}`);
    await makeOnce(path.join(cache, `.lock-migrated-${key}`), () => fs.existsSync(path.join(final, "PG_VERSION")), async () => {
      await buildEmbedded(final, null, async () => undefined);
      // Templates of older migrations are of no more use: 40 MB each.
      for (const old of fs.readdirSync(cache).filter((n) => n.startsWith("migrated-") && n !== path.basename(final))) {
        fs.rmSync(path.join(cache, old), { recursive: true, force: true });
      }
    });
    return final;
  }
  const final = path.join(runDir, "demo-embedded");
  const migrated = await embeddedTemplate("migrated", runDir);
  await makeOnce(path.join(runDir, ".lock-demo-embedded"), () => fs.existsSync(path.join(final, "PG_VERSION")), async () => {
    await buildEmbedded(final, migrated, async (db) => void (await loadDemo(db.prisma)));
  });
  return final;
}

/** The name of the run's PostgreSQL template database (made now when missing). */
export async function postgresTemplate(kind: TemplateKind, runDir: string): Promise<string> {
  const nameFile = path.join(runDir, `pg-${kind}.name`);
  if (fs.existsSync(nameFile)) return fs.readFileSync(nameFile, "utf8").trim();
  const from = kind === "demo" ? await postgresTemplate("migrated", runDir) : undefined;
  await makeOnce(path.join(runDir, `.lock-pg-${kind}`), () => fs.existsSync(nameFile), () => makePostgresTemplate(kind, runDir, nameFile, from));
  return fs.readFileSync(nameFile, "utf8").trim();
}

async function makePostgresTemplate(kind: TemplateKind, runDir: string, nameFile: string, from: string | undefined): Promise<void> {
  const created = await createTestDatabase(`ww_tpl_${kind}`, { template: from });
  // Listed before it is filled, so the global teardown drops it whatever happens next.
  fs.appendFileSync(path.join(runDir, "pg-databases.txt"), `${created.name}\n`);
  const db = await openDatabase({ url: created.url, poolMax: 2 });
  try {
    if (kind === "demo") await loadDemo(db.prisma);
  } finally {
    // No session may stay on a template: CREATE DATABASE … TEMPLATE refuses while one is connected.
    await db.close();
  }
  if (fs.existsSync(nameFile)) return; // another worker was first (a lock taken over)
  const tmp = path.join(runDir, `.pg-${kind}-${crypto.randomBytes(4).toString("hex")}`);
  fs.writeFileSync(tmp, created.name);
  fs.renameSync(tmp, nameFile);
}
