import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PieceWorkers } from "@/lib/imports/pieces";
import { runImport } from "@/lib/imports/run";
import type { ImportDatabase } from "@/lib/imports/session";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { chunksOf, expectedScanFigures, figures, importTarget, importText, tempReportDir } from "../setup/imports";
import { registerText, registerVenues, scanLogText } from "../factories/import-files";
import { HOAN_KIEM, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";

// ADR 035, on both databases: a scan log read by real worker threads in pieces (the command line's
// path for a large file, forced here on small ones) publishes exactly the figures counted here, and
// a file with errors fails with the very errors, lines, order and counts of the import without
// threads. The workers run the bundle the command line runs (built here with esbuild, as
// scripts/import-launch.mjs does).

const DAY = "2021-08-21";

let workerFile: string;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ww-threads-"));
  workerFile = path.join(workDir, "scan-log-worker.mjs");
  await build({ entryPoints: ["lib/imports/scan-log-worker.ts"], bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", outfile: workerFile, logLevel: "silent" });
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** The chunks of `text`, each after a turn of the event loop (a file read or an upload does not come in all at once). */
async function* slowly(text: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunksOf(text)) {
    await new Promise((resolve) => setImmediate(resolve));
    yield chunk;
  }
}

/** Real worker threads, counting the pieces they answered. */
function threads(count: number): PieceWorkers & { pieces: () => number } {
  let answered = 0;
  return {
    threads: count,
    spawn: () => {
      const worker = new Worker(workerFile);
      worker.on("message", () => {
        answered += 1;
      });
      return worker;
    },
    pieces: () => answered,
  };
}

describeOnBothDatabases("scan log read by worker threads", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;
  let adminId: number;
  let wards: string[];
  const venues = () => registerVenues({ wardCodes: wards, count: 400, prefix: "T-", firstDay: "2021-07-01", lastDay: "2021-08-01", seed: 5 });

  beforeAll(async () => {
    db = await open();
    target = importTarget(db);
    reportDir = tempReportDir();
    await seedUnits(db.prisma);
    adminId = (await createTestUser(db.prisma, { role: "ADMIN" })).id;
    wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, select: { code: true }, orderBy: { code: "asc" } })).map((u) => u.code);
    const registered = await importText(target, "VENUE_REGISTER", registerText(venues()), { reportDir, userId: adminId });
    expect(registered.status).toBe("SUCCEEDED");
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  const scanLog = (rows: number, seed: number) => scanLogText({ venueCodes: venues().map((v) => v.code), day: DAY, rows, seed }).text;
  /** Imports `text` in 4 KB chunks, each on a later turn of the event loop, as a file or an upload comes in. */
  const load = (text: string, fileName: string, workers?: PieceWorkers) =>
    runImport(
      target,
      { kind: "QR_SCAN_LOG", fileName, source: slowly(text), bytesTotal: Buffer.byteLength(text), userId: adminId },
      { today: "2021-08-31", config: { reportDir }, ...(workers && { pieceWorkers: workers }) },
    );

  it("publishes the figures counted here, the pieces read by two threads", async () => {
    const text = scanLog(40_000, 11);
    const workers = threads(2);
    const result = await load(text, "threads.csv", workers);
    expect(result.status).toBe("SUCCEEDED");
    expect(result.rows).toBe(40_000);
    expect(workers.pieces()).toBeGreaterThan(100);
    const wardOf = new Map(venues().map((v) => [v.code, v.wardCode]));
    const expected = expectedScanFigures(text, wardOf);
    const stored = await figures(db.prisma, { source: "IMPORT", day: DAY });
    expect(new Map(stored.filter((r) => wards.includes(r.unit_code)).map((r) => [r.unit_code, { active: r.active_venues, scans: r.scans }]))).toEqual(
      new Map(wards.map((w) => [w, expected.get(`${w}|${DAY}`) ?? { active: 0, scans: 0 }])),
    );
  });

  it("fails a file with errors far into it with the errors, lines and counts of the import without threads", async () => {
    const lines = scanLog(30_000, 13).trimEnd().split("\n");
    // Errors of every kind, spread out; a quoted line and a blank line between them.
    lines[9_000] = `KHONG-CO,${DAY}T08:00:00+07:00,ab`;
    lines[15_000] = `"${(lines[15_000] ?? "").split(",").join('","')}"`;
    lines[15_001] = "";
    lines[20_000] = `${lines[20_000]?.split(",")[0]},${DAY} 08:00:00,ab`;
    lines[25_000] = `${lines[25_000]?.split(",")[0]},${DAY}T08:00:00+07:00,có dấu`;
    lines[29_999] = `${lines[29_999]?.split(",")[0]},${DAY}T08:00:00+07:00`;
    const text = `${lines.join("\n")}\n`;
    const alone = await load(text, "errors-alone.csv");
    const workers = threads(2);
    const threaded = await load(text, "errors-threads.csv", workers);
    expect(alone.status).toBe("FAILED");
    expect(alone.errorCount).toBe(4);
    expect(alone.errors.map((e) => e.line)).toEqual([9_001, 20_001, 25_001, 30_000]);
    expect(workers.pieces()).toBeGreaterThan(10);
    const view = (r: typeof alone) => ({ status: r.status, rows: r.rows, rowsRejected: r.rowsRejected, errorCount: r.errorCount, errors: r.errors, message: r.message });
    expect(view(threaded)).toEqual(view(alone));
  });
});
