import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { BACKUP_PATH, ENDPOINT_FILE_NAME } from "@/lib/db/backup-endpoint";
import { tableFingerprints, type Query, type TableFingerprint } from "@/lib/db/backup-tables";
import { LOCK_FILE_NAME } from "@/lib/db/embedded-lock";
import { openDatabase } from "@/lib/db/open";

// `npm start` for real (scripts/start.ts: prepare, build when needed, next start) on a fresh
// embedded folder: a backup is taken through the running server (the CLI cannot open the folder
// while it runs), then SIGTERM to the start-up process must stop everything within the deadline
// with exit code 0, release the folder's lock, and leave a database a second process can open.
// Without a current build in .next, the test builds the app first (minutes on a busy machine).

const port = process.env.SHUTDOWN_TEST_PORT ?? process.env.E2E_PORT ?? "3207";
const base = `http://127.0.0.1:${port}`;
const tsx = path.resolve("node_modules/.bin/tsx");
const exec = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-shutdown-"));
const dataDir = path.join(tmp, "data");
// A build made here skips `next build`'s own type check, as the e2e suite's (playwright.config.ts);
// under `npm test` the build step before the integration suite (scripts/test.ts) has made it already.
const env = { ...process.env, PORT: port, WARDWATCH_DATA_DIR: dataDir, DATABASE_URL: "", WARDWATCH_SEED_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1", WARDWATCH_BUILD_TYPECHECK: process.env.WARDWATCH_BUILD_TYPECHECK ?? "0" };

let server: ChildProcess | undefined;
afterAll(() => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function waitForHealth(child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`start.ts exited early with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("server did not become healthy");
}

async function fingerprints(dir: string): Promise<TableFingerprint[]> {
  const db = await openDatabase({ dataDir: dir, migrate: false });
  try {
    const pglite = db.pglite;
    if (!pglite) throw new Error("not embedded");
    const query: Query = async (sql, params) => ({ rows: (await pglite.query<Record<string, unknown>>(sql, params)).rows });
    return await tableFingerprints(query);
  } finally {
    await db.close();
  }
}

describe("npm start: backup while running, graceful shutdown on SIGTERM", () => {
  const file = path.join(tmp, "live.backup");
  let output = "";

  it("serves, answers a backup through the server, and stops cleanly on SIGTERM", { timeout: 1_200_000 }, async () => {
    server = spawn(tsx, ["scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    server.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    await waitForHealth(server, 1_100_000);

    // The server process (not start.ts) holds the folder and says where to reach it.
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8")) as { pid: number };
    expect(lock.pid).not.toBe(server.pid);
    expect(fs.existsSync(path.join(dataDir, ENDPOINT_FILE_NAME))).toBe(true);

    // Nobody else gets a backup: no session, a wrong token.
    expect((await fetch(`${base}${BACKUP_PATH}`)).status).toBe(401);
    expect((await fetch(`${base}${BACKUP_PATH}`, { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);

    const backup = await exec(tsx, ["scripts/db/backup.ts", file], { env, timeout: 120_000 });
    expect(backup.stdout).toContain("qua máy chủ đang chạy");
    expect(fs.readFileSync(file).subarray(0, 25).toString()).toBe("WARDWATCH-EMBEDDED-BACKUP");

    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
      const sentAt = Date.now();
      server?.on("exit", (code) => resolve({ code, ms: Date.now() - sentAt }));
    });
    server.kill("SIGTERM");
    const { code, ms } = await exited;
    expect(code, output.slice(-2000)).toBe(0);
    expect(ms).toBeLessThan(30_000);
    expect(output).toContain("Đã dừng gọn.");

    // The lock and the endpoint are gone, and the folder opens again with its data.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, ENDPOINT_FILE_NAME))).toBe(false);
    const live = await fingerprints(dataDir);
    expect(live.find((t) => t.table === "unit")?.rows).toBeGreaterThan(0);

    // The backup taken from the running server restores to the same rows.
    const restoredDir = path.join(tmp, "restored");
    await exec(tsx, ["scripts/db/restore.ts", file], { env: { ...env, WARDWATCH_DATA_DIR: restoredDir }, timeout: 120_000 });
    expect(await fingerprints(restoredDir)).toEqual(live);
  });
});
