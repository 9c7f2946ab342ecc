import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { catalogText } from "@/i18n/catalog-text";
import { SCAN_TEXT } from "@/lib/imports/error-text";
import { summaryIn } from "@/lib/imports/summary-text";
import { refreshRollups } from "@/lib/figures/rollups";
import { isoDayToUtcDate } from "@/lib/domain/days";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { rollbackImport } from "@/lib/imports/rollback";
import type { ImportScope } from "@/lib/domain/imports/scope";
import type { ImportDatabase } from "@/lib/imports/session";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { expectedScanFigures, figures, importRow, importTarget, importText, snapshot, tempReportDir } from "../setup/imports";
import { installText, registerText, registerVenues, scanLogText } from "../factories/import-files";
import { BA_DINH, DONG_XUAN, HANG_MA, HOAN_KIEM, PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";

// Issue 11, parts 6 and 8, on both databases: a file replaces only what it covers. A scan log
// replaces the (day × district) pairs of its venues, or the scope the admin chose (zeroing the
// wards of the scope without scans, leaving the others alone); install statistics replace only
// their own (unit, day) rows; an import over approved ward reports needs a confirmation and says
// so; rollback restores exactly what an import replaced; the district and city sums commit with
// the figures they sum.

const ADMIN = { displayName: "Quản trị" };
const vi = catalogText("vi");
const en = catalogText("en");

describeOnBothDatabases("import scope", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;
  let adminId: number;
  let hkWards: string[];
  const venues = () =>
    registerVenues({ wardCodes: [...hkWards, PHUC_XA], count: 380, prefix: "S-", firstDay: "2021-07-01", lastDay: "2021-08-10", seed: 17 });
  const wardOf = () => new Map(venues().map((v) => [v.code, v.wardCode]));
  const codesIn = (wards: readonly string[]) => venues().filter((v) => wards.includes(v.wardCode)).map((v) => v.code);

  const load = (text: string, fileName: string, opts: { scope?: ImportScope; replaceApproved?: boolean } = {}) =>
    importText(target, "QR_SCAN_LOG", text, { reportDir, userId: adminId, fileName, input: opts });

  /** The IMPORT scan figures of some wards on a day. */
  async function wardFigures(day: string, wards: readonly string[]) {
    const rows = await figures(db.prisma, { source: "IMPORT", day });
    return new Map(rows.filter((r) => wards.includes(r.unit_code)).map((r) => [r.unit_code, { qr: r.qr_venues, active: r.active_venues, scans: r.scans }]));
  }

  /** venue_day_scan rows of the venues of some wards on a day, as "code:scans". */
  async function venueDays(prisma: PrismaClient, day: string, wards: readonly string[]): Promise<string[]> {
    const rows = await prisma.venueDayScan.findMany({
      where: { day: isoDayToUtcDate(day), venue: { wardCode: { in: [...wards] } } },
      select: { scans: true, venue: { select: { code: true } } },
      orderBy: { venue: { code: "asc" } },
    });
    return rows.map((r) => `${r.venue.code}:${r.scans}`);
  }

  /** The rollups as stored, and as they are when computed again: they must be the same. */
  async function expectRollupsConsistent(from: string, to: string) {
    const computed = async () =>
      (await figures(db.prisma)).filter((r) => r.source === "COMPUTED" && r.day >= from && r.day <= to);
    const stored = await computed();
    expect(stored.length).toBeGreaterThan(0);
    await refreshRollups(db.prisma, { from, to });
    expect(await computed()).toEqual(stored);
  }

  beforeAll(async () => {
    db = await open();
    target = importTarget(db);
    reportDir = tempReportDir();
    await seedUnits(db.prisma);
    adminId = (await createTestUser(db.prisma, { role: "ADMIN" })).id;
    hkWards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, orderBy: { code: "asc" } })).map((u) => u.code);
    const register = await importText(target, "VENUE_REGISTER", registerText(venues()), { reportDir });
    expect(register.status, register.message).toBe("SUCCEEDED");
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it("keeps both of two districts' scan files for the same day, each replacing only its own district", async () => {
    const day = "2021-08-14";
    const hk = scanLogText({ venueCodes: codesIn(hkWards), day, rows: 1500, seed: 1 });
    const bd = scanLogText({ venueCodes: codesIn([PHUC_XA]), day, rows: 300, seed: 2 });
    const first = await load(hk.text, "hoan-kiem-14.csv");
    expect(first.status, first.message).toBe("SUCCEEDED");
    expect(first.scope?.text).toBe("Thay số liệu quét của 1 quận × 1 ngày (14/08/2021); giữ nguyên 29 quận, huyện.");
    expect(first.message).toContain(first.scope?.text);
    const second = await load(bd.text, "ba-dinh-14.csv");
    expect(second.status, second.message).toBe("SUCCEEDED");
    expect([second.scope?.replaced, second.scope?.kept, second.scope?.days]).toEqual([1, 29, [day]]);
    expect(second.details.join(" ")).not.toContain("Thay thế");

    const expected = expectedScanFigures(`${hk.text}${bd.text.split("\n").slice(1).join("\n")}`, wardOf());
    const got = await wardFigures(day, [...hkWards, PHUC_XA]);
    for (const w of [...hkWards, PHUC_XA]) {
      const want = expected.get(`${w}|${day}`) ?? { active: 0, scans: 0 };
      expect({ ward: w, active: got.get(w)?.active, scans: got.get(w)?.scans }).toEqual({ ward: w, ...want });
    }
    const perVenue = await db.prisma.venueDayScan.aggregate({ where: { day: isoDayToUtcDate(day) }, _sum: { scans: true } });
    expect(perVenue._sum.scans).toBe(1800);
    for (const [district, scans] of [
      [HOAN_KIEM, 1500],
      [BA_DINH, 300],
    ] as const) {
      const row = await db.prisma.dailyFigure.findUnique({ where: { unitCode_day_source: { unitCode: district, day: isoDayToUtcDate(day), source: "COMPUTED" } } });
      expect([district, row?.scans]).toEqual([district, scans]);
    }
    expect((await importRow(db.prisma, first.id)).status).toBe("SUCCEEDED");
    await expectRollupsConsistent(day, day);
  });

  it("with a scope chosen explicitly, zeroes the wards in scope without scans and leaves every other ward as it was", async () => {
    const day = "2021-08-15";
    const all = scanLogText({ venueCodes: codesIn([...hkWards, PHUC_XA]), day, rows: 2000, seed: 3 });
    expect((await load(all.text, "toan-bo-15.csv")).status).toBe("SUCCEEDED");
    const phucXaBefore = { figures: await wardFigures(day, [PHUC_XA]), venues: await venueDays(db.prisma, day, [PHUC_XA]) };
    expect(phucXaBefore.venues.length).toBeGreaterThan(0);

    // Hoàn Kiếm, chosen explicitly, from a file with scans in two of its wards only.
    const two = scanLogText({ venueCodes: codesIn([HANG_MA, DONG_XUAN]), day, rows: 400, seed: 4 });
    const district = await load(two.text, "hai-phuong-15.csv", { scope: { kind: "district", code: HOAN_KIEM } });
    expect(district.status, district.message).toBe("SUCCEEDED");
    expect(district.scope?.text).toBe(
      "Thay số liệu quét của 1 quận × 1 ngày (15/08/2021) (phạm vi đã chọn: Quận Hoàn Kiếm); giữ nguyên 29 quận, huyện.",
    );
    const expected = expectedScanFigures(two.text, wardOf());
    const hk = await wardFigures(day, hkWards);
    for (const w of hkWards) {
      expect({ ward: w, active: hk.get(w)?.active, scans: hk.get(w)?.scans }).toEqual({ ward: w, ...(expected.get(`${w}|${day}`) ?? { active: 0, scans: 0 }) });
    }
    expect(hk.get(PHUC_TAN)).toMatchObject({ active: 0, scans: 0 });
    expect(hk.get(PHUC_TAN)?.qr).toBeGreaterThan(0);
    expect(await venueDays(db.prisma, day, [PHUC_TAN])).toEqual([]);
    // Outside the scope: Phúc Xá's venue-days and IMPORT figures are untouched.
    expect({ figures: await wardFigures(day, [PHUC_XA]), venues: await venueDays(db.prisma, day, [PHUC_XA]) }).toEqual(phucXaBefore);

    // One ward chosen: only Hàng Mã changes; Đồng Xuân keeps the figures of the file before.
    const dongXuanBefore = { figures: await wardFigures(day, [DONG_XUAN]), venues: await venueDays(db.prisma, day, [DONG_XUAN]) };
    const hangMa = scanLogText({ venueCodes: codesIn([HANG_MA]), day, rows: 50, seed: 5 });
    const ward = await load(hangMa.text, "hang-ma-15.csv", { scope: { kind: "ward", code: HANG_MA } });
    expect(ward.status, ward.message).toBe("SUCCEEDED");
    expect(ward.scope).toMatchObject({ chosen: "ward", level: "WARD", replaced: 1, replacedWord: "phường" });
    expect(ward.scope?.text).toContain("(phạm vi đã chọn: Phường Hàng Mã, Quận Hoàn Kiếm)");
    expect((await wardFigures(day, [HANG_MA])).get(HANG_MA)).toMatchObject(expectedScanFigures(hangMa.text, wardOf()).get(`${HANG_MA}|${day}`) ?? {});
    expect({ figures: await wardFigures(day, [DONG_XUAN]), venues: await venueDays(db.prisma, day, [DONG_XUAN]) }).toEqual(dongXuanBefore);
    expect({ figures: await wardFigures(day, [PHUC_XA]), venues: await venueDays(db.prisma, day, [PHUC_XA]) }).toEqual(phucXaBefore);
    await expectRollupsConsistent(day, day);
  });

  it("refuses a venue outside the chosen scope as a row error, and writes nothing", async () => {
    const day = "2021-08-16";
    const before = await snapshot(db.prisma);
    const outside = codesIn([PHUC_XA])[0] ?? "";
    const lines = scanLogText({ venueCodes: codesIn([PHUC_TAN]), day, rows: 20, seed: 6, mixOffsets: false }).text.trimEnd().split("\n");
    lines.splice(3, 0, `${outside},2021-08-16T09:00:00+07:00,abcd1234`);
    const result = await load(`${lines.join("\n")}\n`, "ngoai-pham-vi.csv", { scope: { kind: "district", code: HOAN_KIEM } });
    expect(result.status).toBe("FAILED");
    expect(result.errors).toEqual([
      {
        line: 4,
        column: "venue_code",
        value: outside,
        reason:
          "Địa điểm thuộc Phường Phúc Xá, Quận Ba Đình, ngoài phạm vi đã chọn (Quận Hoàn Kiếm): tệp chỉ được có địa điểm trong phạm vi. " +
          "Bỏ dòng này hoặc chọn phạm vi rộng hơn.",
        text: SCAN_TEXT.outOfScope("Phường Phúc Xá", "Quận Ba Đình", "Quận Hoàn Kiếm"),
      },
    ]);
    expect(result.message).toContain("không có số liệu nào được ghi");
    expect(await snapshot(db.prisma)).toEqual(before);

    const unknown = await load(`${lines.join("\n")}\n`, "ma-sai.csv", { scope: { kind: "district", code: "999" } });
    expect([unknown.status, unknown.message]).toEqual(["FAILED", "Phạm vi: không có quận, huyện nào mã 999 trong hệ thống."]);
    const installs = await importText(target, "INSTALL_STATS", installText([{ unitCode: PHUC_TAN, day, smartphones: 10, installs: 5 }]), {
      reportDir,
      input: { scope: { kind: "city" } },
    });
    expect([installs.status, installs.message]).toEqual(["FAILED", expect.stringContaining("Chỉ chọn được phạm vi (city)")]);
    expect(await snapshot(db.prisma)).toEqual(before);
  });

  it("puts scans at 23:59:59 and at midnight (+07:00) on two different days", async () => {
    const [a = "", b = ""] = codesIn([PHUC_TAN]);
    const text = `venue_code,scanned_at\n${a},2021-08-18T23:59:59+07:00\n${a},2021-08-19T00:00:00+07:00\n${b},2021-08-18T17:00:00Z\n${b},2021-08-18T16:59:59Z\n`;
    const result = await load(text, "nua-dem.csv");
    expect(result.status, result.message).toBe("SUCCEEDED");
    expect([result.dayFrom, result.dayTo, result.scope?.days]).toEqual(["2021-08-18", "2021-08-19", ["2021-08-18", "2021-08-19"]]);
    expect(await venueDays(db.prisma, "2021-08-18", [PHUC_TAN])).toEqual([`${a}:1`, `${b}:1`]);
    expect(await venueDays(db.prisma, "2021-08-19", [PHUC_TAN])).toEqual([`${a}:1`, `${b}:1`]);
    expect((await wardFigures("2021-08-18", [PHUC_TAN])).get(PHUC_TAN)).toMatchObject({ active: 2, scans: 2 });
  });

  it("replaces only the (unit, day) rows of an install statistics file, and rolls back to exactly what it replaced", async () => {
    const day = "2021-08-21";
    const next = "2021-08-22";
    const first = await importText(
      target,
      "INSTALL_STATS",
      installText([
        { unitCode: PHUC_TAN, day, smartphones: 12_000, installs: 4_000 },
        { unitCode: DONG_XUAN, day, smartphones: 9_000, installs: 4_500 },
        { unitCode: PHUC_TAN, day: next, smartphones: 12_010, installs: 4_020 },
        { unitCode: BA_DINH, day, smartphones: 150_000, installs: 70_000 },
      ]),
      { reportDir },
    );
    expect(first.status, first.message).toBe("SUCCEEDED");
    const afterFirst = await snapshot(db.prisma);
    const second = await importText(target, "INSTALL_STATS", installText([{ unitCode: DONG_XUAN, day, smartphones: 9_100, installs: 4_600 }]), { reportDir });
    expect(second.status, second.message).toBe("SUCCEEDED");
    expect(second.details).toContain("Giữ nguyên 2 số liệu đơn vị-ngày đã nhập của các ngày này không có trong tệp.");
    const rows = async (d: string) => (await figures(db.prisma, { source: "IMPORT", day: d })).filter((r) => r.smartphones !== null).map((r) => [r.unit_code, r.smartphones, r.installs]);
    expect(await rows(day)).toEqual([
      [PHUC_TAN, 12_000, 4_000],
      [DONG_XUAN, 9_100, 4_600],
      [BA_DINH, 150_000, 70_000],
    ]);
    expect(await rows(next)).toEqual([[PHUC_TAN, 12_010, 4_020]]);
    const firstRow = await importRow(db.prisma, first.id);
    expect([firstRow.status, firstRow.message]).toEqual(["SUCCEEDED", expect.stringContaining(`Một phần số liệu được thay thế bởi lần nhập #${second.id}`)]);
    await expectRollupsConsistent(day, next);

    const undone = await rollbackImport(target, second.id, { userId: adminId, ...ADMIN });
    expect(undone.ok).toBe(true);
    expect(await snapshot(db.prisma)).toEqual(afterFirst);
  });

  it("rolls back to exactly what an import replaced, also when a later import replaced part of it again", async () => {
    const day = "2021-08-23";
    const a = scanLogText({ venueCodes: codesIn([...hkWards, PHUC_XA]), day, rows: 1200, seed: 7 });
    const b = scanLogText({ venueCodes: codesIn(hkWards), day, rows: 700, seed: 8 });
    const c = scanLogText({ venueCodes: codesIn([HANG_MA]), day, rows: 60, seed: 9 });
    const beforeAll = await snapshot(db.prisma);
    const first = await load(a.text, "a-23.csv");
    expect(first.status).toBe("SUCCEEDED");
    const afterA = await snapshot(db.prisma);
    const second = await load(b.text, "b-23.csv");
    expect(second.status).toBe("SUCCEEDED");
    expect(second.details.join(" ")).toContain(`Thay thế một phần lần nhập #${first.id}`);
    const third = await load(c.text, "c-23.csv", { scope: { kind: "ward", code: HANG_MA } });
    expect(third.status).toBe("SUCCEEDED");
    const hangMaOfC = { figures: await wardFigures(day, [HANG_MA]), venues: await venueDays(db.prisma, day, [HANG_MA]) };

    // Undo B (in the middle): its cells go back to A's figures, except Hàng Mã, which C holds.
    const undoB = await rollbackImport(target, second.id, { userId: adminId, ...ADMIN });
    expect(undoB.ok).toBe(true);
    const expectedA = expectedScanFigures(a.text, wardOf());
    const now = await wardFigures(day, [...hkWards, PHUC_XA]);
    for (const w of [...hkWards, PHUC_XA].filter((x) => x !== HANG_MA)) {
      expect({ ward: w, active: now.get(w)?.active, scans: now.get(w)?.scans }).toEqual({ ward: w, ...(expectedA.get(`${w}|${day}`) ?? { active: 0, scans: 0 }) });
    }
    expect({ figures: await wardFigures(day, [HANG_MA]), venues: await venueDays(db.prisma, day, [HANG_MA]) }).toEqual(hangMaOfC);
    await expectRollupsConsistent(day, day);

    // Undo C: Hàng Mã goes back to A's figures too, and everything is as after A.
    expect((await rollbackImport(target, third.id, { userId: adminId, ...ADMIN })).ok).toBe(true);
    expect(await snapshot(db.prisma)).toEqual(afterA);
    // Undo A: as before any of them.
    expect((await rollbackImport(target, first.id, { userId: adminId, ...ADMIN })).ok).toBe(true);
    expect(await snapshot(db.prisma)).toEqual(beforeAll);
  });

  it("brings back an import replaced whole when the import that replaced it is rolled back", async () => {
    const day = "2021-08-24";
    const a = scanLogText({ venueCodes: codesIn(hkWards), day, rows: 500, seed: 10 });
    const b = scanLogText({ venueCodes: codesIn(hkWards), day, rows: 400, seed: 11 });
    const first = await load(a.text, "a-24.csv");
    const afterA = await snapshot(db.prisma);
    const second = await load(b.text, "b-24.csv");
    expect(second.details.join(" ")).toContain(`Thay thế toàn bộ lần nhập #${first.id}`);
    expect((await importRow(db.prisma, first.id)).status).toBe("ROLLED_BACK");
    const undone = await rollbackImport(target, second.id, { userId: adminId, ...ADMIN });
    expect(undone.ok && undone.details.join(" ")).toContain(`Có hiệu lực trở lại: lần nhập #${first.id}`);
    const revived = await importRow(db.prisma, first.id);
    expect([revived.status, revived.message]).toEqual(["SUCCEEDED", expect.stringContaining(`lần nhập #${second.id}`)]);
    expect(await snapshot(db.prisma)).toEqual(afterA);
  });

  it("asks before replacing figures of approved ward reports, and says so in the result when confirmed", async () => {
    const day = "2021-08-25";
    await db.prisma.dailyFigure.create({
      data: { unitCode: HANG_MA, day: isoDayToUtcDate(day), source: "WARD_REPORT", qrVenues: 30, activeVenues: 10, scans: 120, status: "APPROVED" },
    });
    await db.prisma.dailyFigure.create({
      data: { unitCode: DONG_XUAN, day: isoDayToUtcDate(day), source: "WARD_REPORT", qrVenues: 40, activeVenues: 12, scans: 150, status: "SUBMITTED" },
    });
    const file = scanLogText({ venueCodes: codesIn(hkWards), day, rows: 900, seed: 12 });
    const expected = expectedScanFigures(file.text, wardOf()).get(`${HANG_MA}|${day}`);
    const before = await snapshot(db.prisma);
    const refused = await load(file.text, "da-duyet.csv");
    expect(refused.status).toBe("FAILED");
    expect(refused.message).toMatch(/^Chưa ghi gì: tệp này sẽ thay số liệu của 1 phường-ngày có báo cáo đã được duyệt \(Phường Hàng Mã, ngày 25\/08\/2021: /);
    // The same question in the reader's language (docs/i18n.md): Vietnamese as written, English from its message.
    expect(summaryIn(refused.parts, "vi", vi.text)).toBe([refused.message, ...refused.details].join(" "));
    expect(summaryIn(refused.parts, "en", en.text)).toMatch(/^Nothing written: this file would replace the figures of 1 ward-days with an approved report \(Phường Hàng Mã, 25 Aug 2021: /);
    expect(refused.approved).toMatchObject({ count: 1, confirmed: false });
    expect(refused.approved?.items[0]).toMatchObject({ unitCode: HANG_MA, day });
    expect(refused.approved?.items[0]?.changes).toContainEqual({ field: "scans", before: 120, after: expected?.scans });
    expect(await snapshot(db.prisma)).toEqual(before);

    const confirmed = await load(file.text, "da-duyet.csv", { replaceApproved: true });
    expect(confirmed.status, confirmed.message).toBe("SUCCEEDED");
    expect(summaryIn(confirmed.parts, "vi", vi.text)).toBe([confirmed.message, ...confirmed.details].join(" "));
    expect(summaryIn(confirmed.parts, "en", en.text)).toContain("ward-days with an approved report, as the uploader confirmed (Phường Hàng Mã, 25 Aug 2021: ");
    expect(confirmed.approved).toMatchObject({ count: 1, confirmed: true });
    const note = "Đã thay số liệu của 1 phường-ngày có báo cáo đã được duyệt, theo xác nhận của người nạp (Phường Hàng Mã, ngày 25/08/2021:";
    expect(confirmed.details.join(" ")).toContain(note);
    expect((await importRow(db.prisma, confirmed.id)).message).toContain(note);
    expect((await wardFigures(day, [HANG_MA])).get(HANG_MA)).toMatchObject({ scans: expected?.scans });
    await expectRollupsConsistent(day, day);
  });

  it("rolls a register back: its venues go, and the registered venues of its wards are counted without them, later days included", async () => {
    const registerDay = "2021-08-26";
    const later = "2021-08-27";
    const added = registerVenues({ wardCodes: [PHUC_TAN], count: 5, prefix: "R-", firstDay: registerDay, lastDay: registerDay, seed: 13 });
    const before = (await figures(db.prisma, { source: "IMPORT", day: registerDay })).filter((r) => r.unit_code === PHUC_TAN);
    const register = await importText(target, "VENUE_REGISTER", registerText(added), { reportDir });
    expect(register.status, register.message).toBe("SUCCEEDED");
    expect(register.scope).toMatchObject({ level: "WARD", replaced: 1, replacedWord: "phường", days: [registerDay] });
    const older = venues().filter((v) => v.wardCode === PHUC_TAN).length;
    // A scan log of the next day counts the register's venues among Phúc Tân's registered venues.
    const scans = scanLogText({ venueCodes: codesIn([PHUC_TAN]), day: later, rows: 30, seed: 14 });
    expect((await load(scans.text, "sau-dang-ky.csv")).status).toBe("SUCCEEDED");
    expect((await wardFigures(later, [PHUC_TAN])).get(PHUC_TAN)?.qr).toBe(older + 5);

    const undone = await rollbackImport(target, register.id, { userId: adminId, ...ADMIN });
    expect(undone.ok && undone.details[0]).toBe("Đã xoá 5 địa điểm do lần nhập này tạo và chưa có lượt quét.");
    expect(await db.prisma.venue.count({ where: { code: { startsWith: "R-" } } })).toBe(0);
    expect((await figures(db.prisma, { source: "IMPORT", day: registerDay })).filter((r) => r.unit_code === PHUC_TAN)).toEqual(before);
    expect((await wardFigures(later, [PHUC_TAN])).get(PHUC_TAN)?.qr).toBe(older);
    await expectRollupsConsistent(registerDay, later);
  });
});
