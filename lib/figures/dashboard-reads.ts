import "server-only";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { UnitLevel } from "../generated/prisma/enums.ts";
import { utcDateToIsoDay } from "../domain/days.ts";
import type { FigureSource } from "../domain/figures.ts";
import { buildFigureTable, type FigureTable } from "../domain/figure-table.ts";
import { figureParts } from "../domain/completeness.ts";
import { unitsValidDuring, unitsValidOn } from "../domain/unit-changes.ts";
import { unitNoun, type ChildLevel } from "../domain/unit-wording.ts";
import { resolveUnitTargets, TARGET_METRICS, type TargetMetric, type TargetSetting, type UnitTargets } from "../domain/targets.ts";
import {
  dataRangeSql,
  figureSlicesSql,
  targetsSql,
  unitFamilySql,
  type DayRangeRow,
  type FamilyRow,
  type FigureSlice,
  type FigureRow,
  type TargetRow,
} from "./dashboard-sql.ts";

// The reads the dashboard pages share: a unit with its family, the days with data, effective
// figures as a table, and targets resolved by inheritance. Each is one SQL statement
// (dashboard-sql.ts); the page loaders run them in two parallel rounds.

export type FamilyUnit = {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  /** the GSO type ("Phường", "Xã", "Thị trấn", "Quận", "Huyện", "Thị xã", …); null when not known */
  type: string | null;
  /**
   * the distinct types of its children, whatever days they exist (a null inside: one not known;
   * empty without children): what its children are called, unitNoun(childTypes, level)
   */
  childTypes: readonly (string | null)[];
  /** first day the unit exists ('YYYY-MM-DD'; null: since before the 2021 code list) */
  validFrom: string | null;
  /** last day the unit exists (null: still valid); rank a day's units with unitsValidOn */
  validTo: string | null;
};

export type UnitFamily = {
  self: FamilyUnit;
  /** every unit returned, by code: ancestors, children, siblings and the unit itself */
  byCode: ReadonlyMap<string, FamilyUnit>;
  parentOf: ReadonlyMap<string, string | null>;
  /** the unit's children, by official code, whatever days they exist (see familyOnDay) */
  children: FamilyUnit[];
  /** the children of the unit's parent (the unit included), by official code, whatever days they exist */
  siblings: FamilyUnit[];
};

/**
 * The family as it stood on `day`: children and siblings limited to the units valid that day
 * (a merged ward is not ranked after its last day; a new one is not "chưa báo cáo" before its
 * first). The unit itself and its ancestors stay, as do byCode and parentOf (target inheritance).
 */
export function familyOnDay(family: UnitFamily, day: string): UnitFamily {
  return { ...family, children: unitsValidOn(family.children, day), siblings: unitsValidOn(family.siblings, day) };
}

/** The same over a window of days: the units valid on at least one of them (a chart's lines). */
export function familyDuring(family: UnitFamily, from: string, to: string): UnitFamily {
  return { ...family, children: unitsValidDuring(family.children, from, to), siblings: unitsValidDuring(family.siblings, from, to) };
}

/**
 * What these units are called together, from their types: a district's wards of the day
 * ("phường", "xã, thị trấn"), a city's districts ("quận, huyện, thị xã"). The words every k/n says.
 */
export function nounOf(units: readonly Pick<FamilyUnit, "type">[], level: ChildLevel): string {
  return unitNoun(
    units.map((u) => u.type),
    level,
  );
}

/** What a unit's children are called (all its children, whatever days they exist). */
export function childrenNounOf(unit: Pick<FamilyUnit, "childTypes">, level: ChildLevel): string {
  return unitNoun(unit.childTypes, level);
}

const LEVELS: readonly string[] = Object.values(UnitLevel);

function isUnitLevel(value: string): value is UnitLevel {
  return LEVELS.includes(value);
}

/** The unit named by `code` (an expression from unitCodeExpr) and its family; null when unknown. */
export async function loadUnitFamily(prisma: PrismaClient, code: Prisma.Sql): Promise<UnitFamily | null> {
  const rows = await prisma.$queryRaw<FamilyRow[]>(unitFamilySql(code));
  const units = rows.map((r): FamilyUnit & { isSelf: boolean } => {
    if (!isUnitLevel(r.level)) throw new Error(`unknown unit level ${r.level} for ${r.code}`);
    return {
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      type: r.type,
      childTypes: r.child_types ?? [],
      validFrom: r.valid_from,
      validTo: r.valid_to,
      isSelf: r.is_self,
    };
  });
  const selfRow = units.find((u) => u.isSelf);
  if (!selfRow) return null;
  const strip = ({ code: c, name, level, parentCode, type, childTypes, validFrom, validTo }: FamilyUnit): FamilyUnit => ({
    code: c,
    name,
    level,
    parentCode,
    type,
    childTypes,
    validFrom,
    validTo,
  });
  const self = strip(selfRow);
  const all = units.map(strip);
  return {
    self,
    byCode: new Map(all.map((u) => [u.code, u])),
    parentOf: new Map(all.map((u) => [u.code, u.parentCode])),
    children: all.filter((u) => u.parentCode === self.code),
    siblings: self.parentCode === null ? [self] : all.filter((u) => u.parentCode === self.parentCode),
  };
}

/**
 * The days a page about `scope` can show: the first and last with figures of it or its children,
 * and the last whose coverage figure is whole (null when none is); null when there are no figures.
 */
export type DataDays = { from: string; to: string; lastComplete: string | null };

export async function loadDayRange(prisma: PrismaClient, scope: Prisma.Sql): Promise<DataDays | null> {
  const [row] = await prisma.$queryRaw<DayRangeRow[]>(dataRangeSql(scope));
  return row?.first && row.last ? { from: row.first, to: row.last, lastComplete: row.last_complete } : null;
}

export async function loadFigureTable(
  prisma: PrismaClient,
  priority: readonly FigureSource[],
  slices: readonly FigureSlice[],
): Promise<FigureTable> {
  const rows = await prisma.$queryRaw<FigureRow[]>(figureSlicesSql(priority, slices));
  return buildFigureTable(
    rows.map((r) => ({
      unitCode: r.unit_code,
      day: utcDateToIsoDay(r.day),
      smartphones: r.smartphones,
      installs: r.installs,
      qrVenues: r.qr_venues,
      activeVenues: r.active_venues,
      scans: r.scans,
      parts: figureParts({
        childrenTotal: r.children_total,
        coverageSummed: r.coverage_summed,
        coverageCounted: r.coverage_counted,
        qrSummed: r.qr_summed,
        qrCounted: r.qr_counted,
        scansSummed: r.scans_summed,
        scansCounted: r.scans_counted,
      }),
    })),
  );
}

function isTargetMetric(value: string): value is TargetMetric {
  return (TARGET_METRICS as readonly string[]).includes(value);
}

/** Targets set on any of these units (pass ancestors too: targets are inherited). */
export async function loadTargets(prisma: PrismaClient, codes: readonly string[]): Promise<TargetSetting[]> {
  if (codes.length === 0) return [];
  const rows = await prisma.$queryRaw<TargetRow[]>(targetsSql(codes));
  return rows.flatMap((r) => (isTargetMetric(r.metric) ? [{ unitCode: r.unit_code, metric: r.metric, basisPoints: r.basis_points }] : []));
}

/** The targets in force for every unit of the family. */
export function targetsByUnit(family: UnitFamily, settings: readonly TargetSetting[]): Map<string, UnitTargets> {
  return new Map([...family.byCode.keys()].map((code) => [code, resolveUnitTargets(code, family.parentOf, settings)]));
}

/**
 * The day a page shows: the requested one, else the latest whose figure is whole (a partial day
 * stays one click away, labelled), else the latest with any data; out-of-range when outside.
 */
export function chooseDay(
  requested: string | undefined,
  range: { from: string; to: string; lastComplete?: string | null },
): { kind: "ok"; day: string } | { kind: "day-out-of-range"; day: string } {
  const day = requested ?? range.lastComplete ?? range.to;
  return day < range.from || day > range.to ? { kind: "day-out-of-range", day } : { kind: "ok", day };
}
