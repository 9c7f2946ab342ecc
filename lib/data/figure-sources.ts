import "server-only";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate, utcDateToIsoDay } from "../domain/days.ts";
import { mergeSources, priorityPreferring, type EffectiveFigure, type FigureRow, type FigureSource } from "../domain/figures.ts";
import { canChangeSettings, canViewDistrict, type SessionUser } from "../permissions.ts";
import { writeAudit } from "./audit.ts";
import { refreshRollupsInTransaction } from "../figures/rollups.ts";
import { getSourcePriority, SOURCE_PRIORITY_KEY } from "../figures/settings.ts";

// Which source a ward's figures come from (issue 5: both the ward's report and the imported
// figures are kept; the pages use one of them, field by field), and the admin's choice of which
// source wins.

export type WardFigureSources = {
  priority: readonly FigureSource[];
  /** one row per source that has figures for the ward and day, in priority order */
  rows: FigureRow[];
  /** the figure the pages use, with the source of each field; null when no source has any */
  effective: EffectiveFigure | null;
};

/** The ward's figures of `day` by source, for a viewer of the ward's district. */
export async function getWardFigureSources(
  prisma: PrismaClient,
  viewer: SessionUser,
  params: { wardCode: string; day: string },
): Promise<WardFigureSources> {
  const ward = await prisma.unit.findUnique({ where: { code: params.wardCode }, select: { level: true, parentCode: true } });
  if (!ward || ward.level !== "WARD") throw new NotFoundError(`Không có phường mã ${params.wardCode}.`);
  if (ward.parentCode === null || !canViewDistrict(viewer, ward.parentCode)) throw new ForbiddenError();
  const [priority, stored] = await Promise.all([
    getSourcePriority(prisma),
    prisma.dailyFigure.findMany({
      where: { unitCode: params.wardCode, day: isoDayToUtcDate(params.day), source: { in: ["WARD_REPORT", "IMPORT"] } },
      select: { source: true, smartphones: true, installs: true, qrVenues: true, activeVenues: true, scans: true },
    }),
  ]);
  const rows: FigureRow[] = stored
    .map((r) => ({ ...r, unitCode: params.wardCode, day: params.day }))
    .sort((a, b) => priority.indexOf(a.source) - priority.indexOf(b.source));
  return { priority, rows, effective: mergeSources(rows, priority) };
}

/** Which of a ward's two sources wins: "IMPORT" (the default) or "WARD_REPORT". */
export async function getPreferredSource(prisma: Pick<PrismaClient, "setting">): Promise<"IMPORT" | "WARD_REPORT"> {
  const priority = await getSourcePriority(prisma);
  return priority.indexOf("WARD_REPORT") < priority.indexOf("IMPORT") ? "WARD_REPORT" : "IMPORT";
}

/**
 * Stores the admin's choice and, in the same transaction, rewrites the district, city and country
 * rollups of every day under it (they are sums of the wards' effective figures), with an audit
 * entry: a crash leaves the old choice with the old sums or the new choice with the new ones.
 */
export async function setPreferredSource(
  prisma: PrismaClient,
  user: SessionUser,
  preferred: "IMPORT" | "WARD_REPORT",
): Promise<{ changed: boolean }> {
  if (!canChangeSettings(user)) throw new ForbiddenError("Chỉ quản trị viên được đổi nguồn số liệu ưu tiên.");
  const before = await getSourcePriority(prisma);
  const after = priorityPreferring(preferred);
  if (before.join() === after.join()) return { changed: false };
  await prisma.$transaction(
    async (tx) => {
      await tx.setting.upsert({
        where: { key: SOURCE_PRIORITY_KEY },
        create: { key: SOURCE_PRIORITY_KEY, value: [...after] },
        update: { value: [...after] },
        select: { key: true },
      });
      const days = await tx.dailyFigure.aggregate({ _min: { day: true }, _max: { day: true } });
      if (days._min.day && days._max.day) {
        const range = { from: utcDateToIsoDay(days._min.day), to: utcDateToIsoDay(days._max.day) };
        await refreshRollupsInTransaction(tx, after, range);
      }
      await writeAudit(tx, {
        userId: user.id,
        action: "setting.update",
        entity: "setting",
        entityKey: SOURCE_PRIORITY_KEY,
        before: { sourcePriority: before.join(" > ") },
        after: { sourcePriority: after.join(" > ") },
      });
    },
    { timeout: 120_000 },
  );
  return { changed: true };
}
