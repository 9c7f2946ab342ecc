import { expect } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { approveReportAction, approveDistrictDayAction, submitReportAction, unlockReportAction } from "@/lib/actions/reports";
import { approveDistrictDay, approveReport, getEntryContext, submitReport, unlockReport } from "@/lib/data/ward-reports";
import { HOAN_KIEM, PHUC_TAN } from "../factories/units";
import type { TestDatabase } from "./databases";
import { testRequest } from "./serve-database";

// What the read-only roles (city official, national official) share: they read Phúc Tân's reports
// but enter, approve and unlock none, nor approve Hoàn Kiếm's day, through the data layer (refused
// with `reason`) and the server actions (403), and nothing in the database changes. Import it after
// the test file's vi.mock calls (with `await import`), as the modules it calls.

export async function expectNoReportChange(db: TestDatabase, user: SessionUser, reason: string, now: Date): Promise<void> {
  const row = await db.prisma.dailyFigure.findFirst({
    where: { source: "WARD_REPORT", unitCode: PHUC_TAN },
    orderBy: { day: "desc" },
    select: { day: true, version: true },
  });
  if (!row) throw new Error("the demo has Phúc Tân's reports");
  const day = row.day.toISOString().slice(0, 10);
  const before = await db.prisma.dailyFigure.findMany({ where: { source: "WARD_REPORT" }, orderBy: { id: "asc" } });
  const auditBefore = await db.prisma.auditLog.count();

  const approval = { wardCode: PHUC_TAN, day, expectedVersion: row.version };
  await expect(approveReport(user, approval, now)).rejects.toThrow(reason);
  await expect(unlockReport(user, { ...approval, reason: "Thử mở khoá" }, now)).rejects.toThrow(reason);
  await expect(approveDistrictDay(user, { districtCode: HOAN_KIEM, day }, now)).rejects.toThrow(reason);
  const report = { wardCode: PHUC_TAN, day, smartphones: 8000, installs: 4000, qrVenues: 200, activeVenues: 40, scans: 900, note: "", expectedVersion: row.version };
  await expect(submitReport(user, { ...report, confirmedWarnings: [] } as never, now)).rejects.toThrow(reason);
  await expect(getEntryContext(user, { wardCode: PHUC_TAN }, now)).rejects.toBeInstanceOf(ForbiddenError);
  await expect(getEntryContext(user, {}, now)).rejects.toBeInstanceOf(ForbiddenError);

  testRequest.user = user;
  const answers = [
    await approveReportAction(approval),
    await unlockReportAction({ ...approval, reason: "Thử mở khoá" }),
    await approveDistrictDayAction({ districtCode: HOAN_KIEM, day }),
    await submitReportAction({ ...report, smartphones: "8000", installs: "4000", qrVenues: "200", activeVenues: "40", scans: "900" }),
  ];
  for (const answer of answers) {
    expect(answer).toMatchObject({ ok: false, status: 403 });
    expect((answer as { message: string }).message).toMatch(/quyền/);
  }
  expect(await db.prisma.dailyFigure.findMany({ where: { source: "WARD_REPORT" }, orderBy: { id: "asc" } })).toEqual(before);
  expect(await db.prisma.auditLog.count()).toBe(auditBefore);
}
