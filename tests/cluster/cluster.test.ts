import crypto from "node:crypto";
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../scripts/cluster/cluster";
import { loadWhile } from "../../scripts/cluster/load";
import { openDatabase } from "@/lib/db/open";
import { createTestUser } from "../factories/users";
import { BA_DINH, HOAN_KIEM } from "../factories/units";
import { signIn } from "../faults/http";
import { createTestDatabase, type TestPgDatabase } from "../setup/pg-database";

// Issue 18, part 3: two WardWatch instances behind nginx on one PostgreSQL (scripts/cluster/).
// - a session obtained on instance A is valid on instance B (one NEXTAUTH_SECRET, one database);
// - the sign-in limits count attempts made on both instances together (sign_in_throttle);
// - a rolling restart (SIGTERM drain, start, next instance) under steady load through nginx loses
//   no request: every answer is the expected status, none is a 5xx or a lost connection.
// - an upload on B waits (its progress says "queued") while an upload on A is being read, and runs
//   once A's is done: one import at a time across instances (lib/imports/cluster-turn.ts).
// Ports: CLUSTER_TEST_PORT (nginx, default 3460) and the next two. Builds the app when needed.

const nginxPort = Number(process.env.CLUSTER_TEST_PORT ?? 3460);
const ports = [nginxPort + 1, nginxPort + 2];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST /api/imports on `base` with a body written by the caller (a file sent slowly). */
function startUpload(base: string, cookie: string, query: Record<string, string>, bytes: number) {
  const url = new URL(`${base}/api/imports?${new URLSearchParams(query)}`);
  let settle: (r: { status: number; body: string }) => void = () => undefined;
  const answered = new Promise<{ status: number; body: string }>((resolve) => (settle = resolve));
  const request = http.request(url, {
    method: "POST",
    headers: { cookie, origin: base, "content-type": "text/csv", "content-length": String(bytes) },
  });
  request.on("response", (res) => {
    let body = "";
    res.on("data", (c: Buffer) => (body += c.toString()));
    res.on("end", () => settle({ status: res.statusCode ?? 0, body }));
  });
  request.on("error", (err) => settle({ status: 0, body: err.message }));
  return { request, answered };
}

async function progressPhase(base: string, cookie: string, token: string): Promise<string | null> {
  const r = await fetch(`${base}/api/imports/progress?token=${token}`, { headers: { cookie } });
  return r.status === 200 ? ((await r.json()) as { phase: string }).phase : null;
}

describe("several app servers behind nginx [PostgreSQL]", () => {
  let database: TestPgDatabase;
  let cluster: Cluster;

  // Accounts of the test (the demo is not loaded: it would cost start-up time and is not needed).
  const account = { admin: { username: "", password: "" }, official: { username: "", password: "" }, otherOfficial: { username: "", password: "" } };

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set: the cluster test needs PostgreSQL");
    // A build made here (none current in .next) skips `next build`'s own type check, as the e2e
    // suite's; under `npm test` the build step before this suite has made it (scripts/test.ts).
    process.env.WARDWATCH_BUILD_TYPECHECK ??= "0";
    database = await createTestDatabase("ww_cluster");
    cluster = await startCluster({ databaseUrl: database.url, nginxPort, instancePorts: ports, seedDemo: false, log: (l) => console.log(`[cluster] ${l}`) });
    const db = await openDatabase({ url: database.url, migrate: false, poolMax: 2 });
    try {
      account.admin = await createTestUser(db.prisma, { role: "ADMIN" });
      account.official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
      account.otherOfficial = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: BA_DINH });
    } finally {
      await db.close();
    }
  }, 1_500_000);

  afterAll(async () => {
    if (cluster) await cluster.stop().catch(() => cluster.kill());
    await database?.drop();
  }, 60_000);

  it("a session signed in on instance A is valid on instance B", async () => {
    const [a, b] = cluster.instances;
    if (!a || !b) throw new Error("two instances expected");
    const jar = await signIn(a.base, account.official.username, account.official.password);
    const session = (await (await fetch(`${b.base}/api/auth/session`, { headers: { cookie: jar.header() } })).json()) as { user?: { username?: string } };
    expect(session.user?.username).toBe(account.official.username);
    const page = await fetch(`${b.base}/`, { headers: { cookie: jar.header() }, redirect: "manual" });
    expect(page.status).toBe(200);
    // Without the cookie B sends the visitor to the sign-in page: the 200 above was the session's.
    const anonymous = await fetch(`${b.base}/`, { redirect: "manual" });
    expect(anonymous.status).toBeGreaterThanOrEqual(300);
    expect(anonymous.headers.get("location") ?? "").toContain("/login");
  });

  it("sign-in limits count the attempts made on both instances", async () => {
    const [a, b] = cluster.instances;
    if (!a || !b) throw new Error("two instances expected");
    // 3 wrong passwords on A and 3 on B: 6 failures of one (account, address) pair, over its limit of 5.
    for (const instance of [a, b, a, b, a, b]) {
      await expect(signIn(instance.base, account.otherOfficial.username, "sai-mat-khau")).rejects.toThrow(/sign-in .* failed/);
    }
    // Now even the right password is refused, on either instance.
    await expect(signIn(a.base, account.otherOfficial.username, account.otherOfficial.password)).rejects.toThrow(/sign-in .* failed/);
    await expect(signIn(b.base, account.otherOfficial.username, account.otherOfficial.password)).rejects.toThrow(/sign-in .* failed/);
  });

  it("one import at a time across instances: B's upload waits, shown as queued, until A's is done", { timeout: 300_000 }, async () => {
    const [a, b] = cluster.instances;
    if (!a || !b) throw new Error("two instances expected");
    const cookie = (await signIn(a.base, account.admin.username, account.admin.password)).header();
    const running = async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM import WHERE status = 'RUNNING'")).rows[0]?.n ?? -1;
      } finally {
        await client.end();
      }
    };
    const head = "unit_code,day,smartphones,installs\n00037,2021-08-18,1000,400\n";
    const tail = "00040,2021-08-18,900,300\n";
    const tokenA = crypto.randomUUID();
    const tokenB = crypto.randomUUID();
    const fileA = Buffer.byteLength(head + tail);
    const uploadA = startUpload(a.base, cookie, { kind: "INSTALL_STATS", fileName: "a.csv", size: String(fileA), token: tokenA }, fileA);
    uploadA.request.write(head);
    // A holds the turn once its import row is RUNNING (the row is created after the lock is taken).
    for (let i = 0; (await running()) !== 1; i++) {
      if (i > 300) throw new Error("A's import did not start");
      await sleep(100);
    }
    const fileB = "unit_code,day,smartphones,installs\n00043,2021-08-18,700,200\n";
    const uploadB = startUpload(b.base, cookie, { kind: "INSTALL_STATS", fileName: "b.csv", size: String(Buffer.byteLength(fileB)), token: tokenB }, Buffer.byteLength(fileB));
    uploadB.request.end(fileB);
    let phaseB: string | null = null;
    for (let i = 0; phaseB !== "queued"; i++) {
      if (i > 300) throw new Error(`B was never shown as queued (last: ${phaseB})`);
      await sleep(100);
      phaseB = await progressPhase(b.base, cookie, tokenB);
    }
    // Still waiting a while later, with no import of its own started.
    await sleep(1500);
    expect(await progressPhase(b.base, cookie, tokenB)).toBe("queued");
    expect(await running()).toBe(1);
    uploadA.request.end(tail);
    const [answerA, answerB] = await Promise.all([uploadA.answered, uploadB.answered]);
    expect(answerA.status, answerA.body).toBe(200);
    expect(JSON.parse(answerA.body)).toMatchObject({ status: "SUCCEEDED", rows: 2 });
    expect(answerB.status, answerB.body).toBe(200);
    expect(JSON.parse(answerB.body)).toMatchObject({ status: "SUCCEEDED", rows: 1 });
    expect(await running()).toBe(0);
  });

  it("a rolling restart under load through nginx loses no request", { timeout: 600_000 }, async () => {
    const jar = await signIn(cluster.base, account.official.username, account.official.password);
    const targets = [
      { path: "/api/health", expect: 200 },
      { path: "/", cookie: jar.header(), expect: 200 },
      { path: "/login", expect: 200 },
      { path: "/alerts", cookie: jar.header(), expect: 200 },
    ];
    const { load, value: restarts } = await loadWhile(cluster.base, targets, 4, async () => {
      // Load on both instances first, then restart them one after the other, then a little more.
      await new Promise((r) => setTimeout(r, 2000));
      const figures = await cluster.rollingRestart((l) => console.log(`[cluster] ${l}`));
      await new Promise((r) => setTimeout(r, 2000));
      return figures;
    });
    console.log(
      `[cluster] tải qua nginx trong lúc khởi động lại lần lượt: ${load.requests} yêu cầu trong ${load.seconds.toFixed(1)} s, ` +
        `${load.failures.length} lỗi, ${load.retried} chuyển sang máy chủ khác, p95 ${load.p95Ms} ms, max ${load.maxMs} ms; ` +
        `theo máy chủ ${JSON.stringify(load.byUpstream)}; ${JSON.stringify(restarts)}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`,
    );
    if (load.failures.length > 0) console.log(`[cluster] nginx error.log:\n${cluster.nginxErrors()}`);
    expect(load.failures).toEqual([]);
    expect(restarts.map((r) => r.exitCode)).toEqual([0, 0]);
    // Both instances answered (before and after their restart), and the load was real.
    for (const port of ports) expect(load.byUpstream[`127.0.0.1:${port}`] ?? 0).toBeGreaterThan(0);
    expect(load.requests).toBeGreaterThan(20);
  });
});
