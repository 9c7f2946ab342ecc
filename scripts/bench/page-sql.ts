// The data behind the dashboard pages, timed two ways (shared by dashboard.ts and http.ts):
// `page` is the page's data function through Prisma, as the page calls it; `rounds` are the very
// same SQL statements, in the same parallel rounds, sent through plain node-postgres: what
// PostgreSQL and the wire need (the SQL floor of the page).
//
// The modules loaded here import the 'server-only' data layer: call from a script running under
// Node's "react-server" condition (see dashboard.ts).
import type pg from "pg";
import { Prisma, type PrismaClient } from "../../lib/generated/prisma/client.ts";
import { BENCH_FIRST_DAY } from "./city-dataset.ts";

export type Sql = { text: string; values: unknown[] };

export type PageSql = {
  name: string;
  /** the data function, through Prisma as the page calls it */
  page: () => Promise<unknown>;
  /** the same statements in the same parallel rounds, through plain pg (null: not written out) */
  rounds: Sql[][] | null;
};

export async function runRounds(pool: pg.Pool, rounds: readonly Sql[][]): Promise<void> {
  for (const round of rounds) await Promise.all(round.map((q) => pool.query(q.text, q.values)));
}

/**
 * The overview (district `districtCode` on `overviewDay`), the ward page (`wardCode` on `wardDay`),
 * the city page (on `overviewDay`) and the alert centre (`districtCode` on `wardDay`; data function
 * only). The statements are those of a day whose later days are complete (no later slice).
 */
export async function dashboardPageSql(
  prisma: PrismaClient,
  p: { districtCode: string; wardCode: string; overviewDay: string; wardDay: string },
): Promise<{ overview: PageSql; ward: PageSql; city: PageSql; alerts: PageSql }> {
  const { getSourcePriority } = await import("../../lib/figures/settings.ts");
  const { loadUnitFamily } = await import("../../lib/figures/dashboard-reads.ts");
  const sql = await import("../../lib/figures/dashboard-sql.ts");
  const { loadDistrictDashboard, districtFigureSlices } = await import("../../lib/figures/district-dashboard.ts");
  const { loadWardPage, wardFigureSlices } = await import("../../lib/figures/ward-page.ts");
  const { loadCityPage, cityFigureSlices } = await import("../../lib/figures/city-page.ts");
  const { computeAlerts } = await import("../../lib/figures/alerts.ts");
  const { trendWindow } = await import("../../lib/domain/trends.ts");
  const { unitDayRowsSql } = await import("../../lib/figures/figure-provenance.ts");
  const { denominatorRegisterSql } = await import("../../lib/figures/denominator-register.ts");

  const { districtCode, wardCode, overviewDay, wardDay } = p;
  const priority = await getSourcePriority(prisma);
  const toSql = (s: { text: string; values: unknown[] }): Sql => ({ text: s.text, values: s.values });
  const districtExpr = sql.unitCodeExpr(districtCode);
  const wardExpr = sql.unitCodeExpr(wardCode);
  const districtFamily = await loadUnitFamily(prisma, districtExpr);
  const wardFamily = await loadUnitFamily(prisma, wardExpr);
  if (!districtFamily || !wardFamily) throw new Error("unit family not found");
  const familyCodes = (f: { byCode: ReadonlyMap<string, unknown> }) => [...f.byCode.keys()];
  const cityCode = districtFamily.self.parentCode ?? "";

  return {
    overview: {
      name: "Tổng quan quận (/)",
      page: () => loadDistrictDashboard(prisma, { districtCode, day: overviewDay, metric: "coverage", compare: [] }),
      rounds: [
        [sql.unitFamilySql(districtExpr), sql.sourcePrioritySql(), sql.dataRangeSql(districtExpr)].map(toSql),
        [
          sql.figureSlicesSql(priority, districtFigureSlices(districtFamily, overviewDay, trendWindow(overviewDay, BENCH_FIRST_DAY))),
          sql.targetsSql(familyCodes(districtFamily)),
          unitDayRowsSql([districtCode, cityCode], overviewDay),
        ].map(toSql),
      ],
    },
    ward: {
      name: `Trang phường (/wards/${wardCode})`,
      page: () => loadWardPage(prisma, { wardCode, day: wardDay }),
      rounds: [
        [sql.unitFamilySql(wardExpr), sql.sourcePrioritySql(), sql.dataRangeSql(sql.parentCodeExpr(wardExpr))].map(toSql),
        [
          sql.figureSlicesSql(priority, wardFigureSlices(wardFamily, trendWindow(wardDay, BENCH_FIRST_DAY))),
          sql.targetsSql(familyCodes(wardFamily)),
          sql.venueActivitySql(wardCode, wardDay),
          denominatorRegisterSql(wardCode, wardDay, priority),
        ].map(toSql),
      ],
    },
    city: {
      name: "Xếp hạng thành phố (/city)",
      page: () => loadCityPage(prisma, { districtCode, day: overviewDay, metric: "coverage" }),
      rounds: [
        [sql.unitFamilySql(districtExpr), sql.sourcePrioritySql(), sql.dataRangeSql(sql.parentCodeExpr(districtExpr))].map(toSql),
        [
          sql.figureSlicesSql(priority, cityFigureSlices(districtFamily, overviewDay)),
          sql.targetsSql(familyCodes(districtFamily)),
          unitDayRowsSql([cityCode], overviewDay),
        ].map(toSql),
      ],
    },
    alerts: {
      name: "Trung tâm cảnh báo (/alerts)",
      page: () => computeAlerts(prisma, { districtCode, day: wardDay, now: new Date() }),
      rounds: null,
    },
  };
}

/**
 * The two ranking pages of issue 18, each as its data function and its SQL floor on `day`: the
 * country's provinces (/country, the default province picked out, as an admin opens it) and one
 * province's districts (/provinces/`provinceCode`). Both run loadSiblingRanking
 * (lib/figures/city-page.ts): (1) the unit's family, the source priority, the days with data of the
 * parent's children; (2) the figures of the parent and its children over the last week, the
 * targets, the figures still coming in after the day (only when there are later days) and the
 * parent's stored rows of the day (its provenance). The unit expressions are the data functions'.
 */
export async function rankingPageSql(
  prisma: PrismaClient,
  p: { provinceCode: string; day: string },
): Promise<{ country: PageSql; province: PageSql }> {
  const { loadCountryPage, loadProvincePage } = await import("../../lib/figures/city-page.ts");
  const sql = await import("../../lib/figures/dashboard-sql.ts");
  const { provinceCode, day } = p;
  const countryCode = sql.parentCodeExpr(sql.unitCodeExpr(null));
  const provinceDistrict = Prisma.sql`(SELECT d.code FROM unit d WHERE d.parent_code = ${provinceCode} AND d.level = 'DISTRICT' ORDER BY d.code LIMIT 1)`;
  return {
    country: {
      name: "Xếp hạng tỉnh/thành của cả nước (/country)",
      page: () => loadCountryPage(prisma, { day, metric: "coverage" }),
      rounds: await siblingRankingRounds(prisma, countryCode, day),
    },
    province: {
      name: `Xếp hạng quận của một tỉnh (/provinces/${provinceCode})`,
      page: () => loadProvincePage(prisma, { provinceCode, day, metric: "coverage" }),
      rounds: await siblingRankingRounds(prisma, provinceDistrict, day),
    },
  };
}

/** loadSiblingRanking's statements for the unit named by `code` on `day` (the day asked for). */
async function siblingRankingRounds(prisma: PrismaClient, code: Prisma.Sql, day: string): Promise<Sql[][]> {
  const sql = await import("../../lib/figures/dashboard-sql.ts");
  const { getSourcePriority } = await import("../../lib/figures/settings.ts");
  const { loadUnitFamily, loadDayRange, familyDuring, familyOnDay } = await import("../../lib/figures/dashboard-reads.ts");
  const { cityFigureSlices } = await import("../../lib/figures/city-page.ts");
  const { unitDayRowsSql } = await import("../../lib/figures/figure-provenance.ts");
  const { addDays, compareIsoDays } = await import("../../lib/domain/days.ts");
  const toSql = (s: { text: string; values: unknown[] }): Sql => ({ text: s.text, values: s.values });
  const [family, priority, range] = await Promise.all([loadUnitFamily(prisma, code), getSourcePriority(prisma), loadDayRange(prisma, sql.parentCodeExpr(code))]);
  const parentCode = family?.self.parentCode;
  if (!family || !parentCode || !range) throw new Error("ranking floor: unit, parent or days with data not found");
  const after = range.lastComplete !== null && compareIsoDays(range.lastComplete, day) > 0 ? range.lastComplete : day;
  const ranked = familyOnDay(family, day).siblings.map((u) => u.code);
  const later = compareIsoDays(after, range.to) < 0 ? [sql.figureSlicesSql(priority, [{ codes: [parentCode, ...ranked], from: addDays(after, 1), to: range.to }])] : [];
  return [
    [sql.unitFamilySql(code), sql.sourcePrioritySql(), sql.dataRangeSql(sql.parentCodeExpr(code))].map(toSql),
    [
      sql.figureSlicesSql(priority, cityFigureSlices(familyDuring(family, addDays(day, -7), day), day)),
      sql.targetsSql([...family.byCode.keys()]),
      ...later,
      unitDayRowsSql([parentCode], day),
    ].map(toSql),
  ];
}
