import "server-only";
import { Prisma } from "../generated/prisma/client.ts";
import { getPrisma } from "../db.ts";
import { AlertRequestError, ForbiddenError, NotFoundError } from "../errors.ts";
import { filterAlerts, type AlertFilters } from "../domain/alerts/filters.ts";
import {
  canAcknowledgeAlert,
  canViewAllAlerts,
  canViewDistrictAlerts,
  canViewWardAlerts,
  canWithdrawAlertAck,
} from "../domain/alerts/permissions.ts";
import { countAlerts, type AlertCounts } from "../domain/alerts/registry.ts";
import { alertId, type Alert, type AlertRuleId, type AlertThresholds, type WardRef } from "../domain/alerts/types.ts";
import { compareIsoDays, daysBetween, isoDayToUtcDate, todayInVietnam, type IsoDay } from "../domain/days.ts";
import type { ReportDeadline } from "../domain/timeliness.ts";
import {
  ackSelect,
  computeAlertsCached,
  loadAcks,
  loadAlertDayRange,
  toAckView,
  type AckView,
  type ComputedAlerts,
  type ScanDataGap,
} from "../figures/alerts.ts";
import { readsEveryUnit, viewableDistrictCodes, type SessionUser, type UnitRef } from "../permissions.ts";
import type { AcknowledgeAlertInput, AlertParams, BulkAcknowledgeAlertsInput, WithdrawAlertAckInput } from "../schemas/alerts.ts";
import { heavyWork } from "../server/capacity.ts";
import { requireViewableWard } from "./ward-page.ts";

export type { AckView, AlertSummary, AlertView, ScanDataGap } from "../figures/alerts.ts";
import type { AlertSummary, AlertView } from "../figures/alerts.ts";

// The alert centre, the alert summaries and the acknowledgements, for the signed-in viewer: the
// alerts are computed from stored data by the figure store (lib/figures/alerts.ts); here the
// viewer's scope is resolved first and only the wards they may see are returned.

/**
 * The alerts of one district, or of every district at once (null): the latter reads every ward
 * of the city, so it is heavy work and waits for a slot (OverloadedError, 503, when none is free).
 */
async function alertsOf(params: { districtCode: string | null; day: IsoDay; now: Date }): Promise<ComputedAlerts> {
  const prisma = await getPrisma();
  return computeAlertsCached(prisma, params, params.districtCode === null ? (compute) => heavyWork().run(compute) : undefined);
}


export const ALERT_PAGE_SIZE = 100;

export type AlertCentre = {
  day: IsoDay;
  today: IsoDay;
  /** days with figures in scope (for the day picker); null when there are none */
  range: { from: IsoDay; to: IsoDay } | null;
  /** null: every district (admins) */
  district: { code: string; name: string } | null;
  /** districts an admin can pick (empty for others) */
  districts: { code: string; name: string }[];
  /** wards the user may pick (a ward chair: the own ward) */
  wards: WardRef[];
  filters: AlertFilters;
  /** of every alert the user may see that day (before the filters) */
  counts: AlertCounts & { acknowledged: number };
  /** after the filters */
  total: number;
  page: number;
  pageCount: number;
  alerts: AlertView[];
  thresholds: AlertThresholds;
  deadline: ReportDeadline;
  /** the visible wards (the `ward` filter applied) whose venues were not judged for lack of scan data */
  scanDataGaps: ScanDataGap[];
  /** true when no ward the user may see (before the filters) has a scan data gap */
  venuesJudged: boolean;
};

/** The district (null: every district, admins and national officials) and, for a ward chair, the one ward seen. */
type Scope = { district: { code: string; name: string } | null; wardOnly: string | null };

async function resolveScope(user: SessionUser, params: { district?: string; ward?: string }): Promise<Scope> {
  let districtCode: string | null = params.district ?? null;
  if (!readsEveryUnit(user)) {
    if (user.districtCode === null) throw new ForbiddenError("Tài khoản của bạn chưa gắn với quận nào.");
    // Their own district by default; another one only when canViewDistrictAlerts allows it below
    // (a city official: any district of the province).
    districtCode ??= user.districtCode;
  }
  if (districtCode === null && !canViewAllAlerts(user)) throw new ForbiddenError();
  let district: { code: string; name: string } | null = null;
  if (districtCode !== null) {
    const unit = await (await getPrisma()).unit.findUnique({ where: { code: districtCode }, select: { code: true, name: true, level: true } });
    if (!unit || unit.level !== "DISTRICT") throw new NotFoundError(`Không có quận mã ${districtCode}.`);
    if (!canViewDistrictAlerts(user, unit.code)) throw new ForbiddenError("Bạn chỉ xem được cảnh báo của quận mình.");
    district = { code: unit.code, name: unit.name };
  }
  let wardOnly: string | null = null;
  if (user.role === "WARD_CHAIR") {
    if (params.ward !== undefined && params.ward !== user.unitCode) throw new ForbiddenError("Bạn chỉ xem được cảnh báo của phường mình.");
    wardOnly = user.unitCode;
  }
  return { district, wardOnly };
}

function unitRefOf(w: WardRef): UnitRef {
  return { code: w.code, level: "WARD", parentCode: w.districtCode };
}

/**
 * The alert centre: every alert the user may see on the day asked for (default: the latest day
 * with figures), filtered and paged. Throws ForbiddenError / NotFoundError for a district or ward
 * the user may not see or that does not exist, AlertRequestError for a day in the future or a ward
 * outside the district.
 */
export async function getAlertCentre(user: SessionUser, params: AlertParams, now: Date = new Date()): Promise<AlertCentre> {
  const scope = await resolveScope(user, params);
  const prisma = await getPrisma();
  const districtCode = scope.district?.code ?? null;
  const today = todayInVietnam(now);
  if (params.day !== undefined && compareIsoDays(params.day, today) > 0) {
    throw new AlertRequestError(`Ngày ${params.day} chưa đến: cảnh báo chỉ có cho hôm nay và các ngày trước.`);
  }
  const [range, districts] = await Promise.all([
    loadAlertDayRange(prisma, districtCode, today),
    readsEveryUnit(user) || user.role === "CITY_OFFICIAL"
      ? prisma.unit.findMany({
          where: {
            level: "DISTRICT",
            children: { some: { level: "WARD" } },
            ...(user.role === "CITY_OFFICIAL" ? { code: { in: [...(viewableDistrictCodes(user) ?? [])] } } : {}),
          },
          orderBy: { code: "asc" },
          select: { code: true, name: true },
        })
      : Promise.resolve([]),
  ]);
  const day = params.day ?? range?.to ?? today;
  const [computed, acks] = await Promise.all([alertsOf({ districtCode, day, now }), loadAcks(prisma, districtCode, day)]);

  const visibleWards = computed.wards.filter((w) => canViewWardAlerts(user, unitRefOf(w)) && (scope.wardOnly === null || w.code === scope.wardOnly));
  if (params.ward !== undefined && !visibleWards.some((w) => w.code === params.ward)) {
    throw new AlertRequestError(`Không có phường mã ${params.ward} trong ${scope.district?.name ?? "hệ thống"}.`);
  }
  const visibleCodes = new Set(visibleWards.map((w) => w.code));
  const visible: AlertView[] = computed.alerts
    .filter((a) => visibleCodes.has(a.ward.code))
    .map((a) => ({ ...a, ack: acks.get(a.id) ?? null, canAcknowledge: canAcknowledgeAlert(user, unitRefOf(a.ward)) }));
  const acknowledged = new Set(visible.filter((a) => a.ack !== null).map((a) => a.id));
  const filters: AlertFilters = { ward: params.ward, rule: params.rule, severity: params.severity, status: params.status };
  const filtered = filterAlerts(visible, filters, acknowledged);
  const visibleGaps = computed.scanDataGaps.filter((g) => visibleCodes.has(g.ward.code));
  const pageCount = Math.max(1, Math.ceil(filtered.length / ALERT_PAGE_SIZE));
  const page = Math.min(params.page, pageCount);

  return {
    day,
    today,
    range,
    district: scope.district,
    districts,
    wards: visibleWards,
    filters,
    counts: { ...countAlerts(visible), acknowledged: acknowledged.size },
    total: filtered.length,
    page,
    pageCount,
    alerts: filtered.slice((page - 1) * ALERT_PAGE_SIZE, page * ALERT_PAGE_SIZE),
    thresholds: computed.thresholds,
    deadline: computed.deadline,
    scanDataGaps: visibleGaps.filter((g) => params.ward === undefined || g.ward.code === params.ward),
    venuesJudged: visibleGaps.length === 0,
  };
}


/**
 * The alerts of a district or of one ward on a day, for the overview and the ward page. Null when
 * the user may not see them (the summary is then simply not shown).
 */
export async function getAlertSummary(
  user: SessionUser,
  params: { districtCode?: string; wardCode?: string; day: IsoDay; limit?: number },
  now: Date = new Date(),
): Promise<AlertSummary | null> {
  let districtCode = params.districtCode ?? null;
  if (params.wardCode !== undefined) {
    // The ward page's own lookup (cached per request), not a second one.
    const ward = await requireViewableWard(user, params.wardCode).catch(() => null);
    if (!ward || !canViewWardAlerts(user, ward)) return null;
    districtCode = ward.parentCode;
  }
  if (districtCode === null || !canViewDistrictAlerts(user, districtCode)) return null;
  if (compareIsoDays(params.day, todayInVietnam(now)) > 0) return null;
  const prisma = await getPrisma();
  const [computed, acks] = await Promise.all([computeAlertsCached(prisma, { districtCode, day: params.day, now }), loadAcks(prisma, districtCode, params.day)]);
  const alerts: AlertView[] = computed.alerts
    .filter((a) => (params.wardCode === undefined || a.ward.code === params.wardCode) && canViewWardAlerts(user, unitRefOf(a.ward)))
    .map((a) => ({ ...a, ack: acks.get(a.id) ?? null, canAcknowledge: canAcknowledgeAlert(user, unitRefOf(a.ward)) }));
  const open = alerts.filter((a) => a.ack === null);
  const scanDataGaps = computed.scanDataGaps.filter(
    (g) => (params.wardCode === undefined || g.ward.code === params.wardCode) && canViewWardAlerts(user, unitRefOf(g.ward)),
  );
  return { day: params.day, counts: countAlerts(alerts), open: open.length, top: open.slice(0, params.limit ?? 5), scanDataGaps };
}

export type AcknowledgeOutcome = { kind: "done"; ack: AckView } | { kind: "already"; ack: AckView } | { kind: "no-alert" };

/**
 * Acknowledges an alert with a note (district officials of the ward's district, admins), and records
 * it in the audit log in the same transaction. The alert must exist: it is recomputed for that ward
 * and day. An alert is acknowledged once; a second attempt answers "already" with who did it.
 */
export async function acknowledgeAlert(user: SessionUser, input: AcknowledgeAlertInput, now: Date = new Date()): Promise<AcknowledgeOutcome> {
  const prisma = await getPrisma();
  const ward = await prisma.unit.findUnique({ where: { code: input.wardCode }, select: { code: true, name: true, level: true, parentCode: true } });
  if (!ward || ward.level !== "WARD" || ward.parentCode === null) throw new NotFoundError(`Không có phường mã ${input.wardCode}.`);
  if (!canAcknowledgeAlert(user, { code: ward.code, level: ward.level, parentCode: ward.parentCode })) {
    throw new ForbiddenError("Chỉ cán bộ quận phụ trách phường và quản trị viên được xác nhận cảnh báo.");
  }
  const key = { ruleId: input.ruleId, unitCode: ward.code, day: isoDayToUtcDate(input.day) };
  const existing = await prisma.alertAck.findUnique({ where: { ruleId_unitCode_day: key }, select: ackSelect });
  if (existing) return { kind: "already", ack: toAckView(existing) };
  if (daysBetween(input.day, todayInVietnam(now)) < 0) return { kind: "no-alert" };

  const computed = await computeAlertsCached(prisma, { districtCode: ward.parentCode, day: input.day, now });
  const alert = computed.alerts.find((a) => a.id === alertId(input.ruleId, ward.code, input.day));
  if (!alert) return { kind: "no-alert" };

  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.alertAck.create({
        data: { ...key, acknowledgedBy: user.id, note: input.note, at: now },
        select: ackSelect,
      });
      await tx.auditLog.create({ data: ackAuditEntry(user, alert, input.note, now), select: { id: true } });
      return created;
    });
    return { kind: "done", ack: toAckView(row) };
  } catch (err) {
    // Two officials at once: the unique key lets one through; the other sees who it was.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const other = await prisma.alertAck.findUnique({ where: { ruleId_unitCode_day: key }, select: ackSelect });
      if (other) return { kind: "already", ack: toAckView(other) };
    }
    throw err;
  }
}

/**
 * The audit entry of an acknowledgement (one per alert, also when several are acknowledged at
 * once). The audit action "alert.acknowledge" is not (yet) in lib/schemas/audit-params.ts's list,
 * so the entry is written directly rather than through writeAudit (same columns).
 */
function ackAuditEntry(user: SessionUser, alert: Alert, note: string, now: Date): Prisma.AuditLogUncheckedCreateInput {
  return {
    at: now,
    userId: user.id,
    action: "alert.acknowledge",
    entity: "alert",
    entityKey: alert.id,
    unitCode: alert.ward.code,
    day: isoDayToUtcDate(alert.day),
    after: { ruleId: alert.ruleId, severity: alert.severity, streakDays: alert.streak?.days ?? null, message: alert.message, note },
    fields: ["note"],
    reason: note,
  };
}

export type BulkAcknowledgeOutcome = {
  /** acknowledged now, with the one note */
  done: AckView[];
  /** acknowledged before (by anyone): left as they were, with who did it */
  already: AckView[];
  /** no such alert that day (the figures may have changed since the page was shown) */
  missing: { ruleId: AlertRuleId; wardCode: string }[];
};

/**
 * Acknowledges several alerts of one day with one note (the alert centre's selected rows): each
 * alert gets its own acknowledgement and audit entry, all in one transaction. The user must be
 * allowed to acknowledge every ward named (else ForbiddenError and nothing changes; an unknown
 * ward: NotFoundError). Alerts acknowledged before are left as they are and reported in `already`
 * (never overwritten: the first acknowledgement stands); alerts that do not exist in `missing`.
 * Each district's alerts are computed once, however many of its alerts are named.
 */
export async function acknowledgeAlerts(user: SessionUser, input: BulkAcknowledgeAlertsInput, now: Date = new Date()): Promise<BulkAcknowledgeOutcome> {
  const prisma = await getPrisma();
  const wanted = [...new Map(input.alerts.map((a) => [alertId(a.ruleId, a.wardCode, input.day), a])).values()];
  const wardCodes = [...new Set(wanted.map((a) => a.wardCode))];
  const wards = await prisma.unit.findMany({ where: { code: { in: wardCodes } }, select: { code: true, level: true, parentCode: true } });
  const wardByCode = new Map(wards.map((w) => [w.code, w]));
  for (const code of wardCodes) {
    const ward = wardByCode.get(code);
    if (!ward || ward.level !== "WARD" || ward.parentCode === null) throw new NotFoundError(`Không có phường mã ${code}.`);
    if (!canAcknowledgeAlert(user, { code: ward.code, level: ward.level, parentCode: ward.parentCode })) {
      throw new ForbiddenError("Chỉ cán bộ quận phụ trách phường và quản trị viên được xác nhận cảnh báo.");
    }
  }
  const day = isoDayToUtcDate(input.day);
  const existingAcks = await prisma.alertAck.findMany({
    where: { day, OR: wanted.map((a) => ({ ruleId: a.ruleId, unitCode: a.wardCode })) },
    select: ackSelect,
  });
  const already = existingAcks.map(toAckView);
  const alreadyIds = new Set(already.map((a) => alertId(a.ruleId as AlertRuleId, a.wardCode, input.day)));
  const pending = wanted.filter((a) => !alreadyIds.has(alertId(a.ruleId, a.wardCode, input.day)));
  if (pending.length === 0 || daysBetween(input.day, todayInVietnam(now)) < 0) {
    return { done: [], already, missing: daysBetween(input.day, todayInVietnam(now)) < 0 ? pending : [] };
  }

  const districts = [...new Set(pending.map((a) => wardByCode.get(a.wardCode)?.parentCode ?? ""))];
  const computed = await Promise.all(districts.map((districtCode) => computeAlertsCached(prisma, { districtCode, day: input.day, now })));
  const alertsById = new Map(computed.flatMap((c) => c.alerts).map((a) => [a.id, a]));
  const found = pending.flatMap((a) => alertsById.get(alertId(a.ruleId, a.wardCode, input.day)) ?? []);
  const missing = pending.filter((a) => !alertsById.has(alertId(a.ruleId, a.wardCode, input.day)));
  if (found.length === 0) return { done: [], already, missing };

  const created = await prisma.$transaction(async (tx) => {
    // skipDuplicates: an official acknowledging the same alert at this moment wins; it is reported below.
    const rows = await tx.alertAck.createManyAndReturn({
      data: found.map((a) => ({ ruleId: a.ruleId, unitCode: a.ward.code, day, acknowledgedBy: user.id, note: input.note, at: now })),
      skipDuplicates: true,
      select: { id: true, ruleId: true, unitCode: true },
    });
    const createdIds = new Set(rows.map((r) => alertId(r.ruleId as AlertRuleId, r.unitCode, input.day)));
    await tx.auditLog.createMany({ data: found.filter((a) => createdIds.has(a.id)).map((a) => ackAuditEntry(user, a, input.note, now)) });
    return rows;
  });
  const createdKeys = new Set(created.map((r) => alertId(r.ruleId as AlertRuleId, r.unitCode, input.day)));
  const raced = found.filter((a) => !createdKeys.has(a.id));
  if (raced.length > 0) {
    const others = await prisma.alertAck.findMany({ where: { day, OR: raced.map((a) => ({ ruleId: a.ruleId, unitCode: a.ward.code })) }, select: ackSelect });
    already.push(...others.map(toAckView));
  }
  const by = { username: user.username, displayName: user.displayName };
  const done: AckView[] = created.map((r) => ({ id: r.id, ruleId: r.ruleId, wardCode: r.unitCode, day: input.day, note: input.note, at: now, by }));
  return { done, already, missing };
}

export type WithdrawOutcome = { kind: "done"; ack: AckView } | { kind: "gone" };

/**
 * Withdraws an acknowledgement (the alert is open again), with a reason, audited in the same
 * transaction (the audit entry keeps the withdrawn note, who wrote it and when). Who may:
 * canWithdrawAlertAck (an admin, a district official of the ward's district); others get
 * ForbiddenError. An acknowledgement already withdrawn (or never stored) answers "gone".
 */
export async function withdrawAlertAck(user: SessionUser, input: WithdrawAlertAckInput, now: Date = new Date()): Promise<WithdrawOutcome> {
  const prisma = await getPrisma();
  const row = await prisma.alertAck.findUnique({
    where: { id: input.ackId },
    select: { ...ackSelect, unit: { select: { code: true, level: true, parentCode: true } } },
  });
  if (!row) return { kind: "gone" };
  if (!canWithdrawAlertAck(user, { code: row.unit.code, level: row.unit.level, parentCode: row.unit.parentCode })) {
    throw new ForbiddenError("Chỉ cán bộ quận phụ trách phường và quản trị viên được rút lại xác nhận cảnh báo.");
  }
  const ack = toAckView(row);
  const removed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.alertAck.deleteMany({ where: { id: row.id } });
    if (count === 0) return false;
    await tx.auditLog.create({
      data: {
        at: now,
        userId: user.id,
        action: "alert.withdraw_acknowledgement",
        entity: "alert",
        entityKey: `${ack.ruleId}:${ack.wardCode}:${ack.day}`,
        unitCode: ack.wardCode,
        day: row.day,
        before: { note: ack.note, acknowledgedBy: ack.by.username, at: ack.at.toISOString() },
        fields: ["note"],
        reason: input.reason,
      },
      select: { id: true },
    });
    return true;
  });
  return removed ? { kind: "done", ack } : { kind: "gone" };
}
