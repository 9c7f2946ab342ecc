// Shapes one day's figures of a district, its wards and its city into what the overview shows:
// rates, the district's rank among the city's districts, the wards ranked by coverage, and who
// did not report. Pure: the data layer fetches, this decides, the page only draws.

import type { FigurePart, FigureWithParts, PartOrigin } from "./completeness.ts";
import { hasReported, isPartComplete, partOrigin } from "./completeness.ts";
import { coverageRate, qrActiveRate } from "./metrics.ts";
import type { RankStanding } from "./rank-metric.ts";
import { metricValue, rankStanding } from "./rank-metric.ts";
import { rankUnits } from "./ranking.ts";
import type { Ratio } from "./ratio.ts";

export type NamedUnit = { readonly code: string; readonly name: string };

const named = ({ code, name }: NamedUnit): NamedUnit => ({ code, name });

export type UnitDay = NamedUnit & {
  /** null when the unit has no figure at all that day */
  readonly figure: FigureWithParts | null;
  readonly coverage: Ratio | null;
  readonly qrActive: Ratio | null;
  /** how each part was made: the unit's own figure or a sum of k/n children (null: unknown) */
  readonly origins: { readonly [P in FigurePart]: PartOrigin | null };
  /** the coverage part is known and whole (a ward's report, an own figure, or all children) */
  readonly coverageComplete: boolean;
};

export type RankedUnitDay = UnitDay & { readonly rank: number | null; readonly standing: RankStanding };

export type DistrictOverview = {
  readonly district: UnitDay & {
    /** rank among the city's districts with a complete coverage figure; null when not ranked */
    readonly rankInCity: number | null;
    readonly districtsRanked: number;
    readonly standing: RankStanding;
  };
  readonly city: UnitDay & { readonly districtCount: number };
  readonly wards: readonly RankedUnitDay[];
  /** wards without coverage figures (smartphones and installs) that day: "chưa báo cáo" */
  readonly wardsNotReported: readonly NamedUnit[];
  readonly wardsWithZeroScans: readonly NamedUnit[];
  /** wards that reported 0 smartphones: no rate, not ranked, no verdict */
  readonly wardsWithoutSmartphones: readonly NamedUnit[];
};

export function unitDay(unit: NamedUnit, figure: FigureWithParts | null): UnitDay {
  return {
    code: unit.code,
    name: unit.name,
    figure,
    coverage: figure ? coverageRate(figure) : null,
    qrActive: figure ? qrActiveRate(figure) : null,
    origins: {
      coverage: partOrigin(figure, "coverage"),
      qr: partOrigin(figure, "qr"),
      scans: partOrigin(figure, "scans"),
    },
    coverageComplete: isPartComplete(figure, "coverage"),
  };
}

/**
 * Units ranked by coverage rate (competition ranking on exact values). Only whole figures are
 * ranked: a partial sum, a zero denominator or a missing report is listed after, unranked.
 */
export function rankByCoverage(units: readonly NamedUnit[], figures: ReadonlyMap<string, FigureWithParts>): RankedUnitDay[] {
  const days = units.map((u) => unitDay(u, figures.get(u.code) ?? null));
  return rankUnits(days, (d) => metricValue(d.figure, "coverage"), { secondaryKey: (d) => d.name }).map((r) => ({
    ...r.item,
    rank: r.rank,
    standing: rankStanding(r.item.figure, "coverage"),
  }));
}

export function buildDistrictOverview(input: {
  readonly district: NamedUnit;
  readonly city: NamedUnit;
  readonly cityDistricts: readonly NamedUnit[];
  readonly wards: readonly NamedUnit[];
  /** effective figures of that day by unit code */
  readonly figures: ReadonlyMap<string, FigureWithParts>;
}): DistrictOverview {
  const { district, city, cityDistricts, wards, figures } = input;
  const districtRanking = rankByCoverage(cityDistricts, figures);
  const own = districtRanking.find((d) => d.code === district.code);
  const wardRanking = rankByCoverage(wards, figures);
  return {
    district: {
      ...unitDay(district, figures.get(district.code) ?? null),
      rankInCity: own?.rank ?? null,
      districtsRanked: districtRanking.filter((d) => d.rank !== null).length,
      standing: own?.standing ?? "missing",
    },
    city: { ...unitDay(city, figures.get(city.code) ?? null), districtCount: cityDistricts.length },
    wards: wardRanking,
    wardsNotReported: wardRanking.filter((w) => !hasReported(w.figure)).map(named),
    // Zero means a reported 0, never a missing report.
    wardsWithZeroScans: wardRanking.filter((w) => w.figure?.scans === 0).map(named),
    wardsWithoutSmartphones: wardRanking.filter((w) => w.standing === "no-denominator").map(named),
  };
}
