import "server-only";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { UnitLevel } from "../generated/prisma/enums.ts";
import { addDays, compareIsoDays } from "../domain/days.ts";
import { buildFigureTable, type FigureTable } from "../domain/figure-table.ts";
import type { FigureSource } from "../domain/figures.ts";
import { chooseDay, loadDayRange, loadFigureTable, loadUnitFamily, type DataDays, type FamilyUnit, type UnitFamily } from "./dashboard-reads.ts";
import { getSourcePriority } from "./settings.ts";

// The first round of a page of one day (the district overview, the city page, the ward page):
// the unit's family, the source priority and the days with data, read in parallel; then which day
// is shown (the one asked for, else the last whole day, else the latest with data) and after which
// day the figures are still coming in.

export type DayViewStart =
  | { kind: "unknown" }
  | { kind: "no-data"; self: FamilyUnit; parent: FamilyUnit }
  | { kind: "day-out-of-range"; self: FamilyUnit; parent: FamilyUnit; day: string; range: DataDays }
  | {
      kind: "ok";
      family: UnitFamily;
      self: FamilyUnit;
      parent: FamilyUnit;
      priority: readonly FigureSource[];
      range: DataDays;
      day: string;
      /** the later of the day shown and the last whole day: the days after it are still coming in */
      after: string;
    };

/**
 * `code` names the unit (its level must be `level`, and it must have a parent); `rangeScope` the
 * units whose days with data decide the range (the unit itself, or its parent's children).
 */
export async function loadDayViewStart(
  prisma: PrismaClient,
  input: { code: Prisma.Sql; rangeScope: Prisma.Sql; level: UnitLevel; day: string | undefined },
): Promise<DayViewStart> {
  const [family, priority, range] = await Promise.all([
    loadUnitFamily(prisma, input.code),
    getSourcePriority(prisma),
    loadDayRange(prisma, input.rangeScope),
  ]);
  const self = family?.self;
  const parent = self?.parentCode ? family?.byCode.get(self.parentCode) : undefined;
  if (!family || !self || self.level !== input.level || !parent) return { kind: "unknown" };
  if (!range) return { kind: "no-data", self, parent };
  const chosen = chooseDay(input.day, range);
  if (chosen.kind === "day-out-of-range") return { kind: "day-out-of-range", self, parent, day: chosen.day, range };
  const { day } = chosen;
  const after = range.lastComplete !== null && compareIsoDays(range.lastComplete, day) > 0 ? range.lastComplete : day;
  return { kind: "ok", family, self, parent, priority, range, day, after };
}

/** The figures of `codes` on the days after `after` up to `to` (an empty table when there are none). */
export function loadLaterTable(
  prisma: PrismaClient,
  priority: readonly FigureSource[],
  codes: readonly string[],
  after: string,
  to: string,
): Promise<FigureTable> {
  return compareIsoDays(after, to) < 0
    ? loadFigureTable(prisma, priority, [{ codes: [...codes], from: addDays(after, 1), to }])
    : Promise.resolve(buildFigureTable([]));
}
