import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { rollbackImport } from "@/lib/imports/rollback";
import { SCAN_MESSAGES } from "@/lib/imports/scan-log";
import { SCAN_TEXT } from "@/lib/imports/error-text";
import type { ImportDatabase } from "@/lib/imports/session";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { expectedScanFigures, figures, importTarget, importText, snapshot, tempReportDir } from "../setup/imports";
import { registerText, registerVenues, scanLogText } from "../factories/import-files";
import { HOAN_KIEM, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";

// Issue 18, on both databases: a scan log whose cells hold more than a tenth of the wards is
// published by the paths a national day takes (the registered venues counted over every venue,
// then joined with the cells; the replaced venue-days found from the days' rows; the cells'
// figures read through their days). The figures must be exactly what a count made here gives, the
// wards outside the file's districts keep theirs, a corrected file replaces, a rollback restores,
// and a bad row far into the file publishes nothing.

const DAY = "2021-08-21";
/** the demo's city, parent of the districts added here */
const CITY = "01";

describeOnBothDatabases("scan log over many districts", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;
  let adminId: number;
  /** the wards of the file's districts (more than a tenth of all wards) */
  let inFile: string[];
  /** wards of other districts, with venues and scans of an earlier file */
  let outside: string[];
  /** Hoàn Kiếm's wards: a file of theirs is a narrow one */
  let hk: string[];
  const venuesOf = (wards: readonly string[], prefix: string, count: number, seed: number) =>
    registerVenues({ wardCodes: wards, count, prefix, firstDay: "2021-07-01", lastDay: DAY, seed });
  const wide = () => venuesOf(inFile, "W-", 1500, 41);
  const other = () => venuesOf(outside, "O-", 200, 43);
  const district = () => venuesOf(hk, "H-", 300, 47);
  const wardOf = () => new Map([...wide(), ...other(), ...district()].map((v) => [v.code, v.wardCode]));

  const load = (text: string, fileName: string) => importText(target, "QR_SCAN_LOG", text, { reportDir, userId: adminId, fileName });

  /** The IMPORT scan figures of some wards on DAY. */
  async function scanFigures(wards: readonly string[]) {
    const rows = await figures(db.prisma, { source: "IMPORT", day: DAY });
    return new Map(rows.filter((r) => wards.includes(r.unit_code)).map((r) => [r.unit_code, { active: r.active_venues, scans: r.scans }]));
  }

  /** The IMPORT scan figures of `wards` on DAY are those counted here from `text` (0 where it has no scan). */
  async function expectCounted(text: string, wards: readonly string[]) {
    const expected = expectedScanFigures(text, wardOf());
    expect(await scanFigures(wards)).toEqual(new Map(wards.map((w) => [w, expected.get(`${w}|${DAY}`) ?? { active: 0, scans: 0 }])));
  }

  /** The scans of DAY stored per venue for the venues of `wards`. */
  async function venueDayScans(wards: readonly string[]) {
    const sum = await db.prisma.venueDayScan.aggregate({ where: { day: isoDayToUtcDate(DAY), venue: { wardCode: { in: [...wards] } } }, _sum: { scans: true } });
    return sum._sum.scans;
  }

  beforeAll(async () => {
    db = await open();
    target = importTarget(db);
    reportDir = tempReportDir();
    await seedUnits(db.prisma);
    adminId = (await createTestUser(db.prisma, { role: "ADMIN" })).id;
    // Twelve more districts of 25 wards each under the demo's city: the first 8 in the wide file
    // (200 wards: more than a tenth of all), the next 2 outside it; a file of Hoàn Kiếm's wards is
    // then a narrow one (fewer than a tenth).
    const made = Array.from({ length: 12 }, (_, d) => {
      const district = String(901 + d);
      return { district, wards: Array.from({ length: 25 }, (_, w) => `${district}${String(w + 1).padStart(2, "0")}`) };
    });
    await db.prisma.unit.createMany({ data: made.map(({ district }) => ({ code: district, level: "DISTRICT", name: `Quận Thử ${district}`, parentCode: CITY, type: "Quận" })) });
    await db.prisma.unit.createMany({
      data: made.flatMap(({ district, wards }) => wards.map((code) => ({ code, level: "WARD" as const, name: `Phường Thử ${code}`, parentCode: district, type: "Phường" }))),
    });
    inFile = made.slice(0, 8).flatMap((m) => m.wards);
    outside = made.slice(8, 10).flatMap((m) => m.wards);
    hk = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, orderBy: { code: "asc" } })).map((u) => u.code);
    const register = await importText(target, "VENUE_REGISTER", registerText([...wide(), ...other(), ...district()]), { reportDir, userId: adminId });
    expect(register.status, `${register.message} ${JSON.stringify(register.errors.slice(0, 2))}`).toBe("SUCCEEDED");
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it("covers more than a tenth of the wards (the wide path), publishes exactly the counted figures and leaves other districts alone", async () => {
    const allWards = await db.prisma.unit.count({ where: { level: "WARD" } });
    expect(inFile.length * 10).toBeGreaterThan(allWards);

    const before = scanLogText({ venueCodes: other().map((v) => v.code), day: DAY, rows: 400, seed: 5 });
    expect((await load(before.text, "other.csv")).status).toBe("SUCCEEDED");
    const outsideBefore = await scanFigures(outside);
    expect([...outsideBefore.values()].reduce((s, f) => s + (f.scans ?? 0), 0)).toBe(400);

    const file = scanLogText({ venueCodes: wide().map((v) => v.code), day: DAY, rows: 6000, seed: 7, activeVenues: 900 });
    const result = await load(file.text, "wide.csv");
    expect(result.status, result.message).toBe("SUCCEEDED");
    await expectCounted(file.text, inFile);
    expect(await scanFigures(outside)).toEqual(outsideBefore);
    // qr_venues: the venues registered on or before the day, counted here.
    const registered = new Map<string, number>();
    for (const v of wide()) if (v.registeredOn <= DAY) registered.set(v.wardCode, (registered.get(v.wardCode) ?? 0) + 1);
    const rows = await figures(db.prisma, { source: "IMPORT", day: DAY });
    expect(new Map(rows.filter((r) => inFile.includes(r.unit_code)).map((r) => [r.unit_code, r.qr_venues]))).toEqual(
      new Map(inFile.map((w) => [w, registered.get(w) ?? 0])),
    );
  });

  it("replaces the day with a corrected file (the venue-days it drops included) and restores it on rollback", async () => {
    const afterFirst = await snapshot(db.prisma);
    const outsideBefore = await scanFigures(outside);
    const corrected = scanLogText({ venueCodes: wide().map((v) => v.code).slice(0, 700), day: DAY, rows: 2500, seed: 8 });
    const result = await load(corrected.text, "wide-sua.csv");
    expect(result.status, result.message).toBe("SUCCEEDED");
    await expectCounted(corrected.text, inFile);
    expect(await scanFigures(outside)).toEqual(outsideBefore);
    expect(await venueDayScans(inFile)).toBe(2500);

    const undone = await rollbackImport(target, result.id, { userId: adminId, displayName: "Quản trị" });
    expect(undone.ok).toBe(true);
    const restored = await snapshot(db.prisma);
    expect(restored.venueDays).toBe(afterFirst.venueDays);
    expect(restored.figures.filter((r) => r.source === "IMPORT")).toEqual(afterFirst.figures.filter((r) => r.source === "IMPORT"));
  });

  it("publishes a narrow file (one district) by the wards' own paths: the same figures, the wide file's wards kept", async () => {
    const allWards = await db.prisma.unit.count({ where: { level: "WARD" } });
    expect(hk.length * 10).toBeLessThanOrEqual(allWards);
    const wideBefore = await scanFigures(inFile);
    const first = scanLogText({ venueCodes: district().map((v) => v.code), day: DAY, rows: 1200, seed: 11 });
    expect((await load(first.text, "hk.csv")).status).toBe("SUCCEEDED");
    // A corrected file: the venue-days it drops are taken back through the cells' venues.
    const corrected = scanLogText({ venueCodes: district().map((v) => v.code).slice(0, 90), day: DAY, rows: 700, seed: 12 });
    const result = await load(corrected.text, "hk-sua.csv");
    expect(result.status, result.message).toBe("SUCCEEDED");
    await expectCounted(corrected.text, hk);
    expect(await scanFigures(inFile)).toEqual(wideBefore);
    expect(await venueDayScans(hk)).toBe(700);
  });

  it("publishes nothing from a wide file with a bad row near its end", async () => {
    const before = await snapshot(db.prisma);
    const { text } = scanLogText({ venueCodes: wide().map((v) => v.code), day: "2021-08-22", rows: 5000, seed: 9 });
    const lines = text.trimEnd().split("\n");
    const code = wide()[0]?.code ?? "";
    lines[4990] = `${code},2021-08-22T09:00:00,x`; // line 4991 of the file: no offset
    const result = await load(`${lines.join("\n")}\n`, "wide-bad.csv");
    expect(result.status).toBe("FAILED");
    expect(result.errors).toEqual([{ line: 4991, column: "scanned_at", value: "2021-08-22T09:00:00", reason: SCAN_MESSAGES.noOffset, text: SCAN_TEXT.noOffset }]);
    expect(await snapshot(db.prisma)).toEqual(before);
  });
});
