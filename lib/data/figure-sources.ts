import "server-only";
import { getPrisma } from "../db.ts";
import { isoDayToUtcDate } from "../domain/days.ts";
import { mergeSources, type EffectiveFigure, type FigureRow, type FigureSource } from "../domain/figures.ts";
import type { SessionUser } from "../permissions.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { getSourcePriority } from "../figures/settings.ts";
import { requireViewableWard } from "./ward-page.ts";

// Which source a ward's figures come from (issue 5: both the ward's report and the imported
// figures are kept; the pages use one of them, field by field). The admin's choice of which
// source wins is a setting (lib/data/settings.ts).

export type WardFigureSources = {
  priority: readonly FigureSource[];
  /** one row per source that has figures for the ward and day, in priority order */
  rows: FigureRow[];
  /** the figure the pages use, with the source of each field; null when no source has any */
  effective: EffectiveFigure | null;
};

/** The ward's figures of `day` by source, for a viewer of the ward's district. */
export async function getWardFigureSources(viewer: SessionUser, params: { wardCode: string; day: string }): Promise<WardFigureSources> {
  // The ward page's own lookup (cached per request): 403 outside the viewer's scope, 404 only for an admin.
  const ward = await requireViewableWard(viewer, params.wardCode);
  const prisma = await getPrisma();
  // Once per data version (lib/figures/figure-cache.ts; daily_figure and setting are versioned),
  // the same for every viewer the check above lets in.
  return cachedFigures(prisma, "ward-figure-sources", { ward: ward.code, day: params.day }, async () => {
    const [priority, stored] = await Promise.all([
      getSourcePriority(prisma),
      prisma.dailyFigure.findMany({
        where: { unitCode: ward.code, day: isoDayToUtcDate(params.day), source: { in: ["WARD_REPORT", "IMPORT"] } },
        select: { source: true, smartphones: true, installs: true, qrVenues: true, activeVenues: true, scans: true },
      }),
    ]);
    const rows: FigureRow[] = stored
      .map((r) => ({ ...r, unitCode: ward.code, day: params.day }))
      .sort((a, b) => priority.indexOf(a.source) - priority.indexOf(b.source));
    return { priority, rows, effective: mergeSources(rows, priority) };
  });
}
