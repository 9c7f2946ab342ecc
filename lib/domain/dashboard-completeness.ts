// How whole a dashboard's day is, for the pages to say so: whether a unit's coverage
// figure of a day is whole or sums only some of its children ("17/18 phường"), which later days
// are still coming in ("Đang cập nhật: 1/18 phường đã báo cáo"), and why a change of a KPI or a
// rank is withheld when the KPI gives none. Pure: the data layer fetches, this decides.

import type { PartOrigin } from "./completeness.ts";
import { isPartComplete, partOrigin } from "./completeness.ts";
import type { IsoDay } from "./days.ts";
import { addDays, compareIsoDays, dayRange } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import { coverageRate } from "./metrics.ts";
import type { NamedUnit } from "./overview.ts";
import type { RankMetric, RankStanding } from "./rank-metric.ts";
import { rankStanding } from "./rank-metric.ts";
import { rankedCount, ranksOnDay, sameRankedUnits } from "./unit-ranking.ts";

export type DayCompleteness = {
  readonly day: IsoDay;
  /**
   * complete: the unit's own figure, or a sum that counts every child; partial: a sum of some of
   * them; missing: no coverage figure at all
   */
  readonly kind: "complete" | "partial" | "missing";
  /** children whose coverage is whole that day (wards: "đã báo cáo"), out of `total` */
  readonly counted: number;
  readonly total: number;
  /** how the unit's coverage figure was made; null when it has none */
  readonly origin: PartOrigin | null;
};

/**
 * The unit's coverage figure on `day`: whole, partial or missing, and how many of its children it
 * counts. A sum says it itself; an own figure (or none) is told by counting the children that
 * have whole coverage figures in `table`.
 */
export function coverageCompleteness(table: FigureTable, unitCode: string, childCodes: readonly string[], day: IsoDay): DayCompleteness {
  const figure = figureOn(table, unitCode, day);
  const origin = partOrigin(figure, "coverage");
  const kind = origin === null ? "missing" : isPartComplete(figure, "coverage") ? "complete" : "partial";
  if (origin?.kind === "sum") return { day, kind, counted: origin.counted, total: origin.total, origin };
  const counted = childCodes.filter((code) => isPartComplete(figureOn(table, code, day), "coverage")).length;
  return { day, kind, counted, total: childCodes.length, origin };
}

function hasAnyFigure(table: FigureTable, codes: readonly string[], day: IsoDay): boolean {
  return codes.some((code) => figureOn(table, code, day) !== null);
}

/**
 * The days after `after` up to `to` whose figures are still coming in: some figure of the unit or
 * a child exists, but the unit's coverage is not whole. Latest first: the page offers them one
 * click away ("Đang cập nhật: 1/18 phường đã báo cáo") without opening on them.
 */
export function daysStillComingIn(
  table: FigureTable,
  unitCode: string,
  childCodes: readonly string[],
  after: IsoDay,
  to: IsoDay,
): DayCompleteness[] {
  if (compareIsoDays(after, to) >= 0) return [];
  return dayRange(addDays(after, 1), to)
    .filter((day) => hasAnyFigure(table, [unitCode, ...childCodes], day))
    .map((day) => coverageCompleteness(table, unitCode, childCodes, day))
    .filter((c) => c.kind !== "complete")
    .reverse();
}

/**
 * Why a change is not shown. `when` says which of the two days is at fault: the day shown ("day")
 * or the one compared with ("earlier").
 */
export type WithheldReason =
  | { readonly kind: "partial"; readonly when: "day" | "earlier"; readonly day: IsoDay; readonly counted: number; readonly total: number }
  | { readonly kind: "missing"; readonly when: "day" | "earlier"; readonly day: IsoDay }
  | { readonly kind: "no-rate"; readonly when: "day" | "earlier"; readonly day: IsoDay }
  | { readonly kind: "not-ranked"; readonly when: "day" | "earlier"; readonly day: IsoDay; readonly standing: RankStanding }
  /** both days rank the unit, but not among the same units: ranks among different sets don't compare */
  | { readonly kind: "different-sets"; readonly day: IsoDay; readonly today: number; readonly earlier: number }
  /** a sum's change between two days that count different children (missing is not zero) */
  | { readonly kind: "different-reporters"; readonly day: IsoDay };

/** Why the coverage rate of `day` is not compared with `lag` days before; null when it can be. */
export function coverageChangeReason(
  table: FigureTable,
  unitCode: string,
  childCodes: readonly string[],
  day: IsoDay,
  lag: number,
): WithheldReason | null {
  const pairs: ["day" | "earlier", IsoDay][] = [
    ["day", day],
    ["earlier", addDays(day, -lag)],
  ];
  for (const [when, d] of pairs) {
    const c = coverageCompleteness(table, unitCode, childCodes, d);
    if (c.kind === "missing") return { kind: "missing", when, day: d };
    if (c.kind === "partial") return { kind: "partial", when, day: d, counted: c.counted, total: c.total };
    const figure = figureOn(table, unitCode, d);
    if (figure === null || coverageRate(figure) === null) return { kind: "no-rate", when, day: d };
  }
  return null;
}

/**
 * Why the unit's rank among `units` on `day` is not compared with its rank `lag` days before:
 * it is not ranked on one of the days (a partial sum, a zero denominator, no figure), or the two
 * days do not rank the same units. Null when the ranks compare.
 */
export function rankChangeReason(
  units: readonly NamedUnit[],
  table: FigureTable,
  unitCode: string,
  day: IsoDay,
  lag: number,
  metric: RankMetric,
): WithheldReason | null {
  const earlierDay = addDays(day, -lag);
  const today = rankStanding(figureOn(table, unitCode, day), metric);
  if (today !== "ranked") return { kind: "not-ranked", when: "day", day, standing: today };
  const earlier = rankStanding(figureOn(table, unitCode, earlierDay), metric);
  if (earlier !== "ranked") return { kind: "not-ranked", when: "earlier", day: earlierDay, standing: earlier };
  return rankingSetsReason(units, table, day, lag, metric);
}

/**
 * Why no unit's rank change is shown in a ranking of `units` on `day` against `lag` days before:
 * the two days rank different sets of units. Null when they rank the same set, or when either
 * ranks none (each row then says for itself that it has no rank).
 */
export function rankingSetsReason(
  units: readonly NamedUnit[],
  table: FigureTable,
  day: IsoDay,
  lag: number,
  metric: RankMetric,
): WithheldReason | null {
  const now = ranksOnDay(units, table, day, metric);
  const then = ranksOnDay(units, table, addDays(day, -lag), metric);
  if (rankedCount(now) === 0 || rankedCount(then) === 0 || sameRankedUnits(now, then)) return null;
  return { kind: "different-sets", day, today: rankedCount(now), earlier: rankedCount(then) };
}

/**
 * Why the new installs of `day` (installs minus the day before's) are not shown: a day without
 * installs, or, for a sum of children, days that count different children. Mirrors
 * trends.ts newInstallsByDay. Null when they are shown.
 */
export function installsChangeReason(table: FigureTable, unitCode: string, childCodes: readonly string[], day: IsoDay): WithheldReason | null {
  const before = addDays(day, -1);
  if ((figureOn(table, unitCode, day)?.installs ?? null) === null) return { kind: "missing", when: "day", day };
  if ((figureOn(table, unitCode, before)?.installs ?? null) === null) return { kind: "missing", when: "earlier", day: before };
  const reporting = (d: IsoDay) => childCodes.filter((c) => (figureOn(table, c, d)?.installs ?? null) !== null).join(",");
  if (childCodes.length > 0 && reporting(day) !== reporting(before)) return { kind: "different-reporters", day };
  return null;
}

/** The changes a district's KPI cards show, or why each is withheld. */
export type DistrictChangeReasons = {
  readonly coverageDay: WithheldReason | null;
  readonly coverageWeek: WithheldReason | null;
  readonly rankDay: WithheldReason | null;
  readonly rankWeek: WithheldReason | null;
  readonly installsDay: WithheldReason | null;
};

export type DistrictCompleteness = {
  /** the district's coverage figure on the day shown */
  readonly day: DayCompleteness;
  /** the city's coverage figure on the day shown (counting its districts) */
  readonly city: DayCompleteness;
  /** later days still coming in, latest first */
  readonly stillComingIn: readonly DayCompleteness[];
  /** why each KPI change is withheld (null where the KPI gives a change) */
  readonly withheld: DistrictChangeReasons;
  /** why the ward ranking shows no rank changes against the day / week before (null: it shows them) */
  readonly wardRankChanges: { readonly day: WithheldReason | null; readonly week: WithheldReason | null };
};

/**
 * Everything the overview says about completeness. `table` holds the dashboard's figures (the
 * district and its wards over the trend window, the city and its districts over the last week);
 * `later` the district's and its wards' figures of the days after `laterAfter` up to `to`.
 */
export function buildDistrictCompleteness(input: {
  readonly table: FigureTable;
  readonly later: FigureTable;
  readonly district: NamedUnit;
  readonly city: NamedUnit;
  readonly cityDistricts: readonly NamedUnit[];
  readonly wards: readonly NamedUnit[];
  readonly day: IsoDay;
  readonly laterAfter: IsoDay;
  readonly to: IsoDay;
  readonly metric: RankMetric;
  /** the KPI changes given (null where withheld) */
  readonly changes: {
    readonly coverageChangeDay: number | null;
    readonly coverageChangeWeek: number | null;
    readonly rankChangeDay: number | null;
    readonly rankChangeWeek: number | null;
    readonly installsChangeDay: number | null;
  };
}): DistrictCompleteness {
  const { table, later, district, city, cityDistricts, wards, day, metric, changes } = input;
  const wardCodes = wards.map((w) => w.code);
  const districtCodes = cityDistricts.map((d) => d.code);
  const unless = (value: number | null, reason: () => WithheldReason | null) => (value === null ? reason() : null);
  return {
    day: coverageCompleteness(table, district.code, wardCodes, day),
    city: coverageCompleteness(table, city.code, districtCodes, day),
    stillComingIn: daysStillComingIn(later, district.code, wardCodes, input.laterAfter, input.to),
    withheld: {
      coverageDay: unless(changes.coverageChangeDay, () => coverageChangeReason(table, district.code, wardCodes, day, 1)),
      coverageWeek: unless(changes.coverageChangeWeek, () => coverageChangeReason(table, district.code, wardCodes, day, 7)),
      rankDay: unless(changes.rankChangeDay, () => rankChangeReason(cityDistricts, table, district.code, day, 1, "coverage")),
      rankWeek: unless(changes.rankChangeWeek, () => rankChangeReason(cityDistricts, table, district.code, day, 7, "coverage")),
      installsDay: unless(changes.installsChangeDay, () => installsChangeReason(table, district.code, wardCodes, day)),
    },
    wardRankChanges: {
      day: rankingSetsReason(wards, table, day, 1, metric),
      week: rankingSetsReason(wards, table, day, 7, metric),
    },
  };
}
