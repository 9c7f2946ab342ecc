import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate, utcDateToIsoDay, vietnamDayBounds } from "../domain/days.ts";
import { ForbiddenError } from "../errors.ts";
import { ACCOUNT_AUDIT_ENTITIES, canViewAuditEntry, canViewAuditLog, viewableDistrictCodes, type SessionUser, type UnitRef } from "../permissions.ts";
import type { AuditAction, AuditParams } from "../schemas/audit-params.ts";

// The audit log: every create, update, approve and unlock of a report and every change to an
// account or setting, with who, when, the fields that changed and their values before and after.
// Written in the same transaction as the change it records.

type Tx = Pick<PrismaClient, "auditLog">;

export type AuditWrite = {
  userId: number | null;
  action: AuditAction;
  entity: string;
  entityKey: string;
  unitCode?: string | null;
  /** the calendar day the entry is about (a report's day) */
  day?: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** defaults to the keys of before and after */
  fields?: string[];
  reason?: string | null;
  /** when it happened (default: the database's now) */
  at?: Date;
};

function json(value: Record<string, unknown> | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

export async function writeAudit(tx: Tx, entry: AuditWrite): Promise<void> {
  const fields = entry.fields ?? [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  await tx.auditLog.create({
    data: {
      ...(entry.at ? { at: entry.at } : {}),
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityKey: entry.entityKey,
      unitCode: entry.unitCode ?? null,
      day: entry.day ? isoDayToUtcDate(entry.day) : null,
      before: json(entry.before),
      after: json(entry.after),
      fields,
      reason: entry.reason ?? null,
    },
    select: { id: true },
  });
}

/** The fields whose values differ, as before/after objects holding only those fields. */
export function changedFields<K extends string>(
  before: Readonly<Record<K, unknown>>,
  after: Readonly<Record<K, unknown>>,
  keys: readonly K[],
): { before: Record<string, unknown>; after: Record<string, unknown>; fields: K[] } {
  const fields = keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
  return {
    before: Object.fromEntries(fields.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(fields.map((k) => [k, after[k] ?? null])),
    fields,
  };
}

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
 * entries about the province, its districts and their wards.
 */
export async function listAuditEntries(
  prisma: PrismaClient,
  user: SessionUser,
  params: AuditParams,
): Promise<{ entries: AuditEntryView[]; nextBefore: string | null }> {
  if (!canViewAuditLog(user)) throw new ForbiddenError();
  const and: Prisma.AuditLogWhereInput[] = [];
  if (user.role === "CITY_OFFICIAL") {
    const districts = viewableDistrictCodes(user) ?? [];
    const wards = await prisma.unit.findMany({ where: { parentCode: { in: [...districts] }, level: "WARD" }, select: { code: true } });
    and.push({ unitCode: { in: [user.unitCode ?? "", ...districts, ...wards.map((w) => w.code)] } });
  } else if (user.role !== "ADMIN") {
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
