import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { loadCityPage } from "@/lib/figures/city-page";
import { loadDistrictDashboard } from "@/lib/figures/district-dashboard";
import { loadDistrictOverview } from "@/tests/setup/district-overview";
import { refreshRollups } from "@/lib/figures/rollups";
import { loadWardPage } from "@/lib/figures/ward-page";
import { formatChildrenSum, formatOwnSource, formatWithheld } from "@/lib/domain/dashboard-format";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { formatPercent } from "@/lib/domain/format";
import { DONG_XUAN, HANG_MA, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 11 on the dashboard pages, through their data loaders on both databases: a day on which 1
// of Hoàn Kiếm's 18 wards has reported is offered but not opened by default, labelled 1/18, and
// Hoàn Kiếm is not ranked in the city from it; a ward with 0 smartphones has no rate, rank or
// verdict and did report; a ward with only QR figures "chưa báo cáo"; a district's own imported
// figure names its import and shows the sum of the wards that reported beside it.

const WHOLE = "2021-08-17";
const PARTIAL = "2021-08-18";
const BEFORE = "2021-08-16";
const HANOI = "01";

type Values = { smartphones?: number | null; installs?: number | null; qrVenues?: number | null; activeVenues?: number | null; scans?: number | null };

describeOnBothDatabases("dashboard completeness", (open) => {
  let db: TestDatabase;
  let wards: string[] = [];
  let otherDistricts: string[] = [];

  async function write(unitCode: string, day: string, values: Values, source: "WARD_REPORT" | "IMPORT" = "WARD_REPORT", importId?: number) {
    await db.prisma.dailyFigure.create({
      data: { unitCode, day: isoDayToUtcDate(day), source, smartphones: null, installs: null, ...values, importId: importId ?? null },
    });
  }

  /** Every ward of Hoàn Kiếm reports on `day` (ward i: 1000 + i phones, 500 + i installs), except `except`. */
  async function wardsReport(day: string, except: readonly string[] = [], override: Record<string, Values> = {}) {
    for (const [i, ward] of wards.entries()) {
      if (except.includes(ward)) continue;
      await write(ward, day, override[ward] ?? { smartphones: 1000 + i, installs: 500 + i, qrVenues: 20, activeVenues: 5, scans: 30 });
    }
  }

  /** The other 29 districts' own figures (as the national system's export gives them), at 40 %. */
  async function otherDistrictsImported(day: string) {
    for (const [i, code] of otherDistricts.entries()) {
      await write(code, day, { smartphones: 100_000 + i, installs: 40_000, qrVenues: 5000, activeVenues: 500, scans: 9000 }, "IMPORT");
    }
  }

  async function dashboard(day?: string) {
    const result = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day, metric: "coverage", compare: [] });
    if (result.kind !== "ok") throw new Error(`expected data, got ${result.kind}`);
    return result;
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM }, orderBy: { code: "asc" } })).map((u) => u.code);
    otherDistricts = (await db.prisma.unit.findMany({ where: { parentCode: HANOI, code: { not: HOAN_KIEM } }, orderBy: { code: "asc" } })).map((u) => u.code);
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    await db.prisma.dailyFigure.deleteMany();
    await db.prisma.import.deleteMany();
  });

  it("opens on the last whole day, offers 18/8 as 'Đang cập nhật 1/18' and never ranks Hoàn Kiếm from one ward", async () => {
    expect(wards).toHaveLength(18);
    expect(otherDistricts).toHaveLength(29);
    for (const day of [BEFORE, WHOLE]) {
      await wardsReport(day);
      await otherDistrictsImported(day);
    }
    await write(PHUC_TAN, PARTIAL, { smartphones: 7932, installs: 4100 });
    await otherDistrictsImported(PARTIAL);
    await refreshRollups(db.prisma, { from: BEFORE, to: PARTIAL });

    // Default: the last whole day, with the partial day one click away.
    const opened = await dashboard();
    expect(opened.dashboard.day).toBe(WHOLE);
    expect(opened.defaultDay).toBe("last-complete");
    expect(opened.range).toMatchObject({ to: PARTIAL, lastComplete: WHOLE });
    expect(opened.completeness.day).toMatchObject({ kind: "complete", counted: 18, total: 18 });
    expect(opened.completeness.stillComingIn).toEqual([
      { day: PARTIAL, kind: "partial", counted: 1, total: 18, origin: { kind: "sum", counted: 1, total: 18 } },
    ]);
    expect(opened.dashboard.overview.district.rankInCity).toBe(1); // 50,x % against 40 %
    expect(opened.dashboard.overview.district.districtsRanked).toBe(30);
    expect(opened.dashboard.overview.district.origins.coverage).toEqual({ kind: "sum", counted: 18, total: 18 });
    expect(opened.dashboard.overview.city.origins.coverage).toEqual({ kind: "sum", counted: 30, total: 30 });
    expect(opened.dashboard.kpis.rankChangeDay).toBe(0);

    // The partial day: not ranked ("chưa đủ số liệu, 1/18", not "hạng 1 trên 1"), no change, no verdict.
    const partial = await dashboard(PARTIAL);
    expect(partial.defaultDay).toBeNull();
    expect(partial.completeness.day).toMatchObject({ kind: "partial", counted: 1, total: 18 });
    expect(partial.completeness.stillComingIn).toEqual([]);
    const district = partial.dashboard.overview.district;
    expect(district).toMatchObject({ rankInCity: null, standing: "partial", districtsRanked: 29 });
    expect(district.figure).toMatchObject({ smartphones: 7932, installs: 4100 });
    expect(partial.dashboard.kpis).toMatchObject({ rankChangeDay: null, coverageChangeDay: null, coverageStatus: null, forecast: null });
    const nouns = { children: "phường", ranked: "quận, huyện" } as const;
    expect(formatWithheld(partial.completeness.withheld.coverageDay!, 1, nouns)).toBe(
      "không so sánh: số liệu ngày 18/08/2021 chưa đầy đủ (1/18 phường)",
    );
    expect(formatWithheld(partial.completeness.withheld.rankDay!, 1, nouns)).toBe(
      "không so sánh: ngày 18/08/2021 chưa được xếp hạng (chưa đủ số liệu)",
    );
    expect(partial.dashboard.overview.wardsNotReported).toHaveLength(17);
    // the city's sum holds the 29 whole districts, not Hoàn Kiếm's one ward
    expect(partial.dashboard.overview.city.origins.coverage).toEqual({ kind: "sum", counted: 29, total: 30 });
    expect(partial.completeness.city).toMatchObject({ kind: "partial", counted: 29, total: 30 });

    // The city page: the same day ranks 29 districts; Hoàn Kiếm is listed apart with its 1/18.
    const city = await loadCityPage(db.prisma, { districtCode: HOAN_KIEM, day: PARTIAL, metric: "coverage" });
    if (city.kind !== "ok") throw new Error(city.kind);
    expect(city.ranking.ranked).toBe(29);
    expect(city.ranking.highlighted).toMatchObject({ code: HOAN_KIEM, rank: null, standing: "partial", origin: { kind: "sum", counted: 1, total: 18 } });
    expect(city.ranking.districts.at(-1)?.code).toBe(HOAN_KIEM);
    expect(city.ranking.chart.bars.find((b) => b.code === HOAN_KIEM)).toMatchObject({ value: null, statusLabel: "chưa đủ số liệu, 1/18 phường" });
    // Without a day, the city page opens on its last whole day too, and offers 18/8.
    const cityDefault = await loadCityPage(db.prisma, { districtCode: HOAN_KIEM, metric: "coverage" });
    if (cityDefault.kind !== "ok") throw new Error(cityDefault.kind);
    expect(cityDefault.ranking.day).toBe(WHOLE);
    expect(cityDefault.ranking.highlighted?.rank).toBe(1);
    expect(cityDefault.ranking.stillComingIn.map((d) => [d.day, d.counted, d.total])).toEqual([[PARTIAL, 29, 30]]);

    // The plain overview loader and the ward page default to the same day.
    const plain = await loadDistrictOverview(db.prisma, { districtCode: HOAN_KIEM });
    expect(plain.kind === "ok" && plain.day).toBe(WHOLE);
    const ward = await loadWardPage(db.prisma, { wardCode: PHUC_TAN });
    if (ward.kind !== "ok") throw new Error(ward.kind);
    expect(ward.detail.day).toBe(WHOLE);
    expect(ward.stillComingIn.map((d) => [d.day, d.counted])).toEqual([[PARTIAL, 1]]);
  });

  it("gives a ward with 0 smartphones no rate, rank, verdict or forecast, and does not call it 'chưa báo cáo'", async () => {
    for (const day of [BEFORE, WHOLE]) {
      await wardsReport(day, [], { [HANG_MA]: { smartphones: 0, installs: 0, qrVenues: 0, activeVenues: 0, scans: 0 } });
    }
    await refreshRollups(db.prisma, { from: BEFORE, to: WHOLE });
    const d = await dashboard(WHOLE);
    const row = d.dashboard.wards.find((w) => w.code === HANG_MA)!;
    expect(row).toMatchObject({ rank: null, standing: "no-denominator", coverage: null, coverageStatus: null, qrActiveStatus: null, installsToTarget: null });
    expect(d.dashboard.overview.wardsNotReported).toEqual([]);
    expect(d.dashboard.overview.wardsWithoutSmartphones.map((w) => w.code)).toEqual([HANG_MA]);
    expect(d.dashboard.charts.tiles.find((t) => t.code === HANG_MA)).toMatchObject({ valueLabel: "—", statusLabel: "không có điện thoại thông minh" });
    expect(d.dashboard.wards.filter((w) => w.rank !== null)).toHaveLength(17);
    // The district still counts it: its 0 phones are a figure, so the district's day is whole.
    expect(d.completeness.day).toMatchObject({ kind: "complete", counted: 18, total: 18 });

    const page = await loadWardPage(db.prisma, { wardCode: HANG_MA, day: WHOLE });
    if (page.kind !== "ok") throw new Error(page.kind);
    expect(page.detail.forecast).toBeNull(); // never "đã đạt"
    expect(page.detail.row.activeVenuesToTarget).toBeNull();
    expect(page.detail.charts.rankHistory.at(-1)?.rankLabel).toBe("không có điện thoại thông minh");
    expect(page.detail.withheld.rankDay).toMatchObject({ kind: "not-ranked", standing: "no-denominator" });
  });

  it("counts a ward with QR figures but no install figures as 'chưa báo cáo', and the district's day as partial", async () => {
    await wardsReport(WHOLE, [DONG_XUAN]);
    await write(DONG_XUAN, WHOLE, { qrVenues: 40, activeVenues: 4, scans: 70 }, "IMPORT");
    await refreshRollups(db.prisma, { from: WHOLE, to: WHOLE });
    const d = await dashboard(WHOLE);
    expect(d.dashboard.overview.wardsNotReported.map((w) => w.code)).toEqual([DONG_XUAN]);
    expect(d.completeness.day).toMatchObject({ kind: "partial", counted: 17, total: 18 });
    expect(d.dashboard.overview.district.standing).toBe("partial");
    // its QR figures are whole and count in the district's QR sum
    expect(d.dashboard.overview.district.origins.qr).toEqual({ kind: "sum", counted: 18, total: 18 });
    const row = d.dashboard.wards.find((w) => w.code === DONG_XUAN)!;
    expect(row.standing).toBe("missing");
    expect(d.dashboard.charts.tiles.find((t) => t.code === DONG_XUAN)?.statusLabel).toBe("chưa báo cáo");
    const page = await loadWardPage(db.prisma, { wardCode: DONG_XUAN, day: WHOLE });
    if (page.kind !== "ok") throw new Error(page.kind);
    expect(page.detail.row.figure).toMatchObject({ smartphones: null, qrVenues: 40 });
    expect(page.detail.row.rank).toBeNull();
    // No day is whole: the page opens on the latest with data and says so.
    const opened = await dashboard();
    expect(opened.dashboard.day).toBe(WHOLE);
    expect(opened.defaultDay).toBe("latest-with-data");
  });

  it("names a district's own imported figure, and shows the sum of the wards that reported with the difference", async () => {
    const imp = await db.prisma.import.create({
      data: {
        kind: "INSTALL_STATS",
        fileName: "thong-ke-cai-dat-17-8.csv",
        fileHash: "a".repeat(64),
        status: "SUCCEEDED",
        startedAt: new Date("2021-08-18T02:59:00Z"),
        finishedAt: new Date("2021-08-18T03:05:00Z"),
        dayFrom: isoDayToUtcDate(WHOLE),
        dayTo: isoDayToUtcDate(WHOLE),
      },
      select: { id: true },
    });
    await wardsReport(WHOLE, [HANG_MA]); // 17 wards: 17.153 phones (1000+i), 8.653 installs, Hàng Mã silent
    await write(HOAN_KIEM, WHOLE, { smartphones: 150_788, installs: 77_113 }, "IMPORT", imp.id);
    await otherDistrictsImported(WHOLE);
    await refreshRollups(db.prisma, { from: WHOLE, to: WHOLE });

    const d = await dashboard();
    expect(d.dashboard.day).toBe(WHOLE); // the own figure is whole
    const district = d.dashboard.overview.district;
    expect(formatPercent(district.coverage)).toBe("51,14%");
    expect(district.origins.coverage).toEqual({ kind: "own" });
    expect(district.rankInCity).toBe(1);
    expect(d.completeness.day).toMatchObject({ kind: "complete", counted: 17, total: 18 });

    const p = d.provenance.district.coverage!;
    const phones = wards.filter((w) => w !== HANG_MA).reduce((s, w) => s + 1000 + wards.indexOf(w), 0);
    const installs = wards.filter((w) => w !== HANG_MA).reduce((s, w) => s + 500 + wards.indexOf(w), 0);
    expect(p).toMatchObject({
      source: "IMPORT",
      importRef: { id: imp.id, fileName: "thong-ke-cai-dat-17-8.csv", at: "2021-08-18T03:05:00.000Z" },
      own: { smartphones: 150_788, installs: 77_113 },
      childrenSum: { counted: 17, total: 18, values: { smartphones: phones, installs } },
      differences: { smartphones: 150_788 - phones, installs: 77_113 - installs },
    });
    expect(formatOwnSource(p.source, p.importRef)).toBe(
      `Dữ liệu nhập từ hệ thống quốc gia, lần nhập số ${imp.id} (tệp thong-ke-cai-dat-17-8.csv, 10:05 18/08/2021)`,
    );
    expect(formatChildrenSum(p, "installs", "phường")).toMatch(/^Tổng 17\/18 phường đã báo cáo: [\d.]+ \(chênh lệch \+[\d.]+\)$/);
    // QR figures and scans are the wards' sums: nothing of the district's own to name
    expect(d.provenance.district.qr).toBeNull();
    expect(d.provenance.city.coverage).toBeNull();
  });

  it("keeps a denominator register: the ward's smartphones, their source and the day they last changed", async () => {
    const imp = await db.prisma.import.create({
      data: { kind: "INSTALL_STATS", fileName: "may-thong-minh.csv", fileHash: "b".repeat(64), status: "SUCCEEDED", finishedAt: new Date("2021-08-17T03:00:00Z") },
      select: { id: true },
    });
    await write(PHUC_TAN, "2021-08-14", { smartphones: 8000, installs: 4000, qrVenues: 300 });
    await write(PHUC_TAN, "2021-08-15", { smartphones: 8000, installs: 4010, qrVenues: 300 });
    // 16/8: no report (not a change); 17/8: the import says 8.100 (it wins by priority) while the report still says 8.000
    await write(PHUC_TAN, WHOLE, { smartphones: 8000, installs: 4030, qrVenues: 300 });
    await write(PHUC_TAN, WHOLE, { smartphones: 8100, installs: 4030 }, "IMPORT", imp.id);
    await write(PHUC_TAN, PARTIAL, { smartphones: 8100, installs: 4050, qrVenues: 300 });
    await refreshRollups(db.prisma, { from: "2021-08-14", to: PARTIAL });

    const page = await loadWardPage(db.prisma, { wardCode: PHUC_TAN, day: PARTIAL });
    if (page.kind !== "ok") throw new Error(page.kind);
    expect(page.denominators).toEqual([
      {
        field: "smartphones",
        value: 8100,
        knownOn: PARTIAL,
        source: "WARD_REPORT",
        importRef: null,
        firstDay: "2021-08-14",
        changedOn: WHOLE,
        previous: 8000,
        previousDay: "2021-08-15",
      },
      {
        field: "qrVenues",
        value: 300,
        knownOn: PARTIAL,
        source: "WARD_REPORT",
        importRef: null,
        firstDay: "2021-08-14",
        changedOn: null,
        previous: null,
        previousDay: null,
      },
    ]);
    const onImportDay = await loadWardPage(db.prisma, { wardCode: PHUC_TAN, day: WHOLE });
    if (onImportDay.kind !== "ok") throw new Error(onImportDay.kind);
    expect(onImportDay.denominators[0]).toMatchObject({
      value: 8100,
      source: "IMPORT",
      importRef: { id: imp.id, fileName: "may-thong-minh.csv", at: "2021-08-17T03:00:00.000Z" },
      changedOn: WHOLE,
    });
    // Before the change: unchanged since the first day.
    const early = await loadWardPage(db.prisma, { wardCode: PHUC_TAN, day: "2021-08-16" });
    if (early.kind !== "ok") throw new Error(early.kind);
    expect(early.denominators[0]).toMatchObject({ value: 8000, knownOn: "2021-08-15", changedOn: null });
  });
});
