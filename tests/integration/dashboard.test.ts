import { afterAll, beforeAll, expect, it } from "vitest";
import { loadCityPage } from "@/lib/figures/city-page";
import { loadDistrictDashboard, type DistrictDashboardParams } from "@/lib/figures/district-dashboard";
import { loadDistrictOverview } from "@/tests/setup/district-overview";
import { loadWardPage } from "@/lib/figures/ward-page";
import { loadVenueActivity, loadVenuePage, type ListedVenue } from "@/lib/figures/venue-activity";
import { DEFAULT_VENUE_QUERY } from "@/lib/domain/venue-activity";
import { formatCount, formatPercent } from "@/lib/domain/format";
import { compareRatios, sumRatios, type Ratio } from "@/lib/domain/ratio";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The dashboard's data layer on the demo data, on both databases: rankings and rates computed
// from the stored rows, checked against the dispatch and against independent computations.

const PHUC_TAN = "00037";
const HANG_BO = "00052";

const params = (over: Partial<DistrictDashboardParams> = {}): DistrictDashboardParams => ({
  districtCode: "002",
  metric: "coverage",
  compare: [],
  ...over,
});

async function dashboardOn(db: TestDatabase, over: Partial<DistrictDashboardParams>) {
  const result = await loadDistrictDashboard(db.prisma, params(over));
  if (result.kind !== "ok") throw new Error(`expected data, got ${result.kind}`);
  return result.dashboard;
}

/** True when each rate is ≥ the next one (ranking order), compared exactly. */
function descending(rates: readonly Ratio[]): boolean {
  return rates.every((r, i) => i === 0 || (compareRatios(rates[i - 1]!, r) ?? -1) >= 0);
}

describeOnBothDatabases("dashboard", (open) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openServedDatabase(() => open({ demo: true }));
  });
  afterAll(async () => closeServedDatabase(db));

  it("shows Hoàn Kiếm on 17/8/2021 at 51,14%, 7th of 30, with the 18 wards ordered by coverage", async () => {
    const d = await dashboardOn(db, { day: "2021-08-17" });
    expect(formatPercent(d.overview.district.coverage)).toBe("51,14%");
    expect(d.overview.district.rankInCity).toBe(7);
    expect(d.overview.district.districtsRanked).toBe(30);
    expect(d.wards).toHaveLength(18);
    expect(d.wards.map((w) => w.rank)).toEqual([...d.wards.map((w) => w.rank)].sort((a, b) => (a ?? 99) - (b ?? 99)));
    expect(descending(d.wards.map((w) => w.coverage!))).toBe(true);
    // The district's rate is the sum of its wards' numerators over the sum of their denominators.
    const summed = sumRatios(d.wards.map((w) => ({ num: w.figure!.installs!, den: w.figure!.smartphones! })));
    expect(compareRatios(summed, d.overview.district.coverage!)).toBe(0);
  });

  it("matches the overview loader and gives the gap to the 60 % target", async () => {
    const d = await dashboardOn(db, { day: "2021-08-17" });
    const plain = await loadDistrictOverview(db.prisma, { districtCode: "002", day: "2021-08-17" });
    if (plain.kind !== "ok") throw new Error(plain.kind);
    expect(plain.overview.district.figure).toMatchObject(d.overview.district.figure!);
    expect(d.wards.map((w) => [w.code, w.rank])).toEqual(plain.overview.wards.map((w) => [w.code, w.rank]));
    expect(d.targets.coverage).toEqual({ basisPoints: 6000, setBy: "01" });
    expect(d.targets.qrActive).toEqual({ basisPoints: 3000, setBy: "01" });
    expect(formatCount(d.kpis.forecast?.gap ?? null)).toBe("13.360"); // ceil(60 % × 150.788) − 77.113
    expect(d.kpis.coverageStatus).toBe("below");
    expect(d.wards.every((w) => w.targets.coverage?.basisPoints === 6000)).toBe(true); // inherited from the city
  });

  it("gives rank changes that agree with the rankings of the previous day and week", async () => {
    const d = await dashboardOn(db, { day: "2021-08-17" });
    for (const [lag, change] of [
      ["2021-08-16", d.kpis.rankChangeDay],
      ["2021-08-10", d.kpis.rankChangeWeek],
    ] as const) {
      const before = await loadDistrictOverview(db.prisma, { districtCode: "002", day: lag });
      if (before.kind !== "ok") throw new Error(before.kind);
      expect(change).toBe(before.overview.district.rankInCity! - 7);
      for (const w of d.wards) {
        const earlier = before.overview.wards.find((x) => x.code === w.code)?.rank ?? null;
        expect(lag === "2021-08-16" ? w.rankPreviousDay : w.rankPreviousWeek).toBe(earlier);
      }
    }
  });

  it("on 14/8/2021 ranks Phúc Tân's zero scans as a real 0 and names it among zero-scan wards", async () => {
    const d = await dashboardOn(db, { day: "2021-08-14", metric: "scans" });
    const phucTan = d.wards.find((w) => w.code === PHUC_TAN)!;
    expect(d.overview.wardsWithZeroScans.map((w) => w.name)).toContain("Phường Phúc Tân");
    expect(phucTan.figure?.scans).toBe(0);
    expect(phucTan.rank).toBe(Math.max(...d.wards.map((w) => w.rank ?? 0)));
    const byQr = await dashboardOn(db, { day: "2021-08-14", metric: "qrActive" });
    const pt = byQr.wards.find((w) => w.code === PHUC_TAN)!;
    expect(formatPercent(pt.qrActive)).toBe("0,00%");
    expect(pt.qrActiveStatus).toBe("below");
    expect(byQr.charts.tiles.find((t) => t.code === PHUC_TAN)?.valueLabel).toBe("0,00%");
  });

  it("on 15/8/2021 keeps Hàng Bồ, which did not report, out of the ranking", async () => {
    const d = await dashboardOn(db, { day: "2021-08-15" });
    const hangBo = d.wards.find((w) => w.code === HANG_BO)!;
    expect(hangBo.rank).toBeNull();
    expect(hangBo.figure).toBeNull();
    expect(d.wards.at(-1)?.code).toBe(HANG_BO);
    expect(d.overview.wardsNotReported.map((w) => w.code)).toEqual([HANG_BO]);
    expect(d.charts.ranking.find((b) => b.code === HANG_BO)?.valueLabel).toBe("chưa báo cáo");
  });

  it("on 15/8/2021 sums 17/18 wards: Hoàn Kiếm is not ranked in the city, and the changes of 16/8 against it are withheld", async () => {
    const partial = await loadDistrictDashboard(db.prisma, params({ day: "2021-08-15" }));
    if (partial.kind !== "ok") throw new Error(partial.kind);
    expect(partial.completeness.day).toMatchObject({ kind: "partial", counted: 17, total: 18 });
    expect(partial.dashboard.overview.district).toMatchObject({ rankInCity: null, standing: "partial", districtsRanked: 29 });
    expect(partial.dashboard.kpis.coverageStatus).toBeNull();
    const city = await loadCityPage(db.prisma, { districtCode: "002", day: "2021-08-15", metric: "coverage" });
    if (city.kind !== "ok") throw new Error(city.kind);
    expect(city.ranking.highlighted).toMatchObject({ rank: null, standing: "partial" });
    expect(city.ranking.ranked).toBe(29);
    expect(city.ranking.city.completeness).toMatchObject({ kind: "partial", counted: 29, total: 30 });

    const next = await loadDistrictDashboard(db.prisma, params({ day: "2021-08-16" }));
    if (next.kind !== "ok") throw new Error(next.kind);
    expect(next.dashboard.overview.district.rankInCity).not.toBeNull();
    expect(next.dashboard.kpis).toMatchObject({ rankChangeDay: null, coverageChangeDay: null });
    expect(next.completeness.withheld.coverageDay).toEqual({ kind: "partial", when: "earlier", day: "2021-08-15", counted: 17, total: 18 });
    expect(next.completeness.withheld.rankDay).toMatchObject({ kind: "not-ranked", when: "earlier", standing: "partial" });
    // the wards ranked on 15/8 are 17, on 16/8 18: no ward's rank change compares
    expect(next.completeness.wardRankChanges.day).toEqual({ kind: "different-sets", day: "2021-08-16", today: 18, earlier: 17 });
    expect(next.dashboard.wards.every((w) => w.rankChangeDay === null)).toBe(true);
    // the trend marks 15/8 as partial instead of drawing it on the line
    const trend15 = next.dashboard.charts.coverageTrend.rows.find((r) => r.day === "2021-08-15")!;
    expect(trend15.values["002"]).toBeNull();
    expect(trend15.partialValues["002"]).not.toBeNull();
    expect(trend15.counts["002"]).toBe("17/18 phường");
  });

  it("says that Ba Đình's figure is its own import, with the sum of its 14 reporting wards beside it", async () => {
    const result = await loadDistrictDashboard(db.prisma, params({ districtCode: "001", day: "2021-08-17" }));
    if (result.kind !== "ok") throw new Error(result.kind);
    expect(result.dashboard.overview.district.origins.coverage).toEqual({ kind: "own" });
    expect(result.completeness.day.kind).toBe("complete");
    expect(result.provenance.district.coverage).toMatchObject({ source: "IMPORT", importRef: null });
    // the wards' own reports, summed: 14/14, a little more than the district's import
    const wards = result.dashboard.wards;
    expect(wards).toHaveLength(14);
    const smartphones = wards.reduce((sum, w) => sum + (w.figure?.smartphones ?? 0), 0);
    expect(result.provenance.district.coverage?.childrenSum).toMatchObject({ values: { smartphones }, counted: 14, total: 14 });
    expect(smartphones).not.toBe(result.dashboard.overview.district.figure?.smartphones);
    expect(result.dashboard.overview.district.rankInCity).not.toBeNull();
  });

  it("draws the trend of the district and the lagging wards over 30 days, with the same numbers as the cards", async () => {
    const d = await dashboardOn(db, { day: "2021-08-17" });
    expect(d.charts.coverageTrend.rows).toHaveLength(30);
    expect(d.charts.coverageTrend.rows.at(-1)?.labels["002"]).toBe("51,14%");
    expect(d.comparedWards.map((w) => w.code)).toEqual(d.wards.slice(-3).map((w) => w.code));
    const qr = d.charts.qrActivity.at(-1);
    expect(qr?.activeVenuesLabel).toBe(formatCount(d.overview.district.figure!.activeVenues));
    const chosen = await dashboardOn(db, { day: "2021-08-17", compare: [PHUC_TAN, "99999"] });
    expect(chosen.comparedWards.map((w) => w.code)).toEqual([PHUC_TAN]);
  });

  it("opens the ward page with its rank, forecast and venues counted like its report", async () => {
    const result = await loadWardPage(db.prisma, { wardCode: PHUC_TAN, day: "2021-08-14" });
    if (result.kind !== "ok") throw new Error(result.kind);
    const { detail } = result;
    // The venue list is read apart from the page (paged); the whole list and the page's counts agree with the report.
    const venues = await loadVenueActivity(db.prisma, PHUC_TAN, "2021-08-14");
    const listed = await loadVenuePage(db.prisma, PHUC_TAN, "2021-08-14", DEFAULT_VENUE_QUERY);
    expect(detail.ward.name).toBe("Phường Phúc Tân");
    expect(detail.row.figure?.activeVenues).toBe(0);
    expect(venues.filter((v) => v.activity === "active")).toHaveLength(0);
    expect(listed.counts.active).toBe(0);
    expect(venues).toHaveLength(detail.row.figure!.qrVenues!); // registered by that day
    expect(listed.total).toBe(detail.row.figure!.qrVenues!);
    expect(detail.charts.rankHistory.at(-1)?.rank).toBe(detail.row.rank);
    expect(detail.forecast?.gap).not.toBeNull();

    const normal = await loadWardPage(db.prisma, { wardCode: PHUC_TAN, day: "2021-08-17" });
    if (normal.kind !== "ok") throw new Error(normal.kind);
    const normalVenues = await loadVenueActivity(db.prisma, PHUC_TAN, "2021-08-17");
    expect(normalVenues.filter((v) => v.activity === "active")).toHaveLength(normal.detail.row.figure!.activeVenues!);
    expect(normalVenues.reduce((s, v) => s + v.scansOnDay, 0)).toBe(normal.detail.row.figure!.scans);
    expect((await loadVenuePage(db.prisma, PHUC_TAN, "2021-08-17", DEFAULT_VENUE_QUERY)).counts.active).toBe(normal.detail.row.figure!.activeVenues!);
  });

  it("pages the venue list in SQL with the domain's classification and follow-up order", async () => {
    const day = "2021-08-17";
    const whole = await loadVenueActivity(db.prisma, PHUC_TAN, day);
    const paged: ListedVenue[] = [];
    for (let page = 1; ; page++) {
      const p = await loadVenuePage(db.prisma, PHUC_TAN, day, { ...DEFAULT_VENUE_QUERY, page });
      paged.push(...p.venues);
      if (page >= p.span.pageCount) break;
    }
    expect(paged).toHaveLength(whole.length);
    expect(new Set(paged.map((v) => v.code)).size).toBe(whole.length); // pages neither overlap nor skip
    const byCode = new Map(whole.map((v) => [v.code, v]));
    for (const v of paged) {
      const expected = byCode.get(v.code)!;
      expect([v.activity, v.scansOnDay, v.scansLast7Days, v.lastScanDay, v.daysSinceLastScan]).toEqual([
        expected.activity,
        expected.scansOnDay,
        expected.scansLast7Days,
        expected.lastScanDay,
        expected.daysSinceLastScan,
      ]);
    }
    // classifyVenues' order up to ties of name (SQL compares names without diacritics)
    const key = (v: ListedVenue) => [{ dormant: 0, idle: 1, active: 2 }[v.activity], -(v.daysSinceLastScan ?? 1e9), -v.scansOnDay];
    for (let i = 1; i < paged.length; i++) {
      const [a, b] = [key(paged[i - 1]!), key(paged[i]!)];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      expect(cmp, `${paged[i - 1]!.code} before ${paged[i]!.code}`).toBeLessThanOrEqual(0);
    }
  });

  it("opens the ward page of a ward that did not report, on that day, as missing", async () => {
    const result = await loadWardPage(db.prisma, { wardCode: HANG_BO, day: "2021-08-15" });
    if (result.kind !== "ok") throw new Error(result.kind);
    expect(result.detail.row.rank).toBeNull();
    expect(result.detail.charts.rankHistory.at(-1)?.rankLabel).toBe("chưa báo cáo");
  });

  it("ranks the city's 30 districts with Hoàn Kiếm 7th picked out", async () => {
    const result = await loadCityPage(db.prisma, { districtCode: "002", day: "2021-08-17", metric: "coverage" });
    if (result.kind !== "ok") throw new Error(result.kind);
    const { ranking } = result;
    expect(ranking.districts).toHaveLength(30);
    expect(ranking.ranked).toBe(30);
    expect(ranking.highlighted?.name).toBe("Quận Hoàn Kiếm");
    expect(ranking.highlighted?.rank).toBe(7);
    expect(descending(ranking.districts.map((d) => d.coverage!))).toBe(true);
    expect(formatPercent(ranking.city.coverage)).toBe("47,05%");
    expect(formatCount(ranking.city.figure?.installs ?? null)).toBe("3.220.382");
    expect(ranking.chart.target?.value).toBe(60);
    const byScans = await loadCityPage(db.prisma, { districtCode: "002", day: "2021-08-14", metric: "qrActive" });
    if (byScans.kind !== "ok") throw new Error(byScans.kind);
    expect(byScans.ranking.city.figure?.activeVenues).toBe(14_698);
  });

  it("defaults to the district of the first ward (by code) with figures, on its latest whole day", async () => {
    // Ba Đình's Phúc Xá (00001) reports in the demo: an admin without a district opens on Ba Đình.
    const result = await loadDistrictDashboard(db.prisma, { metric: "coverage", compare: [] });
    if (result.kind !== "ok") throw new Error(result.kind);
    expect(result.district.code).toBe("001");
    expect(result.dashboard.day).toBe("2021-08-17");
    expect(result.defaultDay).toBe("last-complete");
    expect(result.completeness.stillComingIn).toEqual([]);
    const hoanKiem = await loadDistrictDashboard(db.prisma, params({}));
    if (hoanKiem.kind !== "ok") throw new Error(hoanKiem.kind);
    expect(hoanKiem.provenance.district.coverage).toBeNull(); // Hoàn Kiếm's figure is the sum of its 18 wards
    const city = await loadCityPage(db.prisma, { metric: "installs" });
    expect(city.kind === "ok" && city.district.code).toBe("001");
  });

  it("reports unknown units and days outside the data without throwing", async () => {
    expect((await loadDistrictDashboard(db.prisma, params({ districtCode: "999" }))).kind).toBe("unknown-district");
    expect((await loadDistrictDashboard(db.prisma, params({ districtCode: PHUC_TAN }))).kind).toBe("unknown-district");
    expect((await loadDistrictDashboard(db.prisma, params({ day: "2021-09-01" }))).kind).toBe("day-out-of-range");
    expect((await loadWardPage(db.prisma, { wardCode: "99999" })).kind).toBe("unknown-ward");
    expect((await loadWardPage(db.prisma, { wardCode: "002" })).kind).toBe("unknown-ward");
    expect((await loadWardPage(db.prisma, { wardCode: PHUC_TAN, day: "2020-01-01" })).kind).toBe("day-out-of-range");
    expect((await loadCityPage(db.prisma, { districtCode: "01", metric: "coverage" })).kind).toBe("unknown-district");
  });
});
