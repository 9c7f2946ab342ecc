import { afterAll, beforeAll, expect, it, vi } from "vitest";
import pg from "pg";
import type { SessionUser } from "@/lib/permissions";
import { Capacity } from "@/lib/server/capacity";
import { createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 14: downloads shed load and never truncate. Every download runs in a heavy-work slot taken
// before anything is sent (503 + Retry-After when the server is full) and held until the body has
// been sent, has failed or the client went away, then released exactly once; the database
// snapshot ends with it. A failure in the middle of a stream errors the stream (the server then
// cuts the connection without the final chunk) instead of ending it cleanly. Real databases; only
// the session is provided by the test.

// The real routes' shared capacity (heavyWork()), made small before anything reads it.
vi.hoisted(() => {
  process.env.WARDWATCH_HEAVY_CONCURRENCY = "1";
  process.env.WARDWATCH_HEAVY_QUEUE = "1";
  process.env.WARDWATCH_HEAVY_QUEUE_MS = "20";
});
const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const { serveDatabaseForTests } = await import("@/lib/db");
const { handleExport } = await import("@/lib/http/downloads");
const { heavyWork } = await import("@/lib/server/capacity");
const { GET: fileRoute } = await import("@/app/api/exports/[dataset]/route");
const { GET: reportRoute } = await import("@/app/api/exports/district-report/route");

const DISTRICT = "002";
const small = () => new Capacity("test", { concurrent: 1, queue: 0, queueTimeoutMs: 1_000, retryAfterSeconds: 7 });
const get = (path: string) => new Request(new URL(path, "http://localhost"));
const CSV = `/api/exports/venue-activity?format=csv&district=${DISTRICT}&from=2021-07-19&to=2021-08-17`;

describeOnBothDatabases("exports capacity", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;

  beforeAll(async () => {
    db = await open({ demo: true });
    serveDatabaseForTests(db);
    admin = await createTestUser(db.prisma, { role: "ADMIN" });
    state.user = admin;
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    await db?.dispose();
  });

  it("answers 503 with Retry-After, and nothing else, while every slot is taken", async () => {
    const capacity = small();
    const held = await capacity.acquire();
    const refused = await handleExport(get(CSV), "venue-activity", "file", capacity);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("7");
    expect(refused.headers.get("Content-Disposition")).toBeNull();
    expect((await refused.json()).error).toMatch(/Máy chủ đang bận/);
    held();
    // A refusal after the slot was taken (a filter the dataset does not read) gives it back.
    const refusedFilter = await handleExport(get(CSV), "rankings", "file", capacity);
    expect(refusedFilter.status).toBe(400);
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });
    const ok = await handleExport(get(`/api/exports/rankings?format=csv&district=${DISTRICT}`), "rankings", "file", capacity);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("the real routes share heavyWork(): a full server answers 503 for files and documents alike", async () => {
    expect(heavyWork().options).toMatchObject({ concurrent: 1, queue: 1 });
    const held = await heavyWork().acquire();
    try {
      const file = await fileRoute(get(CSV), { params: Promise.resolve({ dataset: "venue-activity" }) });
      expect(file.status).toBe(503);
      expect(Number(file.headers.get("Retry-After"))).toBeGreaterThan(0);
      const pdf = await reportRoute(get(`/api/exports/district-report?district=${DISTRICT}`));
      expect(pdf.status).toBe(503);
      expect(Number(pdf.headers.get("Retry-After"))).toBeGreaterThan(0);
    } finally {
      held();
    }
    const pdf = await reportRoute(get(`/api/exports/district-report?district=${DISTRICT}`));
    expect(pdf.status).toBe(200);
    expect(heavyWork().stats.running).toBe(1); // held while the document is being sent
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(heavyWork().stats).toEqual({ running: 0, waiting: 0 });
  });

  it("holds the slot while the file streams and releases it once, after the last byte", async () => {
    const capacity = small();
    const response = await handleExport(get(CSV), "venue-activity", "file", capacity);
    expect(response.status).toBe(200);
    expect(capacity.stats.running).toBe(1);
    const text = await response.text();
    expect(text.split("\r\n").length - 2).toBe(Number(response.headers.get("X-Row-Count")));
    await vi.waitFor(() => expect(capacity.stats).toEqual({ running: 0, waiting: 0 }));
    // Released once: the one slot serves the next download.
    const next = await handleExport(get(CSV), "venue-activity", "file", capacity);
    expect(next.status).toBe(200);
    await next.body?.cancel();
  });

  it("releases the slot (and ends the snapshot) when the client goes away mid-download", async () => {
    const capacity = small();
    const response = await handleExport(get(CSV), "venue-activity", "file", capacity);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    expect((await reader.read()).done).toBe(false);
    expect(capacity.stats.running).toBe(1);
    await reader.cancel();
    await vi.waitFor(() => expect(capacity.stats).toEqual({ running: 0, waiting: 0 }));
    if (db.kind === "postgres") {
      // No transaction of the export is left open on the server.
      await vi.waitFor(async () => expect(await openTransactions(db)).toBe(0));
    }
  });

  // A failure in the middle of a download on real PostgreSQL: the server ends the export's session
  // while the file streams. The body must error (the client sees a cut connection), never end.
  it("a lost database session mid-stream makes the body error, and the slot is released", async () => {
    const capacity = small();
    const response = await handleExport(get(CSV), "venue-activity", "file", capacity);
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    const first = await reader.read();
    expect(first.done).toBe(false);
    if (db.kind !== "postgres") {
      // Embedded: the rows were read whole inside the snapshot before the 200 (one connection
      // serves the whole app), so nothing can fail in the database after the first byte. The
      // stream ends with every row.
      let rows = new TextDecoder().decode(first.value).split("\r\n").length - 1;
      for (let r = await reader.read(); !r.done; r = await reader.read()) rows += new TextDecoder().decode(r.value).split("\r\n").length - 1;
      expect(rows - 1).toBe(Number(response.headers.get("X-Row-Count")));
      return;
    }
    const rowCount = Number(response.headers.get("X-Row-Count"));
    expect(rowCount).toBeGreaterThan(20_000); // several batches: most rows are still to be read
    const killed = await terminateExportSession(db);
    expect(killed).toBe(1);
    let received = 0;
    const outcome = await (async () => {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return "ended";
        received += chunk.value.byteLength;
      }
    })().catch((err: unknown) => err);
    expect(outcome).not.toBe("ended");
    expect(outcome).toBeInstanceOf(Error);
    expect(received).toBeGreaterThanOrEqual(0);
    await vi.waitFor(() => expect(capacity.stats).toEqual({ running: 0, waiting: 0 }));
  });
});

/** Sessions of the test database inside a transaction (the export's snapshot), other than ours. */
async function openTransactions(db: TestDatabase): Promise<number> {
  const [row] = await db.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pg_stat_activity
    WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`;
  return Number(row?.n ?? 0);
}

/** Ends, from outside, the server session that holds the export's snapshot. */
async function terminateExportSession(db: TestDatabase): Promise<number> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "");
  url.pathname = `/${await db.prisma.$queryRaw<{ d: string }[]>`SELECT current_database() AS d`.then((r) => r[0]?.d ?? "")}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const result = await client.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'`,
    );
    return result.rows.filter((r) => r.ok).length;
  } finally {
    await client.end();
  }
}
