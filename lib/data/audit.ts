import "server-only";
import { getPrisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { utcDateToIsoDay, vietnamDayBounds } from "../domain/days.ts";
import { ForbiddenError } from "../errors.ts";
import { ACCOUNT_AUDIT_ENTITIES, canViewAuditEntry, canViewAuditLog, readsEveryUnit, viewableDistrictCodes, type SessionUser, type UnitRef } from "../permissions.ts";
import type { AuditParams } from "../schemas/audit-params.ts";

// The audit log as the signed-in viewer may read it (the entries are written with each change:
// lib/figures/audit-log.ts).

export type AuditEntryView = {
  id: string;
  at: Date;
  username: string | null;
  userDisplayName: string | null;
  action: string;
  unitCode: string | null;
  unitName: string | null;
  day: string | null;
  fields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

function asObject(value: Prisma.JsonValue | null): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * Audit entries the user may see, newest first, filtered, 50 per page (keyset pagination on id).
 * A district official sees entries about the own district and its wards only; a city official
 * entries about the province, its districts and their wards; a national official entries about
 * any unit (not settings, which have none, nor account management).
 */
export async function listAuditEntries(user: SessionUser, params: AuditParams): Promise<{ entries: AuditEntryView[]; nextBefore: string | null }> {
  if (!canViewAuditLog(user)) throw new ForbiddenError();
  const prisma = await getPrisma();
  const and: Prisma.AuditLogWhereInput[] = [];
  if (user.role === "NATIONAL_OFFICIAL") {
    and.push({ unitCode: { not: null } });
  } else if (user.role === "CITY_OFFICIAL") {
    const districts = viewableDistrictCodes(user) ?? [];
    const wards = await prisma.unit.findMany({ where: { parentCode: { in: [...districts] }, level: "WARD" }, select: { code: true } });
    and.push({ unitCode: { in: [user.unitCode ?? "", ...districts, ...wards.map((w) => w.code)] } });
  } else if (!readsEveryUnit(user)) {
    const wards = await prisma.unit.findMany({ where: { parentCode: user.unitCode ?? "" }, select: { code: true } });
    and.push({ unitCode: { in: [user.unitCode ?? "", ...wards.map((w) => w.code)] } });
  }
  if (user.role !== "ADMIN") and.push({ entity: { notIn: [...ACCOUNT_AUDIT_ENTITIES] } });
  if (params.action) and.push({ action: params.action });
  if (params.unit) and.push({ unitCode: params.unit });
  if (params.user) and.push({ user: { username: params.user } });
  if (params.field) and.push({ fields: { has: params.field } });
  if (params.from) and.push({ at: { gte: vietnamDayBounds(params.from).start } });
  if (params.to) and.push({ at: { lt: vietnamDayBounds(params.to).end } });
  if (params.before) and.push({ id: { lt: BigInt(params.before) } });

  const rows = await prisma.auditLog.findMany({
    where: { AND: and },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      at: true,
      action: true,
      unitCode: true,
      day: true,
      fields: true,
      before: true,
      after: true,
      reason: true,
      entity: true,
      user: { select: { username: true, displayName: true } },
    },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const units = await prisma.unit.findMany({
    where: { code: { in: [...new Set(page.flatMap((r) => (r.unitCode ? [r.unitCode] : [])))] } },
    select: { code: true, name: true, level: true, parentCode: true },
  });
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const visible = page.filter((r) => {
    const unit = r.unitCode ? unitByCode.get(r.unitCode) : undefined;
    const ref: UnitRef | null = unit ? { code: unit.code, level: unit.level, parentCode: unit.parentCode } : null;
    return canViewAuditEntry(user, ref, r.entity);
  });
  const last = page.at(-1);
  return {
    entries: visible.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      username: r.user?.username ?? null,
      userDisplayName: r.user?.displayName ?? null,
      action: r.action,
      unitCode: r.unitCode,
      unitName: r.unitCode ? (unitByCode.get(r.unitCode)?.name ?? null) : null,
      day: r.day ? utcDateToIsoDay(r.day) : null,
      fields: r.fields,
      before: asObject(r.before),
      after: asObject(r.after),
      reason: r.reason,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE && last ? last.id.toString() : null,
  };
}

export type AuditUnitOption = { code: string; name: string; level: "PROVINCE" | "DISTRICT" | "WARD"; parentName: string | null };

/**
 * The units the viewer may filter the audit log by (the unit selector): a district official the
 * own district and its wards; a city official the province, its districts and their wards; an
 * admin or a national official, whose scope is the whole country (some 10.600 units), the units
 * the log has entries about. Parents first, then by code.
 */
export async function listAuditUnits(user: SessionUser): Promise<AuditUnitOption[]> {
  if (!canViewAuditLog(user)) throw new ForbiddenError();
  const prisma = await getPrisma();
  let scope: Prisma.UnitWhereInput;
  if (readsEveryUnit(user)) {
    const logged = await prisma.auditLog.groupBy({ by: ["unitCode"], where: { unitCode: { not: null } } });
    scope = { code: { in: logged.flatMap((r) => (r.unitCode ? [r.unitCode] : [])) }, level: { in: ["PROVINCE", "DISTRICT", "WARD"] } };
  } else if (user.role === "CITY_OFFICIAL") {
    const districts = [...(viewableDistrictCodes(user) ?? [])];
    scope = { OR: [{ code: user.unitCode ?? "" }, { code: { in: districts } }, { parentCode: { in: districts }, level: "WARD" }] };
  } else {
    scope = { OR: [{ code: user.unitCode ?? "" }, { parentCode: user.unitCode ?? "", level: "WARD" }] };
  }
  const units = await prisma.unit.findMany({
    where: scope,
    orderBy: [{ level: "asc" }, { code: "asc" }],
    select: { code: true, name: true, level: true, parent: { select: { name: true } } },
  });
  return units.flatMap((u) =>
    u.level === "PROVINCE" || u.level === "DISTRICT" || u.level === "WARD" ? [{ code: u.code, name: u.name, level: u.level, parentName: u.parent?.name ?? null }] : [],
  );
}
