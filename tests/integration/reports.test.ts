import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { listAuditEntries } from "@/lib/data/audit";
import {
  approveDistrictDay,
  approveReport,
  getEntryContext,
  getReport,
  submitReport,
  unlockReport,
} from "@/lib/data/ward-reports";
import { addDays, isoDayToUtcDate } from "@/lib/domain/days";
import { warningKey } from "@/lib/domain/report-checks";
import type { SessionUser } from "@/lib/permissions";
import { reportInputSchema } from "@/lib/schemas/ward-report";
import { AuditParamsSchema } from "@/lib/schemas/audit-params";
import { BA_DINH, DONG_XUAN, HANG_MA, HOAN_KIEM, PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { createRoleUsers, createTestUser } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Every rule of the ward chair's daily report, on both databases: who may write which ward, hard
// errors, warnings that need a confirmation and a note, the version conflict, approval locking,
// unlocking with a reason, and the audit entries of each change.

const NOW = new Date("2021-08-20T05:00:00Z"); // 12:00 on 20/8 in Hà Nội
const TODAY = "2021-08-20";
const DAY = "2021-08-19";

const base = { smartphones: "8000", installs: "4000", qrVenues: "200", activeVenues: "40", scans: "900", note: "", expectedVersion: 0 };
function input(over: Record<string, unknown> = {}) {
  return reportInputSchema(TODAY).parse({ wardCode: PHUC_TAN, day: DAY, ...base, ...over });
}

describeOnBothDatabases("ward reports", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let otherOfficial: SessionUser;
  let chair: SessionUser;
  let neighbourChair: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    ({ admin, official, otherOfficial, chair } = await createRoleUsers(db.prisma));
    neighbourChair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: DONG_XUAN });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    await db.prisma.auditLog.deleteMany();
    await db.prisma.dailyFigure.deleteMany();
  });

  const reportCount = () => db.prisma.dailyFigure.count({ where: { source: "WARD_REPORT" } });
  const auditActions = async () => (await db.prisma.auditLog.findMany({ orderBy: { id: "asc" }, select: { action: true } })).map((a) => a.action);

  it("a ward chair submits the own ward's report: version 1, audited field by field, rollups refreshed", async () => {
    const outcome = await submitReport(chair, input(), NOW);
    expect(outcome.kind).toBe("saved");
    if (outcome.kind !== "saved") return;
    expect(outcome.created).toBe(true);
    expect(outcome.report).toMatchObject({ version: 1, status: "SUBMITTED", values: { installs: 4000, smartphones: 8000 } });
    expect(outcome.report.firstSubmittedAt?.toISOString()).toBe(NOW.toISOString());

    const audit = await db.prisma.auditLog.findMany({ select: { action: true, userId: true, unitCode: true, fields: true, after: true, before: true } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "figure.create", userId: chair.id, unitCode: PHUC_TAN, before: null });
    expect(audit[0]?.fields).toEqual(expect.arrayContaining(["smartphones", "installs", "qrVenues", "activeVenues", "scans"]));
    expect(audit[0]?.after).toMatchObject({ installs: 4000, scans: 900 });

    const district = await db.prisma.dailyFigure.findUnique({
      where: { unitCode_day_source: { unitCode: HOAN_KIEM, day: isoDayToUtcDate(DAY), source: "COMPUTED" } },
      select: { installs: true, smartphones: true, childrenCounted: true },
    });
    expect(district).toEqual({ installs: 4000, smartphones: 8000, childrenCounted: 1 });
  });

  it("a ward chair who posts another ward's code gets 403 and nothing changes", async () => {
    await expect(submitReport(neighbourChair, input(), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(submitReport(chair, input({ wardCode: "99999" }), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await reportCount()).toBe(0);
    expect(await db.prisma.auditLog.count()).toBe(0);
    // … nor can the chair read or open another ward's report
    await submitReport(chair, input(), NOW);
    await expect(getReport(neighbourChair, PHUC_TAN, DAY)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getEntryContext(neighbourChair, { wardCode: PHUC_TAN, day: DAY }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("officials do not enter figures; admins may, for any ward", async () => {
    await expect(submitReport(official, input(), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    const byAdmin = await submitReport(admin, input({ wardCode: HANG_MA }), NOW);
    expect(byAdmin.kind).toBe("saved");
    expect(await reportCount()).toBe(1);
  });

  it("refuses a day in the future even when the schema was bypassed", async () => {
    const future = { ...input(), day: addDays(TODAY, 1) };
    await expect(submitReport(chair, future, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await reportCount()).toBe(0);
  });

  it("the database refuses installs above smartphones even if the schema is bypassed", async () => {
    const bad = { ...input(), installs: 9000 };
    await expect(submitReport(chair, bad, NOW)).rejects.toThrow();
    expect(await reportCount()).toBe(0);
  });

  it("refuses to save over a newer version and shows the saved values", async () => {
    await submitReport(chair, input(), NOW);
    // Two forms opened on version 1; the first saves.
    const first = await submitReport(chair, input({ expectedVersion: 1, scans: "950" }), NOW);
    expect(first.kind === "saved" && first.report.version).toBe(2);
    const second = await submitReport(admin, input({ expectedVersion: 1, scans: "999" }), NOW);
    expect(second.kind).toBe("conflict");
    if (second.kind !== "conflict") return;
    expect(second.current).toMatchObject({ version: 2, values: { scans: 950 } });
    const stored = await getReport(chair, PHUC_TAN, DAY);
    expect(stored?.values.scans).toBe(950);
    expect(await auditActions()).toEqual(["figure.create", "figure.update"]);
  });

  it("records the before and after of each changed field, and nothing for an unchanged save", async () => {
    await submitReport(chair, input(), NOW);
    await submitReport(chair, input({ expectedVersion: 1, scans: "950", note: "đếm lại" }), NOW);
    const update = await db.prisma.auditLog.findFirst({ where: { action: "figure.update" }, select: { before: true, after: true, fields: true } });
    expect(update).toEqual({ before: { scans: 900, note: null }, after: { scans: 950, note: "đếm lại" }, fields: ["scans", "note"] });
    const same = await submitReport(chair, input({ expectedVersion: 2, scans: "950", note: "đếm lại" }), NOW);
    expect(same.kind).toBe("unchanged");
    expect(await auditActions()).toEqual(["figure.create", "figure.update"]);
  });

  it("two first submissions at once: one is saved, the other is told about it", async () => {
    const [a, b] = await Promise.all([
      submitReport(chair, input({ scans: "901" }), NOW),
      submitReport(admin, input({ scans: "902" }), NOW),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(["conflict", "saved"]);
    expect(await reportCount()).toBe(1);
  });

  it("warnings need an explicit confirmation and a note, and are kept on the record", async () => {
    // yesterday's report: 4 000 installs; today's 3 900 is lower.
    await submitReport(chair, input({ day: "2021-08-18" }), NOW);
    const lower = input({ installs: "3900" });
    const unconfirmed = await submitReport(chair, lower, NOW);
    expect(unconfirmed.kind).toBe("needs-confirmation");
    if (unconfirmed.kind !== "needs-confirmation") return;
    expect(unconfirmed.warnings.map(warningKey)).toEqual(["INSTALLS_DECREASED:installs"]);
    expect(await reportCount()).toBe(1);

    const keys = unconfirmed.warnings.map(warningKey);
    const noNote = await submitReport(chair, input({ installs: "3900", confirmedWarnings: keys }), NOW);
    expect(noNote.kind).toBe("note-required");
    expect(await reportCount()).toBe(1);

    const saved = await submitReport(
      chair,
      input({ installs: "3900", confirmedWarnings: keys, note: "Rà soát lại, bỏ 100 lượt cài trùng" }),
      NOW,
    );
    expect(saved.kind).toBe("saved");
    const stored = await getReport(official, PHUC_TAN, DAY);
    expect(stored?.warnings.map(warningKey)).toEqual(keys);
    expect(stored?.note).toBe("Rà soát lại, bỏ 100 lượt cài trùng");
    const audit = await db.prisma.auditLog.findFirst({ where: { day: isoDayToUtcDate(DAY) }, select: { after: true } });
    expect(audit?.after).toMatchObject({ warnings: keys });
  });

  it("flags a jump beyond 3 MADs of the ward's last 14 days", async () => {
    for (let i = 14; i >= 1; i--) {
      const day = addDays(DAY, -i);
      await db.prisma.dailyFigure.create({
        data: { unitCode: PHUC_TAN, day: isoDayToUtcDate(day), source: "IMPORT", scans: 900 + (i % 3) * 10 },
      });
    }
    const jump = await submitReport(chair, input({ scans: "5000", activeVenues: "40" }), NOW);
    expect(jump.kind === "needs-confirmation" && jump.warnings.map(warningKey)).toEqual(["UNUSUAL_VALUE:scans"]);
    const usual = await submitReport(chair, input({ scans: "925" }), NOW);
    expect(usual.kind).toBe("saved");
  });

  it("approval locks the report for the ward chair (and everyone) until an unlock with a reason", async () => {
    await submitReport(chair, input(), NOW);
    await expect(approveReport(chair, { wardCode: PHUC_TAN, day: DAY, expectedVersion: 1 }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveReport(otherOfficial, { wardCode: PHUC_TAN, day: DAY, expectedVersion: 1 }, NOW)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const approved = await approveReport(official, { wardCode: PHUC_TAN, day: DAY, expectedVersion: 1 }, NOW);
    expect(approved.kind === "done" && approved.report).toMatchObject({ status: "APPROVED", version: 2, approvedBy: official.displayName });

    const byChair = await submitReport(chair, input({ expectedVersion: 2, scans: "1000" }), NOW);
    expect(byChair.kind).toBe("locked");
    const byAdmin = await submitReport(admin, input({ expectedVersion: 2, scans: "1000" }), NOW);
    expect(byAdmin.kind).toBe("locked");
    // a form opened before the approval is refused too (locked, not silently saved)
    const stale = await submitReport(chair, input({ expectedVersion: 1, scans: "1000" }), NOW);
    expect(stale.kind).toBe("locked");
    expect((await getReport(chair, PHUC_TAN, DAY))?.values.scans).toBe(900);
    const entry = await getEntryContext(chair, { day: DAY }, NOW);
    expect(entry.kind === "ok" && entry.editable).toBe(false);

    await expect(
      unlockReport(neighbourChair, { wardCode: PHUC_TAN, day: DAY, expectedVersion: 2, reason: "muốn sửa lại" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const unlocked = await unlockReport(official, { wardCode: PHUC_TAN, day: DAY, expectedVersion: 2, reason: "Phường báo nhập nhầm số lượt quét" }, NOW);
    expect(unlocked.kind === "done" && unlocked.report).toMatchObject({ status: "SUBMITTED", version: 3, approvedAt: null });
    const unlockEntry = await db.prisma.auditLog.findFirst({ where: { action: "figure.unlock" }, select: { reason: true, userId: true } });
    expect(unlockEntry).toEqual({ reason: "Phường báo nhập nhầm số lượt quét", userId: official.id });

    const corrected = await submitReport(chair, input({ expectedVersion: 3, scans: "1000" }), NOW);
    expect(corrected.kind === "saved" && corrected.report.version).toBe(4);
    expect(await auditActions()).toEqual(["figure.create", "figure.approve", "figure.unlock", "figure.update"]);
  });

  it("approval checks the version the official saw", async () => {
    await submitReport(chair, input(), NOW);
    await submitReport(chair, input({ expectedVersion: 1, scans: "901" }), NOW);
    const stale = await approveReport(official, { wardCode: PHUC_TAN, day: DAY, expectedVersion: 1 }, NOW);
    expect(stale.kind).toBe("conflict");
    expect((await getReport(official, PHUC_TAN, DAY))?.status).toBe("SUBMITTED");
  });

  it("an official approves the whole district's day at once, and nothing outside the district", async () => {
    await submitReport(chair, input(), NOW);
    await submitReport(neighbourChair, input({ wardCode: DONG_XUAN }), NOW);
    await submitReport(admin, input({ wardCode: PHUC_XA }), NOW); // Phúc Xá, Ba Đình
    await expect(approveDistrictDay(otherOfficial, { districtCode: HOAN_KIEM, day: DAY }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveDistrictDay(chair, { districtCode: HOAN_KIEM, day: DAY }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await approveDistrictDay(official, { districtCode: HOAN_KIEM, day: DAY }, NOW)).toEqual({ approved: 2 });
    const statuses = await db.prisma.dailyFigure.findMany({ where: { source: "WARD_REPORT" }, select: { unitCode: true, status: true }, orderBy: { unitCode: "asc" } });
    expect(statuses).toEqual([
      { unitCode: PHUC_XA, status: "SUBMITTED" },
      { unitCode: PHUC_TAN, status: "APPROVED" },
      { unitCode: DONG_XUAN, status: "APPROVED" },
    ]);
    expect(await approveDistrictDay(official, { districtCode: HOAN_KIEM, day: DAY }, NOW)).toEqual({ approved: 0 });
  });

  it("the audit log is browsable and filterable by admins and by the district's officials only", async () => {
    await submitReport(chair, input(), NOW);
    await submitReport(chair, input({ expectedVersion: 1, installs: "4100" }), NOW);
    await submitReport(admin, input({ wardCode: PHUC_XA }), NOW);
    await approveReport(official, { wardCode: PHUC_TAN, day: DAY, expectedVersion: 2 }, NOW);
    const params = (p: Record<string, string>) => AuditParamsSchema.parse(p);

    const all = await listAuditEntries(admin, params({}));
    expect(all.entries.map((e) => e.action)).toEqual(["figure.approve", "figure.create", "figure.update", "figure.create"]);
    const mine = await listAuditEntries(official, params({}));
    expect(mine.entries.every((e) => e.unitCode === PHUC_TAN)).toBe(true);
    expect(mine.entries).toHaveLength(3);
    expect((await listAuditEntries(official, params({ unit: PHUC_XA }))).entries).toEqual([]);
    const byField = await listAuditEntries(admin, params({ field: "installs", action: "figure.update" }));
    expect(byField.entries).toHaveLength(1);
    expect(byField.entries[0]).toMatchObject({ before: { installs: 4000 }, after: { installs: 4100 }, username: chair.username });
    expect((await listAuditEntries(admin, params({ user: official.username }))).entries.map((e) => e.action)).toEqual(["figure.approve"]);
    expect((await listAuditEntries(admin, params({ from: "2021-08-21" }))).entries).toEqual([]);
    await expect(listAuditEntries(chair, params({}))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("an admin without a ward is asked to choose one, among one district's wards; a chair is sent to the own ward", async () => {
    const forAdmin = await getEntryContext(admin, {}, NOW);
    expect(forAdmin.kind).toBe("choose-ward");
    // one district at a time (the first with figures, else the first with wards), never the whole country
    const wardsOf = async (district: string) =>
      (await db.prisma.unit.findMany({ where: { level: "WARD", parentCode: district }, orderBy: { code: "asc" }, select: { code: true } })).map((w) => w.code);
    if (forAdmin.kind !== "choose-ward") return;
    expect(forAdmin.wards.map((w) => w.code)).toEqual(await wardsOf(forAdmin.district.code));
    const hoanKiem = await getEntryContext(admin, { districtCode: HOAN_KIEM }, NOW);
    expect(hoanKiem.kind === "choose-ward" && hoanKiem.district.code).toBe(HOAN_KIEM);
    expect(hoanKiem.kind === "choose-ward" && hoanKiem.wards.map((w) => w.code)).toEqual(await wardsOf(HOAN_KIEM));
    expect(hoanKiem.kind === "choose-ward" && hoanKiem.wards.map((w) => w.code)).toContain(PHUC_TAN);
    const baDinh = await getEntryContext(admin, { districtCode: BA_DINH }, NOW);
    expect(baDinh.kind === "choose-ward" && baDinh.wards.map((w) => w.code)).toContain(PHUC_XA);
    expect(baDinh.kind === "choose-ward" && baDinh.wards.map((w) => w.code)).not.toContain(PHUC_TAN);
    await expect(getEntryContext(admin, { districtCode: "999" }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEntryContext(admin, { districtCode: PHUC_TAN }, NOW)).rejects.toBeInstanceOf(NotFoundError); // a ward, not a district
    const forChair = await getEntryContext(chair, {}, NOW);
    expect(forChair.kind === "ok" && forChair.ward.code).toBe(PHUC_TAN);
    expect(forChair.kind === "ok" && forChair.day).toBe(TODAY);
    await expect(getEntryContext(official, {}, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a new day's form starts from the last reported smartphones and cumulative counts, each with its day", async () => {
    await submitReport(chair, input({ day: addDays(DAY, -1), qrVenues: "190" }), NOW);
    await submitReport(chair, input({ qrVenues: "", installs: "4100" }), NOW);
    const entry = await getEntryContext(chair, { day: TODAY }, NOW);
    expect(entry.kind === "ok" && entry.carried).toEqual({
      smartphones: { day: DAY, value: 8000 },
      installs: { day: DAY, value: 4100 },
      qrVenues: { day: addDays(DAY, -1), value: 190 },
    });
  });
});
