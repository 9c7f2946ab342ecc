import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgresReachable, recheckPostgres } from "@/lib/db/health";
import { Pool } from "pg";
import { connectionConfig, endClientsOnReadTimeout } from "@/lib/db/deadlines";
import { openDatabase, type Database } from "@/lib/db/open";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { startFaultProxy, type FaultProxy } from "../faults/tcp-proxy";

// A PostgreSQL server that hangs (TCP open, nothing moving), resets connections, runs out of pooled
// connections or runs a query too long, simulated by a relay in front of the real server. Every case
// must end in an error that isDatabaseUnavailable recognises (→ 503) within its deadline, and the
// same pool must work again afterwards without a restart.

const real = process.env.TEST_DATABASE_URL;

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = Date.now();
  try {
    const value = await work();
    return { ms: Date.now() - started, value };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

/** Polls `probe` until it returns true, for at most `ms`. */
async function eventually(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe.skipIf(!real)("database deadlines and health [PostgreSQL]", () => {
  let proxy: FaultProxy;
  let db: Database;
  let url: string;

  beforeAll(async () => {
    const target = new URL(real as string);
    proxy = await startFaultProxy(target.hostname, Number(target.port || 5432));
    url = proxy.url(real as string);
    db = await openDatabase({ url, migrate: false, poolMax: 2, deadlines: { queryTimeoutMs: 1000, connectTimeoutMs: 1000 } });
  });
  afterAll(async () => {
    proxy.resume();
    proxy.reset(false);
    await db?.close();
    await proxy?.close();
  });

  it("health: a hung server is unreachable within the deadline, and reachable again once it answers", async () => {
    expect(await isPostgresReachable(url, 1000)).toBe(true);
    proxy.pause();
    try {
      const hung = await elapsed(() => eventually(async () => !(await isPostgresReachable(url, 1000)), 5000));
      expect(hung.value).toBe(true);
      expect(hung.ms).toBeLessThan(3000);
      // While the last answer was bad, callers are answered at once.
      const quick = await elapsed(() => isPostgresReachable(url, 1000));
      expect(quick.value).toBe(false);
      expect(quick.ms).toBeLessThan(50);
    } finally {
      proxy.resume();
    }
    expect(await eventually(() => isPostgresReachable(url, 1000), 5000)).toBe(true);
  });

  it("health: trouble reported elsewhere makes the next caller check instead of trusting the last answer", async () => {
    expect(await isPostgresReachable(url, 1000)).toBe(true);
    proxy.reset(true);
    try {
      // Within the time a good answer is trusted, only a report makes the gate look again.
      expect(await isPostgresReachable(url, 1000)).toBe(true);
      recheckPostgres();
      expect(await isPostgresReachable(url, 1000)).toBe(false);
    } finally {
      proxy.reset(false);
    }
    expect(await eventually(() => isPostgresReachable(url, 1000), 3000)).toBe(true);
  });

  it("says unreachable, quickly, for a port where nothing listens", async () => {
    const result = await elapsed(() => isPostgresReachable("postgres://postgres@127.0.0.1:1/none", 1000));
    expect(result.value).toBe(false);
    expect(result.ms).toBeLessThan(3000);
  });

  it("a query on a hung server fails within its deadline as 'unavailable'; the pool recovers without a restart", async () => {
    await db.prisma.$queryRaw`SELECT 1`; // a pooled connection exists before the hang
    proxy.pause();
    try {
      const hung = await elapsed(() => db.prisma.$queryRaw`SELECT 1`);
      expect(hung.error).toBeDefined();
      expect(isDatabaseUnavailable(hung.error)).toBe(true);
      expect(hung.ms).toBeLessThan(3500);
      // A transaction whose connection hangs: its connection must not go back to the pool hung.
      const tx = await elapsed(() => db.prisma.$transaction(async (t) => t.$queryRaw`SELECT 2`));
      expect(tx.error).toBeDefined();
      expect(isDatabaseUnavailable(tx.error)).toBe(true);
      expect(tx.ms).toBeLessThan(5000);
    } finally {
      proxy.resume();
    }
    // Every connection of the pool of 2 answers again (a hung one kept would fail one of these).
    const again = await Promise.all([1, 2, 3, 4].map((n) => db.prisma.$queryRaw<{ n: number }[]>`SELECT ${n}::int AS n`));
    expect(again.map((rows) => rows[0]?.n)).toEqual([1, 2, 3, 4]);
  });

  it("a transaction's connection that hung is discarded when released without an error (as @prisma/adapter-pg does)", async () => {
    const reports: string[] = [];
    const pool = new Pool({ ...connectionConfig(url, "page", { queryTimeoutMs: 500, longQueryTimeoutMs: 500, connectTimeoutMs: 1000 }), max: 1 });
    pool.on("error", () => undefined);
    endClientsOnReadTimeout(pool, { hung: (e) => reports.push(e.message), connectionLost: () => undefined });
    try {
      const client = await pool.connect();
      await client.query("BEGIN");
      proxy.pause();
      await expect(client.query("SELECT 1")).rejects.toThrow("Query read timeout");
      client.release();
      expect(reports).toEqual(["Query read timeout"]);
      expect(pool.totalCount).toBe(0); // not back in the pool, hung
    } finally {
      proxy.resume();
    }
    expect((await pool.query<{ n: number }>("SELECT 7::int AS n")).rows[0]?.n).toBe(7);
    await pool.end();
  });

  it("connections reset by the server fail as 'unavailable'; the pool reconnects", async () => {
    await db.prisma.$queryRaw`SELECT 1`;
    proxy.reset(true);
    try {
      const reset = await elapsed(() => db.prisma.$queryRaw`SELECT 1`);
      expect(isDatabaseUnavailable(reset.error)).toBe(true);
      expect(reset.ms).toBeLessThan(2000);
    } finally {
      proxy.reset(false);
    }
    expect(await eventually(async () => (await elapsed(() => db.prisma.$queryRaw`SELECT 1`)).error === undefined, 3000)).toBe(true);
  });

  it("a query that runs past statement_timeout is cancelled by the server (57014) as 'unavailable'; the connection stays usable", async () => {
    const slow = await elapsed(() => db.prisma.$queryRaw`SELECT pg_sleep(3)`);
    expect(slow.error).toBeDefined();
    expect(isDatabaseUnavailable(slow.error)).toBe(true);
    expect(slow.ms).toBeGreaterThanOrEqual(900);
    expect(slow.ms).toBeLessThan(2000);
    expect(await db.prisma.$queryRaw<{ ok: number }[]>`SELECT 1::int AS ok`).toEqual([{ ok: 1 }]);
  });

  it("an exhausted pool refuses quickly ('timeout exceeded when trying to connect') instead of queueing forever", async () => {
    // Both connections of the pool of 2 are held by transactions that wait 2 s between queries.
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const holders = [0, 1].map(() =>
      db.prisma.$transaction(
        async (t) => {
          await t.$queryRaw`SELECT 1`;
          await sleep(2000);
        },
        { maxWait: 5000, timeout: 5000 },
      ),
    );
    await sleep(300);
    const other = await elapsed(() => db.longWork.$queryRaw`SELECT 1`); // the long-work pool is separate: not blocked
    expect(other.error).toBeUndefined();
    const starved = await elapsed(() => db.prisma.$queryRaw`SELECT 1`);
    await Promise.all(holders);
    expect(starved.error).toBeDefined();
    expect(isDatabaseUnavailable(starved.error)).toBe(true);
    expect(starved.ms).toBeGreaterThanOrEqual(900);
    expect(starved.ms).toBeLessThan(1600);
  });

  it("the long-work pool lets a query run past the page deadline", async () => {
    const slow = await elapsed(() => db.longWork.$queryRaw`SELECT pg_sleep(1.5)::text`);
    expect(slow.error).toBeUndefined();
    expect(slow.ms).toBeGreaterThanOrEqual(1400);
  });
});
