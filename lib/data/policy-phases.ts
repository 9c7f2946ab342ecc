import "server-only";
import { Prisma } from "../generated/prisma/client.ts";
import { getPrisma } from "../db.ts";
import { isoDayToUtcDate, utcDateToIsoDay } from "../domain/days.ts";
import { phasesForUnit, type PolicyPhase } from "../domain/policy-phases.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { writeAudit } from "../figures/audit-log.ts";
import { readPolicyPhases, unitAndAncestors } from "../figures/policy-phases.ts";
import { canManagePolicyPhases, canViewCity, canViewDistrict, type SessionUser } from "../permissions.ts";
import type { CreatePolicyPhaseInput, DeletePolicyPhaseInput } from "../schemas/policy-phases.ts";

// Policy phases (the gate): admins record and remove them (audited); anyone who may see a unit's
// charts reads the phases that apply to it (its own and its ancestors').

export type PolicyPhaseAdmin = {
  phases: PolicyPhase[];
  /** the units a phase may be recorded for: the city, then its districts */
  scopes: { code: string; name: string; level: "PROVINCE" | "DISTRICT" }[];
};

function requireManager(user: SessionUser): void {
  if (!canManagePolicyPhases(user)) throw new ForbiddenError("Chỉ quản trị viên được ghi giai đoạn chính sách.");
}

export async function getPolicyPhaseAdmin(user: SessionUser): Promise<PolicyPhaseAdmin> {
  requireManager(user);
  const prisma = await getPrisma();
  const [phases, units] = await Promise.all([
    readPolicyPhases(prisma, null),
    prisma.unit.findMany({
      where: { level: { in: ["PROVINCE", "DISTRICT"] }, validTo: null },
      orderBy: [{ level: "asc" }, { code: "asc" }],
      select: { code: true, name: true, level: true },
    }),
  ]);
  const scopes = units.flatMap((u) => (u.level === "PROVINCE" || u.level === "DISTRICT" ? [{ code: u.code, name: u.name, level: u.level }] : []));
  return { phases, scopes: [...scopes.filter((u) => u.level === "PROVINCE"), ...scopes.filter((u) => u.level === "DISTRICT")] };
}

export async function createPolicyPhase(user: SessionUser, input: CreatePolicyPhaseInput): Promise<{ id: number }> {
  requireManager(user);
  const prisma = await getPrisma();
  const unit = await prisma.unit.findUnique({ where: { code: input.unitCode }, select: { level: true, name: true } });
  if (!unit || (unit.level !== "PROVINCE" && unit.level !== "DISTRICT")) {
    throw new NotFoundError(`Không có thành phố hay quận, huyện mã ${input.unitCode}.`);
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.policyPhase.create({
        data: { unitCode: input.unitCode, name: input.name, startDay: isoDayToUtcDate(input.startDay), endDay: input.endDay ? isoDayToUtcDate(input.endDay) : null },
        select: { id: true },
      });
      await writeAudit(tx, {
        userId: user.id,
        action: "policy_phase.create",
        entity: "policy_phase",
        entityKey: String(row.id),
        unitCode: input.unitCode,
        day: input.startDay,
        before: null,
        after: { name: input.name, startDay: input.startDay, endDay: input.endDay },
      });
      return row;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new PolicyPhaseConflictError(`${unit.name} đã có giai đoạn "${input.name}" bắt đầu cùng ngày.`);
    }
    throw err;
  }
}

/** A phase with the same name, unit and first day exists already (409). */
export class PolicyPhaseConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyPhaseConflictError";
  }
}

export async function deletePolicyPhase(user: SessionUser, input: DeletePolicyPhaseInput): Promise<{ deleted: true }> {
  requireManager(user);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const row = await tx.policyPhase.findUnique({ where: { id: input.id }, select: { id: true, unitCode: true, name: true, startDay: true, endDay: true } });
    if (!row) throw new NotFoundError("Giai đoạn này không còn nữa (có thể đã bị xoá).");
    await tx.policyPhase.delete({ where: { id: row.id } });
    const phase = { name: row.name, startDay: utcDateToIsoDay(row.startDay), endDay: row.endDay ? utcDateToIsoDay(row.endDay) : null };
    await writeAudit(tx, {
      userId: user.id,
      action: "policy_phase.delete",
      entity: "policy_phase",
      entityKey: String(row.id),
      unitCode: row.unitCode,
      day: phase.startDay,
      before: phase,
      after: null,
    });
    return { deleted: true as const };
  });
}

/**
 * The phases to draw on a unit's charts (a ward, a district or the city): those recorded for it or
 * an ancestor. The viewer must be allowed to see the unit (its district, or the city).
 */
export async function getPolicyPhasesForUnit(user: SessionUser, unitCode: string): Promise<PolicyPhase[]> {
  const prisma = await getPrisma();
  const { codes, level, parentCode } = await unitAndAncestors(prisma, unitCode);
  const allowed =
    level === "WARD"
      ? parentCode !== null && canViewDistrict(user, parentCode)
      : level === "DISTRICT"
        ? canViewDistrict(user, unitCode)
        : level === "PROVINCE"
          ? canViewCity(user)
          : false;
  if (!allowed) throw new ForbiddenError("Bạn không xem được số liệu của đơn vị này.");
  return phasesForUnit(await readPolicyPhases(prisma, codes), codes);
}
