// The app as the HTTP and Lighthouse benchmarks see it: the production build (built the way
// `npm start` builds), the city-scale dataset in a database of the run's own (or PGlite loaded
// from it), the bench accounts, the server started as `npm start` starts it (scripts/serve.ts) on
// a free port, and sessions obtained through the real sign-in flow.
//
// Call from a script running under Node's "react-server" condition (the data layer is 'server-only').
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_DAYS, BENCH_FIRST_DAY, BENCH_LAST_DAY, BENCH_VENUES, BENCH_WARDS, generateCityDataset } from "./city-dataset.ts";
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase, uniqueBenchName } from "./bench-database.ts";

/** Hoàn Kiếm in the reference data. */
export const BENCH_DISTRICT = "002";
const PASSWORD = "BenchHttp@2021-mat-khau";

export type BenchAccount = "official" | "city" | "admin" | "chair";
const USERNAMES: Record<BenchAccount, string> = {
  official: "bench.quan",
  city: "bench.thanhpho",
  admin: "bench.admin",
  chair: "bench.phuong",
};

export type BenchAppOptions = {
  /** the benchmark's name, part of its database's name */
  bench: string;
  embedded: boolean;
  /** an existing database to use (with reuse) or to create; default: a name of the run's own */
  database: string | null;
  reuse: boolean;
  keep: boolean;
  port: number | null;
  /** false: serve the build already in NEXT_DIST_DIR (e.g. a saved "before" build) without checking it is current */
  build: boolean;
  /** node flags for the server process (e.g. --cpu-prof, which NODE_OPTIONS may not carry) */
  nodeArgs?: string[];
};

export type BenchApp = {
  base: string;
  wardCode: string;
  databaseName: string;
  databaseUrl: string;
  /** a session cookie header, signed in through the real flow */
  signIn: (account: BenchAccount) => Promise<string>;
  /** stops the server (SIGTERM, graceful) */
  stopServer: () => Promise<void>;
  /** stops the server if still running, removes the scratch folder, drops the database unless kept */
  close: () => Promise<void>;
};

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function loadDataset(adminUrl: string, name: string): Promise<void> {
  const { openDatabase } = await import("../../lib/db/open.ts");
  const { refreshRollups } = await import("../../lib/figures/rollups.ts");
  await recreateBenchDatabase(adminUrl, name);
  const url = benchDatabaseUrl(adminUrl, name);
  const db = await openDatabase({ url, poolMax: 4 });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    log(`tạo dữ liệu: 30 quận, ${BENCH_WARDS} phường, ${BENCH_VENUES.toLocaleString("vi-VN")} địa điểm, ${BENCH_DAYS} ngày (${BENCH_FIRST_DAY} – ${BENCH_LAST_DAY})`);
    const counts = await generateCityDataset(pool, log);
    await refreshRollups(db.prisma, { from: BENCH_FIRST_DAY, to: BENCH_LAST_DAY });
    await pool.query("VACUUM ANALYZE");
    log(`${counts.venueDays.toLocaleString("vi-VN")} ngày-địa điểm có lượt quét`);
  } finally {
    await pool.end();
    await db.close();
  }
}

/** The bench accounts (idempotent), one password for all, none made to change it. */
async function addAccounts(pool: pg.Pool, wardCode: string): Promise<void> {
  const { hashPassword } = await import("../../lib/auth/password.ts");
  const hash = await hashPassword(PASSWORD);
  const accounts: [BenchAccount, string, string, string | null][] = [
    ["official", "Cán bộ quận (bench)", "DISTRICT_OFFICIAL", BENCH_DISTRICT],
    ["city", "Cán bộ thành phố (bench)", "CITY_OFFICIAL", "01"],
    ["admin", "Quản trị (bench)", "ADMIN", null],
    ["chair", "Chủ tịch phường (bench)", "WARD_CHAIR", wardCode],
  ];
  for (const [account, displayName, role, unit] of accounts) {
    await pool.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, unit_code, updated_at)
       VALUES ($1, $2, $3, $4::"Role", $5, now())
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled = false, must_change_password = false`,
      [USERNAMES[account], displayName, hash, role, unit],
    );
  }
}

/**
 * Copies the PostgreSQL bench database into a fresh PGlite folder: the app migrates an empty one,
 * then each table's rows go across as COPY text (PostgreSQL `COPY … TO STDOUT`, PGlite
 * `COPY … FROM '/dev/blob'`) with foreign-key triggers off, and the sequences follow.
 */
async function embeddedCopy(databaseUrl: string, dataDir: string): Promise<void> {
  const { openDatabase } = await import("../../lib/db/open.ts");
  const { to: copyTo } = await import("pg-copy-streams");
  const started = performance.now();
  const db = await openDatabase({ dataDir });
  const lite = db.pglite;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (!lite) throw new Error("not embedded");
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY 1`,
    );
    await lite.exec("SET session_replication_role = replica");
    for (const { name } of tables.rows) {
      const id = pg.escapeIdentifier(name);
      const chunks: Buffer[] = [];
      for await (const chunk of client.query(copyTo(`COPY ${id} TO STDOUT`))) chunks.push(chunk as Buffer);
      if (chunks.length === 0) continue;
      await lite.query(`DELETE FROM ${id}`);
      await lite.query(`COPY ${id} FROM '/dev/blob'`, [], { blob: new Blob(chunks.map((c) => new Uint8Array(c))) });
    }
    await lite.exec("SET session_replication_role = DEFAULT");
    const sequences = await client.query<{ name: string; value: string }>(
      `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL`,
    );
    for (const { name, value } of sequences.rows) await lite.query(`SELECT setval($1, $2::bigint)`, [name, value]);
    await lite.exec("VACUUM ANALYZE");
    log(`PGlite: dữ liệu chép vào sau ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
    await db.close();
  }
}

async function waitForServer(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    if (i > 240) throw new Error("the server did not answer within 120 s");
    const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function cookiesFrom(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>): string => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * fetch, once more after a network failure (a kept-alive connection the server closed while a long
 * Lighthouse run kept this process idle), with the cause in the message.
 */
async function fetchRetrying(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (first) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      return await fetch(url, init);
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause ?? (first as { cause?: unknown }).cause;
      throw new Error(`${url}: ${err instanceof Error ? err.message : String(err)} (${cause instanceof Error ? cause.message : String(cause)})`);
    }
  }
}

/** Signs in as the login form does: next-auth's CSRF token, then the credentials callback. */
async function signIn(base: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetchRetrying(`${base}/api/auth/csrf`);
  cookiesFrom(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetchRetrying(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: base },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, callbackUrl: `${base}/`, json: "true" }),
  });
  cookiesFrom(res, jar);
  await res.arrayBuffer();
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in of ${username} failed: HTTP ${res.status}`);
  return cookieHeader(jar);
}

export async function startBenchApp(options: BenchAppOptions): Promise<BenchApp> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const databaseName = options.database ?? uniqueBenchName(options.bench);
  const databaseUrl = benchDatabaseUrl(adminUrl, databaseName);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `ww-bench-${options.bench}-`));
  let server: ChildProcess | null = null;
  const stopServer = async () => {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  };
  const close = async () => {
    const running = server;
    server = null;
    if (running && running.exitCode === null) running.kill("SIGKILL");
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!options.keep) await dropBenchDatabase(adminUrl, databaseName);
    else log(`giữ lại cơ sở dữ liệu ${databaseName} (dùng lại: --reuse --database ${databaseName})`);
  };
  try {
    const distDir = process.env.NEXT_DIST_DIR || ".next";
    if (options.build) {
      log("build (chỉ khi mã nguồn mới hơn bản build, như npm start)…");
      const build = spawnSync(process.execPath, ["--import", "tsx", path.resolve("scripts", "start.ts"), "--build-only"], { stdio: "inherit", env: process.env });
      if (build.status !== 0) throw new Error("the build failed");
    } else if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
      throw new Error(`--no-build: no build in ${distDir}`);
    } else log(`--no-build: dùng bản build có sẵn trong ${distDir}`);

    if (options.reuse) log(`dùng lại cơ sở dữ liệu ${databaseName}`);
    else await loadDataset(adminUrl, databaseName);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    let wardCode: string;
    try {
      // A ward of Hoàn Kiếm: 00037 (issue 15's) when the dataset gives it to the district (it does).
      const wards = await pool.query<{ code: string }>(`SELECT code FROM unit WHERE parent_code = $1 ORDER BY code`, [BENCH_DISTRICT]);
      wardCode = wards.rows.some((r) => r.code === "00037") ? "00037" : (wards.rows[0]?.code ?? "");
      if (!wardCode) throw new Error(`the bench database has no ward in district ${BENCH_DISTRICT}`);
      await addAccounts(pool, wardCode);
    } finally {
      await pool.end();
    }

    const port = options.port ?? (await freePort());
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64"),
      WARDWATCH_DATA_DIR: path.join(scratch, "data"),
      WARDWATCH_SEED_DEMO: "0",
      WARDWATCH_BENCH_FLOOR: "1",
      NEXT_MANUAL_SIG_HANDLE: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
    };
    if (options.embedded) {
      await embeddedCopy(databaseUrl, path.join(scratch, "data"));
      delete env.DATABASE_URL;
    }
    // The server's own log goes to a file (its errors still to this terminal).
    fs.mkdirSync("bench-results", { recursive: true });
    const serverLog = fs.openSync(path.join("bench-results", `${options.bench}-server.log`), "w");
    server = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", path.resolve("scripts", "serve.ts")], { env, stdio: ["ignore", serverLog, serverLog] });
    fs.closeSync(serverLog);
    server.once("exit", (code, signal) => {
      if (server) log(`máy chủ đã dừng ngoài dự kiến (mã ${code}, tín hiệu ${signal}): xem bench-results/${options.bench}-server.log`);
    });
    await waitForServer(base, server);
    log(`máy chủ ${base}: ${options.embedded ? "PGlite (nhúng)" : `PostgreSQL ${databaseName}`}`);
    return { base, wardCode, databaseName, databaseUrl, signIn: (account) => signIn(base, USERNAMES[account]), stopServer, close };
  } catch (err) {
    await close();
    throw err;
  }
}
