import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getWardFigureSources } from "@/lib/data/figure-sources";
import { setPreferredSource } from "@/lib/data/settings";
import { refreshRollups } from "@/lib/figures/rollups";
import { getPreferredSource, SOURCE_PRIORITY_KEY } from "@/lib/figures/settings";
import { isoDayToUtcDate } from "@/lib/domain/days";
import type { SessionUser } from "@/lib/permissions";
import { BA_DINH, DONG_XUAN, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 5, point 7: a ward's own report and the imported figures of the same day are both kept;
// the pages use one of them field by field (imports first by default, an admin can switch), the
// ward page shows which, and switching rewrites the district's sums in the same transaction.

const DAY = "2021-08-14";

describeOnBothDatabases("figure sources", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let otherOfficial: SessionUser;

  async function figure(unitCode: string, source: "WARD_REPORT" | "IMPORT", values: { scans: number | null; activeVenues: number | null; qrVenues: number }) {
    await db.prisma.dailyFigure.create({
      data: { unitCode, day: isoDayToUtcDate(DAY), source, smartphones: 8000, installs: 4000, ...values },
    });
  }

  async function districtScans(): Promise<number | null> {
    const row = await db.prisma.dailyFigure.findUnique({
      where: { unitCode_day_source: { unitCode: HOAN_KIEM, day: isoDayToUtcDate(DAY), source: "COMPUTED" } },
      select: { scans: true },
    });
    return row?.scans ?? null;
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    admin = await createTestUser(db.prisma, { role: "ADMIN" });
    official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
    otherOfficial = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: BA_DINH });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    await db.prisma.dailyFigure.deleteMany();
    await db.prisma.setting.deleteMany({ where: { key: SOURCE_PRIORITY_KEY } });
    // Phúc Tân: its report says 0 scans, the QR system's export says 120; the import does not
    // know smartphones-level differences. Đồng Xuân only reported.
    await figure(PHUC_TAN, "WARD_REPORT", { scans: 0, activeVenues: 0, qrVenues: 300 });
    await figure(PHUC_TAN, "IMPORT", { scans: 120, activeVenues: 15, qrVenues: 300 });
    await figure(DONG_XUAN, "WARD_REPORT", { scans: 500, activeVenues: 40, qrVenues: 200 });
    await refreshRollups(db.prisma, { from: DAY, to: DAY });
  });

  it("shows both sources and uses the import by default, field by field", async () => {
    const view = await getWardFigureSources(official, { wardCode: PHUC_TAN, day: DAY });
    expect(view.priority[0]).toBe("IMPORT");
    expect(view.rows.map((r) => [r.source, r.scans])).toEqual([
      ["IMPORT", 120],
      ["WARD_REPORT", 0],
    ]);
    expect(view.effective?.scans).toBe(120);
    expect(view.effective?.sources.scans).toBe("IMPORT");
    expect(await districtScans()).toBe(620);

    const onlyReport = await getWardFigureSources(official, { wardCode: DONG_XUAN, day: DAY });
    expect(onlyReport.effective?.sources.scans).toBe("WARD_REPORT");
    const nothing = await getWardFigureSources(official, { wardCode: PHUC_TAN, day: "2021-08-13" });
    expect(nothing).toMatchObject({ rows: [], effective: null });
  });

  it("refuses other districts' wards and unknown wards (403 outside the scope, existing or not; 404 for an admin)", async () => {
    await expect(getWardFigureSources(otherOfficial, { wardCode: PHUC_TAN, day: DAY })).rejects.toBeInstanceOf(ForbiddenError);
    // Issue 13: an official is not told which codes exist.
    await expect(getWardFigureSources(official, { wardCode: "99999", day: DAY })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getWardFigureSources(official, { wardCode: HOAN_KIEM, day: DAY })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getWardFigureSources(admin, { wardCode: "99999", day: DAY })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getWardFigureSources(admin, { wardCode: HOAN_KIEM, day: DAY })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets only an admin prefer the ward reports, rewrites the district's sums and audits it", async () => {
    await expect(setPreferredSource(official, "WARD_REPORT")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getPreferredSource(db.prisma)).toBe("IMPORT");
    expect(await districtScans()).toBe(620);

    expect(await setPreferredSource(admin, "WARD_REPORT")).toEqual({ changed: true });
    expect(await getPreferredSource(db.prisma)).toBe("WARD_REPORT");
    const view = await getWardFigureSources(official, { wardCode: PHUC_TAN, day: DAY });
    expect(view.effective?.scans).toBe(0);
    expect(view.effective?.sources.scans).toBe("WARD_REPORT");
    expect(await districtScans()).toBe(500);

    const audit = await db.prisma.auditLog.findFirst({ where: { entityKey: SOURCE_PRIORITY_KEY }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ userId: admin.id, action: "setting.update" });
    expect(audit?.after).toEqual({ sourcePriority: "WARD_REPORT > IMPORT > COMPUTED" });

    expect(await setPreferredSource(admin, "WARD_REPORT")).toEqual({ changed: false });
    expect(await setPreferredSource(admin, "IMPORT")).toEqual({ changed: true });
    expect(await districtScans()).toBe(620);
  });
});
