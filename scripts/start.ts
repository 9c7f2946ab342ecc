// `npm start`: prepare the database, build the app when needed, then serve it.
// 1. open the database (embedded PGlite in ./.data unless DATABASE_URL is set) and migrate it;
// 2. load the country's unit tree (reference data, every start; cheap when unchanged); on an empty
//    database, load the demo district (WARDWATCH_SEED_DEMO=0 turns this off);
//    when no admin exists, print how to create the first one (npm run admin:create, or a one-time /setup link);
// 3. close it again, so the server is the only one holding the embedded folder;
// 4. run `next build` when there is no build or the sources are newer than it;
// 5. serve it on PORT (default 3000): scripts/serve.ts, Next's own request handler behind a screen
//    for malformed requests, with the socket's address stamped for the sign-in limits.
// Steps 1–3 run in a child process (`start.ts --prepare`) and step 4 in another (`next build`):
// Prisma, PGlite, the demo data and the bundler never load into this process. Step 5 then runs IN
// this process (scripts/serve.ts is imported): Node cannot exec() itself, and a parent waiting
// beside a server child stayed resident for nothing (issue 15), so the process that started is the
// server, and nothing of the start-up work stays loaded in it. Until then SIGTERM/SIGINT are
// forwarded to the running child; once serving, the server's graceful shutdown takes them
// (instrumentation.ts, lib/server/shutdown.ts): in-flight requests get
// WARDWATCH_SHUTDOWN_DEADLINE_MS (25 s), the database is closed, exit 0.
// `start.ts --build-only` builds when needed and exits (the benchmarks build this way).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { processAlive } from "../lib/server/process-alive.ts";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** How to create the first admin, printed once the server starts (so a long build does not bury it). */
let firstRunLines: string[] = [];

async function prepareDatabase(): Promise<void> {
  // Loaded here, in the --prepare child only (see the top of this file).
  const { openDatabase } = await import("../lib/db/open.ts");
  const { dataDirectory, readEnv } = await import("../lib/env.ts");
  const { loadReferenceUnits } = await import("../lib/figures/reference-units.ts");
  const { repairRollupsWithoutPartCounts } = await import("../lib/figures/rollups.ts");
  const { firstRunInstructions, hasActiveAdmin, issueSetupToken } = await import("../lib/auth/first-run.ts");
  const { recoverStaleImports } = await import("../lib/imports/recovery.ts");
  const { loadDemo } = await import("../prisma/seed/load.ts");
  const { refreshStatisticsAtStart } = await import("../lib/db/planner-statistics.ts");
  const env = readEnv();
  const started = Date.now();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: dataDirectory(env) });
  try {
    console.log(`[start] Cơ sở dữ liệu: ${db.kind === "embedded" ? "nhúng (PGlite) tại" : "PostgreSQL"} ${db.location}`);
    const fresh = (await db.prisma.unit.count()) === 0;
    // The country's unit tree is reference data: loaded (or checked unchanged) on every start.
    const reference = await loadReferenceUnits(db.prisma);
    console.log(
      `[start] Danh mục đơn vị hành chính: ${reference.units} đơn vị` +
        (reference.loaded ? `, đã ghi ${reference.written}` : ", không đổi") +
        ` (${Math.round(reference.ms)} ms).`,
    );
    let seeded = false;
    if (fresh && env.WARDWATCH_SEED_DEMO === "1") {
      console.log("[start] Cơ sở dữ liệu trống: đang nạp dữ liệu mẫu quận Hoàn Kiếm…");
      seeded = (await loadDemo(db.prisma, { log: (m) => console.log(`[seed] ${m}`) })).loaded;
    }
    // An import cut off by a crash (kill -9, power loss) is marked failed before anyone can see it as running.
    await recoverStaleImports(db.prisma, { log: (m) => console.log(`[start] ${m}`) });
    // Sums written by an earlier version do not say how many wards they hold: count them again.
    const repaired = await repairRollupsWithoutPartCounts(db.prisma);
    if (repaired) console.log(`[start] Đã tính lại số liệu tổng hợp từ ${repaired.from} đến ${repaired.to}.`);
    // The embedded database has no autovacuum: without statistics its planner picks plans that
    // take seconds instead of milliseconds (lib/db/planner-statistics.ts).
    const pglite = db.pglite;
    if (pglite) {
      const refreshed = await refreshStatisticsAtStart(async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows, {
        // the demo's seed analyzes what it wrote (prisma/seed/load.ts)
        wroteInBulk: !seeded && (reference.loaded || Boolean(repaired)),
      });
      if (refreshed) console.log(`[start] Đã cập nhật thống kê cho bộ lập kế hoạch truy vấn (${Math.round(refreshed.ms)} ms).`);
    }
    // No administrator yet (started without the demo): how to create the first one, with a one-time link.
    if (!(await hasActiveAdmin(db.prisma))) {
      const setup = await issueSetupToken(db.prisma);
      const base = (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? "3000"}`).replace(/\/+$/, "");
      firstRunLines = firstRunInstructions({ url: `${base}/setup?token=${setup.token}`, expiresAt: setup.expiresAt }, db.kind);
    }
    console.log(`[start] Cơ sở dữ liệu sẵn sàng sau ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

const DEADLINE_MS = Number(process.env.WARDWATCH_SHUTDOWN_DEADLINE_MS) || 25_000;
/** The child running now (prepare, build or server): signals go to it. */
let current: ChildProcess | null = null;
let stopping: NodeJS.Signals | null = null;

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = signal;
  if (!current) process.exit(0);
  console.log(`[start] ${signal}: đang dừng máy chủ (tối đa ${Math.round(DEADLINE_MS / 1000)} s)…`);
  current.kill(signal);
  // The server has its own deadline; this one only covers a server that stopped answering signals.
  setTimeout(() => current?.kill("SIGKILL"), DEADLINE_MS + 10_000).unref();
}

/** Runs a child to its end; resolves with its exit code (a child killed by a signal counts as 1). */
function runChild(args: string[], env: NodeJS.ProcessEnv, onMessage?: (m: unknown) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["inherit", "inherit", "inherit", "ipc"], env });
    current = child;
    if (onMessage) child.on("message", onMessage);
    child.on("exit", (code) => {
      current = null;
      resolve(code ?? 1);
    });
  });
}

const BUILD_SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.js", "package-lock.json", "postcss.config.mjs"];

/** Whether the build in `distDir` is at least as new as every source. */
function buildIsCurrent(distDir: string): boolean {
  const buildId = path.join(distDir, "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  return builtAt > 0 && Math.max(...BUILD_SOURCES.map(newestMtime)) <= builtAt;
}

/**
 * One build at a time into a folder: a lock file beside it (`.next.build-lock`, holding the
 * builder's pid). Two starts at once (the integration suite runs two files at a time, and the
 * shutdown test and the cluster test both start the app) would otherwise run two `next build`s
 * into the same folder and break both; the second now waits, then finds the build current. A
 * lock left by a process that died is taken over.
 */
async function takeBuildLock(distDir: string): Promise<() => void> {
  const lock = `${distDir.replace(/[\\/]+$/, "")}.build-lock`;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      const release = () => fs.rmSync(lock, { force: true });
      // process.exit (a failed build, a signal) skips `finally`: the lock goes with the process.
      process.once("exit", release);
      return () => {
        process.off("exit", release);
        release();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let text: string | null = null;
    try {
      text = fs.readFileSync(lock, "utf8").trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    if (text === null) continue; // released just now: try again
    const holder = Number(text);
    if (!Number.isInteger(holder) || holder <= 0 || !processAlive(holder)) {
      // Created a moment ago and not yet holding a pid (wait), or left by a process that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (holder > 0 || age > 5000) fs.rmSync(lock, { force: true });
    } else if (!announced) {
      announced = true;
      console.log(`[start] Một tiến trình khác (pid ${holder}) đang build vào ${distDir}: chờ nó xong…`);
    }
    await new Promise((r) => setTimeout(r, 500)); // a signal meanwhile ends this process (onSignal)
  }
}

async function buildIfNeeded(): Promise<void> {
  const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
  if (buildIsCurrent(distDir)) return;
  const release = await takeBuildLock(distDir);
  try {
    // Another start may have built it while this one waited for the lock.
    if (buildIsCurrent(distDir)) return;
    console.log("[start] Đang build ứng dụng (lần đầu mất khoảng 1 phút)…");
    // Always a production build, whatever NODE_ENV the caller runs under (a test runner sets "test",
    // which would make next.config.js build the development CSP).
    const status = await runChild([nextBin, "build"], { ...process.env, NODE_ENV: "production" });
    if (status !== 0 || stopping) {
      if (!stopping) console.error("[start] Build thất bại.");
      process.exit(stopping ? 0 : status);
    }
  } finally {
    release();
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--prepare")) {
    await prepareDatabase();
    process.send?.({ firstRunLines });
    return;
  }
  const forward = { SIGINT: () => onSignal("SIGINT"), SIGTERM: () => onSignal("SIGTERM") };
  for (const [signal, handler] of Object.entries(forward)) process.on(signal, handler);
  // The benchmarks build the way `npm start` does, without a database or a server.
  if (process.argv.includes("--build-only")) return buildIfNeeded();
  const script = process.argv[1] ?? "scripts/start.ts";
  // The same file again, with the same loader flags (tsx), in prepare mode.
  const prepared = await runChild([...process.execArgv, script, "--prepare"], process.env, (m) => {
    const lines = (m as { firstRunLines?: unknown }).firstRunLines;
    if (Array.isArray(lines)) firstRunLines = lines.map(String);
  });
  if (prepared !== 0 || stopping) process.exit(stopping ? 0 : prepared);
  await buildIfNeeded();
  const port = process.env.PORT ?? "3000";
  console.log(`[start] WardWatch chạy tại http://localhost:${port}`);
  for (const line of firstRunLines) console.log(`[start] ${line}`);
  // This process becomes the server: the signals go to its graceful shutdown (instrumentation.ts,
  // registered while Next prepares), no longer forwarded to a child.
  for (const [signal, handler] of Object.entries(forward)) process.off(signal, handler);
  process.env.PORT = port;
  process.env.NEXT_MANUAL_SIG_HANDLE = "1";
  await import("./serve.ts");
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
