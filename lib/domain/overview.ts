// Shapes one day's figures of a district, its wards and its city into what the overview shows:
// rates, the district's rank among the city's districts, the wards ranked by coverage, and who
// did not report. Pure: the data layer fetches, this decides, the page only draws.

import type { FigureValues } from "./figures.ts";
import { coverageRate, qrActiveRate } from "./metrics.ts";
import { rankUnits } from "./ranking.ts";
import type { Ratio } from "./ratio.ts";

export type NamedUnit = { readonly code: string; readonly name: string };

export type UnitDay = NamedUnit & {
  /** null when the unit has no figure at all that day ("chưa báo cáo") */
  readonly figure: FigureValues | null;
  readonly coverage: Ratio | null;
  readonly qrActive: Ratio | null;
};

export type RankedUnitDay = UnitDay & { readonly rank: number | null };

export type DistrictOverview = {
  readonly district: UnitDay & { readonly rankInCity: number | null; readonly districtsRanked: number };
  readonly city: UnitDay & { readonly districtCount: number };
  readonly wards: readonly RankedUnitDay[];
  readonly wardsNotReported: readonly NamedUnit[];
  readonly wardsWithZeroScans: readonly NamedUnit[];
};

function unitDay(unit: NamedUnit, figure: FigureValues | null): UnitDay {
  return {
    code: unit.code,
    name: unit.name,
    figure,
    coverage: figure ? coverageRate(figure) : null,
    qrActive: figure ? qrActiveRate(figure) : null,
  };
}

/** Units ranked by coverage rate (competition ranking on exact values; unreported units last, unranked). */
export function rankByCoverage(units: readonly NamedUnit[], figures: ReadonlyMap<string, FigureValues>): RankedUnitDay[] {
  const days = units.map((u) => unitDay(u, figures.get(u.code) ?? null));
  return rankUnits(days, (d) => d.coverage, { secondaryKey: (d) => d.name }).map((r) => ({ ...r.item, rank: r.rank }));
}

export function buildDistrictOverview(input: {
  readonly district: NamedUnit;
  readonly city: NamedUnit;
  readonly cityDistricts: readonly NamedUnit[];
  readonly wards: readonly NamedUnit[];
  /** effective figures of that day by unit code */
  readonly figures: ReadonlyMap<string, FigureValues>;
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
    },
    city: { ...unitDay(city, figures.get(city.code) ?? null), districtCount: cityDistricts.length },
    wards: wardRanking,
    wardsNotReported: wardRanking.filter((w) => w.figure === null).map(({ code, name }) => ({ code, name })),
    // Zero means a reported 0, never a missing report.
    wardsWithZeroScans: wardRanking.filter((w) => w.figure?.scans === 0).map(({ code, name }) => ({ code, name })),
  };
}
