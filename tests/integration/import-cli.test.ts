import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { DEMO_ADMIN_USERNAME } from "@/prisma/seed/demo-users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { importTarget, tempReportDir } from "../setup/imports";

// `npm run import` as an admin runs it (issue 15): scripts/import-launch.mjs builds or reuses the
// bundle of scripts/import.ts, which opens the database without a Prisma client (node-postgres, or
// PGlite directly, with the migration check of lib/migrations/applied.ts), imports, and exits with
// 0 (loaded or duplicate), 1 (refused) or 2 (usage). The embedded database is closed by the test
// while the command line holds it, as the README asks of a server.

type Run = { code: number; stdout: string; stderr: string };

function runCli(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/import-launch.mjs", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function resultOf(run: Run): { status: string; rows: number; id: number } {
  const line = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as { status: string; rows: number; id: number };
  } catch {
    throw new Error(`no JSON result (exit ${run.code}): ${run.stderr.slice(-1500)}`);
  }
}

describeOnBothDatabases("import command line", (open) => {
  let db: TestDatabase;
  let reportDir: string;
  let env: Record<string, string>;
  const sample = path.join(process.cwd(), "samples", "qr-scan-log.csv");

  beforeAll(async () => {
    db = await open({ demo: true });
    reportDir = tempReportDir();
    const target = importTarget(db);
    env =
      target.kind === "postgres"
        ? { DATABASE_URL: target.url, WARDWATCH_IMPORT_DIR: reportDir }
        : { DATABASE_URL: "", WARDWATCH_DATA_DIR: path.dirname(db.location), WARDWATCH_IMPORT_DIR: reportDir };
    // The embedded folder may be open in one process only.
    if (db.kind === "embedded") await db.close();
  }, 180_000);

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it("loads a file under an admin's name, counts the same file once, and says what is wrong with its arguments", async () => {
    const first = await runCli(["qr-scan-log", sample, "--json", "--user", DEMO_ADMIN_USERNAME], env);
    expect(first.code, first.stderr).toBe(0);
    const loaded = resultOf(first);
    expect(loaded).toMatchObject({ status: "SUCCEEDED", rows: 3000 });

    const again = await runCli(["qr-scan-log", sample, "--json"], env);
    expect(again.code).toBe(0);
    expect(resultOf(again).status).toBe("DUPLICATE");

    const unknownUser = await runCli(["qr-scan-log", sample, "--user", "khong-co-ai"], env);
    expect(unknownUser.code).toBe(2);
    expect(unknownUser.stderr).toContain("không có tài khoản quản trị");
    const usage = await runCli(["qr-scan-log"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("cần đúng hai tham số");

    // What the command line wrote, read back by the app's own client.
    const check = db.kind === "embedded" ? await openDatabase({ dataDir: path.dirname(db.location) }) : db;
    try {
      const rows = await check.prisma.import.findMany({ where: { fileName: "qr-scan-log.csv" }, select: { id: true, status: true, user: { select: { username: true } } }, orderBy: { id: "asc" } });
      expect(rows.map((r) => [r.status, r.user?.username ?? null])).toEqual([
        ["SUCCEEDED", DEMO_ADMIN_USERNAME],
        ["DUPLICATE", null],
      ]);
      expect(rows[0]?.id).toBe(loaded.id);
    } finally {
      if (check !== db) await check.close();
    }
  }, 240_000);
});
