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

/** A unit and its ancestors, nearest first (["00037", "002", "01", "VN"]); [] for an unknown code. */
export async function unitAndAncestors(db: Db, code: string): Promise<{ codes: string[]; level: string | null; parentCode: string | null }> {
  const codes: string[] = [];
  let first: { level: string; parentCode: string | null } | null = null;
  let next: string | null = code;
  for (let depth = 0; next !== null && depth < 6; depth++) {
    const unit: { code: string; level: string; parentCode: string | null } | null = await db.unit.findUnique({
      where: { code: next },
      select: { code: true, level: true, parentCode: true },
    });
    if (!unit) break;
    first ??= unit;
    codes.push(unit.code);
    next = unit.parentCode;
  }
  return { codes, level: first?.level ?? null, parentCode: first?.parentCode ?? null };
}
