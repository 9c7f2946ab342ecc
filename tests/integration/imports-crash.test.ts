import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/open";
import { recoverStaleImports, type RecoveryReport } from "@/lib/imports/recovery";
import type { ImportDatabase } from "@/lib/imports/session";
import { refreshRollups } from "@/lib/figures/rollups";
import type { TestPgDatabase } from "../setup/pg-database";
import { createPostgresTestDatabase, prepareEmbeddedFolder } from "../setup/databases";
import { expectedScanFigures, figures, importRow, importText, snapshot } from "../setup/imports";
import { registerText, registerVenues, scanLogText } from "../factories/import-files";
import { HOAN_KIEM, seedUnits } from "../factories/units";

// Issue 5, crash safety: a child process imports a corrected scan log and is killed with SIGKILL
// (kill -9) inside its publish transaction, then again right after COMMIT. The database must hold
// the old figures or the new ones, never a mix, and the next start (recoverStaleImports) marks the
// dead import failed. Issue 11: the district and city rollups commit in the same transaction as the
// figures, so after a kill right after COMMIT the sums already agree with their wards, with no
// restart and nothing left for recovery to repair.

const DAY = "2021-08-14";

type Handle = { db: Database; target: ImportDatabase };
type Backend = { name: string; setup(): Promise<void>; open(): Promise<Handle>; childArgs(): { url?: string; dataDir?: string }; closeForChild: boolean; cleanup(): Promise<void> };

function runChild(args: Record<string, unknown>, waitFor: string): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    // node --import tsx, not the tsx binary: tsx runs the script in a child of its own, which a
    // SIGKILL to the wrapper would leave running.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/import-child.ts", JSON.stringify(args)], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let killed = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the child never reached ${waitFor}: ${output}`));
    }, 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (!killed && output.includes(waitFor)) {
        killed = true;
        child.kill("SIGKILL");
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", () => {
      clearTimeout(timer);
      resolve({ killed, output });
    });
  });
}

/** recoverStaleImports until it finds something (a killed connection may take a moment to drop). */
async function recover(db: Database): Promise<RecoveryReport> {
  for (let i = 0; i < 50; i++) {
    const report = await recoverStaleImports(db.prisma, { log: () => undefined });
    if (report.failed.length > 0 || report.rolledUp.length > 0) return report;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { failed: [], rolledUp: [] };
}

function crashSuite(backend: Backend) {
  describe(`imports survive kill -9 [${backend.name}]`, () => {
    let handle: Handle;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "ww-crash-"));
    const reportDir = path.join(work, "reports");
    let wards: string[] = [];
    const list = () => registerVenues({ wardCodes: wards, count: 300, prefix: "K-", firstDay: "2021-07-01", lastDay: "2021-08-10", seed: 5 });
    let corrected = "";

    beforeAll(async () => {
      await backend.setup();
      handle = await backend.open();
      await seedUnits(handle.db.prisma);
      wards = (await handle.db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, orderBy: { code: "asc" } })).map((u) => u.code);
      expect((await importText(handle.target, "VENUE_REGISTER", registerText(list()), { reportDir })).status).toBe("SUCCEEDED");
      const original = scanLogText({ venueCodes: list().map((v) => v.code), day: DAY, rows: 3000, seed: 1 });
      expect((await importText(handle.target, "QR_SCAN_LOG", original.text, { reportDir })).status).toBe("SUCCEEDED");
      corrected = scanLogText({ venueCodes: list().map((v) => v.code).slice(0, 100), day: DAY, rows: 2000, seed: 2 }).text;
      fs.writeFileSync(path.join(work, "corrected.csv"), corrected);
    });

    afterAll(async () => {
      await handle?.db.close().catch(() => undefined);
      await backend.cleanup();
      fs.rmSync(work, { recursive: true, force: true });
    });

    const child = async (hook: "beforeCommit" | "afterCommit") => {
      if (backend.closeForChild) await handle.db.close();
      const run = await runChild(
        { ...backend.childArgs(), file: path.join(work, "corrected.csv"), kind: "QR_SCAN_LOG", hook, reportDir },
        `HOOK ${hook}`,
      );
      expect(run.killed, run.output).toBe(true);
      if (backend.closeForChild) handle = await backend.open();
    };

    it("killed inside the publish transaction: the old figures stay, and the import is marked failed", async () => {
      const before = await snapshot(handle.db.prisma);
      await child("beforeCommit");
      expect(await snapshot(handle.db.prisma)).toEqual(before);
      const report = await recover(handle.db);
      expect(report.failed).toHaveLength(1);
      const row = await importRow(handle.db.prisma, report.failed[0] ?? 0);
      expect([row.status, row.pid]).toEqual(["FAILED", null]);
      expect(await snapshot(handle.db.prisma)).toEqual(before);
    });

    it("killed right after COMMIT: the new figures and their district and city sums are all there, with nothing left to repair", async () => {
      await child("afterCommit");
      const wardsNow = await figures(handle.db.prisma, { source: "IMPORT", day: DAY });
      const expected = expectedScanFigures(corrected, new Map(list().map((v) => [v.code, v.wardCode])));
      expect(new Map(wardsNow.map((r) => [r.unit_code, { active: r.active_venues, scans: r.scans }]))).toEqual(
        new Map(wards.map((w) => [w, expected.get(`${w}|${DAY}`) ?? { active: 0, scans: 0 }])),
      );
      // The sums, as the killed process left them (no recovery has run): those of the new figures.
      const sums = async () => (await figures(handle.db.prisma, { source: "COMPUTED", day: DAY })).map((r) => [r.unit_code, r.active_venues, r.scans]);
      const left = await sums();
      const activeNow = wardsNow.reduce((n, r) => n + (r.active_venues ?? 0), 0);
      expect(left).toContainEqual([HOAN_KIEM, activeNow, 2000]);
      expect(left).toContainEqual(["01", activeNow, 2000]);
      await refreshRollups(handle.db.prisma, { from: DAY, to: DAY });
      expect(await sums()).toEqual(left);
      const newest = await handle.db.prisma.import.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect([newest.status, newest.pid]).toEqual(["SUCCEEDED", null]);
      expect(await recoverStaleImports(handle.db.prisma, { log: () => undefined })).toEqual({ failed: [], rolledUp: [] });
    });
  });
}

// Embedded: the child needs the folder to itself (one process at a time), so the test closes its
// own handle while the child runs; the child's lock is taken over once it is dead.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ww-crash-db-"));
  crashSuite({
    name: "embedded PGlite",
    closeForChild: true,
    setup: () => prepareEmbeddedFolder(dir),
    open: async () => {
      const db = await openDatabase({ dataDir: dir });
      return { db, target: { kind: "embedded", prisma: db.prisma } };
    },
    childArgs: () => ({ dataDir: dir }),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  });
}

if (process.env.TEST_DATABASE_URL) {
  let created: TestPgDatabase | null = null;
  crashSuite({
    name: "PostgreSQL",
    closeForChild: false,
    setup: async () => {
      created = await createPostgresTestDatabase("ww_imports_crash");
    },
    open: async () => {
      if (!created) throw new Error("no database");
      const db = await openDatabase({ url: created.url, poolMax: 4 });
      return { db, target: { kind: "postgres", prisma: db.prisma, url: created.url } };
    },
    childArgs: () => ({ url: created?.url }),
    cleanup: async () => {
      await created?.drop();
    },
  });
}
// Without TEST_DATABASE_URL only the embedded suite runs; `npm test` says that the real-PostgreSQL
// suites were left out.
