import "server-only";
import { getReadPrisma } from "../db-read.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { ForbiddenError } from "../errors.ts";
import { loadCityPage, loadCountryPage, loadProvincePage, type CityPageParams, type CityPageResult, type CountryPageParams, type ProvincePageParams } from "../figures/city-page.ts";
import { canViewCity, canViewCountry, canViewDistrict, canViewProvince, type SessionUser } from "../permissions.ts";

export type { CityNouns, CityPageParams, CityPageResult, CountryPageParams, ProvincePageParams } from "../figures/city-page.ts";

/** The city's districts ranked, for officials and admins only; the viewer's own district is picked out. */
export async function getCityPage(viewer: SessionUser, params: CityPageParams): Promise<CityPageResult> {
  if (!canViewCity(viewer)) throw new ForbiddenError();
  const districtCode = params.districtCode ?? viewer.districtCode ?? undefined;
  if (districtCode !== undefined && !canViewDistrict(viewer, districtCode)) throw new ForbiddenError();
  // The replica when DATABASE_READ_URL is set, unless it lacks the viewer's own last write (lib/db-read.ts).
  const prisma = await getReadPrisma();
  const query = { ...params, districtCode };
  // Once per data version (lib/figures/figure-cache.ts): the same for every viewer allowed here.
  return cachedFigures(prisma, "city-page", query, () => loadCityPage(prisma, query));
}

/**
 * The country's provinces ranked (issue 18), for admins, national officials and city officials;
 * the province picked out is the one asked for (admins, national officials), a city official's
 * own, else the default district's province.
 */
export async function getCountryPage(viewer: SessionUser, params: CountryPageParams): Promise<CityPageResult> {
  if (!canViewCountry(viewer)) throw new ForbiddenError();
  const own = viewer.role === "CITY_OFFICIAL" ? (viewer.unitCode ?? undefined) : undefined;
  if (own !== undefined && params.provinceCode !== undefined && params.provinceCode !== own) throw new ForbiddenError();
  const prisma = await getReadPrisma();
  const query = { ...params, provinceCode: params.provinceCode ?? own };
  return cachedFigures(prisma, "country-page", query, () => loadCountryPage(prisma, query));
}

/** One province's districts ranked, for whoever may see that province (canViewProvince). */
export async function getProvincePage(viewer: SessionUser, params: ProvincePageParams): Promise<CityPageResult> {
  const prisma = await getReadPrisma();
  const districts = await prisma.unit.findMany({ where: { parentCode: params.provinceCode, level: "DISTRICT" }, select: { code: true } });
  if (!canViewProvince(viewer, { code: params.provinceCode, districtCodes: districts.map((d) => d.code) })) throw new ForbiddenError();
  return cachedFigures(prisma, "province-page", params, () => loadProvincePage(prisma, params));
}
