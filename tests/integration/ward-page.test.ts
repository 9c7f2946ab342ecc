import { afterAll, beforeAll, expect, it } from "vitest";
import { getAlertSummary } from "@/lib/data/alerts";
import { getWardFigureSources } from "@/lib/data/figure-sources";
import { getWardPage } from "@/lib/data/ward-page";
import { getWardVenues } from "@/lib/data/ward-venues";
import { addDays } from "@/lib/domain/days";
import { DEFAULT_VENUE_QUERY, type VenueQuery } from "@/lib/domain/venue-activity";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/permissions";
import { HANG_MA, PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { createRoleUsers } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";

// /wards/[code] and the sections beside it (where the figures come from, the ward's alerts), on
// both databases: a ward code outside the viewer's scope is refused with 403 whether or not such
// a ward exists, so the answer never tells which codes exist; only an admin, whose scope is every
// ward, is told that a code does not exist (404).

const MISSING = "99999";
const DAY = "2021-08-14";
const FILLERS = 30;

/**
 * Phúc Tân's venues on 14/8/2021: four named ones (active, idle, dormant and suspended, never
 * scanned), 30 shops scanned that day (shop k: k scans), one registered the day after (not yet in
 * the list), and a venue of Hàng Mã with the same name as one of Phúc Tân's (never listed).
 */
async function seedVenues(prisma: PrismaClient): Promise<void> {
  const at = (day: string) => new Date(`${day}T00:00:00Z`);
  const venues = [
    { code: "HK-T-001", name: "Chợ Hàng Bè", address: "12 Hàng Bè, Phúc Tân", category: "MARKET", wardCode: PHUC_TAN, registeredOn: at("2021-07-01") },
    { code: "HK-T-002", name: "Trường Tiểu học Phúc Tân", address: null, category: "SCHOOL", wardCode: PHUC_TAN, registeredOn: at("2021-07-01") },
    { code: "HK-T-003", name: "Cơ sở kinh doanh Đông", address: "5 ngõ Phất Lộc", category: "BUSINESS", wardCode: PHUC_TAN, registeredOn: at("2021-07-01"), status: "SUSPENDED" },
    { code: "HK-T-004", name: "Quán Cà phê Đức", address: "7 Chương Dương Độ", category: "BUSINESS", wardCode: PHUC_TAN, registeredOn: at("2021-08-01") },
    { code: "HK-T-005", name: "Trạm y tế Phúc Tân", address: null, category: "HEALTH_FACILITY", wardCode: PHUC_TAN, registeredOn: at(addDays(DAY, 1)) },
    { code: "HM-T-001", name: "Chợ Hàng Bè", address: "Hàng Mã", category: "MARKET", wardCode: HANG_MA, registeredOn: at("2021-07-01") },
    ...Array.from({ length: FILLERS }, (_, i) => ({
      code: `HK-S-${String(i + 1).padStart(3, "0")}`,
      name: `Cửa hàng số ${String(i + 1).padStart(2, "0")}`,
      address: null,
      category: "BUSINESS" as const,
      wardCode: PHUC_TAN,
      registeredOn: at("2021-07-01"),
    })),
  ] as const;
  await prisma.venue.createMany({ data: venues.map((v) => ({ status: "ACTIVE" as const, ...v })) });
  const ids = new Map((await prisma.venue.findMany({ select: { id: true, code: true } })).map((v) => [v.code, v.id]));
  const scans = [
    { code: "HK-T-001", day: DAY, scans: 5 },
    { code: "HK-T-001", day: addDays(DAY, -1), scans: 3 },
    { code: "HK-T-002", day: addDays(DAY, -2), scans: 4 },
    { code: "HK-T-003", day: addDays(DAY, -10), scans: 2 },
    { code: "HM-T-001", day: DAY, scans: 9 },
    ...Array.from({ length: FILLERS }, (_, i) => ({ code: `HK-S-${String(i + 1).padStart(3, "0")}`, day: DAY, scans: i + 1 })),
  ];
  await prisma.venueDayScan.createMany({ data: scans.map((s) => ({ venueId: ids.get(s.code)!, day: at(s.day), scans: s.scans })) });
}

describeOnBothDatabases("ward page scope", (open) => {
  let db: TestDatabase;
  let users: { admin: SessionUser; official: SessionUser; otherOfficial: SessionUser; chair: SessionUser };

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    await seedVenues(db.prisma);
    users = await createRoleUsers(db.prisma);
  });
  afterAll(async () => closeServedDatabase(db));

  it("opens a ward of the viewer's district (no figures yet: no-data, not a refusal)", async () => {
    expect((await getWardPage(users.official, { wardCode: PHUC_TAN })).kind).toBe("no-data");
    expect((await getWardPage(users.chair, { wardCode: PHUC_TAN })).kind).toBe("no-data");
    expect((await getWardPage(users.admin, { wardCode: PHUC_XA })).kind).toBe("no-data");
  });

  it("refuses with 403 every code outside a district official's or chair's scope, existing or not", async () => {
    for (const viewer of [users.official, users.chair]) {
      await expect(getWardPage(viewer, { wardCode: PHUC_XA })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getWardPage(viewer, { wardCode: MISSING })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getWardFigureSources(viewer, { wardCode: MISSING, day: "2021-08-17" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(getWardPage(users.otherOfficial, { wardCode: PHUC_TAN })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("tells an admin that a code does not exist (404)", async () => {
    await expect(getWardPage(users.admin, { wardCode: MISSING })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getWardFigureSources(users.admin, { wardCode: MISSING, day: "2021-08-17" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows no alert summary for a ward outside the scope, existing or not", async () => {
    expect(await getAlertSummary(users.official, { wardCode: PHUC_XA, day: "2021-08-17" })).toBeNull();
    expect(await getAlertSummary(users.official, { wardCode: MISSING, day: "2021-08-17" })).toBeNull();
    expect(await getAlertSummary(users.official, { wardCode: PHUC_TAN, day: "2021-08-17" })).not.toBeNull();
  });

  const list = (query: Partial<VenueQuery>, viewer: SessionUser = users.official) =>
    getWardVenues(viewer, { wardCode: PHUC_TAN, day: DAY, query: { ...DEFAULT_VENUE_QUERY, ...query } });
  const codes = async (query: Partial<VenueQuery>) => (await list(query)).venues.map((v) => v.code);

  it("pages a ward's venues registered by the day, 25 a page, with the ward's counts and each venue's code", async () => {
    const first = await list({});
    expect([first.total, first.matched]).toEqual([FILLERS + 4, FILLERS + 4]); // HK-T-005 registered the day after
    expect(first.counts).toEqual({ active: FILLERS + 1, idle: 1, dormant: 2 });
    expect(first.span).toEqual({ page: 1, pageCount: 2, first: 1, last: 25, outOfRange: false });
    expect(first.venues).toHaveLength(25);
    // the follow-up order: dormant (never scanned first), idle, then active with most scans first
    expect(first.venues.slice(0, 4).map((v) => v.code)).toEqual(["HK-T-004", "HK-T-003", "HK-T-002", "HK-S-030"]);
    expect(first.venues[1]).toMatchObject({ name: "Cơ sở kinh doanh Đông", status: "SUSPENDED", activity: "dormant", lastScanDay: addDays(DAY, -10), daysSinceLastScan: 10 });
    const second = await list({ page: 2 });
    expect(second.venues).toHaveLength(FILLERS + 4 - 25);
    expect(second.span).toMatchObject({ first: 26, last: FILLERS + 4 });
    const all = [...first.venues, ...second.venues].map((v) => v.code);
    expect(new Set(all).size).toBe(FILLERS + 4);
    expect(all).not.toContain("HM-T-001");
    expect(all).not.toContain("HK-T-005");
  });

  it("searches name, code and address without case or diacritics", async () => {
    expect(await codes({ q: "cho hang be" })).toEqual(["HK-T-001"]); // not Hàng Mã's venue of the same name
    expect(await codes({ q: "CHỢ HÀNG BÈ" })).toEqual(["HK-T-001"]);
    expect(await codes({ q: "t-003" })).toEqual(["HK-T-003"]);
    expect(await codes({ q: "chuong duong" })).toEqual(["HK-T-004"]);
    expect(await codes({ q: "đức" })).toEqual(["HK-T-004"]);
    expect(await codes({ q: "%" })).toEqual([]); // no pattern syntax: a literal search
    const none = await list({ q: "không có địa điểm này" });
    expect([none.matched, none.total, none.venues.length]).toEqual([0, FILLERS + 4, 0]);
    expect(none.counts.active).toBe(FILLERS + 1); // the ward's counts do not follow the search
  });

  it("filters by category, register status and activity, together too", async () => {
    expect(await codes({ category: "MARKET" })).toEqual(["HK-T-001"]);
    expect(await codes({ status: "SUSPENDED" })).toEqual(["HK-T-003"]);
    expect(await codes({ activity: "dormant" })).toEqual(["HK-T-004", "HK-T-003"]);
    expect(await codes({ activity: "idle" })).toEqual(["HK-T-002"]);
    expect(await codes({ category: "BUSINESS", activity: "dormant", q: "quan" })).toEqual(["HK-T-004"]);
    expect((await list({ activity: "active" })).matched).toBe(FILLERS + 1);
  });

  it("sorts by last scan and by scans, ties by name", async () => {
    expect((await codes({ sort: "last-scan-oldest" })).slice(0, 3)).toEqual(["HK-T-004", "HK-T-003", "HK-T-002"]);
    expect((await codes({ sort: "last-scan" })).slice(0, 2)).toEqual(["HK-T-001", "HK-S-001"]); // scanned on the day, by name
    const recent = await list({ sort: "last-scan", page: 2 });
    expect(recent.venues.slice(-3).map((v) => v.code)).toEqual(["HK-T-002", "HK-T-003", "HK-T-004"]); // never scanned last
    expect((await codes({ sort: "scans" })).slice(0, 2)).toEqual(["HK-S-030", "HK-S-029"]);
    expect((await codes({ sort: "scans-7d-fewest" })).slice(0, 2)).toEqual(["HK-T-003", "HK-T-004"]); // 0 and 0, by name
    expect((await codes({ sort: "scans-7d", category: "MARKET" }))).toEqual(["HK-T-001"]);
    expect((await codes({ sort: "name" })).slice(0, 3)).toEqual(["HK-T-001", "HK-T-003", "HK-S-001"]); // Chợ, Cơ sở, Cửa hàng
  });

  it("answers a page past the end with no venue and says so (no error)", async () => {
    const past = await list({ page: 99 });
    expect(past.venues).toEqual([]);
    expect(past.span).toMatchObject({ page: 99, pageCount: 2, outOfRange: true });
    expect(past.matched).toBe(FILLERS + 4);
  });

  it("refuses the venue list of a ward outside the viewer's scope (403), existing or not; 404 only for an admin", async () => {
    await expect(getWardVenues(users.official, { wardCode: PHUC_XA, day: DAY, query: DEFAULT_VENUE_QUERY })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getWardVenues(users.chair, { wardCode: MISSING, day: DAY, query: DEFAULT_VENUE_QUERY })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(list({}, users.otherOfficial)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getWardVenues(users.admin, { wardCode: MISSING, day: DAY, query: DEFAULT_VENUE_QUERY })).rejects.toBeInstanceOf(NotFoundError);
    expect((await list({}, users.chair)).total).toBe(FILLERS + 4);
  });
});
