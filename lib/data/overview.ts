import "server-only";
import { getPrisma } from "../db.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { FigureValues } from "../domain/figures.ts";
import { buildDistrictOverview, type DistrictOverview } from "../domain/overview.ts";
import { getDayRangeWithData, getEffectiveFigures } from "./figures.ts";
import { getChildUnits, getDefaultDistrict, getUnit, type UnitSummary } from "./units.ts";

export type OverviewResult =
  | { kind: "ok"; day: string; range: { from: string; to: string }; overview: DistrictOverview }
  | { kind: "unknown-district" }
  | { kind: "no-data"; district: UnitSummary }
  | { kind: "day-out-of-range"; district: UnitSummary; day: string; range: { from: string; to: string } };

/**
 * Everything the district overview needs for one day. `day` defaults to the latest day with data
 * for the district; `districtCode` to the default district. Read-only; no figure is invented.
 */
export async function getDistrictOverview(params: { districtCode?: string; day?: string }): Promise<OverviewResult> {
  return loadDistrictOverview(await getPrisma(), params);
}

/** The same, on a given database (integration tests run it on PGlite and on PostgreSQL). */
export async function loadDistrictOverview(
  prisma: PrismaClient,
  params: { districtCode?: string; day?: string },
): Promise<OverviewResult> {
  const district = params.districtCode ? await getUnit(prisma, params.districtCode) : await getDefaultDistrict(prisma);
  if (!district || district.level !== "DISTRICT" || !district.parentCode) return { kind: "unknown-district" };
  const city = await getUnit(prisma, district.parentCode);
  if (!city) return { kind: "unknown-district" };

  const [wards, cityDistricts] = await Promise.all([getChildUnits(prisma, district.code), getChildUnits(prisma, city.code)]);
  const range = await getDayRangeWithData(prisma, [district.code, ...wards.map((w) => w.code)]);
  if (!range) return { kind: "no-data", district };
  const day = params.day ?? range.to;
  if (day < range.from || day > range.to) return { kind: "day-out-of-range", district, day, range };

  const codes = [city.code, ...cityDistricts.map((d) => d.code), ...wards.map((w) => w.code)];
  const rows = await getEffectiveFigures(prisma, codes, { from: day, to: day });
  const figures = new Map<string, FigureValues>(rows.map((r) => [r.unitCode, r]));
  return { kind: "ok", day, range, overview: buildDistrictOverview({ district, city, cityDistricts, wards, figures }) };
}
