import "server-only";
import { getPrisma } from "../db.ts";
import { resolveViewableDistrict } from "./districts.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { addDays, isoDayToUtcDate, todayInVietnam, utcDateToIsoDay, type IsoDay } from "../domain/days.ts";
import type { FigureValues } from "../domain/figures.ts";
import {
  HISTORY_DAYS,
  lastReportedValues,
  reportWarnings,
  warningKey,
  type CarriedField,
  type CarriedValue,
  type ReportWarning,
} from "../domain/report-checks.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import {
  canApproveDistrictDay,
  canApproveReport,
  canEditReport,
  canSubmitReport,
  canUnlockReport,
  canViewDistrict,
  canViewWardReport,
  readOnlyRefusal,
  readsEveryUnit,
  type SessionUser,
  type UnitRef,
} from "../permissions.ts";
import { parseStoredWarnings, type ReportInput } from "../schemas/ward-report.ts";
import { changedFields, writeAudit } from "../figures/audit-log.ts";
import { getEffectiveFigures } from "../figures/effective-figures.ts";
import { getReportDeadline } from "../figures/settings.ts";
import type { ReportDeadline } from "../domain/timeliness.ts";
import { refreshRollups } from "../figures/rollups.ts";

// A ward chair's daily report: the WARD_REPORT row of (ward, day) in daily_figure, with an
// optimistic version, a status (SUBMITTED, then APPROVED by the district), the warnings the chair
// confirmed and a note. Every function takes the signed-in user and checks lib/permissions.ts on
// the ward concerned, whatever the caller has checked before; every change is audited in the same
// transaction and refreshes the district's rollups.

export type ReportStatus = "SUBMITTED" | "APPROVED";

export type ReportView = {
  wardCode: string;
  day: IsoDay;
  version: number;
  status: ReportStatus;
  values: FigureValues;
  note: string | null;
  warnings: ReportWarning[];
  submittedAt: Date | null;
  submittedBy: string | null;
  firstSubmittedAt: Date | null;
  approvedAt: Date | null;
  approvedBy: string | null;
};

const reportSelect = {
  unitCode: true,
  day: true,
  version: true,
  status: true,
  smartphones: true,
  installs: true,
  qrVenues: true,
  activeVenues: true,
  scans: true,
  note: true,
  warnings: true,
  submittedAt: true,
  firstSubmittedAt: true,
  approvedAt: true,
  submitter: { select: { displayName: true } },
  approver: { select: { displayName: true } },
} as const;

type ReportRow = Prisma.DailyFigureGetPayload<{ select: typeof reportSelect }>;

function toView(row: ReportRow): ReportView {
  return {
    wardCode: row.unitCode,
    day: utcDateToIsoDay(row.day),
    version: row.version,
    status: row.status ?? "SUBMITTED",
    values: {
      smartphones: row.smartphones,
      installs: row.installs,
      qrVenues: row.qrVenues,
      activeVenues: row.activeVenues,
      scans: row.scans,
    },
    note: row.note,
    warnings: parseStoredWarnings(row.warnings),
    submittedAt: row.submittedAt,
    submittedBy: row.submitter?.displayName ?? null,
    firstSubmittedAt: row.firstSubmittedAt,
    approvedAt: row.approvedAt,
    approvedBy: row.approver?.displayName ?? null,
  };
}

type Db = Pick<PrismaClient, "dailyFigure">;

async function findReport(db: Db, wardCode: string, day: IsoDay): Promise<ReportView | null> {
  const row = await db.dailyFigure.findUnique({
    where: { unitCode_day_source: { unitCode: wardCode, day: isoDayToUtcDate(day), source: "WARD_REPORT" } },
    select: reportSelect,
  });
  return row ? toView(row) : null;
}

export type WardInfo = UnitRef & { name: string };

async function findUnit(prisma: Pick<PrismaClient, "unit">, code: string): Promise<WardInfo | null> {
  return prisma.unit.findUnique({ where: { code }, select: { code: true, name: true, level: true, parentCode: true } });
}

/**
 * The ward a request names, checked with `allowed`. A ward chair who names another ward gets 403
 * before anything is looked up, so the answer does not reveal which codes exist.
 */
async function wardForUser(
  prisma: Pick<PrismaClient, "unit">,
  user: SessionUser,
  wardCode: string,
  allowed: (user: SessionUser, ward: UnitRef) => boolean,
): Promise<WardInfo> {
  if (user.role === "WARD_CHAIR" && wardCode !== user.unitCode) throw new ForbiddenError("Bạn chỉ được làm việc với báo cáo của phường mình.");
  const ward = await findUnit(prisma, wardCode);
  if (!ward || ward.level !== "WARD") {
    if (readsEveryUnit(user)) throw new NotFoundError("Không có phường này.");
    throw new ForbiddenError();
  }
  if (!allowed(user, ward)) {
    // A city or national official who may read the report is told why the change is refused.
    const readOnly = readOnlyRefusal(user);
    throw new ForbiddenError(readOnly !== null && canViewWardReport(user, ward) ? readOnly : "Bạn không có quyền với báo cáo của phường này.");
  }
  return ward;
}

// ---------------------------------------------------------------------------------------------
// Reading

export type EntryContext =
  | {
      kind: "choose-ward";
      /** the district whose wards are listed (asked for, else the first with figures) */
      district: { code: string; name: string };
      wards: { code: string; name: string }[];
      day: IsoDay;
    }
  | {
      kind: "ok";
      ward: WardInfo;
      day: IsoDay;
      today: IsoDay;
      report: ReportView | null;
      /** the ward's latest figures before the day (any source), as a hint next to each field */
      previous: { day: IsoDay; values: FigureValues } | null;
      /** the last reported smartphones and cumulative counts (14 days back), the form's starting values */
      carried: Partial<Record<CarriedField, CarriedValue>>;
      editable: boolean;
      /** when the report is due (the admin's setting) */
      deadline: ReportDeadline;
    };

/**
 * What the entry form needs for a ward and day. An admin without a ward chooses one first, among
 * the wards of one district at a time (`districtCode`, else the first district with figures).
 */
export async function getEntryContext(
  user: SessionUser,
  params: { wardCode?: string; districtCode?: string; day?: IsoDay },
  now: Date = new Date(),
): Promise<EntryContext> {
  const prisma = await getPrisma();
  const today = todayInVietnam(now);
  const day = params.day ?? today;
  const wardCode = params.wardCode ?? (user.role === "WARD_CHAIR" ? user.unitCode : null);
  if (!wardCode) {
    if (user.role !== "ADMIN") throw new ForbiddenError();
    const district = await resolveViewableDistrict(prisma, user, params.districtCode);
    const wards = await prisma.unit.findMany({
      where: { level: "WARD", parentCode: district.code },
      orderBy: { code: "asc" },
      select: { code: true, name: true },
    });
    return { kind: "choose-ward", district, wards, day };
  }
  const ward = await wardForUser(prisma, user, wardCode, canSubmitReport);
  const [report, history, deadline] = await Promise.all([
    findReport(prisma, ward.code, day),
    getEffectiveFigures(prisma, [ward.code], { from: addDays(day, -HISTORY_DAYS), to: addDays(day, -1) }),
    getReportDeadline(prisma),
  ]);
  const last = history.sort((a, b) => (a.day < b.day ? -1 : 1)).at(-1);
  const carried = lastReportedValues(
    day,
    history.map((h) => ({ day: h.day, values: pickValues(h) })),
  );
  return {
    kind: "ok",
    ward,
    day,
    today,
    report,
    previous: last ? { day: last.day, values: pickValues(last) } : null,
    carried,
    editable: canEditReport(user, ward, { status: report?.status ?? null }) && day <= today,
    deadline,
  };
}

function pickValues(v: FigureValues): FigureValues {
  return { smartphones: v.smartphones, installs: v.installs, qrVenues: v.qrVenues, activeVenues: v.activeVenues, scans: v.scans };
}

/** One ward's report for a day, for whoever may see it (the ward's chair, its district, admins). */
export async function getReport(user: SessionUser, wardCode: string, day: IsoDay): Promise<ReportView | null> {
  const prisma = await getPrisma();
  const ward = await wardForUser(prisma, user, wardCode, canViewWardReport);
  return findReport(prisma, ward.code, day);
}

// ---------------------------------------------------------------------------------------------
// Submitting

export type SubmitOutcome =
  | { kind: "saved"; report: ReportView; created: boolean }
  | { kind: "unchanged"; report: ReportView }
  /** warnings not yet confirmed: nothing saved */
  | { kind: "needs-confirmation"; warnings: ReportWarning[] }
  /** warnings confirmed but no note explaining them */
  | { kind: "note-required"; warnings: ReportWarning[] }
  /** someone saved (or approved) a newer version since the form was loaded */
  | { kind: "conflict"; current: ReportView | null }
  /** the report is approved: only an unlock by the district reopens it */
  | { kind: "locked"; current: ReportView };

type ReportFields = FigureValues & { note: string | null };
const AUDITED_FIELDS = ["smartphones", "installs", "qrVenues", "activeVenues", "scans", "note", "warnings"] as const;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

class VersionConflict extends Error {}

export async function submitReport(
  user: SessionUser,
  input: ReportInput,
  now: Date = new Date(),
): Promise<SubmitOutcome> {
  const prisma = await getPrisma();
  const ward = await wardForUser(prisma, user, input.wardCode, canSubmitReport);
  const today = todayInVietnam(now);
  if (input.day > today) throw new ForbiddenError("Không thể báo cáo cho một ngày trong tương lai.");

  const values: FigureValues = pickValues(input);
  const history = await getEffectiveFigures(prisma, [ward.code], { from: addDays(input.day, -HISTORY_DAYS), to: addDays(input.day, -1) });
  const warnings = reportWarnings(
    input.day,
    values,
    history.map((h) => ({ day: h.day, values: pickValues(h) })),
  );
  const confirmed = new Set(input.confirmedWarnings);
  if (warnings.some((w) => !confirmed.has(warningKey(w)))) return { kind: "needs-confirmation", warnings };
  if (warnings.length > 0 && !input.note) return { kind: "note-required", warnings };

  const next: ReportFields = { ...values, note: input.note };
  const warningsJson: Prisma.InputJsonValue | typeof Prisma.DbNull = warnings.length > 0 ? warnings : Prisma.DbNull;
  const key = `${ward.code}/${input.day}/WARD_REPORT`;
  const day = isoDayToUtcDate(input.day);

  let outcome: SubmitOutcome;
  try {
    outcome = await prisma.$transaction(async (tx) => {
      const current = await findReport(tx, ward.code, input.day);
      if (current === null) {
        if (input.expectedVersion !== 0) return { kind: "conflict", current: null } as const;
        await tx.dailyFigure.create({
          data: {
            unitCode: ward.code,
            day,
            source: "WARD_REPORT",
            ...values,
            note: input.note,
            warnings: warningsJson,
            version: 1,
            status: "SUBMITTED",
            submittedAt: now,
            submittedBy: user.id,
            firstSubmittedAt: now,
          },
          select: { id: true },
        });
        await writeAudit(tx, {
          at: now,
          userId: user.id,
          action: "figure.create",
          entity: "daily_figure",
          entityKey: key,
          unitCode: ward.code,
          day: input.day,
          before: null,
          after: { ...next, ...(warnings.length > 0 ? { warnings: warnings.map(warningKey) } : {}) },
        });
        const saved = await findReport(tx, ward.code, input.day);
        if (!saved) throw new Error("report vanished after insert");
        return { kind: "saved", report: saved, created: true } as const;
      }

      if (!canEditReport(user, ward, current)) return { kind: "locked", current } as const;
      if (current.version !== input.expectedVersion) return { kind: "conflict", current } as const;
      const diff = changedFields<(typeof AUDITED_FIELDS)[number]>(
        { ...current.values, note: current.note, warnings: current.warnings.map(warningKey) },
        { ...next, warnings: warnings.map(warningKey) },
        AUDITED_FIELDS,
      );
      if (diff.fields.length === 0) return { kind: "unchanged", report: current } as const;
      const updated = await tx.dailyFigure.updateMany({
        where: {
          unitCode: ward.code,
          day,
          source: "WARD_REPORT",
          version: input.expectedVersion,
          NOT: { status: "APPROVED" },
        },
        data: {
          ...values,
          note: input.note,
          warnings: warningsJson,
          version: { increment: 1 },
          submittedAt: now,
          submittedBy: user.id,
        },
      });
      // Someone else's save or an approval got in between the read and this write.
      if (updated.count !== 1) throw new VersionConflict();
      await writeAudit(tx, {
        at: now,
        userId: user.id,
        action: "figure.update",
        entity: "daily_figure",
        entityKey: key,
        unitCode: ward.code,
        day: input.day,
        before: diff.before,
        after: diff.after,
      });
      const saved = await findReport(tx, ward.code, input.day);
      if (!saved) throw new Error("report vanished after update");
      return { kind: "saved", report: saved, created: false } as const;
    });
  } catch (err) {
    // Two first submissions at once: the unique (ward, day, source) lets one in.
    if (!(err instanceof VersionConflict) && !isUniqueViolation(err)) throw err;
    const current = await findReport(prisma, ward.code, input.day);
    return current && current.status === "APPROVED" ? { kind: "locked", current } : { kind: "conflict", current };
  }
  if (outcome.kind === "saved") await refreshRollups(prisma, { from: input.day, to: input.day });
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Approving and unlocking

export type ApprovalOutcome =
  | { kind: "done"; report: ReportView }
  | { kind: "missing" }
  | { kind: "conflict"; current: ReportView }
  | { kind: "already"; current: ReportView };

/**
 * Moves one ward's report of a day to a new status (approve, unlock): only from the version the
 * user saw (a newer one is a conflict), with the audit entry in the same transaction.
 */
async function changeReportStatus(
  prisma: PrismaClient,
  user: SessionUser,
  ward: UnitRef,
  input: { day: IsoDay; expectedVersion: number },
  change: {
    to: "APPROVED" | "SUBMITTED";
    data: Prisma.DailyFigureUncheckedUpdateManyInput;
    action: "figure.approve" | "figure.unlock";
    reason?: string;
  },
  now: Date,
): Promise<ApprovalOutcome> {
  return prisma.$transaction(async (tx) => {
    const current = await findReport(tx, ward.code, input.day);
    if (!current) return { kind: "missing" } as const;
    if ((current.status === "APPROVED") === (change.to === "APPROVED")) return { kind: "already", current } as const;
    if (current.version !== input.expectedVersion) return { kind: "conflict", current } as const;
    const updated = await tx.dailyFigure.updateMany({
      where: { unitCode: ward.code, day: isoDayToUtcDate(input.day), source: "WARD_REPORT", version: input.expectedVersion },
      data: { ...change.data, version: { increment: 1 } },
    });
    if (updated.count !== 1) {
      const latest = await findReport(tx, ward.code, input.day);
      return latest ? ({ kind: "conflict", current: latest } as const) : ({ kind: "missing" } as const);
    }
    await writeAudit(tx, {
      at: now,
      userId: user.id,
      action: change.action,
      entity: "daily_figure",
      entityKey: `${ward.code}/${input.day}/WARD_REPORT`,
      unitCode: ward.code,
      day: input.day,
      before: { status: current.status },
      after: { status: change.to },
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
    });
    const report = await findReport(tx, ward.code, input.day);
    if (!report) throw new Error(`report vanished after ${change.action}`);
    return { kind: "done", report } as const;
  });
}

export async function approveReport(
  user: SessionUser,
  input: { wardCode: string; day: IsoDay; expectedVersion: number },
  now: Date = new Date(),
): Promise<ApprovalOutcome> {
  const prisma = await getPrisma();
  const ward = await wardForUser(prisma, user, input.wardCode, canApproveReport);
  return changeReportStatus(
    prisma,
    user,
    ward,
    input,
    { to: "APPROVED", data: { status: "APPROVED", approvedAt: now, approvedBy: user.id }, action: "figure.approve" },
    now,
  );
}

/** Approves every submitted report of the district's wards for a day; returns how many. */
export async function approveDistrictDay(
  user: SessionUser,
  input: { districtCode: string; day: IsoDay },
  now: Date = new Date(),
): Promise<{ approved: number }> {
  const prisma = await getPrisma();
  const district = await findUnit(prisma, input.districtCode);
  if (!district || !canApproveDistrictDay(user, district)) {
    const readOnly = readOnlyRefusal(user);
    throw new ForbiddenError(readOnly !== null && canViewDistrict(user, input.districtCode) ? readOnly : undefined);
  }
  const day = isoDayToUtcDate(input.day);
  return prisma.$transaction(async (tx) => {
    const pending = await tx.dailyFigure.findMany({
      where: { day, source: "WARD_REPORT", unit: { parentCode: district.code, level: "WARD" }, NOT: { status: "APPROVED" } },
      select: { id: true, unitCode: true, version: true, status: true },
      orderBy: { unitCode: "asc" },
    });
    let approved = 0;
    for (const row of pending) {
      const ward: UnitRef = { code: row.unitCode, level: "WARD", parentCode: district.code };
      if (!canApproveReport(user, ward)) continue;
      const updated = await tx.dailyFigure.updateMany({
        where: { id: row.id, version: row.version },
        data: { status: "APPROVED", approvedAt: now, approvedBy: user.id, version: { increment: 1 } },
      });
      if (updated.count !== 1) continue;
      approved++;
      await writeAudit(tx, {
        at: now,
        userId: user.id,
        action: "figure.approve",
        entity: "daily_figure",
        entityKey: `${row.unitCode}/${input.day}/WARD_REPORT`,
        unitCode: row.unitCode,
        day: input.day,
        before: { status: row.status ?? "SUBMITTED" },
        after: { status: "APPROVED" },
      });
    }
    return { approved };
  });
}

export async function unlockReport(
  user: SessionUser,
  input: { wardCode: string; day: IsoDay; expectedVersion: number; reason: string },
  now: Date = new Date(),
): Promise<ApprovalOutcome> {
  const prisma = await getPrisma();
  const ward = await wardForUser(prisma, user, input.wardCode, canUnlockReport);
  return changeReportStatus(
    prisma,
    user,
    ward,
    input,
    { to: "SUBMITTED", data: { status: "SUBMITTED", approvedAt: null, approvedBy: null }, action: "figure.unlock", reason: input.reason },
    now,
  );
}
