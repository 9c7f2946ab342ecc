import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../scripts/cluster/cluster";
import { loadWhile } from "../../scripts/cluster/load";
import { DEMO_BA_DINH_OFFICIAL_USERNAME, DEMO_OFFICIAL_USERNAME, DEMO_PASSWORDS } from "../../prisma/seed/demo-users";
import { signIn } from "../faults/http";
import { createTestDatabase, type TestPgDatabase } from "../setup/pg-database";

// Issue 18, part 3: two WardWatch instances behind nginx on one PostgreSQL (scripts/cluster/).
// - a session obtained on instance A is valid on instance B (one NEXTAUTH_SECRET, one database);
// - the sign-in limits count attempts made on both instances together (sign_in_throttle);
// - a rolling restart (SIGTERM drain, start, next instance) under steady load through nginx loses
//   no request: every answer is the expected status, none is a 5xx or a lost connection.
// The import turn across instances is proved in tests/integration/import-cluster-turn.test.ts.
// Ports: CLUSTER_TEST_PORT (nginx, default 3460) and the next two. Builds the app when needed.

const nginxPort = Number(process.env.CLUSTER_TEST_PORT ?? 3460);
const ports = [nginxPort + 1, nginxPort + 2];

describe("several app servers behind nginx [PostgreSQL]", () => {
  let database: TestPgDatabase;
  let cluster: Cluster;

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set: the cluster test needs PostgreSQL");
    database = await createTestDatabase("ww_cluster");
    cluster = await startCluster({ databaseUrl: database.url, nginxPort, instancePorts: ports, log: (l) => console.log(`[cluster] ${l}`) });
  }, 1_500_000);

  afterAll(async () => {
    if (cluster) await cluster.stop().catch(() => cluster.kill());
    await database?.drop();
  }, 60_000);

  it("a session signed in on instance A is valid on instance B", async () => {
    const [a, b] = cluster.instances;
    if (!a || !b) throw new Error("two instances expected");
    const jar = await signIn(a.base, DEMO_OFFICIAL_USERNAME, DEMO_PASSWORDS.districtOfficial);
    const session = (await (await fetch(`${b.base}/api/auth/session`, { headers: { cookie: jar.header() } })).json()) as { user?: { username?: string } };
    expect(session.user?.username).toBe(DEMO_OFFICIAL_USERNAME);
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
      await expect(signIn(instance.base, DEMO_BA_DINH_OFFICIAL_USERNAME, "sai-mat-khau")).rejects.toThrow(/sign-in .* failed/);
    }
    // Now even the right password is refused, on either instance.
    await expect(signIn(a.base, DEMO_BA_DINH_OFFICIAL_USERNAME, DEMO_PASSWORDS.baDinhOfficial)).rejects.toThrow(/sign-in .* failed/);
    await expect(signIn(b.base, DEMO_BA_DINH_OFFICIAL_USERNAME, DEMO_PASSWORDS.baDinhOfficial)).rejects.toThrow(/sign-in .* failed/);
  });

  it("a rolling restart under load through nginx loses no request", { timeout: 600_000 }, async () => {
    const jar = await signIn(cluster.base, DEMO_OFFICIAL_USERNAME, DEMO_PASSWORDS.districtOfficial);
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
