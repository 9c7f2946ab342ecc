import { beforeAll, expect, it, vi } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { HA_NOI, HO_CHI_MINH } from "../factories/provinces";
import { HOAN_KIEM } from "../factories/units";
import { testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { useTwoProvinceWorld } from "../setup/two-provinces";

// Issue 18 on the demo (Hà Nội's figures) plus a second province without figures, both databases:
// - the country's provinces ranked (getCountryPage) and a province's districts (getProvincePage):
//   who may see them, a province without figures never ranked nor 0;
// - the retention of raw scan partitions set from the settings page's action: validated, audited,
//   admins only.

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const { getCountryPage, getProvincePage } = await import("@/lib/data/city-page");
const { getSettings } = await import("@/lib/data/settings");
const { updateRawScanRetentionAction } = await import("@/lib/actions/settings");

const DAY = "2021-08-17";

describeOnBothDatabases("country ranking and raw scan retention", (open) => {
  const world = useTwoProvinceWorld(open);
  let db: TestDatabase, admin: SessionUser, official: SessionUser, chair: SessionUser, city: SessionUser, farCity: SessionUser;
  beforeAll(() => void ({ db, admin, official, chair, city, farCity } = world));

  it("ranks the provinces for an admin: Hà Nội has its figure, a province without figures is unranked, not 0", async () => {
    const page = await getCountryPage(admin, { day: DAY, metric: "coverage" });
    if (page.kind !== "ok") throw new Error(page.kind);
    expect(page.district.code).toBe(HA_NOI);
    const rows = new Map(page.ranking.districts.map((r) => [r.code, r]));
    expect(rows.get(HA_NOI)?.value).not.toBeNull();
    const hcm = rows.get(HO_CHI_MINH);
    expect(hcm?.rank).toBeNull();
    expect(hcm?.value ?? null).toBeNull();
    expect(page.ranking.ranked).toBeLessThan(page.ranking.districts.length);
  });

  it("lets a city official see the country with the own province picked out, and no other province picked", async () => {
    const page = await getCountryPage(city, { day: DAY, metric: "coverage" });
    expect(page.kind === "ok" && page.district.code).toBe(HA_NOI);
    await expect(getCountryPage(city, { provinceCode: HO_CHI_MINH, day: DAY, metric: "coverage" })).rejects.toThrow(ForbiddenError);
    await expect(getCountryPage(official, { day: DAY, metric: "coverage" })).rejects.toThrow(ForbiddenError);
    await expect(getCountryPage(chair, { day: DAY, metric: "coverage" })).rejects.toThrow(ForbiddenError);
  });

  it("shows a province's districts to its admins, city officials and district officials only", async () => {
    const forAdmin = await getProvincePage(admin, { provinceCode: HA_NOI, day: DAY, metric: "coverage" });
    if (forAdmin.kind !== "ok") throw new Error(forAdmin.kind);
    expect(forAdmin.city.code).toBe(HA_NOI);
    expect(forAdmin.ranking.districts.map((d) => d.code)).toContain(HOAN_KIEM);
    expect(forAdmin.ranking.highlighted).toBeNull();
    expect((await getProvincePage(city, { provinceCode: HA_NOI, day: DAY, metric: "coverage" })).kind).toBe("ok");
    expect((await getProvincePage(official, { provinceCode: HA_NOI, day: DAY, metric: "coverage" })).kind).toBe("ok");
    await expect(getProvincePage(farCity, { provinceCode: HA_NOI, day: DAY, metric: "coverage" })).rejects.toThrow(ForbiddenError);
    await expect(getProvincePage(official, { provinceCode: HO_CHI_MINH, day: DAY, metric: "coverage" })).rejects.toThrow(ForbiddenError);
    await expect(getProvincePage(chair, { provinceCode: HA_NOI, day: DAY, metric: "coverage" })).rejects.toThrow(ForbiddenError);
    expect((await getProvincePage(admin, { provinceCode: "98", day: DAY, metric: "coverage" })).kind).toBe("unknown-district");
  });

  it("saves the months of raw scans kept from the settings form: validated, audited, admins only", async () => {
    testRequest.user = admin;
    expect(await updateRawScanRetentionAction({ months: " 6 " })).toEqual({ ok: true, data: { changed: true } });
    expect((await getSettings(admin)).rawScanMonths).toBe(6);
    const audit = await db.prisma.auditLog.findFirst({ where: { entityKey: "storage.rawScanMonths" }, orderBy: { id: "desc" } });
    expect(audit?.before).toEqual({ rawScanMonths: null });
    expect(audit?.after).toEqual({ rawScanMonths: 6 });
    expect(await updateRawScanRetentionAction({ months: "6" })).toEqual({ ok: true, data: { changed: false } });

    for (const months of ["0", "1201", "2,5", "abc", "-3"]) {
      const answer = await updateRawScanRetentionAction({ months });
      expect(answer, months).toMatchObject({ ok: false });
      expect(answer.ok === false && answer.status).toBe(400);
    }
    expect(await updateRawScanRetentionAction({ months: 6 } as unknown as { months: string })).toMatchObject({ ok: false, status: 400 });
    expect((await getSettings(admin)).rawScanMonths).toBe(6);

    expect(await updateRawScanRetentionAction({ months: "" })).toEqual({ ok: true, data: { changed: true } });
    expect((await getSettings(admin)).rawScanMonths).toBeNull();

    for (const user of [official, city]) {
      testRequest.user = user;
      expect(await updateRawScanRetentionAction({ months: "3" })).toMatchObject({ ok: false, status: 403 });
    }
    expect((await getSettings(admin)).rawScanMonths).toBeNull();
  });
});
