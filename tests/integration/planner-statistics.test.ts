import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/open";
import { analyzeTables, refreshStatisticsAtStart, tablesWithoutStatistics, type StatementRunner } from "@/lib/db/planner-statistics";
import type { ImportDatabase } from "@/lib/imports/session";
import { registerText, registerVenues, scanLogText } from "../factories/import-files";
import { HOAN_KIEM, seedUnits } from "../factories/units";
import { importText, tempReportDir } from "../setup/imports";

// The embedded database has no autovacuum, so nothing gets planner statistics unless the app runs
// ANALYZE (lib/db/planner-statistics.ts): at start-up when something is stale, after the demo's
// seed, and after a published import. Without them, one district's alert reads took 10,8 s on the
// demo instead of 0,74 s. Checked on PGlite, where it matters: tables with rows and no statistics
// (pg_class.reltuples = -1) before, none after, and pg_stats describing the columns the pages filter on.

describe("planner statistics on the embedded database (no autovacuum)", () => {
  let dir: string;
  let db: Database;
  let run: StatementRunner;
  let reportDir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ww-planner-stats-"));
    db = await openDatabase({ dataDir: dir });
    const pglite = db.pglite;
    if (!pglite) throw new Error("not embedded");
    run = async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows;
    reportDir = tempReportDir();
  });

  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  const statisticsOf = async (table: string, column: string) =>
    (await run(`SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'public' AND tablename = '${table}' AND attname = '${column}'`))[0]?.n;

  it("tables written without ANALYZE have no statistics; the start-up refresh analyzes them once", async () => {
    await seedUnits(db.prisma);
    expect(await tablesWithoutStatistics(run)).toContain("unit");
    expect(await statisticsOf("unit", "parent_code")).toBe(0);

    const refreshed = await refreshStatisticsAtStart(run, { wroteInBulk: false });
    expect(refreshed?.tables).toBeGreaterThan(0);
    expect(await tablesWithoutStatistics(run)).toEqual([]);
    expect(await statisticsOf("unit", "parent_code")).toBe(1);
    // nothing stale and nothing written in bulk: nothing to do
    expect(await refreshStatisticsAtStart(run, { wroteInBulk: false })).toBeNull();
    expect(await refreshStatisticsAtStart(run, { wroteInBulk: true })).not.toBeNull();
  });

  it("a published register and scan log leave their tables analyzed", async () => {
    const target: ImportDatabase = { kind: "embedded", prisma: db.prisma, pglite: db.pglite };
    const wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, select: { code: true } })).map((u) => u.code);
    const venues = registerVenues({ wardCodes: wards, count: 400, prefix: "PS", firstDay: "2021-07-01", lastDay: "2021-08-01", seed: 7 });
    const register = await importText(target, "VENUE_REGISTER", registerText(venues), { reportDir });
    expect(register.status, register.message).toBe("SUCCEEDED");
    expect(await tablesWithoutStatistics(run)).toEqual([]);

    const scans = scanLogText({ venueCodes: venues.map((v) => v.code), day: "2021-08-14", rows: 2000, seed: 3 });
    const scanned = await importText(target, "QR_SCAN_LOG", scans.text, { reportDir });
    expect(scanned.status, scanned.message).toBe("SUCCEEDED");
    expect(await tablesWithoutStatistics(run)).toEqual([]);
    const partitions = await run(`
      SELECT c.relname, c.reltuples FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'venue_day_scan'::regclass AND pg_relation_size(c.oid) > 0`);
    expect(partitions.length).toBeGreaterThan(0);
    for (const p of partitions) expect(Number(p.reltuples), String(p.relname)).toBeGreaterThan(0);
    expect(await statisticsOf("venue", "ward_code")).toBe(1);
  });

  it("names only the app's own tables", async () => {
    await expect(analyzeTables(run, ["venue; DROP TABLE unit"])).rejects.toThrow("not a table name");
    expect(await db.prisma.unit.count()).toBeGreaterThan(0);
  });
});
