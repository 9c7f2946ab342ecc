import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { recoverStaleImports } from "@/lib/imports/recovery";
import { rollbackImport } from "@/lib/imports/rollback";
import { errorReportPath } from "@/lib/imports/run";
import { SCAN_MESSAGES } from "@/lib/imports/scan-log";
import { SCAN_TEXT } from "@/lib/imports/error-text";
import { readErrorReport } from "@/lib/imports/error-report";
import { catalogText } from "@/i18n/catalog-text";
import { errorRows } from "@/components/imports/error-rows";
import type { ImportDatabase } from "@/lib/imports/session";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { expectedScanFigures, figures, importRow, importTarget, importText, snapshot, tempReportDir } from "../setup/imports";
import { installText, registerText, registerVenues, scanLogText, type InstallRow } from "../factories/import-files";
import { DONG_XUAN, HANG_MA, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";

// Issue 5 on both databases: a register and scan logs published with the right per-ward figures
// (checked against counts made independently here), a bad row publishes nothing and is reported,
// the same file twice counts once, a corrected file replaces, rollback, install statistics, the
// consistency check against ward reports, limits, and the recovery of stale imports (imports
// committed by earlier versions, which refreshed the rollups after COMMIT). Scopes: import-scope.test.ts.

const DAY = "2021-08-14";

describeOnBothDatabases("imports", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;
  let adminId: number;
  let wards: string[];
  const venues = () => registerVenues({ wardCodes: wards, count: 400, prefix: "T-", firstDay: "2021-07-01", lastDay: "2021-08-10", seed: 11 });
  const wardOf = () => new Map(venues().map((v) => [v.code, v.wardCode]));

  beforeAll(async () => {
    db = await open();
    target = importTarget(db);
    reportDir = tempReportDir();
    await seedUnits(db.prisma);
    adminId = (await createTestUser(db.prisma, { role: "ADMIN" })).id;
    wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, orderBy: { code: "asc" } })).map((u) => u.code);
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it("loads a venue register: venues, and the venues registered per ward and day", async () => {
    const list = venues();
    const result = await importText(target, "VENUE_REGISTER", registerText(list), { reportDir, userId: adminId });
    expect(result.status, result.message).toBe("SUCCEEDED");
    expect(result.dayFrom).toBe("2021-07-01");
    expect(result.dayTo).toBe("2021-08-10");
    expect(await db.prisma.venue.count()).toBe(400);
    const day = "2021-07-20";
    const expected = new Map<string, number>();
    for (const v of list) if (v.registeredOn <= day) expected.set(v.wardCode, (expected.get(v.wardCode) ?? 0) + 1);
    const rows = await figures(db.prisma, { source: "IMPORT", day });
    expect(new Map(rows.map((r) => [r.unit_code, r.qr_venues]))).toEqual(new Map(wards.map((w) => [w, expected.get(w) ?? 0])));
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "import.publish", entityKey: String(result.id) } });
    expect(audit?.userId).toBe(adminId);
  });

  it("publishes a good scan log: per-venue-day counts and the wards' figures, as counted independently", async () => {
    // 2.000 scans around midnight: some on the 14th (up to 23:59:59+07:00), some on the 15th (from 17:00:00Z).
    const list = venues();
    const active = list.filter((v) => v.wardCode !== PHUC_TAN).slice(0, 120);
    const lines = ["venue_code,scanned_at,device_hash"];
    for (let i = 0; i < 2000; i++) {
      const v = active[(i * 7) % active.length];
      const at = i % 10 === 0 ? "2021-08-14T17:00:00Z" : i % 10 === 1 ? "2021-08-14T23:59:59+07:00" : `2021-08-14T${String(6 + (i % 12)).padStart(2, "0")}:15:00+07:00`;
      lines.push(`${v?.code},${at},d${i}`);
    }
    const text = `${lines.join("\n")}\n`;
    const result = await importText(target, "QR_SCAN_LOG", text, { reportDir, userId: adminId, fileName: "scans-14.csv" });
    expect(result.status, result.message).toBe("SUCCEEDED");
    expect([result.dayFrom, result.dayTo]).toEqual(["2021-08-14", "2021-08-15"]);
    expect(result.rows).toBe(2000);

    const expected = expectedScanFigures(text, wardOf());
    for (const day of ["2021-08-14", "2021-08-15"]) {
      const rows = await figures(db.prisma, { source: "IMPORT", day });
      const got = new Map(rows.map((r) => [r.unit_code, { active: r.active_venues, scans: r.scans }]));
      const want = new Map(wards.map((w) => [w, expected.get(`${w}|${day}`) ?? { active: 0, scans: 0 }]));
      expect(got).toEqual(want);
      // Phúc Tân has venues but no scan: zero, not missing.
      expect(got.get(PHUC_TAN)).toEqual({ active: 0, scans: 0 });
      const district = await db.prisma.dailyFigure.findUnique({
        where: { unitCode_day_source: { unitCode: HOAN_KIEM, day: isoDayToUtcDate(day), source: "COMPUTED" } },
      });
      expect(district?.scans).toBe([...want.values()].reduce((s, x) => s + x.scans, 0));
    }
    const perVenue = await db.prisma.venueDayScan.aggregate({ _sum: { scans: true }, _count: true });
    expect(perVenue._sum.scans).toBe(2000);
  });

  it("publishes nothing from a file with one bad row in the middle, and reports that row", async () => {
    const before = await snapshot(db.prisma);
    const { text } = scanLogText({ venueCodes: venues().map((v) => v.code), day: "2021-08-16", rows: 1000, seed: 5 });
    const lines = text.trimEnd().split("\n");
    lines[500] = "T-0000001,2021-08-16 09:00:00,x"; // line 501 of the file: no offset
    const result = await importText(target, "QR_SCAN_LOG", `${lines.join("\n")}\n`, { reportDir, fileName: "bad.csv" });
    expect(result.status).toBe("FAILED");
    expect(result.rowsRejected).toBe(1);
    expect(result.errors).toEqual([{ line: 501, column: "scanned_at", value: "2021-08-16 09:00:00", reason: SCAN_MESSAGES.noOffset, text: SCAN_TEXT.noOffset }]);
    expect(result.hasErrorReport).toBe(true);
    expect(fs.readFileSync(errorReportPath(reportDir, result.id), "utf8")).toContain("501,scanned_at,2021-08-16 09:00:00,");
    expect(await snapshot(db.prisma)).toEqual(before);
    const row = await importRow(db.prisma, result.id);
    expect([row.status, row.rowsTotal, row.rowsRejected, row.pid]).toEqual(["FAILED", 1000, 1, null]);

    // Stored, the error is read back later (the import's page) with its message: shown in either language.
    const stored = (await readErrorReport(errorReportPath(reportDir, result.id))) ?? [];
    expect(errorRows(stored, "vi", catalogText("vi").text)).toEqual([
      { line: 501, column: "scanned_at", value: "2021-08-16 09:00:00", reason: SCAN_MESSAGES.noOffset },
    ]);
    expect(errorRows(stored, "en", catalogText("en").text)).toEqual([
      { line: 501, column: "scanned_at", value: "2021-08-16 09:00:00", reason: "The scan time has no time zone (add +07:00 or Z), so its day cannot be told." },
    ]);
  });

  it("counts the same file once: the second load is a duplicate and changes nothing", async () => {
    const { text } = scanLogText({ venueCodes: venues().map((v) => v.code), day: "2021-08-17", rows: 800, seed: 9 });
    const first = await importText(target, "QR_SCAN_LOG", text, { reportDir, fileName: "scans-17.csv" });
    expect(first.status).toBe("SUCCEEDED");
    const before = await snapshot(db.prisma);
    const second = await importText(target, "QR_SCAN_LOG", text, { reportDir, fileName: "scans-17-again.csv" });
    expect(second.status).toBe("DUPLICATE");
    expect(second.duplicateOf).toBe(first.id);
    expect(second.message).toContain(`lần nhập #${first.id}`);
    expect(await snapshot(db.prisma)).toEqual(before);
    const day17 = await figures(db.prisma, { source: "IMPORT", day: "2021-08-17" });
    expect(day17.reduce((s, r) => s + (r.scans ?? 0), 0)).toBe(800);
  });

  it("replaces a day's figures with a corrected file instead of adding to them", async () => {
    const codes = venues().map((v) => v.code);
    const original = scanLogText({ venueCodes: codes, day: "2021-08-18", rows: 900, seed: 21 });
    const first = await importText(target, "QR_SCAN_LOG", original.text, { reportDir, fileName: "scans-18.csv" });
    expect(first.status).toBe("SUCCEEDED");
    const corrected = scanLogText({ venueCodes: codes.slice(0, 50), day: "2021-08-18", rows: 300, seed: 22 });
    const second = await importText(target, "QR_SCAN_LOG", corrected.text, { reportDir, fileName: "scans-18-sua.csv" });
    expect(second.status).toBe("SUCCEEDED");
    expect(second.details.join(" ")).toContain(`Thay thế toàn bộ lần nhập #${first.id}`);
    const expected = expectedScanFigures(corrected.text, wardOf());
    const rows = await figures(db.prisma, { source: "IMPORT", day: "2021-08-18" });
    expect(new Map(rows.map((r) => [r.unit_code, { active: r.active_venues, scans: r.scans }]))).toEqual(
      new Map(wards.map((w) => [w, expected.get(`${w}|2021-08-18`) ?? { active: 0, scans: 0 }])),
    );
    const perVenue = await db.prisma.venueDayScan.aggregate({ where: { day: isoDayToUtcDate("2021-08-18") }, _sum: { scans: true } });
    expect(perVenue._sum.scans).toBe(300);
    const old = await importRow(db.prisma, first.id);
    expect(old.status).toBe("ROLLED_BACK");
    expect(old.message).toContain(`Được thay thế toàn bộ bởi lần nhập #${second.id}`);
    // The old file is not a duplicate any more: loading it again brings its figures back.
    const again = await importText(target, "QR_SCAN_LOG", original.text, { reportDir, fileName: "scans-18.csv" });
    expect(again.status).toBe("SUCCEEDED");
    const back = await figures(db.prisma, { source: "IMPORT", day: "2021-08-18" });
    expect(back.reduce((s, r) => s + (r.scans ?? 0), 0)).toBe(900);
  });

  it("rolls an import back: its days lose their imported scan figures, the rollups follow", async () => {
    const { text } = scanLogText({ venueCodes: venues().map((v) => v.code), day: "2021-08-19", rows: 500, seed: 31 });
    const loaded = await importText(target, "QR_SCAN_LOG", text, { reportDir, fileName: "scans-19.csv" });
    expect(loaded.status).toBe("SUCCEEDED");
    const result = await rollbackImport(target, loaded.id, { userId: adminId, displayName: "Quản trị" }, { reason: "nạp nhầm ngày" });
    expect(result.ok).toBe(true);
    const rows = await figures(db.prisma, { day: "2021-08-19" });
    expect(rows.filter((r) => r.active_venues !== null || r.scans !== null)).toEqual([]);
    expect(await db.prisma.venueDayScan.count({ where: { day: isoDayToUtcDate("2021-08-19") } })).toBe(0);
    const row = await importRow(db.prisma, loaded.id);
    expect([row.status, row.pid]).toEqual(["ROLLED_BACK", null]);
    expect(row.message).toContain("nạp nhầm ngày");
    const again = await rollbackImport(target, loaded.id, { userId: adminId, displayName: "Quản trị" });
    expect(again.ok).toBe(false);
    // Rolled back, the file can be loaded again.
    expect((await importText(target, "QR_SCAN_LOG", text, { reportDir })).status).toBe("SUCCEEDED");
  });

  // Issue 11 changed this rule: a corrected install file replaces only its own (unit, day) rows (it
  // used to clear every earlier install figure of its days), and rolling it back restores them.
  it("loads install statistics at any level; a corrected file replaces only its own rows; rollback restores them", async () => {
    const day = "2021-08-20";
    const rows: InstallRow[] = [
      { unitCode: PHUC_TAN, day, smartphones: 12_000, installs: 4_000 },
      { unitCode: DONG_XUAN, day, smartphones: 9_000, installs: 4_500 },
      { unitCode: HOAN_KIEM, day, smartphones: 150_788, installs: 77_113 },
    ];
    const first = await importText(target, "INSTALL_STATS", installText(rows), { reportDir });
    expect(first.status, first.message).toBe("SUCCEEDED");
    const imported = await figures(db.prisma, { source: "IMPORT", day });
    expect(imported.map((r) => [r.unit_code, r.smartphones, r.installs])).toEqual([
      [PHUC_TAN, 12_000, 4_000],
      [DONG_XUAN, 9_000, 4_500],
      [HOAN_KIEM, 150_788, 77_113],
    ]);
    const corrected = await importText(target, "INSTALL_STATS", installText([{ unitCode: PHUC_TAN, day, smartphones: 12_100, installs: 4_100 }]), { reportDir });
    expect(corrected.status).toBe("SUCCEEDED");
    const after = await figures(db.prisma, { source: "IMPORT", day });
    expect(after.map((r) => [r.unit_code, r.smartphones, r.installs])).toEqual([
      [PHUC_TAN, 12_100, 4_100],
      [DONG_XUAN, 9_000, 4_500],
      [HOAN_KIEM, 150_788, 77_113],
    ]);
    expect((await importRow(db.prisma, first.id)).status).toBe("SUCCEEDED");
    const district = await db.prisma.dailyFigure.findUnique({ where: { unitCode_day_source: { unitCode: HOAN_KIEM, day: isoDayToUtcDate(day), source: "COMPUTED" } } });
    expect([district?.smartphones, district?.installs]).toEqual([21_100, 8_600]);
    expect((await rollbackImport(target, corrected.id, { userId: adminId, displayName: "Quản trị" })).ok).toBe(true);
    expect((await figures(db.prisma, { source: "IMPORT", day })).map((r) => [r.unit_code, r.smartphones, r.installs])).toEqual(
      imported.map((r) => [r.unit_code, r.smartphones, r.installs]),
    );
    expect((await rollbackImport(target, first.id, { userId: adminId, displayName: "Quản trị" })).ok).toBe(true);
    expect(await figures(db.prisma, { source: "IMPORT", day })).toEqual([]);
  });

  it("refuses an import whose figures would contradict a ward report (more active venues than registered)", async () => {
    // Hàng Mã reports 50 active venues on 22/8; a register that gives it 2 venues must not make 50 of 2.
    const day = "2021-08-22";
    await db.prisma.dailyFigure.create({
      data: { unitCode: HANG_MA, day: isoDayToUtcDate(day), source: "WARD_REPORT", qrVenues: 60, activeVenues: 50, scans: 400 },
    });
    const before = await snapshot(db.prisma);
    const list = registerVenues({ wardCodes: [HANG_MA], count: 2, prefix: "X-", firstDay: day, lastDay: day, seed: 3 });
    const result = await importText(target, "VENUE_REGISTER", registerText(list), { reportDir });
    expect(result.status).toBe("FAILED");
    expect(result.errors[0]?.reason).toContain("Phường Hàng Mã (00043), ngày 22/08/2021: số địa điểm có lượt quét lớn hơn số địa điểm đăng ký");
    expect(await snapshot(db.prisma)).toEqual(before);
  });

  it("enforces the size and row limits while reading, and notices a truncated upload", async () => {
    const { text } = scanLogText({ venueCodes: venues().map((v) => v.code), day: "2021-08-23", rows: 300, seed: 41 });
    const big = await importText(target, "QR_SCAN_LOG", text, { reportDir, options: { config: { maxBytes: 2000 } } });
    expect([big.status, big.message]).toEqual(["FAILED", expect.stringContaining("Tệp lớn hơn giới hạn")]);
    const long = await importText(target, "QR_SCAN_LOG", text, { reportDir, options: { config: { maxRows: 100 } } });
    expect([long.status, long.message]).toEqual(["FAILED", expect.stringContaining("hơn 100 dòng số liệu")]);
    const { runImport } = await import("@/lib/imports/run");
    const { chunksOf } = await import("../setup/imports");
    const cut = await runImport(
      target,
      { kind: "QR_SCAN_LOG", fileName: "cut.csv", source: chunksOf(text), bytesTotal: text.length + 5000 },
      { config: { reportDir } },
    );
    expect([cut.status, cut.message]).toEqual(["FAILED", expect.stringContaining("tải lên bị cắt hoặc gián đoạn")]);
    const header = await importText(target, "QR_SCAN_LOG", "ma,thoi_gian\nA,B\n", { reportDir });
    expect(header.status).toBe("FAILED");
    expect(header.errors[0]).toMatchObject({ line: 1, column: "venue_code" });
  });

  it("refuses a register or install file with a bad row (its rows were already being staged) and stays usable", async () => {
    const before = await snapshot(db.prisma);
    const list = registerVenues({ wardCodes: wards, count: 3000, prefix: "Y-", firstDay: "2021-08-01", lastDay: "2021-08-05", seed: 8 });
    const lines = registerText(list).trimEnd().split("\n");
    lines[2500] = lines[2500]?.replace(/,\d{5},/, ",99999,") ?? "";
    const register = await importText(target, "VENUE_REGISTER", `${lines.join("\n")}\n`, { reportDir });
    expect(register.status).toBe("FAILED");
    expect(register.errors).toEqual([expect.objectContaining({ line: 2501, column: "ward_code", value: "99999" })]);
    const installs = await importText(target, "INSTALL_STATS", "unit_code,day,smartphones,installs\n00037,2021-08-26,10,11\n", { reportDir });
    expect(installs.status).toBe("FAILED");
    expect(await snapshot(db.prisma)).toEqual(before);
    // An upload that breaks off in the middle publishes nothing either.
    const { runImport } = await import("@/lib/imports/run");
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode(`${lines.slice(0, 1000).join("\n")}\n`);
      throw new Error("connection reset");
    }
    const cut = await runImport(target, { kind: "VENUE_REGISTER", fileName: "dut.csv", source: broken(), bytesTotal: null }, { config: { reportDir } });
    expect([cut.status, cut.message]).toEqual(["FAILED", expect.stringContaining("tải lên bị gián đoạn")]);
    expect(await snapshot(db.prisma)).toEqual(before);
    expect((await importText(target, "INSTALL_STATS", "unit_code,day,smartphones,installs\n00037,2021-08-26,10,9\n", { reportDir })).status).toBe("SUCCEEDED");
  });

  it("marks a stale RUNNING import failed and finishes the rollups of one that died after committing", async () => {
    const running = await db.prisma.import.create({
      data: { kind: "QR_SCAN_LOG", fileName: "dead.csv", fileHash: "0".repeat(64), status: "RUNNING", pid: 999_999 },
    });
    // Committed, rollups not refreshed: Đồng Xuân's imported figure is not in the district's sum yet.
    const day = "2021-08-25";
    const committed = await db.prisma.import.create({
      data: { kind: "INSTALL_STATS", fileName: "half.csv", fileHash: "1".repeat(64), status: "SUCCEEDED", pid: 999_998, dayFrom: isoDayToUtcDate(day), dayTo: isoDayToUtcDate(day) },
    });
    await db.prisma.dailyFigure.create({
      data: { unitCode: DONG_XUAN, day: isoDayToUtcDate(day), source: "IMPORT", smartphones: 100, installs: 40, importId: committed.id },
    });
    const report = await recoverStaleImports(db.prisma, { log: () => undefined });
    expect(report).toEqual({ failed: [running.id], rolledUp: [committed.id] });
    const failed = await importRow(db.prisma, running.id);
    expect([failed.status, failed.pid]).toEqual(["FAILED", null]);
    expect(failed.message).toContain("đã dừng giữa chừng");
    expect((await importRow(db.prisma, committed.id)).pid).toBeNull();
    const district = await db.prisma.dailyFigure.findUnique({ where: { unitCode_day_source: { unitCode: HOAN_KIEM, day: isoDayToUtcDate(day), source: "COMPUTED" } } });
    expect([district?.smartphones, district?.installs]).toEqual([100, 40]);
    expect(await recoverStaleImports(db.prisma, { log: () => undefined })).toEqual({ failed: [], rolledUp: [] });
  });

  it("keeps exactly one successful import per file, even when written by hand", async () => {
    const hash = "f".repeat(64);
    await db.prisma.import.create({ data: { kind: "QR_SCAN_LOG", fileName: "a.csv", fileHash: hash, status: "SUCCEEDED" } });
    await expect(
      db.prisma.$executeRaw(Prisma.sql`INSERT INTO import (kind, file_name, file_hash, status) VALUES ('QR_SCAN_LOG', 'b.csv', ${hash}, 'SUCCEEDED')`),
    ).rejects.toThrow();
  });
});

describe("imports test helpers", () => {
  it("count scans per ward and Vietnam day independently of lib/imports", () => {
    const text = "venue_code,scanned_at\nA,2021-08-14T23:59:59+07:00\nA,2021-08-14T17:00:00Z\nB,2021-08-14T16:59:59Z\n";
    expect(expectedScanFigures(text, new Map([["A", "W1"], ["B", "W1"]]))).toEqual(
      new Map([
        [`W1|${DAY}`, { active: 2, scans: 2 }],
        ["W1|2021-08-15", { active: 1, scans: 1 }],
      ]),
    );
  });
});
