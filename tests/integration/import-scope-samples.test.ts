import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { SAMPLE_FILES } from "@/lib/imports/kinds";
import type { ImportKind } from "@/lib/domain/imports/catalogue";
import type { ImportDatabase } from "@/lib/imports/session";
import { DEMO_FIRST_DAY, DEMO_LAST_DAY } from "@/prisma/seed/demo-data";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { figures, importTarget, importText, tempReportDir } from "../setup/imports";

// Issue 11, part 7: the sample files of samples/ load cleanly on the demo database and never
// rewrite the figures of the dispatch (Công văn 1178, 17/8/2021): they cover 18/8/2021, a day the
// demo (19/7–17/8/2021) does not, and each replaces only what it covers. Before, the sample scan
// log covered 14/8 and turned the city's 14.698 active venues into 14.933.

const DISPATCH_DAYS = ["2021-08-14", "2021-08-17"] as const;
const SAMPLE_DAY = "2021-08-18";

describeOnBothDatabases("import samples on the demo", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;

  const sample = (kind: ImportKind) => fs.readFileSync(path.join(process.cwd(), "samples", SAMPLE_FILES[kind]), "utf8");

  /** Every figure (all sources, all units) and every venue-day of the dispatch's days. */
  async function dispatchDays() {
    const out: Record<string, unknown> = {};
    for (const day of DISPATCH_DAYS) {
      const scans = await db.prisma.venueDayScan.aggregate({ where: { day: isoDayToUtcDate(day) }, _sum: { scans: true }, _count: true });
      out[day] = { figures: await figures(db.prisma, { day }), venueDays: [scans._count, scans._sum.scans] };
    }
    return out;
  }

  async function computed(unitCode: string, day: string) {
    return db.prisma.dailyFigure.findUnique({
      where: { unitCode_day_source: { unitCode, day: isoDayToUtcDate(day), source: "COMPUTED" } },
      select: { smartphones: true, installs: true, qrVenues: true, activeVenues: true },
    });
  }

  beforeAll(async () => {
    db = await open({ demo: true });
    target = importTarget(db);
    reportDir = tempReportDir();
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it("cover only days the demo does not", () => {
    const days = new Set<string>();
    for (const line of sample("QR_SCAN_LOG").trim().split("\n").slice(1)) {
      const at = line.split(",")[1] ?? "";
      days.add(new Date(Date.parse(at) + 7 * 3_600_000).toISOString().slice(0, 10));
    }
    for (const line of sample("INSTALL_STATS").trim().split("\n").slice(1)) days.add(line.split(",")[1] ?? "");
    for (const line of sample("VENUE_REGISTER").trim().split("\n").slice(1)) {
      const day = /,(\d{4}-\d{2}-\d{2}),/.exec(line)?.[1];
      if (day) days.add(day);
    }
    expect([...days]).toEqual([SAMPLE_DAY]);
    expect(SAMPLE_DAY > DEMO_LAST_DAY && DEMO_FIRST_DAY < SAMPLE_DAY).toBe(true);
  });

  it("load cleanly, one after the other, and leave the dispatch's figures of 14/8 and 17/8 as they were", async () => {
    const before = await dispatchDays();
    // The dispatch's figures, as the demo reproduces them.
    expect(await computed("01", "2021-08-14")).toMatchObject({ qrVenues: 206_385, activeVenues: 14_698 });
    expect(await computed("002", "2021-08-17")).toMatchObject({ smartphones: 150_788, installs: 77_113 });

    for (const kind of ["QR_SCAN_LOG", "VENUE_REGISTER", "INSTALL_STATS"] as const) {
      const result = await importText(target, kind, sample(kind), { reportDir, fileName: SAMPLE_FILES[kind] });
      expect([kind, result.status, result.errors]).toEqual([kind, "SUCCEEDED", []]);
      expect([result.dayFrom, result.dayTo]).toEqual([SAMPLE_DAY, SAMPLE_DAY]);
      expect(result.approved).toBeNull();
    }

    expect(await dispatchDays()).toEqual(before);
    expect(await computed("01", "2021-08-14")).toMatchObject({ qrVenues: 206_385, activeVenues: 14_698 });
    expect(await computed("002", "2021-08-17")).toMatchObject({ smartphones: 150_788, installs: 77_113 });
    // And 18/8 has the samples' figures: every scan of the file in Hoàn Kiếm.
    const scans = sample("QR_SCAN_LOG").trim().split("\n").length - 1;
    const district = await db.prisma.dailyFigure.findUnique({
      where: { unitCode_day_source: { unitCode: "002", day: isoDayToUtcDate(SAMPLE_DAY), source: "COMPUTED" } },
    });
    expect(district?.scans).toBe(scans);
  });
});
