import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";
import type { Deadlines } from "@/lib/db/deadlines";
import { openDatabase, type Database } from "@/lib/db/open";
import { createTestDatabase, type TestPgDatabase } from "./pg-database";
import { embeddedTemplate, postgresTemplate, templateRunDir, type TemplateKind } from "./templates";

// Runs a suite on both databases WardWatch supports: the embedded PGlite (always) and a real
// PostgreSQL server (when TEST_DATABASE_URL is set; a database of the suite's own is created and
// dropped). Each suite gets a database of its own, migrated: a copy of a template migrated once
// (tests/setup/templates.ts), or, with { demo: true }, of one on which loadDemo also ran once per
// run: the state `await loadDemo(db.prisma)` leaves on a fresh database. Without the integration
// project's global setup (no template folder), databases are migrated, and the demo loaded, here.

export type TestDatabase = Database & { dispose(): Promise<void> };

export type OpenTestOptions = {
  /** the demo loaded (prisma/seed/load.ts), as loadDemo does it on a fresh database */
  demo?: boolean;
  /** PostgreSQL only: deadlines other than the app's (lib/db/deadlines.ts), e.g. a longer wait for a pooled connection */
  deadlines?: Partial<Deadlines>;
};

export type OpenTestDatabase = (options?: OpenTestOptions) => Promise<TestDatabase>;

const kindOf = (options: OpenTestOptions): TemplateKind => (options.demo ? "demo" : "migrated");

/** Without templates: brings a fresh database to what the options ask (opening it migrates it). */
async function fillWithoutTemplate(open: () => Promise<Database>, options: OpenTestOptions): Promise<void> {
  const db = await open();
  try {
    if (options.demo) await (await import("@/prisma/seed/load")).loadDemo(db.prisma);
  } finally {
    await db.close();
  }
}

/**
 * Puts an embedded database, closed, into `dataDir` (a folder to be given to
 * openDatabase({ dataDir })): migrated, with the demo when asked. For tests that hand the folder
 * to a command or a child process; suites use describeOnBothDatabases' open.
 */
export async function prepareEmbeddedFolder(dataDir: string, options: OpenTestOptions = {}): Promise<void> {
  const runDir = templateRunDir();
  if (runDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.cpSync(await embeddedTemplate(kindOf(options), runDir), path.join(dataDir, "pglite"), { recursive: true });
    return;
  }
  await fillWithoutTemplate(() => openDatabase({ dataDir }), options);
}

/**
 * A PostgreSQL database of the test's own (dropped by its drop()), migrated, with the demo when
 * asked.
 */
export async function createPostgresTestDatabase(prefix: string, options: OpenTestOptions = {}): Promise<TestPgDatabase> {
  const runDir = templateRunDir();
  if (runDir) return createTestDatabase(prefix, { template: await postgresTemplate(kindOf(options), runDir) });
  const created = await createTestDatabase(prefix);
  try {
    await fillWithoutTemplate(() => openDatabase({ url: created.url, poolMax: 2 }), options);
  } catch (err) {
    await created.drop().catch(() => undefined);
    throw err;
  }
  return created;
}

async function openEmbeddedForTest(options: OpenTestOptions = {}): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-test-"));
  await prepareEmbeddedFolder(dir, options);
  // On a copy of the template, this only checks that no migration is pending (one query).
  const db = await openDatabase({ dataDir: dir });
  return {
    ...db,
    async dispose() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresForTest(prefix: string, options: OpenTestOptions = {}): Promise<TestDatabase> {
  const created = await createPostgresTestDatabase(prefix, options);
  const db = await openDatabase({ url: created.url, poolMax: 4, deadlines: options.deadlines });
  return {
    ...db,
    async dispose() {
      await db.close();
      await created.drop();
    },
  };
}

const realPostgres = process.env.TEST_DATABASE_URL;
let announced = false;

export function describeOnBothDatabases(name: string, body: (open: OpenTestDatabase) => void): void {
  describe(`${name} [embedded PGlite]`, () => body(openEmbeddedForTest));
  if (!realPostgres && !announced) {
    announced = true;
    console.warn("[integration] real PostgreSQL suites left out: TEST_DATABASE_URL is not set");
  }
  describe.skipIf(!realPostgres)(`${name} [PostgreSQL]`, () =>
    body((options) => openPostgresForTest(`ww_${name.replace(/\W+/g, "_").toLowerCase().slice(0, 20)}`, options)),
  );
}
