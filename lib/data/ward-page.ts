import "server-only";
import { canViewDistrict, type SessionUser } from "../permissions.ts";
import { ForbiddenError } from "../auth/errors.ts";
import { getPrisma } from "../db.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ClassifiedVenue } from "../domain/venue-activity.ts";
import { buildWardDetail, type WardDetail } from "../domain/ward-detail.ts";
import type { NamedUnit } from "../domain/overview.ts";
import { fetchRangeFor, trendWindow } from "../domain/trends.ts";
import {
  chooseDay,
  loadDayRange,
  loadFigureTable,
  loadTargets,
  loadUnitFamily,
  targetsByUnit,
  type FamilyUnit,
  type UnitFamily,
} from "./dashboard-reads.ts";
import { parentCodeExpr, unitCodeExpr, type FigureSlice } from "./dashboard-sql.ts";
import { getSourcePriority } from "./settings.ts";
import { loadVenueActivity } from "./venue-activity.ts";

type DayRange = { from: string; to: string };

export type WardPageResult =
  | { kind: "ok"; ward: FamilyUnit; district: FamilyUnit; range: DayRange; detail: WardDetail; venues: ClassifiedVenue[] }
  | { kind: "unknown-ward" }
  | { kind: "no-data"; ward: FamilyUnit }
  | { kind: "day-out-of-range"; ward: FamilyUnit; day: string; range: DayRange };

/** One ward's page for the signed-in `viewer`: only a ward of a district they may see (ForbiddenError otherwise). */
export async function getWardPage(viewer: SessionUser, params: { wardCode: string; day?: string }): Promise<WardPageResult> {
  const prisma = await getPrisma();
  const ward = await prisma.unit.findUnique({ where: { code: params.wardCode }, select: { parentCode: true } });
  if (ward && (ward.parentCode === null || !canViewDistrict(viewer, ward.parentCode))) throw new ForbiddenError();
  return loadWardPage(prisma, params);
}

const named = ({ code, name }: FamilyUnit): NamedUnit => ({ code, name });

/** The figures the ward page reads: its district and all the district's wards over the window. */
export function wardFigureSlices(family: UnitFamily, window: readonly string[]): FigureSlice[] {
  const districtCode = family.self.parentCode;
  return [{ codes: [...(districtCode ? [districtCode] : []), ...family.siblings.map((w) => w.code)], ...fetchRangeFor(window) }];
}

/**
 * The ward page: (1) the ward's family, the source priority and the district's days with data
 * (so the page opens on the district's latest day, where a silent ward shows "chưa báo cáo");
 * (2) the figures of the district's wards and the district over the window, the targets, and the
 * ward's venues on the day.
 */
export async function loadWardPage(prisma: PrismaClient, params: { wardCode: string; day?: string }): Promise<WardPageResult> {
  const code = unitCodeExpr(params.wardCode);
  const [family, priority, range] = await Promise.all([
    loadUnitFamily(prisma, code),
    getSourcePriority(prisma),
    loadDayRange(prisma, parentCodeExpr(code)),
  ]);
  const ward = family?.self;
  const district = ward?.parentCode ? family?.byCode.get(ward.parentCode) : undefined;
  if (!family || !ward || ward.level !== "WARD" || !district) return { kind: "unknown-ward" };
  if (!range) return { kind: "no-data", ward };
  const chosen = chooseDay(params.day, range);
  if (chosen.kind === "day-out-of-range") return { kind: "day-out-of-range", ward, day: chosen.day, range };
  const { day } = chosen;

  const window = trendWindow(day, range.from);
  const siblings = family.siblings;
  const [table, targetSettings, venues] = await Promise.all([
    loadFigureTable(prisma, priority, wardFigureSlices(family, window)),
    loadTargets(prisma, [...family.byCode.keys()]),
    loadVenueActivity(prisma, ward.code, day),
  ]);

  const detail = buildWardDetail({
    ward: named(ward),
    district: named(district),
    siblings: siblings.map(named),
    table,
    day,
    window,
    targets: targetsByUnit(family, targetSettings),
  });
  return { kind: "ok", ward, district, range, detail, venues };
}
