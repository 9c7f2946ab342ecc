import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { getCompleteness, getWardsNotReportedToday } from "@/lib/data/completeness";
import { setReportDeadline } from "@/lib/data/settings";
import { getReportDeadline, REPORT_DEADLINE_KEY } from "@/lib/figures/settings";
import { submitReport } from "@/lib/data/ward-reports";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { DEFAULT_REPORT_DEADLINE } from "@/lib/domain/timeliness";
import type { SessionUser } from "@/lib/permissions";
import { reportInputSchema } from "@/lib/schemas/ward-report";
import { BA_DINH, DONG_XUAN, HANG_MA, HOAN_KIEM, PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { createRoleUsers, createTestUser } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Completeness and timeliness of ward reports on both databases, with the default deadline
// (10:00 the next day, Asia/Ho_Chi_Minh) and a configured one.

const DAY = "2021-08-19";
const at = (local: string) => new Date(`${local}+07:00`);

function report(wardCode: string, day = DAY, expectedVersion = 0, scans = "900") {
  return reportInputSchema("2021-08-31").parse({
    wardCode,
    day,
    smartphones: "8000",
    installs: "4000",
    qrVenues: "200",
    activeVenues: "40",
    scans,
    expectedVersion,
  });
}

describeOnBothDatabases("report completeness", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let otherOfficial: SessionUser;
  let chair: SessionUser;
  let neighbourChair: SessionUser;
  let farChair: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    ({ admin, official, otherOfficial, chair } = await createRoleUsers(db.prisma));
    neighbourChair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: DONG_XUAN });
    farChair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_XA });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    await db.prisma.dailyFigure.deleteMany();
    await db.prisma.setting.deleteMany({ where: { key: REPORT_DEADLINE_KEY } });
  });

  async function seedDay() {
    // Phúc Tân on time (09:59 the next day), Đồng Xuân late (10:01), Hàng Mã exactly at 10:00.
    await submitReport(chair, report(PHUC_TAN), at("2021-08-20T09:59:00"));
    await submitReport(neighbourChair, report(DONG_XUAN), at("2021-08-20T10:01:00"));
    await submitReport(admin, report(HANG_MA), at("2021-08-20T10:00:00"));
  }

  const statusOf = (view: Awaited<ReturnType<typeof getCompleteness>>, ward: string) =>
    view.rows.find((r) => r.ward.code === ward)?.cells.map((c) => c.timeliness);

  it("classifies on time, late and missing against 10:00 the next day by default", async () => {
    await seedDay();
    const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY }, at("2021-08-21T08:00:00"));
    expect(view.deadline).toEqual(DEFAULT_REPORT_DEADLINE);
    expect(view.rows).toHaveLength(18);
    expect(statusOf(view, PHUC_TAN)).toEqual(["ON_TIME"]);
    expect(statusOf(view, HANG_MA)).toEqual(["ON_TIME"]);
    expect(statusOf(view, DONG_XUAN)).toEqual(["LATE"]);
    expect(statusOf(view, "00046")).toEqual(["MISSING"]);
    expect(view.total).toMatchObject({ expected: 18, reported: 3, onTime: 2, late: 1, missing: 15 });
    expect(view.total.completeness).toEqual({ num: 3, den: 18 });
  });

  it("who to chase: each ward's chairs and phones (not for a ward chair), last report and days missing this month", async () => {
    await db.prisma.user.update({ where: { id: chair.id }, data: { phone: "0900000037" } });
    await submitReport(chair, report(PHUC_TAN, "2021-08-17"), at("2021-08-17T20:00:00"));
    await seedDay();
    const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY }, at("2021-08-21T08:00:00"));
    expect(view.contacts).toBe(true);
    const phucTan = view.rows.find((r) => r.ward.code === PHUC_TAN);
    expect(phucTan?.chairs).toEqual([{ name: chair.displayName, phone: "0900000037" }]);
    expect(phucTan?.lastReported).toBe(DAY);
    // Due from the district's first day with figures (17/8) to 19/8: Phúc Tân missed 18/8 only.
    expect(phucTan?.month).toEqual({ due: 3, missing: 1 });
    const dongXuan = view.rows.find((r) => r.ward.code === DONG_XUAN);
    expect(dongXuan?.month).toEqual({ due: 3, missing: 2 });
    const silent = view.rows.find((r) => r.ward.code === "00046");
    expect(silent).toMatchObject({ chairs: [], lastReported: null, month: { due: 3, missing: 3 } });
    // A ward chair sees the statuses, not the chairs' names and phones.
    const forChair = await getCompleteness(chair, { from: DAY }, at("2021-08-21T08:00:00"));
    expect(forChair.contacts).toBe(false);
    expect(forChair.rows.every((r) => r.chairs.length === 0)).toBe(true);
    await db.prisma.user.update({ where: { id: chair.id }, data: { phone: null } });
  });

  it("a day whose deadline has not passed is pending, not missing", async () => {
    await seedDay();
    const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY }, at("2021-08-20T09:00:00"));
    // only Phúc Tân had reported by 09:00 in this view's clock; the others are pending
    expect(statusOf(view, PHUC_TAN)).toEqual(["ON_TIME"]);
    expect(statusOf(view, "00046")).toEqual(["PENDING"]);
    expect(view.total.pending).toBe(15);
  });

  it("follows a configured deadline (admins only), audited", async () => {
    await seedDay();
    await expect(setReportDeadline(official, { daysAfter: 1, hour: 12, minute: 0 })).rejects.toBeInstanceOf(ForbiddenError);
    await setReportDeadline(admin, { daysAfter: 1, hour: 12, minute: 0 });
    expect(await getReportDeadline(db.prisma)).toEqual({ daysAfter: 1, hour: 12, minute: 0 });
    const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY }, at("2021-08-21T08:00:00"));
    expect(statusOf(view, DONG_XUAN)).toEqual(["ON_TIME"]);
    await setReportDeadline(admin, { daysAfter: 0, hour: 20, minute: 0 });
    const strict = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY }, at("2021-08-21T08:00:00"));
    expect(statusOf(strict, PHUC_TAN)).toEqual(["LATE"]);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "setting.update" }, select: { before: true, after: true } });
    expect(audit[0]).toEqual({ before: { value: DEFAULT_REPORT_DEADLINE }, after: { value: { daysAfter: 1, hour: 12, minute: 0 } } });
  });

  it("a late correction does not make an on-time report late", async () => {
    await submitReport(chair, report(PHUC_TAN), at("2021-08-20T08:00:00"));
    await submitReport(chair, report(PHUC_TAN, DAY, 1, "950"), at("2021-08-22T15:00:00"));
    const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY }, at("2021-08-23T08:00:00"));
    expect(statusOf(view, PHUC_TAN)).toEqual(["ON_TIME"]);
  });

  it("gives each ward's completeness over a range and leaves out days after today", async () => {
    await submitReport(chair, report(PHUC_TAN, "2021-08-17"), at("2021-08-18T08:00:00"));
    await submitReport(chair, report(PHUC_TAN, "2021-08-18"), at("2021-08-19T11:00:00"));
    const view = await getCompleteness(
      official,
      { districtCode: HOAN_KIEM, from: "2021-08-16", to: "2021-08-25" },
      at("2021-08-20T12:00:00"),
    );
    expect(view.days).toEqual(["2021-08-16", "2021-08-17", "2021-08-18", "2021-08-19", "2021-08-20"]);
    const phucTan = view.rows.find((r) => r.ward.code === PHUC_TAN);
    expect(phucTan?.cells.map((c) => c.timeliness)).toEqual(["MISSING", "ON_TIME", "LATE", "MISSING", "PENDING"]);
    expect(phucTan?.summary).toMatchObject({ expected: 4, reported: 2, onTime: 1, late: 1 });
    expect(phucTan?.summary.completeness).toEqual({ num: 2, den: 4 });
    expect(view.byDay.map((d) => d.summary.reported)).toEqual([0, 1, 1, 0, 0]);
  });

  it("ward chairs see every ward's status in their district but only their own ward's figures", async () => {
    await seedDay();
    const view = await getCompleteness(chair, { from: DAY }, at("2021-08-21T08:00:00"));
    expect(view.district.code).toBe(HOAN_KIEM);
    const own = view.rows.find((r) => r.ward.code === PHUC_TAN)?.cells[0];
    const other = view.rows.find((r) => r.ward.code === DONG_XUAN)?.cells[0];
    expect(own?.details?.values.scans).toBe(900);
    expect(other?.timeliness).toBe("LATE");
    expect(other?.details).toBeNull();
    expect(own?.canApprove).toBe(false);
    const forOfficial = await getCompleteness(official, { from: DAY }, at("2021-08-21T08:00:00"));
    expect(forOfficial.rows.find((r) => r.ward.code === DONG_XUAN)?.cells[0]?.details?.values.scans).toBe(900);
    expect(forOfficial.rows.find((r) => r.ward.code === DONG_XUAN)?.cells[0]?.canApprove).toBe(true);
  });

  it("another district's users cannot see this district (IDOR on the district code)", async () => {
    await expect(getCompleteness(farChair, { districtCode: HOAN_KIEM, from: DAY })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCompleteness(otherOfficial, { districtCode: HOAN_KIEM, from: DAY })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getWardsNotReportedToday(farChair, HOAN_KIEM)).rejects.toBeInstanceOf(ForbiddenError);
    const adminView = await getCompleteness(admin, { districtCode: BA_DINH, from: DAY });
    // Ba Đình's 14 wards (the demo's units), Phúc Xá first
    expect(adminView.rows).toHaveLength(14);
    expect(adminView.rows[0]?.ward.code).toBe(PHUC_XA);
  });

  // Issue 11: "đã báo cáo" = install figures (smartphones and installs) from any source. Before,
  // only the chair's own report counted and an import left the ward "chưa báo cáo"; now an import
  // of install figures is a report (no submission time: on time, marked as imported), and QR figures
  // alone (a scan log) are not.
  it("counts install figures from an import as reported, and QR figures alone as not", async () => {
    await submitReport(chair, report(PHUC_TAN), at("2021-08-20T09:00:00"));
    const day = isoDayToUtcDate(DAY);
    await db.prisma.dailyFigure.create({ data: { unitCode: DONG_XUAN, day, source: "IMPORT", smartphones: 9000, installs: 4000 } });
    await db.prisma.dailyFigure.create({ data: { unitCode: HANG_MA, day, source: "IMPORT", qrVenues: 40, activeVenues: 4, scans: 12 } });
    const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY }, at("2021-08-21T08:00:00"));
    const cell = (ward: string) => view.rows.find((r) => r.ward.code === ward)?.cells[0];
    expect(cell(PHUC_TAN)).toMatchObject({ reported: true, figuresSource: "WARD_REPORT", timeliness: "ON_TIME", status: "SUBMITTED" });
    expect(cell(DONG_XUAN)).toMatchObject({ reported: true, figuresSource: "IMPORT", timeliness: "ON_TIME", status: null, version: null });
    expect(cell(HANG_MA)).toMatchObject({ reported: false, figuresSource: null, timeliness: "MISSING" });
    expect(view.total).toMatchObject({ expected: 18, reported: 2, missing: 16 });

    const missing = await getWardsNotReportedToday(official, HOAN_KIEM, at("2021-08-19T22:00:00"));
    expect(missing.wards.map((w) => w.code)).not.toContain(DONG_XUAN);
    expect(missing.wards.map((w) => w.code)).toContain(HANG_MA);
    expect(missing.wards).toHaveLength(16);
  });

  it("lists the wards that have not reported today", async () => {
    const now = at("2021-08-19T15:00:00");
    // read once before the report (kept per data version, lib/figures/figure-cache.ts): the report is seen by the next read
    const before = await getWardsNotReportedToday(official, HOAN_KIEM, now);
    expect(before.wards.map((w) => w.code)).toContain(PHUC_TAN);
    expect(await getWardsNotReportedToday(official, HOAN_KIEM, now)).toBe(before);
    await submitReport(chair, report(PHUC_TAN), now);
    const missing = await getWardsNotReportedToday(official, HOAN_KIEM, now);
    expect(missing.day).toBe(DAY);
    expect(missing.wards).toHaveLength(17);
    expect(missing.wards.map((w) => w.code)).not.toContain(PHUC_TAN);
  });
});
