import { afterAll, beforeAll, expect, it } from "vitest";
import { loadDistrictOverview } from "@/tests/setup/district-overview";
import { formatCount, formatPercent } from "@/lib/domain/format";
import { loadDemo } from "@/prisma/seed/load";
import { readPolicyPhases } from "@/lib/figures/policy-phases";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The dispatch's figures, computed from the stored demo rows through the same data layer the
// overview page uses, on both databases.
describeOnBothDatabases("overview", (open) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openServedDatabase(() => open({ demo: true }));
  });
  afterAll(async () => closeServedDatabase(db));

  it("shows Hoàn Kiếm on 17/8/2021: 77.113 of 150.788 = 51,14%, 7th of 30", async () => {
    const result = await loadDistrictOverview(db.prisma, { districtCode: "002", day: "2021-08-17" });
    if (result.kind !== "ok") throw new Error(`expected data, got ${result.kind}`);
    const { district, city, wards } = result.overview;
    expect(district.name).toBe("Quận Hoàn Kiếm");
    expect(formatCount(district.figure?.installs ?? null)).toBe("77.113");
    expect(formatCount(district.figure?.smartphones ?? null)).toBe("150.788");
    expect(formatPercent(district.coverage)).toBe("51,14%");
    expect(district.rankInCity).toBe(7);
    expect(district.districtsRanked).toBe(30);
    expect(formatCount(city.figure?.installs ?? null)).toBe("3.220.382");
    expect(formatPercent(city.coverage)).toBe("47,05%");
    expect(wards).toHaveLength(18);
    expect(wards.every((w) => w.rank !== null)).toBe(true);
  });

  it("counts the city's QR venues on 14/8/2021 and names Phúc Tân with zero scans", async () => {
    const result = await loadDistrictOverview(db.prisma, { districtCode: "002", day: "2021-08-14" });
    if (result.kind !== "ok") throw new Error(`expected data, got ${result.kind}`);
    expect(result.overview.city.figure?.qrVenues).toBe(206385);
    expect(result.overview.city.figure?.activeVenues).toBe(14698);
    expect(result.overview.wardsWithZeroScans.map((w) => w.name)).toContain("Phường Phúc Tân");
  });

  it("defaults to the latest day with data and ranks wards by coverage", async () => {
    const result = await loadDistrictOverview(db.prisma, {});
    if (result.kind !== "ok") throw new Error(`expected data, got ${result.kind}`);
    expect(result.day).toBe("2021-08-17");
    const ranks = result.overview.wards.map((w) => w.rank ?? Infinity);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it("keeps a ward that did not report out of the ranking instead of counting it as zero", async () => {
    const result = await loadDistrictOverview(db.prisma, { districtCode: "002", day: "2021-08-15" });
    if (result.kind !== "ok") throw new Error(`expected data, got ${result.kind}`);
    const missing = result.overview.wardsNotReported;
    expect(missing.length).toBeGreaterThan(0);
    for (const ward of missing) {
      const row = result.overview.wards.find((w) => w.code === ward.code);
      expect(row?.rank).toBeNull();
      expect(row?.figure).toBeNull();
    }
    expect(result.overview.district.figure?.installs).not.toBeNull();
  });

  it("reports unknown districts and days outside the data", async () => {
    expect((await loadDistrictOverview(db.prisma, { districtCode: "999" })).kind).toBe("unknown-district");
    expect((await loadDistrictOverview(db.prisma, { districtCode: "002", day: "2020-01-01" })).kind).toBe("day-out-of-range");
  });

  it("loading the demo twice duplicates nothing", async () => {
    const before = await db.prisma.dailyFigure.count();
    const venuesBefore = await db.prisma.venue.count();
    await loadDemo(db.prisma);
    expect(await db.prisma.dailyFigure.count()).toBe(before);
    expect(await db.prisma.venue.count()).toBe(venuesBefore);
    expect(await db.prisma.policyPhase.count()).toBe(1);
  });

  it("records Hà Nội's Chỉ thị 16 from 24/7/2021, the band on every time chart of its districts and wards", async () => {
    const phases = await readPolicyPhases(db.prisma, null);
    expect(phases).toEqual([{ id: expect.any(Number), unitCode: "01", unitName: "Thành phố Hà Nội", name: "Chỉ thị 16", startDay: "2021-07-24", endDay: null }]);
  });
});
