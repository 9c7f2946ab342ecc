import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
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

/**
 * The city's districts ranked on a day: (1) the district's family (its city and sibling
 * districts), the source priority and the city's days with data; (2) the figures of the city and
 * its districts over the last week (for rank changes) and the targets.
 */
export async function loadCityPage(prisma: PrismaClient, params: CityPageParams): Promise<CityPageResult> {
  const code = unitCodeExpr(params.districtCode ?? null);
  const start = await loadDayViewStart(prisma, { code, rangeScope: parentCodeExpr(code), level: "DISTRICT", day: params.day });
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
  const wardsOf = Object.fromEntries(districts.map((d) => [d.code, childrenNounOf(d, "WARD")]));
  const nouns: CityNouns = { districts: nounOf(districts, "DISTRICT"), wardsOf };
  const ranking = buildCityRanking({
    city: named(city),
    districts: districts.map(named),
    table,
    day,
    metric: params.metric,
    targets: targetsByUnit(family, targetSettings),
    highlightCode: district.code,
    wardNounOf: (code) => wardsOf[code] ?? childrenNounOf({ childTypes: [] }, "WARD"),
    later: { table: laterTable, after, to: range.to },
  });
  const defaultDay = params.day !== undefined ? null : range.lastComplete === day ? "last-complete" : "latest-with-data";
  return { kind: "ok", city, district, range, ranking, provenance, defaultDay, nouns };
}
