import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OverloadedError } from "@/lib/errors";
import { openDatabase, type Database } from "@/lib/db/open";
import type { ImportProgress } from "@/lib/domain/imports/progress";
import { clusterSlotKey, refuseClusterWaits, takeClusterTurn } from "@/lib/imports/cluster-turn";
import { openImportSession, type ImportDatabase, type ImportSession } from "@/lib/imports/session";
import { runImport } from "@/lib/imports/run";
import type { TestPgDatabase } from "../setup/pg-database";
import { createPostgresTestDatabase } from "../setup/databases";
import { chunksOf, tempReportDir } from "../setup/imports";
import { installText } from "../factories/import-files";
import { DONG_XUAN, HANG_MA, seedUnits } from "../factories/units";

// Several app servers on one PostgreSQL (issue 18, part 3): one import at a time across all of
// them. Each "server" here is what a server has: its own connection for the import
// (openImportSession). While another holds the cluster's import slot, an import reports the
// queued phase (the admin sees "Đang chờ lần nhập khác xong"), creates no import row and reads
// nothing; it starts when the other's connection ends, and a server that stops refuses it (503).

describe.skipIf(!process.env.TEST_DATABASE_URL)("imports take turns across servers [PostgreSQL]", () => {
  let created: TestPgDatabase;
  let db: Database;
  let target: ImportDatabase;
  const sessions: ImportSession[] = [];
  const session = async () => {
    const s = await openImportSession(target);
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    created = await createPostgresTestDatabase("ww_cluster_turn");
    db = await openDatabase({ url: created.url, poolMax: 4 });
    await seedUnits(db.prisma);
    target = { kind: "postgres", prisma: db.prisma, url: created.url };
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await db?.close();
    await created?.drop();
  });

  it("a second server waits for the slot and gets it when the first one's connection ends", async () => {
    const serverA = await session();
    const serverB = await session();
    expect(await takeClusterTurn(serverA.exec, { slots: 1 })).toBe(clusterSlotKey(0));
    let waited = 0;
    let gotIt = false;
    const b = takeClusterTurn(serverB.exec, { slots: 1, pollMs: 50, onWaiting: () => waited++ }).then((key) => {
      gotIt = true;
      return key;
    });
    // B polls several times while A holds the slot.
    await new Promise((r) => setTimeout(r, 400));
    expect(waited).toBe(1);
    expect(gotIt).toBe(false);
    await serverA.close();
    expect(await b).toBe(clusterSlotKey(0));
    await serverB.close();
  });

  it("with two slots two servers import at once and a third waits", async () => {
    const [a, b, c] = [await session(), await session(), await session()];
    expect(await takeClusterTurn(a.exec, { slots: 2 })).toBe(clusterSlotKey(0));
    expect(await takeClusterTurn(b.exec, { slots: 2 })).toBe(clusterSlotKey(1));
    let waited = false;
    const third = takeClusterTurn(c.exec, { slots: 2, pollMs: 50, onWaiting: () => (waited = true) });
    await new Promise((r) => setTimeout(r, 200));
    expect(waited).toBe(true);
    await b.close();
    expect(await third).toBe(clusterSlotKey(1));
    await a.close();
    await c.close();
  });

  it("an import waits, shown as queued with no row written, while another server imports; then runs", async () => {
    const other = await session();
    await takeClusterTurn(other.exec, { slots: 1 });
    const progress: ImportProgress[] = [];
    const text = installText([
      { unitCode: DONG_XUAN, day: "2021-08-20", smartphones: 1000, installs: 400 },
      { unitCode: HANG_MA, day: "2021-08-20", smartphones: 800, installs: 300 },
    ]);
    let bytesPulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunksOf(text)) {
        bytesPulled += chunk.length;
        yield chunk;
      }
    }
    const running = runImport(
      target,
      { kind: "INSTALL_STATS", fileName: "cho-may-khac.csv", source: counted(), bytesTotal: null },
      { today: "2021-08-31", config: { reportDir: tempReportDir(), concurrency: 1 }, onProgress: (p) => progress.push(p), progressIntervalMs: 0 },
    );
    const until = Date.now() + 30_000;
    while (!progress.some((p) => p.phase === "queued") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1200));
    expect(progress.map((p) => p.phase)).toEqual(["queued"]);
    expect(progress[0]?.queuePosition).toBeNull();
    expect(bytesPulled).toBe(0);
    expect(await db.prisma.import.count()).toBe(0);

    await other.close();
    const result = await running;
    expect(result.status).toBe("SUCCEEDED");
    expect(result.rows).toBe(2);
    expect(progress.at(-1)?.phase).not.toBe("queued");
  });

  it("a server that stops refuses the imports waiting for another server (503 with Retry-After)", async () => {
    const [holder, waiter] = [await session(), await session()];
    await takeClusterTurn(holder.exec, { slots: 1 });
    const waiting = takeClusterTurn(waiter.exec, { slots: 1, pollMs: 50 }).then(
      () => null,
      (err: unknown) => err,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(refuseClusterWaits()).toBe(1);
    const err = await waiting;
    expect(err).toBeInstanceOf(OverloadedError);
    expect((err as OverloadedError).retryAfterSeconds).toBeGreaterThan(0);
    await holder.close();
    await waiter.close();
  });
});
