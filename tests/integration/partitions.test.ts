import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ImportDatabase } from "@/lib/imports/session";
import { loadWardPage } from "@/lib/figures/ward-page";
import { computeAlerts } from "@/lib/figures/alerts";
import { getRawScanRetention, RAW_SCAN_RETENTION_KEY } from "@/lib/figures/settings";
import { applyRawRetention, listMonthPartitions, maintainPartitions, monthsBetween, prismaRows, shiftMonth } from "@/lib/storage/partitions";
import { runPartitionMaintenance } from "@/lib/storage/maintenance";
import { runScheduledJob } from "@/lib/jobs/runs";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { importTarget, importText, tempReportDir } from "../setup/imports";
import { registerText, registerVenues, scanLogText } from "../factories/import-files";
import { HOAN_KIEM, seedUnits } from "../factories/units";

// Issue 18, part 2: raw scan data partitioned by month on both databases (PostgreSQL and PGlite).
// An import into a month creates that month's partition; queries on a day read only its month
// (EXPLAIN); a row of a month without partition lands in the default partition and the
// maintenance moves it out; the retention drops exactly the months older than the setting and the
// ward pages of those days still show their figures (daily_figure is kept).

const VENUE_RULES = ["DORMANT_VENUES", "ALL_VENUES_DORMANT"];
const alertsNow = new Date("2021-12-01T00:00:00Z");

type Plan = { "Relation Name"?: string; Plans?: Plan[] };

function relationsOf(plan: Plan): string[] {
  return [...(plan["Relation Name"] ? [plan["Relation Name"]] : []), ...(plan.Plans ?? []).flatMap(relationsOf)];
}

async function scannedRelations(prisma: PrismaClient, sql: string): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (FORMAT JSON) ${sql}`);
  const raw = rows[0]?.["QUERY PLAN"];
  const doc = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: Plan }[];
  return relationsOf(doc[0]!.Plan).sort();
}

async function rowsByPartition(prisma: PrismaClient, table: "venue_day_scan" | "scan_log"): Promise<Record<string, number>> {
  const rows = await prisma.$queryRawUnsafe<{ part: string; n: number }[]>(
    `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM ${table} GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.part, r.n]));
}

describe("month arithmetic", () => {
  it("lists the months of a range and steps across years", () => {
    expect(monthsBetween("2021-11-30", "2022-02-01")).toEqual(["2021-11", "2021-12", "2022-01", "2022-02"]);
    expect(shiftMonth("2021-01", -1)).toBe("2020-12");
    expect(shiftMonth("2021-12", 2)).toBe("2022-02");
  });
});

describeOnBothDatabases("monthly partitions of raw scan data", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;
  let wards: string[];
  let codes: string[];

  beforeAll(async () => {
    db = await open();
    target = importTarget(db);
    reportDir = tempReportDir();
    await seedUnits(db.prisma);
    wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, orderBy: { code: "asc" } })).map((u) => u.code);
    const venues = registerVenues({ wardCodes: wards, count: 60, prefix: "P-", firstDay: "2021-06-01", lastDay: "2021-06-20", seed: 18 });
    codes = venues.map((v) => v.code);
    const reg = await importText(target, "VENUE_REGISTER", registerText(venues), { reportDir });
    expect(reg.status, reg.message).toBe("SUCCEEDED");
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  const importDay = async (day: string, seed: number) => {
    const { text } = scanLogText({ venueCodes: codes, day, rows: 300, seed });
    const r = await importText(target, "QR_SCAN_LOG", text, { reportDir, fileName: `scans-${day}.csv`, options: { today: "2021-12-31" } });
    expect(r.status, r.message).toBe("SUCCEEDED");
  };

  it("makes both raw tables partitioned by range of day, with a default partition and no month yet", async () => {
    const parents = await db.prisma.$queryRawUnsafe<{ name: string; strategy: string }[]>(
      `SELECT c.relname::text AS name, p.partstrat::text AS strategy FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1`,
    );
    expect(parents).toEqual([
      { name: "scan_log", strategy: "r" },
      { name: "venue_day_scan", strategy: "r" },
    ]);
    expect(await listMonthPartitions(prismaRows(db.prisma))).toEqual([]);
  });

  it("creates the month's partition when a scan log of a new month is imported, and writes its rows there", async () => {
    await importDay("2021-07-14", 1);
    expect((await listMonthPartitions(prismaRows(db.prisma))).map((p) => p.name)).toEqual(["venue_day_scan_p2021_07"]);
    await importDay("2021-08-14", 2);
    await importDay("2021-09-14", 3);
    expect((await listMonthPartitions(prismaRows(db.prisma))).map((p) => p.name)).toEqual([
      "venue_day_scan_p2021_07",
      "venue_day_scan_p2021_08",
      "venue_day_scan_p2021_09",
    ]);
    const parts = await rowsByPartition(db.prisma, "venue_day_scan");
    expect(Object.keys(parts)).toEqual(["venue_day_scan_p2021_07", "venue_day_scan_p2021_08", "venue_day_scan_p2021_09"]);
    expect(Object.values(parts).every((n) => n > 0)).toBe(true);
  });

  it("reads only the month of the days asked for (partition pruning)", async () => {
    const oneDay = await scannedRelations(db.prisma, `SELECT sum(scans) FROM venue_day_scan WHERE day = DATE '2021-08-14'`);
    expect(oneDay).toEqual(["venue_day_scan_p2021_08"]);
    const week = await scannedRelations(
      db.prisma,
      `SELECT v.ward_code, count(*) FROM venue v JOIN venue_day_scan s ON s.venue_id = v.id
       WHERE s.day BETWEEN DATE '2021-09-08' AND DATE '2021-09-14' GROUP BY 1`,
    );
    expect(week).toEqual(["venue", "venue_day_scan_p2021_09"]);
    // Without a condition on day, every partition is read: the check above can fail.
    const all = await scannedRelations(db.prisma, `SELECT count(*) FROM venue_day_scan`);
    expect(all).toEqual(["venue_day_scan_default", "venue_day_scan_p2021_07", "venue_day_scan_p2021_08", "venue_day_scan_p2021_09"]);
  });

  it("keeps a row of a month without partition in the default partition until the maintenance moves it", async () => {
    const venue = await db.prisma.venue.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
    await db.prisma.$executeRawUnsafe(`INSERT INTO venue_day_scan (venue_id, day, scans) VALUES ($1, DATE '2021-10-03', 7)`, venue.id);
    expect((await rowsByPartition(db.prisma, "venue_day_scan"))["venue_day_scan_default"]).toBe(1);

    const result = await maintainPartitions(prismaRows(db.prisma), { today: "2021-09-20", keepMonths: null, monthsAhead: 1 });
    // This month and the next, for both tables; October already created by the month ahead.
    expect(result.created.sort()).toEqual(["scan_log_p2021_09", "scan_log_p2021_10", "venue_day_scan_p2021_10"]);
    const parts = await rowsByPartition(db.prisma, "venue_day_scan");
    expect(parts["venue_day_scan_default"]).toBeUndefined();
    expect(parts["venue_day_scan_p2021_10"]).toBe(1);
    expect(result.retention.dropped).toEqual([]);
    // Idempotent.
    const again = await maintainPartitions(prismaRows(db.prisma), { today: "2021-09-20", keepMonths: null, monthsAhead: 1 });
    expect(again.created).toEqual([]);
    expect(again.moved).toEqual([]);
  });

  it("keeps everything while the retention setting is absent", async () => {
    expect(await getRawScanRetention(db.prisma)).toBeNull();
    const before = await listMonthPartitions(prismaRows(db.prisma));
    const result = await runPartitionMaintenance(db.prisma, new Date("2021-12-20T05:00:00Z"));
    expect(result.retention).toEqual({ keptFrom: null, dropped: [], defaultRowsDeleted: 0 });
    const after = await listMonthPartitions(prismaRows(db.prisma));
    expect(after.filter((p) => p.month <= "2021-10")).toEqual(before);
  });

  it("drops exactly the months older than the retention, and the ward pages of those days still show their figures", async () => {
    const ward = (await db.prisma.$queryRawUnsafe<{ ward_code: string }[]>(
      `SELECT v.ward_code FROM venue_day_scan s JOIN venue v ON v.id = s.venue_id WHERE s.day = DATE '2021-07-14' ORDER BY 1 LIMIT 1`,
    ))[0]!.ward_code;
    const pageBefore = await loadWardPage(db.prisma, { wardCode: ward, day: "2021-07-14" });
    if (pageBefore.kind !== "ok") throw new Error(`ward page: ${pageBefore.kind}`);
    expect(pageBefore.detail.row.figure).not.toBeNull();
    const julyScans = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT sum(scans)::int AS n FROM daily_figure WHERE source = 'IMPORT' AND day = DATE '2021-07-14'`);
    expect(julyScans[0]?.n).toBe(300);
    const [{ version: versionBefore } = { version: "" }] = await db.prisma.$queryRawUnsafe<{ version: string }[]>(`SELECT version::text FROM data_version`);

    // A one-day dormancy window: the import of July 14 alone covers it, so its venues are judged.
    await db.prisma.setting.create({ data: { key: "alerts.dormantDays", value: 1 } });
    const julyBefore = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-07-14", now: alertsNow });
    expect(julyBefore.scanDataGaps.map((g) => g.ward.code)).not.toContain(ward);

    await db.prisma.setting.create({ data: { key: RAW_SCAN_RETENTION_KEY, value: 2 } });
    // A December 2020 row stranded in the default partition: the maintenance gives it its month, then drops it.
    await db.prisma.$executeRawUnsafe(`INSERT INTO venue_day_scan (venue_id, day, scans)
      SELECT v.id, DATE '2020-12-31', 2 FROM venue v ORDER BY v.id LIMIT 1`);

    // On 2021-09-05 with 2 months kept: August and September stay; July and December 2020 go.
    const result = await runPartitionMaintenance(db.prisma, new Date("2021-09-05T03:00:00Z"));
    expect(result.retention.keptFrom).toBe("2021-08-01");
    expect(result.moved).toEqual(["venue_day_scan_p2020_12"]);
    expect(result.retention.dropped).toEqual(["venue_day_scan_p2020_12", "venue_day_scan_p2021_07"]);
    expect(result.retention.defaultRowsDeleted).toBe(0);
    const months = (await listMonthPartitions(prismaRows(db.prisma))).map((p) => p.name);
    expect(months).not.toContain("venue_day_scan_p2021_07");
    expect(months).toEqual(expect.arrayContaining(["venue_day_scan_p2021_08", "venue_day_scan_p2021_09", "venue_day_scan_p2021_10"]));

    const raw = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM venue_day_scan WHERE day < DATE '2021-08-01'`);
    const august = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM venue_day_scan WHERE day = DATE '2021-08-14'`);
    expect(august[0]?.n).toBeGreaterThan(0);
    // Daily figures of July are kept, and the ward page of that day shows the same figures.
    const julyAfter = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT sum(scans)::int AS n FROM daily_figure WHERE source = 'IMPORT' AND day = DATE '2021-07-14'`);
    expect(julyAfter[0]?.n).toBe(300);
    const pageAfter = await loadWardPage(db.prisma, { wardCode: ward, day: "2021-07-14" });
    if (pageAfter.kind !== "ok") throw new Error(`ward page: ${pageAfter.kind}`);
    expect(pageAfter.detail.row).toEqual(pageBefore.detail.row);
    // The figure cache sees a new data version.
    const [{ version: versionAfter } = { version: "" }] = await db.prisma.$queryRawUnsafe<{ version: string }[]>(`SELECT version::text FROM data_version`);
    expect(versionAfter).not.toBe(versionBefore);
    expect(raw[0]?.n).toBe(0);
    // No verdict on venues for a day whose raw rows are gone: the import's count alone no longer
    // covers it (without this, every venue of July 14 would now be "dormant").
    const julyAfter14 = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-07-14", now: alertsNow });
    expect(julyAfter14.alerts.filter((a) => VENUE_RULES.includes(a.ruleId))).toEqual([]);
    expect(julyAfter14.scanDataGaps.map((g) => g.ward.code)).toContain(ward);
    const augustAlerts = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", now: alertsNow });
    expect(augustAlerts.scanDataGaps.map((g) => g.ward.code)).not.toContain(ward);
  });

  it("refuses to drop or empty anything but a raw table's month partition", async () => {
    await expect(db.prisma.$queryRawUnsafe(`SELECT ww_drop_partition('daily_figure')`)).rejects.toThrow();
    await expect(db.prisma.$queryRawUnsafe(`SELECT ww_drop_partition('venue_day_scan_default')`)).rejects.toThrow();
    await expect(db.prisma.$queryRawUnsafe(`SELECT ww_delete_default_before('daily_figure', DATE '2030-01-01')`)).rejects.toThrow();
    expect(await db.prisma.dailyFigure.count()).toBeGreaterThan(0);
  });

  it("deletes the old rows of a default partition, and rejects a retention below one month", async () => {
    const venue = await db.prisma.venue.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
    await db.prisma.$executeRawUnsafe(`INSERT INTO venue_day_scan (venue_id, day, scans) VALUES ($1, DATE '2021-05-02', 4), ($1, DATE '2030-05-02', 4)`, venue.id);
    const result = await applyRawRetention(prismaRows(db.prisma), 2, "2021-09-05");
    expect(result).toEqual({ keptFrom: "2021-08-01", dropped: [], defaultRowsDeleted: 1 });
    expect((await rowsByPartition(db.prisma, "venue_day_scan"))["venue_day_scan_default"]).toBe(1);
    await expect(applyRawRetention(prismaRows(db.prisma), 0, "2021-09-05")).rejects.toThrow(RangeError);
  });

  it("runs as the scheduled storage job: the maintenance's work is in the job log", async () => {
    await db.prisma.setting.deleteMany({ where: { key: RAW_SCAN_RETENTION_KEY } });
    const run = await runScheduledJob(db.prisma, "storage", { now: new Date("2031-03-10T19:00:00Z") });
    const logged = await db.prisma.jobRun.findUniqueOrThrow({ where: { id: run.runId } });
    // 19:00 UTC on 10/3 is 02:00 on 11/3 in Hà Nội: that day's month and the two ahead
    expect(logged).toMatchObject({ job: "storage", status: "succeeded", sent: 0, failed: 0 });
    expect(logged.day?.toISOString().slice(0, 10)).toBe("2031-03-11");
    for (const month of ["2031_03", "2031_04", "2031_05"]) {
      expect(logged.summary).toContain(`venue_day_scan_p${month}`);
      expect(logged.summary).toContain(`scan_log_p${month}`);
    }
    expect((await listMonthPartitions(prismaRows(db.prisma))).map((p) => p.name)).toContain("venue_day_scan_p2031_05");
    // Idempotent: a second run creates nothing
    const again = await runScheduledJob(db.prisma, "storage", { now: new Date("2031-03-10T19:30:00Z") });
    expect(again.summary).toContain("Phân vùng tạo mới: không có");
  });
});
