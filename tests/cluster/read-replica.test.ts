import os from "node:os";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openDatabase, type Database } from "@/lib/db/open";
import { serveDatabaseForTests } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import { createTestDatabase, type TestPgDatabase } from "../setup/pg-database";
import { createTestUser } from "../factories/users";
import { seedUnits } from "../factories/units";
import { startReplica, type Replica } from "./replica";

// Issue 18, part 4: a streaming replica built here (pg_basebackup of 127.0.0.1:5432 into a temp
// directory, a hot standby on REPLICA_TEST_PORT, default 3470). With DATABASE_READ_URL set:
// - the readers of dashboards and downloads (getReadPrisma / getReadDatabase) read the standby;
// - an admin who saves a setting through the server action reads the saved value at once, even
//   while the standby's replay is paused (the write's WAL position is in a cookie; the standby has
//   not replayed it, so that browser's reads go to the primary), while another browser still sees
//   the standby's older value; once the standby has replayed it, the author reads the standby again;
// - a standby that cannot be reached sends reads to the primary.
// Prints the base backup's time and the replication lag of 20 writes, with the load average.

const cookieJar = new Map<string, string>();
const viewer: { user: SessionUser | null } = { user: null };
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", origin: "http://localhost:3000" }),
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined),
    set: (name: string, value: string) => void cookieJar.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => viewer.user, getPasswordChangeAccount: async () => null }));

const { getReadPrisma, getReadDatabase, routeRead, replicaHasReplayed, closeReadReplica, WRITTEN_LSN_COOKIE } = await import("@/lib/db-read");
const { updatePreferredSourceAction } = await import("@/lib/actions/settings");
const { getPreferredSource } = await import("@/lib/figures/settings");
const { openExport } = await import("@/lib/data/exports");

/** Rows of the audit-log download as `viewer.user` gets it now (read from one snapshot). */
async function auditDownloadRows(): Promise<number> {
  if (!viewer.user) throw new Error("no viewer");
  const table = await openExport(viewer.user, { dataset: "audit", filters: {} });
  let rows = 0;
  try {
    for await (const _row of table.rows) rows++;
  } finally {
    await table.close();
  }
  return rows;
}

const port = Number(process.env.REPLICA_TEST_PORT ?? 3470);
const inRecovery = async (client: PrismaClient) => (await client.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]?.r;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a streaming read replica [PostgreSQL]", () => {
  let created: TestPgDatabase;
  let primary: Database;
  let replica: Replica;
  let standby: Database;
  const saved = { env: { ...process.env } };

  beforeAll(async () => {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error("TEST_DATABASE_URL is not set: the replica test needs PostgreSQL");
    replica = await startReplica({ primaryUrl: admin, port });
    console.log(`[replica] pg_basebackup ${replica.baseBackupMs} ms; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    // Created after the copy: the database reaches the standby by replication, as later writes do.
    created = await createTestDatabase("ww_replica");
    primary = await openDatabase({ url: created.url, poolMax: 4 });
    await seedUnits(primary.prisma);
    process.env.DATABASE_URL = created.url;
    process.env.DATABASE_READ_URL = replica.url(created.name);
    serveDatabaseForTests(primary);
    standby = await openDatabase({ url: replica.url(created.name), migrate: false, poolMax: 2 });
    viewer.user = await createTestUser(primary.prisma, { role: "ADMIN" });
    // Every test starts with the standby holding all of the above.
    await caughtUp(await primaryLsn());
  }, 400_000);

  afterAll(async () => {
    process.env = saved.env;
    serveDatabaseForTests(null);
    await closeReadReplica();
    await standby?.close();
    await primary?.close();
    await replica?.stop();
    await created?.drop();
  }, 60_000);

  const caughtUp = async (lsn: string) => {
    // The standby replays the WAL of the whole server: other suites' work too.
    const until = Date.now() + 180_000;
    // An error (the database not yet created on the standby) counts as "not yet".
    while (!(await replicaHasReplayed(standby.prisma, lsn).catch(() => false))) {
      if (Date.now() > until) throw new Error(`the standby did not replay ${lsn}:\n${replica.log()}`);
      await sleep(20);
    }
  };
  const primaryLsn = async () => (await primary.prisma.$queryRaw<{ l: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS l`)[0]?.l ?? "";

  it("reads of dashboards and downloads go to the standby; writes stay on the primary", async () => {
    cookieJar.clear();
    await caughtUp(await primaryLsn());
    expect(await inRecovery(await getReadPrisma())).toBe(true);
    const download = await getReadDatabase();
    expect(download.kind).toBe("postgres");
    expect(await inRecovery(download.prisma)).toBe(true);
    expect(await inRecovery(primary.prisma)).toBe(false);
    // The standby refuses writes: nothing may be sent there by mistake.
    await expect(standby.prisma.$executeRaw`INSERT INTO setting (key, value) VALUES ('x', '"y"'::jsonb)`).rejects.toThrow(/read-only/);
  });

  it("the author of a write reads it at once, even while the standby is behind; others see the standby", async () => {
    cookieJar.clear();
    expect(await getPreferredSource(await getReadPrisma())).toBe("IMPORT");
    await standby.prisma.$executeRaw`SELECT pg_wal_replay_pause()`;
    try {
      const result = await updatePreferredSourceAction({ preferred: "WARD_REPORT" });
      expect(result).toMatchObject({ ok: true });
      const lsn = cookieJar.get(WRITTEN_LSN_COOKIE);
      expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

      // The standby really is behind: it still has the old value.
      expect(await getPreferredSource(standby.prisma)).toBe("IMPORT");
      // The author (cookie) reads from the primary and sees the saved value.
      const route = await routeRead(lsn ?? null);
      expect(route).toMatchObject({ source: "primary", reason: "behind" });
      expect(await getPreferredSource(await getReadPrisma())).toBe("WARD_REPORT");
      expect(await inRecovery(await getReadPrisma())).toBe(false);
      // Downloads too: the author's audit-log download has the change's entry.
      expect(await auditDownloadRows()).toBe(1);
      // Another browser (no cookie) reads the standby, a moment behind: no entry yet (an empty
      // audit log is refused with its reason).
      const mine = new Map(cookieJar);
      cookieJar.clear();
      expect(await inRecovery(await getReadPrisma())).toBe(true);
      expect(await getPreferredSource(await getReadPrisma())).toBe("IMPORT");
      await expect(auditDownloadRows()).rejects.toThrow(/chưa có mục nào/);
      for (const [k, v] of mine) cookieJar.set(k, v);
    } finally {
      await standby.prisma.$executeRaw`SELECT pg_wal_replay_resume()`;
    }
    // Once replayed, the author reads the standby again, with the saved value.
    await caughtUp(cookieJar.get(WRITTEN_LSN_COOKIE) ?? "");
    expect((await routeRead(cookieJar.get(WRITTEN_LSN_COOKIE) ?? null)).source).toBe("replica");
    expect(await inRecovery(await getReadPrisma())).toBe(true);
    expect(await getPreferredSource(await getReadPrisma())).toBe("WARD_REPORT");
    expect(await auditDownloadRows()).toBe(1);
  });

  it("replication lag of 20 small writes (figures printed for the README)", async () => {
    const lags: number[] = [];
    for (let i = 0; i < 20; i++) {
      await primary.prisma.$executeRaw`INSERT INTO setting (key, value) VALUES ('replica.lag', ${JSON.stringify(i)}::jsonb)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`;
      const lsn = await primaryLsn();
      const t = performance.now();
      await caughtUp(lsn);
      lags.push(performance.now() - t);
    }
    lags.sort((a, b) => a - b);
    const p50 = lags[9] ?? 0;
    const max = lags.at(-1) ?? 0;
    console.log(`[replica] độ trễ sao chép của 20 lần ghi: trung vị ${p50.toFixed(1)} ms, lớn nhất ${max.toFixed(1)} ms; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    expect(lags).toHaveLength(20);
  });

  it("a standby that cannot be reached sends reads to the primary", async () => {
    cookieJar.clear();
    await closeReadReplica();
    process.env.DATABASE_READ_URL = "postgres://postgres@127.0.0.1:1/nowhere";
    try {
      const route = await routeRead(null);
      expect(route).toMatchObject({ source: "primary", reason: "unreachable" });
      expect(await inRecovery(route.database.prisma)).toBe(false);
    } finally {
      await closeReadReplica();
      process.env.DATABASE_READ_URL = replica.url(created.name);
    }
  });
});
