import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { createTestDatabase, type TestPgDatabase } from "../setup/pg-database";

// A WardWatch server of its own for the onboarding test (tests/e2e/onboarding.spec.ts), started
// the way an operator starts a new installation: `npx tsx scripts/start.ts` with
// WARDWATCH_SEED_DEMO=0, on a free port, with a data folder of its own (auth secret, import
// reports), against either a freshly created PostgreSQL database (TEST_DATABASE_URL's server) or
// the embedded database in that folder. It does not use the main e2e suite's server
// (playwright.config.ts, the demo on the embedded database).
//
// The build: scripts/start.ts builds into NEXT_DIST_DIR when the sources are newer than it. The
// main folder `.next` is reused when it is up to date (under `npm test`, the main suite's server
// has just built it), so CI builds once; otherwise the app is built once into `.next-onboarding`
// (git-ignored, kept for the next run), and the entries `next build` adds for that folder to
// tsconfig.json (and next-env.d.ts) are taken out again.

const ROOT = process.cwd();
const MAIN_DIST = ".next";
const OWN_DIST = ".next-onboarding";
/** The sources scripts/start.ts compares with the build (keep in step with buildIfNeeded there). */
const BUILD_SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.js", "package-lock.json", "postcss.config.mjs"];

export type OnboardingDatabase = "postgres" | "embedded";

export type OnboardingServer = {
  url: string;
  port: number;
  database: OnboardingDatabase;
  /** the PostgreSQL database the server uses (for `npm run admin:create`); "" on the embedded one (in dataDir) */
  databaseUrl: string;
  dataDir: string;
  distDir: string;
  /** everything the server printed so far (stdout and stderr) */
  log(): string;
  /** stops the server (its whole process group), drops the PostgreSQL database, removes the data folder */
  stop(): Promise<void>;
};

function newestMtime(entry: string): number {
  const full = path.join(ROOT, entry);
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

/** Whether a build folder is at least as new as every source (scripts/start.ts's rule). */
export function buildIsUpToDate(distDir: string): boolean {
  const buildId = path.join(ROOT, distDir, "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return Math.max(...BUILD_SOURCES.map(newestMtime)) <= builtAt;
}

/** ONBOARDING_DIST_DIR if set; else `.next` when up to date; else `.next-onboarding` (built there if needed). */
export function chooseDistDir(): string {
  const chosen = process.env.ONBOARDING_DIST_DIR;
  if (chosen) return chosen;
  return buildIsUpToDate(MAIN_DIST) ? MAIN_DIST : OWN_DIST;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

type Snapshot = { file: string; text: string | null };

function snapshot(file: string): Snapshot {
  const full = path.join(ROOT, file);
  return { file: full, text: fs.existsSync(full) ? fs.readFileSync(full, "utf8") : null };
}

/**
 * Takes out what `next build` with NEXT_DIST_DIR=.next-onboarding added to tsconfig.json's include
 * (".next-onboarding/types/**\/*.ts", …): the file as it was when nothing else changed, else the
 * current content without those entries (someone else's change is kept).
 */
function restoreTsconfig(before: Snapshot, distDir: string): void {
  if (before.text === null || !fs.existsSync(before.file)) return;
  const now = fs.readFileSync(before.file, "utf8");
  if (now === before.text) return;
  type TsConfig = { include?: unknown[] } & Record<string, unknown>;
  let current: TsConfig;
  let original: TsConfig;
  try {
    current = JSON.parse(now) as TsConfig;
    original = JSON.parse(before.text) as TsConfig;
  } catch {
    return; // not plain JSON any more: leave it to a person
  }
  const ours = (entry: unknown) => typeof entry === "string" && (entry.startsWith(`${distDir}/`) || entry.startsWith(`./${distDir}/`));
  if (!Array.isArray(current.include) || !current.include.some(ours)) return;
  const cleaned: TsConfig = { ...current, include: current.include.filter((e) => !ours(e)) };
  fs.writeFileSync(before.file, isDeepStrictEqual(cleaned, original) ? before.text : `${JSON.stringify(cleaned, null, 2)}\n`);
}

/** next-env.d.ts (git-ignored) points at the last build's route types: put back the main build's. */
function restoreNextEnv(before: Snapshot, distDir: string): void {
  if (before.text === null || !fs.existsSync(before.file)) return;
  const now = fs.readFileSync(before.file, "utf8");
  if (now !== before.text && now.includes(`./${distDir}/`)) fs.writeFileSync(before.file, before.text);
}

async function healthy(url: string, database: OnboardingDatabase): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    if (res.status !== 200) return false;
    const body = (await res.json()) as { status?: string; database?: string };
    return body.status === "ok" && body.database === database;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM to the server's process group (npx → tsx → scripts/start.ts → next start), SIGKILL after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // the group is gone already
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await gone;
  clearTimeout(timer);
  // `next start` may outlive its parent by a moment: make sure the group is gone
  signal("SIGKILL");
}

/**
 * Creates the database (PostgreSQL: a new database on TEST_DATABASE_URL's server; embedded: an
 * empty data folder), starts the server and waits until /api/health answers from that database
 * (after the build, when one is needed: up to `timeoutMs`). Throws with the server's output when
 * it stops or does not come up; cleans up after itself then.
 */
export async function startOnboardingServer(options: { database: OnboardingDatabase; timeoutMs?: number }): Promise<OnboardingServer> {
  const kind = options.database;
  if (kind === "postgres" && !process.env.TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const timeoutMs = options.timeoutMs ?? 12 * 60_000;
  const database: TestPgDatabase | null = kind === "postgres" ? await createTestDatabase("ww_e2e_onboarding") : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-onboarding-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const distDir = chooseDistDir();
  const tsconfig = snapshot("tsconfig.json");
  const nextEnv = snapshot("next-env.d.ts");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: database?.url ?? "",
    WARDWATCH_SEED_DEMO: "0",
    WARDWATCH_DATA_DIR: dataDir,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // the server's own: a random key in its data folder, the address it is reached at
  delete env.NEXTAUTH_SECRET;
  delete env.NEXTAUTH_URL;
  delete env.E2E_PORT;

  let output = "";
  const child = spawn("npx", ["--no-install", "tsx", "scripts/start.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  // If the test run itself is cut short (afterAll never runs), do not leave the server behind.
  const killOnExit = () => {
    if (child.pid !== undefined && !exited(child)) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
  };
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", killOnExit);
    await stopGroup(child);
    if (distDir !== MAIN_DIST) {
      restoreTsconfig(tsconfig, distDir);
      restoreNextEnv(nextEnv, distDir);
    }
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const started = Date.now();
  try {
    for (;;) {
      if (exited(child)) throw new Error(`the server stopped (exit ${child.exitCode ?? child.signalCode})`);
      if (Date.now() - started > timeoutMs) throw new Error(`the server did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
      if (await healthy(url, kind)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output (${distDir}) ---\n${output.slice(-6000)}`);
  }
  // the build (if any) is over: take its entries out of tsconfig.json now, not only at the end
  if (distDir !== MAIN_DIST) {
    restoreTsconfig(tsconfig, distDir);
    restoreNextEnv(nextEnv, distDir);
  }
  console.log(`[onboarding] server on ${url} (${distDir}, database ${database?.name ?? `embedded in ${dataDir}`}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, port, database: kind, databaseUrl: database?.url ?? "", dataDir, distDir, log: () => output, stop };
}
