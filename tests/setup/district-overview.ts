// Test helper (was lib/data/overview.ts, no longer used by the app): the overview built from the
// figure store with lib/domain/overview.ts alone, to check the dashboard against.
import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { figuresOnDay } from "../../lib/domain/figure-table.ts";
import { buildDistrictOverview, type DistrictOverview, type NamedUnit } from "../../lib/domain/overview.ts";
import { chooseDay, loadDayRange, loadFigureTable, loadUnitFamily, type DataDays, type FamilyUnit } from "../../lib/figures/dashboard-reads.ts";
import { unitCodeExpr } from "../../lib/figures/dashboard-sql.ts";
import { getSourcePriority } from "../../lib/figures/settings.ts";

export type OverviewResult =
  | { kind: "ok"; day: string; range: DataDays; overview: DistrictOverview }
  | { kind: "unknown-district" }
  | { kind: "no-data"; district: FamilyUnit }
  | { kind: "day-out-of-range"; district: FamilyUnit; day: string; range: DataDays };

const named = ({ code, name }: FamilyUnit): NamedUnit => ({ code, name });

/**
 * The district overview's figures for one day (the KPI cards without the charts), read straight
 * from the figure store: the tests' independent reference for the dashboard (lib/figures/
 * district-dashboard.ts), which the app shows instead. `day` defaults to the district's latest day
 * whose figure is whole (else the latest with any data); `districtCode` to the default district.
 */
export async function loadDistrictOverview(
  prisma: PrismaClient,
  params: { districtCode?: string; day?: string },
): Promise<OverviewResult> {
  const code = unitCodeExpr(params.districtCode ?? null);
  const [family, priority, range] = await Promise.all([loadUnitFamily(prisma, code), getSourcePriority(prisma), loadDayRange(prisma, code)]);
  const district = family?.self;
  const city = district?.parentCode ? family?.byCode.get(district.parentCode) : undefined;
  if (!family || !district || district.level !== "DISTRICT" || !city) return { kind: "unknown-district" };
  if (!range) return { kind: "no-data", district };
  const chosen = chooseDay(params.day, range);
  if (chosen.kind === "day-out-of-range") return { kind: "day-out-of-range", district, day: chosen.day, range };
  const { day } = chosen;

  const wards = family.children;
  const cityDistricts = family.siblings;
  const codes = [city.code, ...cityDistricts.map((d) => d.code), ...wards.map((w) => w.code)];
  const table = await loadFigureTable(prisma, priority, [{ codes, from: day, to: day }]);
  const overview = buildDistrictOverview({
    district: named(district),
    city: named(city),
    cityDistricts: cityDistricts.map(named),
    wards: wards.map(named),
    figures: figuresOnDay(table, day),
  });
  return { kind: "ok", day, range, overview };
}
