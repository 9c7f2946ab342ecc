import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { daysStillComingIn, type DayCompleteness } from "../domain/dashboard-completeness.ts";
import { addDays, compareIsoDays } from "../domain/days.ts";
import type { DenominatorEntry } from "../domain/denominator-register.ts";
import { buildFigureTable } from "../domain/figure-table.ts";
import { buildWardDetail, type WardDetail } from "../domain/ward-detail.ts";
import type { NamedUnit } from "../domain/overview.ts";
import { fetchRangeFor, trendWindow } from "../domain/trends.ts";
import {
  chooseDay,
  loadDayRange,
  familyDuring,
  familyOnDay,
  loadFigureTable,
  loadTargets,
  loadUnitFamily,
  nounOf,
  targetsByUnit,
  type DataDays,
  type FamilyUnit,
  type UnitFamily,
} from "./dashboard-reads.ts";
import { loadDenominatorRegister } from "./denominator-register.ts";
import { parentCodeExpr, unitCodeExpr, type FigureSlice } from "./dashboard-sql.ts";
import { getSourcePriority } from "./settings.ts";

type DayRange = DataDays;

export type WardPageResult =
  | {
      kind: "ok";
      ward: FamilyUnit;
      district: FamilyUnit;
      range: DayRange;
      detail: WardDetail;
      /** the ward's denominators (smartphones, registered QR venues): value, source, last change */
      denominators: DenominatorEntry[];
      /** the district's later days still coming in (latest first), offered one click away */
      stillComingIn: DayCompleteness[];
      /** the page opened on the district's last whole day (true), or on the latest with data without a whole one */
      defaultDay: "last-complete" | "latest-with-data" | null;
    }
  | { kind: "unknown-ward" }
  | { kind: "no-data"; ward: FamilyUnit }
  | { kind: "day-out-of-range"; ward: FamilyUnit; day: string; range: DayRange };

const named = ({ code, name }: FamilyUnit): NamedUnit => ({ code, name });

/** The figures the ward page reads: its district and all the district's wards over the window. */
export function wardFigureSlices(family: UnitFamily, window: readonly string[]): FigureSlice[] {
  const districtCode = family.self.parentCode;
  return [{ codes: [...(districtCode ? [districtCode] : []), ...family.siblings.map((w) => w.code)], ...fetchRangeFor(window) }];
}

/**
 * The ward page: (1) the ward's family, the source priority and the district's days with data
 * (so the page opens on the district's latest day, where a silent ward shows "chưa báo cáo");
 * (2) the figures of the district's wards and the district over the window and the targets. The
 * ward's venues are a list of their own, paged (loadVenuePage in ./venue-activity.ts).
 */
export async function loadWardPage(prisma: PrismaClient, params: { wardCode: string; day?: string }): Promise<WardPageResult> {
  const code = unitCodeExpr(params.wardCode);
  const [family, priority, range] = await Promise.all([
    loadUnitFamily(prisma, code),
    getSourcePriority(prisma),
    loadDayRange(prisma, parentCodeExpr(code)),
  ]);
  const ward = family?.self;
  const district = ward?.parentCode ? family?.byCode.get(ward.parentCode) : undefined;
  if (!family || !ward || ward.level !== "WARD" || !district) return { kind: "unknown-ward" };
  if (!range) return { kind: "no-data", ward };
  const chosen = chooseDay(params.day, range);
  if (chosen.kind === "day-out-of-range") return { kind: "day-out-of-range", ward, day: chosen.day, range };
  const { day } = chosen;

  const window = trendWindow(day, range.from);
  const siblings = familyOnDay(family, day).siblings;
  const after = range.lastComplete !== null && compareIsoDays(range.lastComplete, day) > 0 ? range.lastComplete : day;
  const laterCodes = [district.code, ...siblings.map((w) => w.code)];
  const [table, targetSettings, denominators, laterTable] = await Promise.all([
    loadFigureTable(prisma, priority, wardFigureSlices(familyDuring(family, fetchRangeFor(window).from, day), window)),
    loadTargets(prisma, [...family.byCode.keys()]),
    loadDenominatorRegister(prisma, ward.code, day, priority),
    compareIsoDays(after, range.to) < 0
      ? loadFigureTable(prisma, priority, [{ codes: laterCodes, from: addDays(after, 1), to: range.to }])
      : Promise.resolve(buildFigureTable([])),
  ]);

  const detail = buildWardDetail({
    ward: named(ward),
    district: named(district),
    siblings: siblings.map(named),
    table,
    day,
    window,
    targets: targetsByUnit(family, targetSettings),
    wardNoun: nounOf(siblings, "WARD"),
  });
  const stillComingIn = daysStillComingIn(
    laterTable,
    district.code,
    siblings.map((w) => w.code),
    after,
    range.to,
  );
  const defaultDay = params.day !== undefined ? null : range.lastComplete === day ? "last-complete" : "latest-with-data";
  return { kind: "ok", ward, district, range, detail, denominators, stillComingIn, defaultDay };
}
