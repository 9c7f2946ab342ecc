// `npm run faults`: the app against a PostgreSQL that misbehaves. Starts a fresh database, a
// pausable TCP relay in front of it (tests/faults/tcp-proxy.ts) and the real app through it
// (`scripts/start.ts`: migrate, seed the demo, build when needed into NEXT_DIST_DIR, `next start`),
// signs in through next-auth as the demo district official, then:
//   (a) hang: the relay stops moving bytes (sockets stay open). /api/health and a signed-in / must
//       answer 503 within 5 s; after resume, 200 again without a restart.
//   (b) resets under load: every connection is reset for ~5 s while clients keep asking. No
//       redirect to sign-in, no 5xx other than 503.
//   (c) burst: 100 × 30-day district venue-activity CSV + 100 × /alerts at once. Each answer is a
//       complete 200 (the CSV parses, its rows match X-Row-Count) or a 503 with Retry-After, and
//       /api/health keeps a p95 under 1 s meanwhile.
// Loopback only, bounded in time. Prints its figures and "N passed, N failed"; exits 1 on a failure.
// Environment: TEST_DATABASE_URL (admin URL of the server, default postgres://postgres@127.0.0.1:5432/postgres),
// FAULTS_PORT (default 3205), NEXT_DIST_DIR (default .next: the build npm start and the e2e suite use).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { createTestDatabase, type TestPgDatabase } from "../setup/pg-database.ts";
import { countBy, percentile, signIn, sleep, timedGet, type Jar, type Timed } from "./http.ts";
import { startFaultProxy, type FaultProxy } from "./tcp-proxy.ts";

const PORT = Number(process.env.FAULTS_PORT ?? 3205);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const DIST = process.env.NEXT_DIST_DIR || ".next";
const OFFICIAL = { username: "quan.hoankiem", password: "QuanHoanKiem@2021", district: "002" };

type Check = { name: string; ok: boolean; detail: string };
const checks: Check[] = [];
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "  ✓" : "  ✗"} ${name}: ${detail}`);
}

const isLoginRedirect = (r: Timed) => r.status !== null && r.status >= 300 && r.status < 400 && (r.location ?? "").includes("/login");
const statusKey = (r: Timed) => (r.status === null ? `no answer (${r.error ?? "?"})` : isLoginRedirect(r) ? `${r.status}→/login` : String(r.status));
const bareShell = (r: Timed) => r.status === 500 && !/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i.test(r.body ?? "");

function summarise(label: string, results: readonly Timed[]): void {
  console.log(`    ${label}: ${JSON.stringify(countBy(results, statusKey))}, p95 ${percentile(results.map((r) => r.ms), 95)} ms, max ${Math.max(0, ...results.map((r) => r.ms))} ms`);
}

async function waitForHealth(timeoutMs: number, app: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}) before it answered`);
    const r = await timedGet(BASE, "/api/health", { clock: Date.now(), timeoutMs: 5000 });
    if (r.status === 200) return;
    await sleep(1000);
  }
  throw new Error("the app did not answer /api/health in time");
}

/** Polls both paths until each answers 200; the ms it took, or null. */
async function untilHealthy(jar: Jar, clock: number, timeoutMs: number): Promise<number | null> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [health, page] = await Promise.all([
      timedGet(BASE, "/api/health", { clock, timeoutMs: 8000 }),
      timedGet(BASE, "/", { jar, clock, timeoutMs: 8000 }),
    ]);
    if (health.status === 200 && page.status === 200) return Date.now() - clock;
    await sleep(200);
  }
  return null;
}

async function scenarioHang(proxy: FaultProxy, jar: Jar): Promise<void> {
  console.log("\n(a) the database hangs: TCP open, no bytes move");
  check("(a) before: signed-in / is 200", (await timedGet(BASE, "/", { jar, clock: Date.now(), timeoutMs: 10_000 })).status === 200, "baseline");
  const clock = Date.now();
  proxy.pause();
  const pending: Promise<Timed>[] = [];
  while (Date.now() - clock < 8000) {
    pending.push(timedGet(BASE, "/api/health", { clock, timeoutMs: 15_000 }), timedGet(BASE, "/", { jar, clock, timeoutMs: 15_000 }));
    await sleep(250);
  }
  const results = await Promise.all(pending);
  const resumedAt = Date.now();
  proxy.resume();
  const recovered = await untilHealthy(jar, resumedAt, 20_000);
  const health = results.filter((r) => r.path === "/api/health");
  const page = results.filter((r) => r.path === "/");
  summarise("/api/health", health);
  summarise("/ (signed in)", page);
  const first503 = (rs: Timed[]) => Math.min(...rs.filter((r) => r.status === 503).map((r) => r.doneAt));
  check("(a) /api/health answers 503 within 5 s of the hang", first503(health) < 5000, `first 503 at ${first503(health)} ms`);
  check("(a) signed-in / answers 503 within 5 s of the hang", first503(page) < 5000, `first 503 at ${first503(page)} ms`);
  check("(a) every 503 carries Retry-After", results.every((r) => r.status !== 503 || Boolean(r.retryAfter)), "Retry-After present");
  const slowest = Math.max(...results.map((r) => r.ms));
  check("(a) no request hangs: every answer within 7 s", slowest < 7000, `slowest ${slowest} ms`);
  const other = results.filter((r) => r.status !== 200 && r.status !== 503);
  check("(a) only 200 or 503", other.length === 0, other.length ? `${other.length} others: ${JSON.stringify(countBy(other, statusKey))} (sent at ${other.map((r) => r.sentAt).join(", ")} ms)` : "none other");
  check("(a) no Next bare 500 shell", !results.some(bareShell), `${results.filter(bareShell).length} bare 500 pages`);
  check("(a) recovers without a restart", recovered !== null, recovered === null ? "still failing 20 s after resume" : `200 again ${recovered} ms after resume`);
}

async function scenarioResets(proxy: FaultProxy, jar: Jar): Promise<void> {
  console.log("\n(b) connections reset for ~5 s under load");
  const clock = Date.now();
  const results: Timed[] = [];
  let stop = false;
  const paths = ["/", "/alerts", "/api/health", "/city"];
  const worker = async (n: number) => {
    for (let i = n; !stop; i++) {
      const target = paths[i % paths.length] as string;
      results.push(await timedGet(BASE, target, { jar: target === "/api/health" ? undefined : jar, clock, timeoutMs: 15_000 }));
    }
  };
  const workers = [0, 1, 2, 3, 4, 5].map(worker);
  await sleep(3000);
  const resetAt = Date.now() - clock;
  proxy.reset(true);
  await sleep(5000);
  proxy.reset(false);
  const backAt = Date.now() - clock;
  await sleep(6000);
  stop = true;
  await Promise.all(workers);
  summarise(`all (${results.length} requests, reset ${resetAt}–${backAt} ms)`, results);
  const during = results.filter((r) => r.doneAt >= resetAt && r.sentAt <= backAt);
  summarise("answered during the resets", during);
  const logins = results.filter(isLoginRedirect);
  check("(b) no signed-in user is sent to sign-in", logins.length === 0, `${logins.length} redirects to /login`);
  const other = results.filter((r) => r.status !== 200 && r.status !== 503);
  check("(b) no 5xx other than 503 (only 200 or 503)", other.length === 0, other.length ? `${other.length}: ${JSON.stringify(countBy(other, (r) => `${r.path} ${statusKey(r)}`))}` : "none");
  check("(b) no Next bare 500 shell", !results.some(bareShell), `${results.filter(bareShell).length} bare 500 pages`);
  const after = results.filter((r) => r.sentAt > backAt + 3000);
  check("(b) healthy again within 3 s after the resets end", after.length > 0 && after.every((r) => r.status === 200), JSON.stringify(countBy(after, statusKey)));
}

async function venueRange(db: TestPgDatabase): Promise<{ from: string; to: string }> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ from: string; to: string }>(
      "SELECT to_char(max(day) - 29, 'YYYY-MM-DD') AS from, to_char(max(day), 'YYYY-MM-DD') AS to FROM venue_day_scan",
    );
    const row = rows[0];
    if (!row?.to) throw new Error("the demo has no venue scans");
    return row;
  } finally {
    await client.end();
  }
}

function csvComplete(r: Timed): { ok: boolean; rows: number } {
  try {
    const records = parse((r.body ?? "").replace(/^\uFEFF/, ""), { relax_column_count: false }) as string[][];
    const rows = records.length - 1;
    return { ok: rows >= 0 && String(rows) === r.rowCount, rows };
  } catch {
    return { ok: false, rows: -1 };
  }
}

async function scenarioBurst(jar: Jar, range: { from: string; to: string }): Promise<void> {
  console.log(`\n(c) burst: 100 × venue-activity CSV (${range.from}…${range.to}) + 100 × /alerts at once`);
  const clock = Date.now();
  const csvPath = `/api/exports/venue-activity?format=csv&district=${OFFICIAL.district}&from=${range.from}&to=${range.to}`;
  let done = false;
  const health: Timed[] = [];
  const healthLoop = (async () => {
    while (!done) {
      health.push(await timedGet(BASE, "/api/health", { clock, timeoutMs: 10_000 }));
      await sleep(100);
    }
  })();
  const burst = await Promise.all([
    ...Array.from({ length: 100 }, () => timedGet(BASE, csvPath, { jar, clock, timeoutMs: 120_000, keepBody: true })),
    ...Array.from({ length: 100 }, () => timedGet(BASE, "/alerts", { jar, clock, timeoutMs: 120_000 })),
  ]);
  done = true;
  await healthLoop;
  const csv = burst.filter((r) => r.path === csvPath);
  const alerts = burst.filter((r) => r.path === "/alerts");
  summarise("CSV", csv);
  summarise("/alerts", alerts);
  summarise("/api/health during the burst", health);
  const completeCsv = csv.filter((r) => r.status === 200 && csvComplete(r).ok);
  const rows = csvComplete(completeCsv[0] ?? ({} as Timed)).rows;
  const refused = (rs: Timed[]) => rs.filter((r) => r.status === 503 && Boolean(r.retryAfter));
  const badCsv = csv.filter((r) => !completeCsv.includes(r) && !refused(csv).includes(r));
  console.log(`    CSV: ${completeCsv.length} complete (${rows} rows each), ${refused(csv).length} × 503, ${badCsv.length} broken`);
  check(
    "(c) every CSV is complete (rows = X-Row-Count) or a 503 with Retry-After",
    badCsv.length === 0,
    badCsv.length ? `${badCsv.length} broken: ${JSON.stringify(countBy(badCsv, (r) => (r.status === 200 ? `200 incomplete (${csvComplete(r).rows} of ${r.rowCount ?? "?"} rows)` : statusKey(r))))}` : "all whole or refused",
  );
  const badAlerts = alerts.filter((r) => r.status !== 200 && !(r.status === 503 && r.retryAfter));
  check("(c) every /alerts is a 200 or a 503 with Retry-After", badAlerts.length === 0, badAlerts.length ? `${badAlerts.length}: ${JSON.stringify(countBy(badAlerts, statusKey))}` : "all 200 or 503");
  check("(c) no signed-in user is sent to sign-in", !burst.some(isLoginRedirect), `${burst.filter(isLoginRedirect).length} redirects to /login`);
  const p95 = percentile(health.map((r) => r.ms), 95);
  check("(c) /api/health p95 < 1 s during the burst", p95 < 1000 && health.every((r) => r.status === 200), `p95 ${p95} ms over ${health.length} checks, ${JSON.stringify(countBy(health, statusKey))}`);
}

function startApp(databaseUrl: string, dataDir: string): ChildProcess {
  fs.mkdirSync(dataDir, { recursive: true });
  const log = fs.openSync(path.join(dataDir, "app.log"), "a");
  console.log(`[faults] app log: ${path.join(dataDir, "app.log")}`);
  return spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      NEXT_DIST_DIR: DIST,
      WARDWATCH_DATA_DIR: dataDir,
      NEXTAUTH_URL: BASE,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", log, log],
    detached: true, // its own process group, so `next start` goes down with it
  });
}

async function main(): Promise<number> {
  process.env.TEST_DATABASE_URL = ADMIN_URL;
  const started = Date.now();
  const db = await createTestDatabase("faults");
  const target = new URL(ADMIN_URL);
  const proxy = await startFaultProxy(target.hostname, Number(target.port || 5432));
  const dataDir = path.resolve(".test-data", `faults-${process.pid}`);
  const app = startApp(proxy.url(db.url), dataDir);
  try {
    await waitForHealth(15 * 60_000, app);
    console.log(`[faults] app ready on ${BASE} after ${Math.round((Date.now() - started) / 1000)} s (database through the relay on port ${proxy.port})`);
    const jar = await signIn(BASE, OFFICIAL.username, OFFICIAL.password);
    await scenarioHang(proxy, jar);
    await scenarioResets(proxy, jar);
    await scenarioBurst(jar, await venueRange(db));
  } catch (err) {
    check("the suite ran to the end", false, err instanceof Error ? err.message : String(err));
  } finally {
    if (app.pid && app.exitCode === null) {
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await sleep(1000);
    await proxy.close();
    await db.drop().catch((err: unknown) => console.error("[faults] could not drop the database:", err));
  }
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`\nfaults: ${checks.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
