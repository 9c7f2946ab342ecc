import { afterAll, beforeAll, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { loadReferenceUnits } from "@/lib/figures/reference-units";
import type { SessionUser } from "@/lib/permissions";
import { loadDemo } from "@/prisma/seed/load";
import { HA_NOI, HO_CHI_MINH } from "../factories/provinces";
import { BA_DINH, HOAN_KIEM } from "../factories/units";
import { createCityOfficial, createRoleUsers } from "../factories/users";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Choosing a district (issue 12 part 8) and the words the dashboards count in, on the whole
// country's unit tree (705 districts, as `npm start` loads it) with the demo's figures, on both
// databases: who is offered which districts, that the district asked for in the URL is checked
// where the data is read, and that a rural district's wards are called "xã, thị trấn".

const { getViewableDistricts } = await import("@/lib/data/districts");
const { getDistrictDashboard } = await import("@/lib/data/district-dashboard");
const { loadDistrictDashboard } = await import("@/lib/figures/district-dashboard");
const { getCityPage } = await import("@/lib/data/city-page");
const { loadCityPage } = await import("@/lib/figures/city-page");

const SOC_SON = "016"; // Huyện Sóc Sơn: 25 xã and 1 thị trấn
const SON_TAY = "269"; // Thị xã Sơn Tây: 9 phường and 6 xã

describeOnBothDatabases("district picker", (open) => {
  let db: TestDatabase;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;
  let haNoiOfficial: SessionUser;
  let hcmOfficial: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await loadReferenceUnits(db.prisma);
    await loadDemo(db.prisma);
    users = await createRoleUsers(db.prisma);
    haNoiOfficial = await createCityOfficial(db.prisma, HA_NOI);
    hcmOfficial = await createCityOfficial(db.prisma, HO_CHI_MINH);
  });
  afterAll(async () => {
    await closeServedDatabase(db);
  });

  it("offers an admin every district of the country, each with its province, those with figures marked", async () => {
    const districts = await getViewableDistricts(users.admin);
    expect(districts).toHaveLength(705);
    expect(new Set(districts.map((d) => d.code)).size).toBe(705);
    expect(districts.find((d) => d.code === BA_DINH)).toEqual({
      code: BA_DINH,
      name: "Quận Ba Đình",
      type: "Quận",
      provinceCode: HA_NOI,
      provinceName: "Thành phố Hà Nội",
      hasData: true,
      validTo: null,
    });
    // The demo has figures for Hà Nội's 30 districts, and for no other.
    const withData = districts.filter((d) => d.hasData);
    expect(withData).toHaveLength(30);
    expect(withData.every((d) => d.provinceCode === HA_NOI)).toBe(true);
    expect(districts.find((d) => d.code === "760")).toMatchObject({ name: "Quận 1", provinceName: "Thành phố Hồ Chí Minh", hasData: false });
  });

  it("offers a city official the districts of the province only", async () => {
    const haNoi = await getViewableDistricts(haNoiOfficial);
    expect(haNoi).toHaveLength(30);
    expect(haNoi.every((d) => d.provinceCode === HA_NOI && d.hasData)).toBe(true);
    const hcm = await getViewableDistricts(hcmOfficial);
    expect(hcm).toHaveLength(22);
    expect(hcm.every((d) => d.provinceCode === HO_CHI_MINH && !d.hasData)).toBe(true);
  });

  it("leaves a district official and a ward chair on their own district (no choice to make)", async () => {
    expect((await getViewableDistricts(users.official)).map((d) => d.code)).toEqual([HOAN_KIEM]);
    expect((await getViewableDistricts(users.otherOfficial)).map((d) => d.code)).toEqual([BA_DINH]);
    expect((await getViewableDistricts(users.chair)).map((d) => d.code)).toEqual([HOAN_KIEM]);
  });

  it("opens the district the URL names for an admin and a city official of its province", async () => {
    const asAdmin = await getDistrictDashboard(users.admin, { districtCode: BA_DINH, metric: "coverage", compare: [] });
    expect(asAdmin.kind === "ok" ? asAdmin.district.name : asAdmin.kind).toBe("Quận Ba Đình");
    const asCity = await getDistrictDashboard(haNoiOfficial, { districtCode: BA_DINH, metric: "coverage", compare: [] });
    expect(asCity.kind === "ok" ? asCity.district.code : asCity.kind).toBe(BA_DINH);
    const city = await getCityPage(haNoiOfficial, { districtCode: SOC_SON, metric: "coverage" });
    expect(city.kind === "ok" ? city.district.code : city.kind).toBe(SOC_SON);
  });

  it("refuses another district named in the URL to a district official, a ward chair and another province's city official", async () => {
    const ask = (viewer: SessionUser, districtCode: string) => getDistrictDashboard(viewer, { districtCode, metric: "coverage", compare: [] });
    await expect(ask(users.official, BA_DINH)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ask(users.otherOfficial, HOAN_KIEM)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ask(users.chair, BA_DINH)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ask(hcmOfficial, HOAN_KIEM)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ask(haNoiOfficial, "760")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCityPage(users.official, { districtCode: BA_DINH, metric: "coverage" })).rejects.toBeInstanceOf(ForbiddenError);
    // the own district still opens
    expect((await ask(users.official, HOAN_KIEM)).kind).toBe("ok");
  });

  it("counts each district's wards in their own words, and the city's districts in theirs", async () => {
    const hoanKiem = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-17", metric: "coverage", compare: [] });
    if (hoanKiem.kind !== "ok") throw new Error(hoanKiem.kind);
    expect(hoanKiem.nouns).toEqual({ wards: "phường", districts: "quận, huyện, thị xã" });
    expect(hoanKiem.district.type).toBe("Quận");
    expect(hoanKiem.district.childTypes).toEqual(["Phường"]);

    const socSon = await loadDistrictDashboard(db.prisma, { districtCode: SOC_SON, day: "2021-08-17", metric: "coverage", compare: [] });
    if (socSon.kind !== "ok") throw new Error(socSon.kind);
    expect(socSon.nouns.wards).toBe("xã, thị trấn");
    expect(socSon.district.type).toBe("Huyện");
    expect(socSon.dashboard.wards).toHaveLength(26);

    const city = await loadCityPage(db.prisma, { districtCode: SOC_SON, day: "2021-08-17", metric: "coverage" });
    if (city.kind !== "ok") throw new Error(city.kind);
    expect(city.nouns.districts).toBe("quận, huyện, thị xã");
    expect(city.nouns.wardsOf[HOAN_KIEM]).toBe("phường");
    expect(city.nouns.wardsOf[SOC_SON]).toBe("xã, thị trấn");
    expect(city.nouns.wardsOf[SON_TAY]).toBe("phường, xã");
  });
});
