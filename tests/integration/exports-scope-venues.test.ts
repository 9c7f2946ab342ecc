import { afterAll, beforeAll, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/permissions";
import { openExport } from "@/lib/data/exports";
import { applyCodeList, previewCodeList } from "@/lib/data/unit-admin";
import { VENUE_BATCH } from "@/lib/exports/datasets/venue-activity";
import { csvText } from "@/lib/documents/csv";
import { dayRange, isoDayToUtcDate } from "@/lib/domain/days";
import { CODE_LIST_HEADER } from "@/lib/domain/unit-code-list";
import type { ExportFilters } from "@/lib/schemas/exports";
import { loadDemo } from "@/prisma/seed/load";
import { HA_NOI, HO_CHI_MINH, QUAN_1, seedOtherProvince, TAN_DINH } from "../factories/provinces";
import { createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";

// The venue-activity export of a scope (a province, a district, a ward) reads the scope's venues
// by id, a slice at a time (issue 18: Hà Nội's export at the country's speed): its file must be,
// line for line and byte for byte, the country's file with only the scope's wards kept, in the
// same order, on both databases; a venue of another province never appears; and the scope
// follows the unit tree as it is, so a ward moved to another province by a code list (a ward
// without figures may move, docs/units.md) goes with its venues to its new province.

const FROM = "2021-08-16";
const LAST = "2021-08-17";
const NOW = new Date("2021-08-20T03:00:00Z");
const MOVED = "99002";
const HOAN_KIEM = "002";

type Line = { text: string; wardCode: string; venueCode: string };

/** The file's data lines as written (CRLF-separated, byte order mark and header dropped), each with its ward and venue. */
async function fileLines(admin: SessionUser, filters: Partial<ExportFilters>): Promise<{ lines: Line[]; rowCount: number }> {
  const table = await openExport(admin, { dataset: "venue-activity", filters: { ...filters, from: FROM, to: LAST } }, NOW);
  const text = await csvText(table);
  expect(text.endsWith("\r\n")).toBe(true);
  const [header, ...rows] = text.slice(1, -2).split("\r\n");
  expect(header).toBe(table.columns.map((c) => c.header).join(","));
  const column = (key: string) => table.columns.findIndex((c) => c.key === key);
  const lines = rows.map((text) => {
    const [cells = []]: string[][] = parse(text);
    return { text, wardCode: cells[column("wardCode")] ?? "", venueCode: cells[column("venueCode")] ?? "" };
  });
  return { lines, rowCount: table.rowCount };
}

describeOnBothDatabases("venue activity of a scope equals the country's file filtered to it", (open) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let admin: SessionUser;

  /** The wards of the unit tree as it is now: a province's are the wards of its districts. */
  async function wardsOf(filters: Partial<ExportFilters>): Promise<Set<string>> {
    const where = filters.province
      ? { level: "WARD" as const, parent: { level: "DISTRICT" as const, parentCode: filters.province } }
      : filters.district
        ? { level: "WARD" as const, parentCode: filters.district }
        : { code: filters.ward ?? "" };
    return new Set((await prisma.unit.findMany({ where, select: { code: true } })).map((u) => u.code));
  }

  async function expectCountryFiltered(filters: Partial<ExportFilters>, country: Line[]): Promise<Line[]> {
    const wards = await wardsOf(filters);
    const scoped = await fileLines(admin, filters);
    expect(scoped.lines.map((l) => l.text)).toEqual(country.filter((l) => wards.has(l.wardCode)).map((l) => l.text));
    expect(scoped.lines).toHaveLength(scoped.rowCount);
    return scoped.lines;
  }

  async function venueOn(wardCode: string, code: string, registeredOn: string, scans: Record<string, number>): Promise<void> {
    const venue = await prisma.venue.create({ data: { code, name: `Điểm ${code}`, category: "MARKET", wardCode, registeredOn: isoDayToUtcDate(registeredOn) } });
    await prisma.venueDayScan.createMany({ data: Object.entries(scans).map(([day, n]) => ({ venueId: venue.id, day: isoDayToUtcDate(day), scans: n })) });
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    prisma = db.prisma;
    await loadDemo(prisma);
    await seedOtherProvince(prisma);
    admin = await createTestUser(prisma, { role: "ADMIN" });
    // Hồ Chí Minh's ward reports every day of the range (a scope's days are the days its wards have figures).
    await prisma.dailyFigure.createMany({
      data: dayRange(FROM, LAST).map((day) => ({ unitCode: TAN_DINH, day: isoDayToUtcDate(day), source: "WARD_REPORT" as const, smartphones: 1000, installs: 400 })),
    });
    // Venues of the other province and of a new Hà Nội ward without figures, created after the
    // demo's, so their ids come after Hà Nội's; one registered inside the range.
    await venueOn(TAN_DINH, "QR-79-TAN-DINH-1", "2021-07-01", { [LAST]: 42, [FROM]: 7 });
    await prisma.unit.create({ data: { code: MOVED, level: "WARD", name: "Phường Thử Chuyển", type: "Phường", parentCode: HOAN_KIEM } });
    await venueOn(MOVED, "QR-99002-1", "2021-08-13", { [FROM]: 5 });
    await venueOn(TAN_DINH, "QR-79-TAN-DINH-2", LAST, {});
  });
  afterAll(() => closeServedDatabase(db));

  it("a province's, a district's and a ward's file are the country's lines of their wards, in the same order", async () => {
    const country = (await fileLines(admin, {})).lines;
    const haNoi = await expectCountryFiltered({ province: HA_NOI }, country);
    // More venues than one batch: the scope's list is read in several slices.
    expect(new Set(haNoi.map((l) => l.venueCode)).size).toBeGreaterThan(VENUE_BATCH);
    expect(haNoi.some((l) => l.wardCode === MOVED)).toBe(true);
    expect(haNoi.some((l) => l.wardCode === TAN_DINH)).toBe(false);
    const hcm = await expectCountryFiltered({ province: HO_CHI_MINH }, country);
    expect(new Set(hcm.map((l) => l.wardCode))).toEqual(new Set([TAN_DINH]));
    await expectCountryFiltered({ district: HOAN_KIEM }, country);
    await expectCountryFiltered({ ward: TAN_DINH }, country);
  });

  it("a ward moved to another province by a code list goes there with its venues", async () => {
    const units = await prisma.unit.findMany({ where: { validTo: null }, orderBy: [{ level: "asc" }, { code: "asc" }] });
    const rows = units.map((u) => [u.code, u.level.toLowerCase(), u.name, u.type ?? "", u.code === MOVED ? QUAN_1 : (u.parentCode ?? "")]);
    const file = new TextEncoder().encode([CODE_LIST_HEADER, ...rows.map((r) => r.join(","))].join("\n") + "\n");
    const options = { effectiveOn: "2021-08-20", scope: "provinces" as const };
    const check = await previewCodeList(admin, file, options);
    if (!check.ok) throw new Error(check.message);
    expect(check.preview.parentChanges.map((p) => [p.code, p.before, p.after])).toEqual([[MOVED, HOAN_KIEM, QUAN_1]]);
    expect(await applyCodeList(admin, file, { ...options, planDigest: check.preview.planDigest, reason: "Thử chuyển phường" })).toMatchObject({ ok: true });

    const country = (await fileLines(admin, {})).lines;
    const haNoi = await expectCountryFiltered({ province: HA_NOI }, country);
    expect(haNoi.some((l) => l.wardCode === MOVED)).toBe(false);
    const hcm = await expectCountryFiltered({ province: HO_CHI_MINH }, country);
    expect(new Set(hcm.map((l) => l.wardCode))).toEqual(new Set([TAN_DINH, MOVED]));
    await expectCountryFiltered({ district: QUAN_1 }, country);
  });
});
