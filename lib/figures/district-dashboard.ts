import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { buildDistrictCompleteness, type DistrictCompleteness } from "../domain/dashboard-completeness.ts";
import { addDays, compareIsoDays } from "../domain/days.ts";
import { buildDistrictDashboard, type DistrictDashboard } from "../domain/district-dashboard.ts";
import { buildFigureTable } from "../domain/figure-table.ts";
import type { UnitProvenance } from "../domain/figure-provenance.ts";
import type { NamedUnit } from "../domain/overview.ts";
import type { RankMetric } from "../domain/rank-metric.ts";
import { fetchRangeFor, trendWindow } from "../domain/trends.ts";
import {
  familyDuring,
  familyOnDay,
  loadFigureTable,
  loadTargets,
  nounOf,
  targetsByUnit,
  type DataDays,
  type FamilyUnit,
  type UnitFamily,
} from "./dashboard-reads.ts";
import { loadDayViewStart } from "./day-view.ts";
import { unitCodeExpr, type FigureSlice } from "./dashboard-sql.ts";
import { loadProvenance, provenanceOf } from "./figure-provenance.ts";

/** The words a district's page counts its wards and its city's districts in (from their GSO types). */
export type DashboardNouns = { readonly wards: string; readonly districts: string };

export type DistrictDashboardParams = {
  districtCode?: string;
  day?: string;
  metric: RankMetric;
  compare: readonly string[];
};

type DayRange = DataDays;

/**
 * Which day the page opened on when none was asked for: the latest whose district figure is whole,
 * or (no day is whole yet) the latest with any figure, which the page labels as such.
 */
export type DefaultDay = "last-complete" | "latest-with-data";

export type DistrictDashboardResult =
  | {
      kind: "ok";
      district: FamilyUnit;
      city: FamilyUnit;
      range: DayRange;
      dashboard: DistrictDashboard;
      /** null when the day was asked for */
      defaultDay: DefaultDay | null;
      /** how whole the day is, the days still coming in, why changes are withheld */
      completeness: DistrictCompleteness;
      /** where the district's and the city's figures of the day come from when they are their own */
      provenance: { district: UnitProvenance; city: UnitProvenance };
      /** what the page counts in: the district's wards of the day ("phường", "xã, thị trấn") and the city's districts ("quận, huyện") */
      nouns: DashboardNouns;
    }
  | { kind: "unknown-district" }
  | { kind: "no-data"; district: FamilyUnit }
  | { kind: "day-out-of-range"; district: FamilyUnit; day: string; range: DayRange };

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
 * The days after the one shown whose figures are still coming in: after the later of the day shown
 * and the last whole day, up to the last day with data. Null when there are none to look at.
 */
export function laterSlice(family: UnitFamily, day: string, range: DayRange): FigureSlice | null {
  const after = range.lastComplete !== null && compareIsoDays(range.lastComplete, day) > 0 ? range.lastComplete : day;
  if (compareIsoDays(after, range.to) >= 0) return null;
  return { codes: [family.self.code, ...family.children.map((w) => w.code)], from: addDays(after, 1), to: range.to };
}

/**
 * Everything the district overview shows, in two rounds of parallel queries: (1) the district's
 * family, the source priority and the days with data; (2) the effective figures (wards and the
 * district over the trend window, the city's districts over the last week; the district and its
 * wards on the later days still coming in), the targets, and the stored rows of the district's
 * and the city's day (where an own figure comes from).
 */
export async function loadDistrictDashboard(prisma: PrismaClient, params: DistrictDashboardParams): Promise<DistrictDashboardResult> {
  const code = unitCodeExpr(params.districtCode ?? null);
  const start = await loadDayViewStart(prisma, { code, rangeScope: code, level: "DISTRICT", day: params.day });
  if (start.kind === "unknown") return { kind: "unknown-district" };
  if (start.kind === "no-data") return { kind: "no-data", district: start.self };
  if (start.kind === "day-out-of-range") return { kind: "day-out-of-range", district: start.self, day: start.day, range: start.range };
  const { family, self: district, parent: city, priority, range, day } = start;

  const window = trendWindow(day, range.from);
  // A day's rankings and k/n count the units valid that day; the charts' window, those valid on any of its days.
  const onDay = familyOnDay(family, day);
  const wards = onDay.children;
  const cityDistricts = onDay.siblings;
  const nouns: DashboardNouns = { wards: nounOf(wards, "WARD"), districts: nounOf(cityDistricts, "DISTRICT") };
  const later = laterSlice(familyDuring(family, addDays(day, 1), range.to), day, range);
  const [table, targetSettings, laterTable, provenances] = await Promise.all([
    loadFigureTable(prisma, priority, districtFigureSlices(familyDuring(family, fetchRangeFor(window).from, day), day, window)),
    loadTargets(prisma, [...family.byCode.keys()]),
    later ? loadFigureTable(prisma, priority, [later]) : Promise.resolve(buildFigureTable([])),
    loadProvenance(prisma, [district.code, city.code], day, priority),
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
    wardNoun: nouns.wards,
  });
  const { kpis } = dashboard;
  const completeness = buildDistrictCompleteness({
    table,
    later: laterTable,
    district: named(district),
    city: named(city),
    cityDistricts: cityDistricts.map(named),
    wards: wards.map(named),
    day,
    laterAfter: later ? addDays(later.from, -1) : day,
    to: later?.to ?? day,
    metric: params.metric,
    changes: kpis,
  });
  const defaultDay: DefaultDay | null = params.day !== undefined ? null : range.lastComplete === day ? "last-complete" : "latest-with-data";
  return {
    kind: "ok",
    district,
    city,
    range,
    dashboard,
    defaultDay,
    completeness,
    provenance: { district: provenanceOf(provenances, district.code, priority), city: provenanceOf(provenances, city.code, priority) },
    nouns,
  };
}
