import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { buildCityRanking, type CityRanking } from "../domain/city-ranking.ts";
import { addDays } from "../domain/days.ts";
import type { UnitProvenance } from "../domain/figure-provenance.ts";
import type { NamedUnit } from "../domain/overview.ts";
import type { RankMetric } from "../domain/rank-metric.ts";
import {
  familyDuring,
  familyOnDay,
  loadFigureTable,
  loadTargets,
  childrenNounOf,
  nounOf,
  targetsByUnit,
  type DataDays,
  type FamilyUnit,
  type UnitFamily,
} from "./dashboard-reads.ts";
import { loadDayViewStart, loadLaterTable } from "./day-view.ts";
import { loadUnitProvenance } from "./figure-provenance.ts";
import { parentCodeExpr, unitCodeExpr, type FigureSlice } from "./dashboard-sql.ts";

type DayRange = DataDays;

/** The city's districts ("quận, huyện") and, by district code, what its wards are called ("phường", "xã, thị trấn"). */
export type CityNouns = { readonly districts: string; readonly wardsOf: Readonly<Record<string, string>> };

export type CityPageParams = {
  /** the district to pick out (later: the signed-in official's own); default: the default district */
  districtCode?: string;
  day?: string;
  metric: RankMetric;
};

export type CityPageResult =
  | {
      kind: "ok";
      city: FamilyUnit;
      district: FamilyUnit;
      range: DayRange;
      ranking: CityRanking;
      /** where the city's figure comes from when it is its own (imported at the city's level) */
      provenance: UnitProvenance;
      /** null when the day was asked for; else whether it is the city's last whole day */
      defaultDay: "last-complete" | "latest-with-data" | null;
      /** what the page counts in: the city's districts of the day ("quận, huyện, thị xã"), and each district's wards */
      nouns: CityNouns;
    }
  | { kind: "unknown-district" }
  | { kind: "no-data"; city: FamilyUnit; district: FamilyUnit }
  | { kind: "day-out-of-range"; city: FamilyUnit; district: FamilyUnit; day: string; range: DayRange };

const named = ({ code, name }: FamilyUnit): NamedUnit => ({ code, name });

/** The figures the city page reads: the city and its districts over the last week (rank changes). */
export function cityFigureSlices(family: UnitFamily, day: string): FigureSlice[] {
  const cityCode = family.self.parentCode;
  return [{ codes: [...(cityCode ? [cityCode] : []), ...family.siblings.map((d) => d.code)], from: addDays(day, -7), to: day }];
}

/** Which units a ranking page ranks: the siblings of a unit of `level`, whose children are of `childLevel`. */
type RankedLevels = { level: "DISTRICT"; childLevel: "WARD" } | { level: "PROVINCE"; childLevel: "DISTRICT" };

/**
 * The city's districts ranked on a day: (1) the district's family (its city and sibling
 * districts), the source priority and the city's days with data; (2) the figures of the city and
 * its districts over the last week (for rank changes) and the targets.
 */
export async function loadCityPage(prisma: PrismaClient, params: CityPageParams): Promise<CityPageResult> {
  return loadSiblingRanking(prisma, params, { code: unitCodeExpr(params.districtCode ?? null), levels: { level: "DISTRICT", childLevel: "WARD" }, highlight: true });
}

export type CountryPageParams = { provinceCode?: string; day?: string; metric: RankMetric };

/**
 * The country's provinces ranked on a day, the same way (the province picked out in the place of
 * the district, the country in the place of the city): by default the province of the default
 * district (the first ward with figures).
 */
export async function loadCountryPage(prisma: PrismaClient, params: CountryPageParams): Promise<CityPageResult> {
  const code = params.provinceCode !== undefined ? Prisma.sql`${params.provinceCode}::varchar` : parentCodeExpr(unitCodeExpr(null));
  return loadSiblingRanking(prisma, { day: params.day, metric: params.metric }, { code, levels: { level: "PROVINCE", childLevel: "DISTRICT" }, highlight: true });
}

export type ProvincePageParams = { provinceCode: string; day?: string; metric: RankMetric };

/** A province's districts ranked on a day (the city page of that province, no district picked out). */
export async function loadProvincePage(prisma: PrismaClient, params: ProvincePageParams): Promise<CityPageResult> {
  const code = Prisma.sql`(SELECT d.code FROM unit d WHERE d.parent_code = ${params.provinceCode} AND d.level = 'DISTRICT' ORDER BY d.code LIMIT 1)`;
  return loadSiblingRanking(prisma, { day: params.day, metric: params.metric }, { code, levels: { level: "DISTRICT", childLevel: "WARD" }, highlight: false });
}

/**
 * The siblings of the unit named by `code` ranked under their parent (the result's `city` is the
 * parent, `district` the unit; picked out when `highlight`).
 */
async function loadSiblingRanking(
  prisma: PrismaClient,
  params: { day?: string; metric: RankMetric },
  target: { code: Prisma.Sql; levels: RankedLevels; highlight: boolean },
): Promise<CityPageResult> {
  const { code, levels } = target;
  const start = await loadDayViewStart(prisma, { code, rangeScope: parentCodeExpr(code), level: levels.level, day: params.day });
  if (start.kind === "unknown") return { kind: "unknown-district" };
  if (start.kind === "no-data") return { kind: "no-data", city: start.parent, district: start.self };
  if (start.kind === "day-out-of-range") return { kind: "day-out-of-range", city: start.parent, district: start.self, day: start.day, range: start.range };
  const { family, self: district, parent: city, priority, range, day, after } = start;

  const districts = familyOnDay(family, day).siblings;
  // Later days still coming in: after the later of the day shown and the city's last whole day.
  const [table, targetSettings, laterTable, provenance] = await Promise.all([
    loadFigureTable(prisma, priority, cityFigureSlices(familyDuring(family, addDays(day, -7), day), day)),
    loadTargets(prisma, [...family.byCode.keys()]),
    loadLaterTable(prisma, priority, [city.code, ...districts.map((d) => d.code)], after, range.to),
    loadUnitProvenance(prisma, city.code, day, priority),
  ]);
  const wardsOf = Object.fromEntries(districts.map((d) => [d.code, childrenNounOf(d, levels.childLevel)]));
  const nouns: CityNouns = { districts: nounOf(districts, levels.level), wardsOf };
  const ranking = buildCityRanking({
    city: named(city),
    districts: districts.map(named),
    table,
    day,
    metric: params.metric,
    targets: targetsByUnit(family, targetSettings),
    highlightCode: target.highlight ? district.code : null,
    wardNounOf: (c) => wardsOf[c] ?? childrenNounOf({ childTypes: [] }, levels.childLevel),
    later: { table: laterTable, after, to: range.to },
  });
  const defaultDay = params.day !== undefined ? null : range.lastComplete === day ? "last-complete" : "latest-with-data";
  return { kind: "ok", city, district, range, ranking, provenance, defaultDay, nouns };
}
