import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate } from "../domain/days.ts";
import type { AuditAction } from "../schemas/audit-params.ts";

// The audit log: every create, update, approve and unlock of a report and every change to an
// account or setting, with who, when, the fields that changed and their values before and after.
// Written in the same transaction as the change it records (by the gate, lib/data/*, which has
// checked the user first); read through lib/data/audit.ts.

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
