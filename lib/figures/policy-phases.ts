import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { utcDateToIsoDay } from "../domain/days.ts";
import { sortPhases, type PolicyPhase } from "../domain/policy-phases.ts";

// Policy phases, unchecked (the gate, lib/data/policy-phases.ts, checks the viewer first).

type Db = Pick<PrismaClient, "policyPhase" | "unit">;

/** The phases recorded for any of `unitCodes` (all of them when null), oldest first. */
export async function readPolicyPhases(db: Db, unitCodes: readonly string[] | null): Promise<PolicyPhase[]> {
  const rows = await db.policyPhase.findMany({
    where: unitCodes === null ? {} : { unitCode: { in: [...unitCodes] } },
    select: { id: true, unitCode: true, name: true, startDay: true, endDay: true, unit: { select: { name: true } } },
  });
  return sortPhases(
    rows.map((r) => ({
      id: r.id,
      unitCode: r.unitCode,
      unitName: r.unit.name,
      name: r.name,
      startDay: utcDateToIsoDay(r.startDay),
      endDay: r.endDay ? utcDateToIsoDay(r.endDay) : null,
    })),
  );
}

/** A unit and its ancestors, nearest first (["00037", "002", "01", "VN"]); [] for an unknown code. One query. */
export async function unitAndAncestors(db: Db, code: string): Promise<{ codes: string[]; level: string | null; parentCode: string | null }> {
  const up = { select: { code: true, parent: { select: { code: true, parent: { select: { code: true } } } } } } as const;
  const unit = await db.unit.findUnique({ where: { code }, select: { code: true, level: true, parentCode: true, parent: up } });
  if (!unit) return { codes: [], level: null, parentCode: null };
  const codes = [unit.code, unit.parent?.code, unit.parent?.parent?.code, unit.parent?.parent?.parent?.code].filter((c): c is string => c !== undefined);
  return { codes, level: unit.level, parentCode: unit.parentCode };
}
