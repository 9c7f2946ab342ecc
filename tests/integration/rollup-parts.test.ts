import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { loadDistrictDashboard } from "@/lib/figures/district-dashboard";
import { refreshRollups, repairRollupsWithoutPartCounts } from "@/lib/figures/rollups";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { partCountLabel } from "@/lib/domain/completeness";
import { BA_DINH, HOAN_KIEM, PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 11, point 1: a district's, city's or country's sum says how many of its children it
// counts, per part (coverage, QR venues, scans), and counts only children whose part is whole, so
// a district with 1 of 18 wards is neither shown as a total nor folded into the city as if whole.

const COMPLETE_DAY = "2021-08-17";
const PARTIAL_DAY = "2021-08-18";
const HANOI = "01";

type Values = { smartphones?: number | null; installs?: number | null; qrVenues?: number | null; activeVenues?: number | null; scans?: number | null };

describeOnBothDatabases("rollup parts", (open) => {
  let db: TestDatabase;
  let wards: string[] = [];

  async function report(unitCode: string, day: string, values: Values, source: "WARD_REPORT" | "IMPORT" = "WARD_REPORT") {
    await db.prisma.dailyFigure.create({
      data: { unitCode, day: isoDayToUtcDate(day), source, smartphones: null, installs: null, ...values },
    });
  }

  async function computed(unitCode: string, day: string) {
    return db.prisma.dailyFigure.findUnique({
      where: { unitCode_day_source: { unitCode, day: isoDayToUtcDate(day), source: "COMPUTED" } },
    });
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM }, orderBy: { code: "asc" } })).map((u) => u.code);
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    await db.prisma.dailyFigure.deleteMany();
  });

  it("counts the wards of each part and sums only the whole ones up to the city", async () => {
    expect(wards).toHaveLength(18);
    for (const [i, ward] of wards.entries()) {
      await report(ward, COMPLETE_DAY, { smartphones: 1000 + i, installs: 500, qrVenues: 10, activeVenues: 2, scans: 7 });
    }
    // the next day, one ward has reported; another has only QR figures (from a scan log)
    await report(PHUC_TAN, PARTIAL_DAY, { smartphones: 7932, installs: 4100 });
    await report(wards[1]!, PARTIAL_DAY, { qrVenues: 12, activeVenues: 0, scans: 0 });
    await refreshRollups(db.prisma, { from: COMPLETE_DAY, to: PARTIAL_DAY });

    const whole = await computed(HOAN_KIEM, COMPLETE_DAY);
    expect(whole).toMatchObject({ childrenTotal: 18, coverageCounted: 18, qrCounted: 18, scansCounted: 18, installs: 9000 });
    const partial = await computed(HOAN_KIEM, PARTIAL_DAY);
    expect(partial).toMatchObject({ childrenTotal: 18, coverageCounted: 1, qrCounted: 1, scansCounted: 1 });
    expect(partial).toMatchObject({ smartphones: 7932, installs: 4100, qrVenues: 12, scans: 0 });

    // The city holds Hoàn Kiếm on the whole day (1 of its 30 districts), not on the partial one.
    const cityWhole = await computed(HANOI, COMPLETE_DAY);
    expect(cityWhole).toMatchObject({ childrenTotal: 30, coverageCounted: 1, installs: 9000 });
    const cityPartial = await computed(HANOI, PARTIAL_DAY);
    expect(cityPartial).toMatchObject({ childrenTotal: 30, coverageCounted: 0, installs: null, smartphones: null });
  });

  it("opens the overview on the last whole day and does not rank a district from one ward", async () => {
    for (const ward of wards) await report(ward, COMPLETE_DAY, { smartphones: 1000, installs: 500 });
    await report(PHUC_TAN, PARTIAL_DAY, { smartphones: 7932, installs: 4100 });
    await refreshRollups(db.prisma, { from: COMPLETE_DAY, to: PARTIAL_DAY });

    const opened = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, metric: "coverage", compare: [] });
    if (opened.kind !== "ok") throw new Error(opened.kind);
    expect(opened.dashboard.day).toBe(COMPLETE_DAY);
    expect(opened.range).toMatchObject({ to: PARTIAL_DAY, lastComplete: COMPLETE_DAY });
    expect(opened.dashboard.overview.district.rankInCity).toBe(1); // 1 of the districts with whole figures

    const today = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day: PARTIAL_DAY, metric: "coverage", compare: [] });
    if (today.kind !== "ok") throw new Error(today.kind);
    const district = today.dashboard.overview.district;
    expect(district.rankInCity).toBeNull();
    expect(district.standing).toBe("partial");
    expect(partCountLabel(district.origins.coverage)).toBe("1/18");
    expect(today.dashboard.kpis.rankChangeDay).toBeNull();
    expect(today.dashboard.kpis.coverageChangeDay).toBeNull(); // 1 ward against 18: not compared
    expect(today.dashboard.kpis.coverageStatus).toBeNull();
    expect(today.dashboard.kpis.forecast).toBeNull();
    expect(today.dashboard.overview.wardsNotReported).toHaveLength(17);
  });

  it("treats a district's own imported figure as whole and keeps the sum of its wards beside it", async () => {
    await report(BA_DINH, COMPLETE_DAY, { smartphones: 150000, installs: 80000 }, "IMPORT");
    await report(PHUC_XA, COMPLETE_DAY, { smartphones: 108001, installs: 67800 });
    await refreshRollups(db.prisma, { from: COMPLETE_DAY, to: COMPLETE_DAY });
    const sum = await computed(BA_DINH, COMPLETE_DAY);
    expect(sum).toMatchObject({ smartphones: 108001, installs: 67800, coverageCounted: 1 });
    // the city counts Ba Đình's own figure (whole), not the sum of its ward
    const city = await computed(HANOI, COMPLETE_DAY);
    expect(city).toMatchObject({ coverageCounted: 1, smartphones: 150000, installs: 80000 });
  });

  it("counts a ward that reported 0 smartphones as reported (a zero, not a gap)", async () => {
    for (const [i, ward] of wards.entries()) {
      await report(ward, COMPLETE_DAY, i === 0 ? { smartphones: 0, installs: 0 } : { smartphones: 100, installs: 50 });
    }
    await refreshRollups(db.prisma, { from: COMPLETE_DAY, to: COMPLETE_DAY });
    expect(await computed(HOAN_KIEM, COMPLETE_DAY)).toMatchObject({ coverageCounted: 18, smartphones: 1700, installs: 850 });
  });

  it("recounts sums written before the parts were counted", async () => {
    for (const ward of wards) await report(ward, COMPLETE_DAY, { smartphones: 100, installs: 50 });
    await refreshRollups(db.prisma, { from: COMPLETE_DAY, to: COMPLETE_DAY });
    await db.prisma.dailyFigure.updateMany({
      where: { source: "COMPUTED" },
      data: { coverageCounted: null, qrCounted: null, scansCounted: null },
    });
    expect(await repairRollupsWithoutPartCounts(db.prisma)).toEqual({ from: COMPLETE_DAY, to: COMPLETE_DAY });
    expect(await computed(HOAN_KIEM, COMPLETE_DAY)).toMatchObject({ coverageCounted: 18 });
    expect(await repairRollupsWithoutPartCounts(db.prisma)).toBeNull();
  });
});
