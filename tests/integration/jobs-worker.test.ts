import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/open";
import { prepareEmbeddedFolder } from "../setup/databases";

// The server's job worker (lib/jobs/worker.ts) as instrumentation.ts starts it: on the database the
// process serves, it starts pg-boss and the schedules; stopping it (the shutdown's "abort" phase)
// ends pg-boss before the database is closed, and the database then closes without hanging.

const { serveDatabaseForTests } = await import("@/lib/db");
const { runningBoss, startJobWorker, stopJobWorker } = await import("@/lib/jobs/worker");

describe("the job worker's start and clean stop [embedded PGlite]", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-jobs-worker-"));
  let db: Database;
  beforeAll(async () => {
    await prepareEmbeddedFolder(dir);
    db = await openDatabase({ dataDir: dir });
    serveDatabaseForTests(db);
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("starts once, sets the schedules, stops within its deadline, then the database closes", async () => {
    startJobWorker();
    startJobWorker(); // a second call (Next.js may load instrumentation twice) starts nothing more
    const until = Date.now() + 60_000;
    while (!runningBoss() && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const boss = runningBoss();
    expect(boss).not.toBeNull();
    expect((await boss!.getSchedules()).map((s) => s.cron).sort()).toEqual(["0 2 * * *", "0 8 * * *", "30 10 * * *", "30 9 * * *"]);
    // bounded by WARDWATCH_JOBS_STOP_MS (10 s) and pg-boss's own stop; a hang fails the test's timeout
    await stopJobWorker();
    expect(runningBoss()).toBeNull();
    await db.close();
    expect(db.pglite?.closed).toBe(true);
  });
});
