import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";
import { openDatabase, type Database } from "@/lib/db/open";
import { createTestDatabase } from "./pg-database";

// Runs a suite on both databases WardWatch supports: the embedded PGlite (always) and a real
// PostgreSQL server (when TEST_DATABASE_URL is set; a database of the suite's own is created and
// dropped). Each suite gets a fresh, migrated database.

export type TestDatabase = Database & { dispose(): Promise<void> };

async function openEmbeddedForTest(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-test-"));
  const db = await openDatabase({ dataDir: dir });
  return {
    ...db,
    async dispose() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresForTest(prefix: string): Promise<TestDatabase> {
  const created = await createTestDatabase(prefix);
  const db = await openDatabase({ url: created.url, poolMax: 4 });
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

export function describeOnBothDatabases(name: string, body: (open: () => Promise<TestDatabase>) => void): void {
  describe(`${name} [embedded PGlite]`, () => body(openEmbeddedForTest));
  if (!realPostgres && !announced) {
    announced = true;
    console.warn("[integration] real PostgreSQL suites left out: TEST_DATABASE_URL is not set");
  }
  describe.skipIf(!realPostgres)(`${name} [PostgreSQL]`, () =>
    body(() => openPostgresForTest(`ww_${name.replace(/\W+/g, "_").toLowerCase().slice(0, 20)}`)),
  );
}
