import "server-only";
import { canViewDistrict, type SessionUser } from "../permissions.ts";
import { ForbiddenError } from "../auth/errors.ts";
import { getPrisma } from "../db.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { addDays } from "../domain/days.ts";
import { buildDistrictDashboard, type DistrictDashboard } from "../domain/district-dashboard.ts";
import type { NamedUnit } from "../domain/overview.ts";
import type { RankMetric } from "../domain/rank-metric.ts";
import { fetchRangeFor, trendWindow } from "../domain/trends.ts";
import {
  chooseDay,
  loadDayRange,
  loadFigureTable,
  loadTargets,
  loadUnitFamily,
  targetsByUnit,
  type DataDays,
  type FamilyUnit,
  type UnitFamily,
} from "./dashboard-reads.ts";
import { unitCodeExpr, type FigureSlice } from "./dashboard-sql.ts";
import { getSourcePriority } from "./settings.ts";

export type DistrictDashboardParams = {
  districtCode?: string;
  day?: string;
  metric: RankMetric;
  compare: readonly string[];
};

type DayRange = DataDays;

export type DistrictDashboardResult =
  | { kind: "ok"; district: FamilyUnit; city: FamilyUnit; range: DayRange; dashboard: DistrictDashboard }
  | { kind: "unknown-district" }
  | { kind: "no-data"; district: FamilyUnit }
  | { kind: "day-out-of-range"; district: FamilyUnit; day: string; range: DayRange };

/** The district overview for the signed-in user's request (authorization goes here, issue 4). */
/**
 * For the signed-in `viewer`: their own district unless they name another, and only a district
 * they may see (ForbiddenError otherwise). Checked here, where the data is read, not only in the page.
 */
export async function getDistrictDashboard(viewer: SessionUser, params: DistrictDashboardParams): Promise<DistrictDashboardResult> {
  const districtCode = params.districtCode ?? viewer.districtCode ?? undefined;
  if (districtCode !== undefined && !canViewDistrict(viewer, districtCode)) throw new ForbiddenError();
  return loadDistrictDashboard(await getPrisma(), { ...params, districtCode });
}

const named = ({ code, name }: FamilyUnit): NamedUnit => ({ code, name });

/**
 * The figures the overview reads: the district and its wards over the trend window (and the
 * week before it, for paces), the city and the other districts over the last week (rank changes).
 */
export function districtFigureSlices(family: UnitFamily, day: string, window: readonly string[]): FigureSlice[] {
  const district = family.self;
  const others = family.siblings.filter((d) => d.code !== district.code).map((d) => d.code);
  return [
    { codes: [district.code, ...family.children.map((w) => w.code)], ...fetchRangeFor(window) },
    { codes: [...(district.parentCode ? [district.parentCode] : []), ...others], from: addDays(day, -7), to: day },
  ];
}

/**
 * Everything the district overview shows, in two rounds of parallel queries: (1) the district's
 * family, the source priority and the days with data; (2) the effective figures (wards and the
 * district over the trend window, the city's districts over the last week) and the targets.
 */
export async function loadDistrictDashboard(prisma: PrismaClient, params: DistrictDashboardParams): Promise<DistrictDashboardResult> {
  const code = unitCodeExpr(params.districtCode ?? null);
  const [family, priority, range] = await Promise.all([loadUnitFamily(prisma, code), getSourcePriority(prisma), loadDayRange(prisma, code)]);
  const district = family?.self;
  const city = district?.parentCode ? family?.byCode.get(district.parentCode) : undefined;
  if (!family || !district || district.level !== "DISTRICT" || !city) return { kind: "unknown-district" };
  if (!range) return { kind: "no-data", district };
  const chosen = chooseDay(params.day, range);
  if (chosen.kind === "day-out-of-range") return { kind: "day-out-of-range", district, day: chosen.day, range };
  const { day } = chosen;

  const window = trendWindow(day, range.from);
  const wards = family.children;
  const cityDistricts = family.siblings;
  const [table, targetSettings] = await Promise.all([
    loadFigureTable(prisma, priority, districtFigureSlices(family, day, window)),
    loadTargets(prisma, [...family.byCode.keys()]),
  ]);

  const dashboard = buildDistrictDashboard({
    district: named(district),
    city: named(city),
    cityDistricts: cityDistricts.map(named),
    wards: wards.map(named),
    table,
    day,
    window,
    metric: params.metric,
    compare: params.compare,
    targets: targetsByUnit(family, targetSettings),
  });
  return { kind: "ok", district, city, range, dashboard };
}
