import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ExportRequestError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { csvText } from "@/lib/documents/csv";
import type { ExportTable } from "@/lib/documents/table";
import type { ExportDataset, ExportFilters } from "@/lib/schemas/exports";
import { HA_NOI, HO_CHI_MINH, QUAN_1, seedOtherProvince, TAN_DINH } from "../factories/provinces";
import { createCityOfficial, createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";

// The province filter of the exports (issue 18): one whole province (every ward of its
// districts) on the demo (Hà Nội) plus a second province (Hồ Chí Minh > Quận 1 > Tân Định, with a
// venue, its scans and a figure), on both databases, through the data layer and the real route
// handler: a province's file holds exactly that province's units; a scope the user may not
// download is refused (403), an unknown province is 404, a province with a district 400.

const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const { getExportOptions, openExport } = await import("@/lib/data/exports");
const { GET: fileRoute } = await import("@/app/api/exports/[dataset]/route");

const LAST = "2021-08-17";
const FROM = "2021-08-16";

async function csvRows(table: ExportTable): Promise<Record<string, string>[]> {
  const [header, ...rows]: string[][] = parse((await csvText(table)).slice(1));
  expect(header).toEqual(table.columns.map((c) => c.header));
  return rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.key, r[i] ?? ""])));
}

function request(path: string): [Request, { params: Promise<{ dataset: string }> }] {
  const url = new URL(path, "http://localhost");
  return [new Request(url), { params: Promise.resolve({ dataset: url.pathname.split("/").at(-1) ?? "" }) }];
}

describeOnBothDatabases("exports of a whole province", (open) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let admin: SessionUser;
  let haNoiOfficial: SessionUser;
  let districtOfficial: SessionUser;
  let haNoiWards: string[];
  let haNoiDistricts: string[];

  const exportFor = (user: SessionUser, dataset: ExportDataset, filters: Partial<ExportFilters>) =>
    openExport(user, { dataset, filters }, new Date("2021-08-20T03:00:00Z"));

  beforeAll(async () => {
    db = await openServedDatabase(() => open({ demo: true }));
    prisma = db.prisma;
    await seedOtherProvince(prisma);
    const venue = await prisma.venue.create({
      data: { code: "QR-79-TAN-DINH-1", name: "Chợ Tân Định", category: "MARKET", wardCode: TAN_DINH, registeredOn: new Date("2021-07-01") },
    });
    await prisma.venueDayScan.create({ data: { venueId: venue.id, day: new Date(`${LAST}T00:00:00Z`), scans: 42 } });
    await prisma.dailyFigure.create({
      data: { unitCode: TAN_DINH, day: new Date(`${LAST}T00:00:00Z`), source: "WARD_REPORT", smartphones: 1000, installs: 400 },
    });
    admin = await createTestUser(prisma, { role: "ADMIN" });
    haNoiOfficial = await createCityOfficial(prisma, HA_NOI);
    districtOfficial = await createTestUser(prisma, { role: "DISTRICT_OFFICIAL", unitCode: "002" });
    haNoiWards = (await prisma.unit.findMany({ where: { level: "WARD", parent: { parentCode: HA_NOI } }, select: { code: true } })).map((u) => u.code).sort();
    haNoiDistricts = (
      await prisma.unit.findMany({ where: { level: "DISTRICT", parentCode: HA_NOI, children: { some: { level: "WARD" } } }, select: { code: true } })
    )
      .map((u) => u.code)
      .sort();
  });
  afterAll(() => closeServedDatabase(db));

  it("daily figures of a province: every ward of its districts, its districts and the province, nothing of another province", async () => {
    for (const user of [admin, haNoiOfficial]) {
      const table = await exportFor(user, "daily-figures", { province: HA_NOI, from: FROM, to: LAST });
      expect(table.fileBase).toBe(`so-lieu-hang-ngay-tinh-01-${FROM}-${LAST}`);
      expect(table.filters[0]?.label).toBe("Tỉnh/thành phố");
      expect(table.filters[0]?.value).toMatch(/^01 – .*Hà Nội$/);
      const rows = await csvRows(table);
      const units = (level: string) => [...new Set(rows.filter((r) => r.level === level).map((r) => r.unitCode))].sort();
      expect(haNoiWards.length).toBeGreaterThan(18); // more than one district's wards
      expect(units("Phường/xã")).toEqual(haNoiWards);
      expect(units("Quận/huyện")).toEqual(haNoiDistricts);
      expect(units("Tỉnh/thành phố")).toEqual([HA_NOI]);
      expect(rows.some((r) => r.unitCode === TAN_DINH || r.unitCode === QUAN_1 || r.unitCode === HO_CHI_MINH)).toBe(false);
    }
    const other = await csvRows(await exportFor(admin, "daily-figures", { province: HO_CHI_MINH, from: LAST, to: LAST }));
    expect(other.map((r) => [r.level, r.unitCode])).toEqual([
      ["Phường/xã", TAN_DINH],
      ["Quận/huyện", QUAN_1],
      ["Tỉnh/thành phố", HO_CHI_MINH],
    ]);
  });

  it("venue activity of a province, streamed: exactly the venues of its wards, every venue-day once", async () => {
    const table = await exportFor(admin, "venue-activity", { province: HA_NOI, from: FROM, to: LAST });
    const rows = await csvRows(table);
    expect(rows).toHaveLength(table.rowCount);
    const expected = await prisma.venue.findMany({
      where: { ward: { parent: { parentCode: HA_NOI } }, registeredOn: { lte: new Date(`${LAST}T00:00:00Z`) } },
      select: { code: true },
    });
    expect(new Set(rows.map((r) => r.venueCode))).toEqual(new Set(expected.map((v) => v.code)));
    expect(new Set(rows.map((r) => `${r.venueCode}/${r.day}`)).size).toBe(rows.length);
    expect(rows.every((r) => haNoiWards.includes(r.wardCode ?? ""))).toBe(true);
    const other = await csvRows(await exportFor(admin, "venue-activity", { province: HO_CHI_MINH, from: LAST, to: LAST }));
    expect(other.map((r) => [r.wardCode, r.venueCode, r.scans])).toEqual([[TAN_DINH, "QR-79-TAN-DINH-1", "42"]]);
  });

  it("refuses a province the user may not download (403), an unknown one (404), a province with a district (400)", async () => {
    await expect(exportFor(haNoiOfficial, "venue-activity", { province: HO_CHI_MINH, from: LAST, to: LAST })).rejects.toThrow(ForbiddenError);
    await expect(exportFor(districtOfficial, "daily-figures", { province: HA_NOI, from: LAST, to: LAST })).rejects.toThrow(ForbiddenError);
    await expect(exportFor(admin, "daily-figures", { province: "98", from: LAST, to: LAST })).rejects.toThrow(NotFoundError);
    await expect(exportFor(admin, "daily-figures", { province: HA_NOI, district: "002", from: LAST, to: LAST })).rejects.toThrow(ExportRequestError);
    await expect(exportFor(admin, "rankings", { province: HA_NOI, day: LAST })).rejects.toThrow(/không dùng cho/);

    const route = (province: string, extra = "") => fileRoute(...request(`/api/exports/venue-activity?format=csv&province=${province}&from=${LAST}&to=${LAST}${extra}`));
    state.user = haNoiOfficial;
    expect((await route(HO_CHI_MINH)).status).toBe(403);
    const ok = await route(HA_NOI);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(/diem-qr-theo-ngay-tinh-01-/);
    await ok.arrayBuffer();
    state.user = districtOfficial;
    expect((await route(HA_NOI)).status).toBe(403);
    state.user = admin;
    expect((await route("98")).status).toBe(404);
    expect((await route(HA_NOI, "&district=002")).status).toBe(400);
    state.user = null;
    expect((await route(HA_NOI)).status).toBe(401);
  });

  it("the Exports page offers the province to those who may download it, and opens a named province on its first district", async () => {
    expect((await getExportOptions(admin, { district: "002" })).province).toMatchObject({ code: HA_NOI, name: expect.stringMatching(/Hà Nội$/) });
    expect((await getExportOptions(haNoiOfficial, {})).province?.code).toBe(HA_NOI);
    expect((await getExportOptions(districtOfficial, {})).province).toBeNull();
    const named = await getExportOptions(admin, { province: HO_CHI_MINH });
    expect([named.province?.code, named.district.code]).toEqual([HO_CHI_MINH, QUAN_1]);
    await expect(getExportOptions(haNoiOfficial, { province: HO_CHI_MINH })).rejects.toThrow(ForbiddenError);
  });
});
