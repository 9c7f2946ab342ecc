import "server-only";
import { getPrisma } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { resolveUnitTargets, type TargetSetting, type UnitTargets } from "../domain/targets.ts";
import { canChangeSettings, type SessionUser } from "../permissions.ts";
import { TARGET_METRIC_OF_FIELD, type UnitTargetsInput } from "../schemas/targets.ts";
import { writeAudit } from "../figures/audit-log.ts";

// Targets per unit (admins): the city's are the defaults every district and ward inherits; a
// district or a ward may have its own. Read here for the admin page; the dashboard resolves them
// with the same pure function (lib/domain/targets.ts).

export type TargetRow = {
  code: string;
  name: string;
  level: "PROVINCE" | "DISTRICT" | "WARD";
  /** the unit's own targets in basis points (null: inherits) */
  own: { coverage: number | null; qrActive: number | null };
  /** the targets in force, with the unit that set them */
  resolved: UnitTargets;
};

export type TargetsOverview = {
  city: TargetRow;
  districts: TargetRow[];
  /** the district whose wards are listed, and its wards */
  district: TargetRow | null;
  wards: TargetRow[];
  names: ReadonlyMap<string, string>;
};

function requireAdmin(user: SessionUser): void {
  if (!canChangeSettings(user)) throw new ForbiddenError("Chỉ quản trị viên được đặt mục tiêu.");
}

/** The city, its districts and the wards of one district (default: the first that has wards). */
export async function getTargetsOverview(user: SessionUser, params: { district?: string }): Promise<TargetsOverview> {
  requireAdmin(user);
  const prisma = await getPrisma();
  const city = await prisma.unit.findFirst({ where: { level: "PROVINCE" }, orderBy: { code: "asc" }, select: { code: true, name: true, parentCode: true } });
  if (!city) throw new NotFoundError("Chưa có tỉnh, thành phố nào.");
  const districts = await prisma.unit.findMany({
    where: { parentCode: city.code, level: "DISTRICT" },
    orderBy: { code: "asc" },
    select: { code: true, name: true, parentCode: true, _count: { select: { children: true } } },
  });
  const chosen = params.district ? districts.find((d) => d.code === params.district) : districts.find((d) => d._count.children > 0);
  if (params.district && !chosen) throw new NotFoundError(`Không có quận, huyện mã ${params.district} trong ${city.name}.`);
  const wards = chosen
    ? await prisma.unit.findMany({ where: { parentCode: chosen.code, level: "WARD" }, orderBy: { code: "asc" }, select: { code: true, name: true, parentCode: true } })
    : [];
  const units = [city, ...districts, ...wards];
  const settings: TargetSetting[] = await prisma.target.findMany({
    where: { unitCode: { in: units.map((u) => u.code) } },
    select: { unitCode: true, metric: true, basisPoints: true },
  });
  const parentOf = new Map(units.map((u) => [u.code, u.parentCode]));
  const row = (u: { code: string; name: string }, level: TargetRow["level"]): TargetRow => {
    const own = (metric: string) => settings.find((s) => s.unitCode === u.code && s.metric === metric)?.basisPoints ?? null;
    return {
      code: u.code,
      name: u.name,
      level,
      own: { coverage: own("COVERAGE_RATE"), qrActive: own("QR_ACTIVE_RATE") },
      resolved: resolveUnitTargets(u.code, parentOf, settings),
    };
  };
  return {
    city: row(city, "PROVINCE"),
    districts: districts.map((d) => row(d, "DISTRICT")),
    district: chosen ? row(chosen, "DISTRICT") : null,
    wards: wards.map((w) => row(w, "WARD")),
    names: new Map(units.map((u) => [u.code, u.name])),
  };
}

/** Sets (or clears, to inherit) a unit's two targets, audited, in one transaction. */
export async function setUnitTargets(user: SessionUser, input: UnitTargetsInput): Promise<{ changed: string[] }> {
  requireAdmin(user);
  const prisma = await getPrisma();
  const unit = await prisma.unit.findUnique({ where: { code: input.unitCode }, select: { level: true } });
  if (!unit || unit.level === "COUNTRY") throw new NotFoundError(`Không có đơn vị mã ${input.unitCode}.`);
  return prisma.$transaction(async (tx) => {
    const before: Record<string, number | null> = {};
    const after: Record<string, number | null> = {};
    for (const field of ["coverage", "qrActive"] as const) {
      const metric = TARGET_METRIC_OF_FIELD[field];
      const where = { unitCode_metric: { unitCode: input.unitCode, metric } };
      const old = (await tx.target.findUnique({ where, select: { basisPoints: true } }))?.basisPoints ?? null;
      const next = input[field];
      if (old === next) continue;
      if (next === null) await tx.target.delete({ where });
      else await tx.target.upsert({ where, create: { unitCode: input.unitCode, metric, basisPoints: next }, update: { basisPoints: next } });
      before[field] = old;
      after[field] = next;
    }
    const changed = Object.keys(after);
    if (changed.length > 0) {
      await writeAudit(tx, { userId: user.id, action: "target.update", entity: "target", entityKey: input.unitCode, unitCode: input.unitCode, before, after });
    }
    return { changed };
  });
}
