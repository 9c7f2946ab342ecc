import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { openDatabase } from "@/lib/db/open";
import { createTestDatabase, type TestPgDatabase } from "../setup/pg-database";
import { prepareEmbeddedFolder } from "../setup/databases";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The job queue on the app's own database. (1) Two app instances (two pg-boss instances on one
// PostgreSQL database) both register the same every-minute schedule and both work its queue: each
// minute's job is created once and run once. (2) On the embedded database, pg-boss runs on the
// app's one PGlite beside Prisma: a job sent to the digest queue is run by the worker and logged.

const { createBoss, startJobBoss } = await import("@/lib/jobs/boss");
const { JOB_QUEUES } = await import("@/lib/jobs/schedules");

async function waitFor(test: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("one schedule, two app instances [PostgreSQL]", () => {
  let created: TestPgDatabase;
  const bosses: PgBoss[] = [];
  beforeAll(async () => {
    created = await createTestDatabase("ww_jobs_once");
  });
  afterAll(async () => {
    await Promise.all(bosses.map((b) => b.stop({ graceful: false, timeout: 5_000 }).catch(() => undefined)));
    await created?.drop();
  });

  it("a job scheduled on both instances is created and run once per occurrence", async () => {
    const runs: { instance: string; id: string; minute: string }[] = [];
    const queue = "ww-test-every-minute";
    for (const instance of ["web-1", "web-2"]) {
      const boss = createBoss(
        { kind: "postgres", url: created.url },
        { instanceName: instance, boss: { cronWorkerIntervalSeconds: 1, cronMonitorIntervalSeconds: 1 } },
      );
      bosses.push(boss);
      await boss.start();
    }
    // Both instances create the queue and the schedule, as every app instance does at start.
    for (const boss of bosses) {
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { retryLimit: 2 }).catch(() => undefined);
      await boss.schedule(queue, "* * * * *", { job: "test" }, { tz: "Asia/Ho_Chi_Minh" });
    }
    for (const [i, boss] of bosses.entries()) {
      await boss.work(queue, { pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
        if (job) runs.push({ instance: `web-${i + 1}`, id: job.id, minute: job.singletonOn?.toISOString() ?? job.createdOn.toISOString().slice(0, 16) });
      });
    }
    // The current minute's occurrence comes within a few seconds; then both instances keep
    // polling and passing the cron for a while: nothing more may run for that minute.
    await waitFor(() => runs.length >= 1, 60_000);
    await new Promise((r) => setTimeout(r, 6_000));
    const minutes = new Map<string, number>();
    for (const r of runs) minutes.set(r.minute, (minutes.get(r.minute) ?? 0) + 1);
    expect([...minutes.values()].every((n) => n === 1), JSON.stringify(runs)).toBe(true);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    // one schedule row, however many instances registered it
    expect(await bosses[0]!.getSchedules(queue)).toHaveLength(1);
  });
});

describe("the job worker on the embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-jobs-"));
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let boss: PgBoss | null = null;
  beforeAll(async () => {
    await prepareEmbeddedFolder(dir);
    db = await openDatabase({ dataDir: dir });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, timeout: 5_000 }).catch(() => undefined);
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("pg-boss shares the app's PGlite with Prisma: schedules are set and a sent job runs and is logged", async () => {
    if (!db.pglite) throw new Error("embedded database expected");
    await db.prisma.jobSchedule.create({ data: { name: "digest", enabled: false, hour: 7, minute: 0 } });
    boss = await startJobBoss({ kind: "embedded", pglite: db.pglite }, db.prisma, { pollingIntervalSeconds: 0.5, channels: [] });
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual([
      [JOB_QUEUES.reminder, "0 8 * * *"],
      [JOB_QUEUES.reminder_deadline, "30 9 * * *"],
      [JOB_QUEUES.storage, "0 2 * * *"],
    ]);
    await boss.send(JOB_QUEUES.digest, { day: "2021-08-14" });
    await waitFor(async () => (await db.prisma.jobRun.count({ where: { status: { not: "running" } } })) > 0, 60_000);
    const run = await db.prisma.jobRun.findFirstOrThrow({ select: { job: true, status: true, summary: true } });
    expect(run).toMatchObject({ job: "digest", status: "succeeded" });
    // An empty database: no official to write to, said in the log.
    expect(run.summary).toContain("bản tin gửi 0 cán bộ");
  });
});
