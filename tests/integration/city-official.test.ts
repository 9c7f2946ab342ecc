import { beforeAll, expect, it, vi } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { CITY_OFFICIAL_READ_ONLY, type SessionUser } from "@/lib/permissions";
import { HA_NOI, HO_CHI_MINH, QUAN_1, TAN_DINH } from "../factories/provinces";
import { BA_DINH, HOAN_KIEM, PHUC_TAN, PHUC_XA } from "../factories/units";
import { testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { useTwoProvinceWorld } from "../setup/two-provinces";

// The city official (cán bộ thành phố, issue 12 part 5) on the demo data (Hà Nội, Hoàn Kiếm's
// figures) plus a second province (Hồ Chí Minh > Quận 1 > Tân Định), on both databases, through the
// data layer, the server actions and the route handlers as a browser calls them (only the session,
// the request headers and the database handle are provided by the test):
// - reads every district of the own province: overview, city ranking, ward page, completeness,
//   reports, alerts, exports, audit log;
// - reads nothing of another province, whatever code it names (IDOR), and the district pages open
//   on is always one of its own;
// - changes nothing: no report, approval, unlock, acknowledgement, setting, target, account, nor a
//   district's own documents (403 with a Vietnamese reason).

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const { getDistrictDashboard } = await import("@/lib/data/district-dashboard");
const { getCityPage } = await import("@/lib/data/city-page");
const { getWardPage } = await import("@/lib/data/ward-page");
const { getCompleteness, getWardsNotReportedToday } = await import("@/lib/data/completeness");
const { getViewableDistricts } = await import("@/lib/data/districts");
const { approveReport, getReport } = await import("@/lib/data/ward-reports");
const { expectNoReportChange } = await import("../setup/read-only-role");
const { acknowledgeAlert, getAlertCentre, getAlertSummary } = await import("@/lib/data/alerts");
const { getAlertSettings } = await import("@/lib/figures/settings");
const { setAlertThresholds, setPreferredSource, setReportDeadline } = await import("@/lib/data/settings");
const { setUnitTargets, getTargetsOverview } = await import("@/lib/data/targets");
const { getExportOptions, openExport } = await import("@/lib/data/exports");
const { listAuditEntries } = await import("@/lib/data/audit");
const { writeAudit } = await import("@/lib/figures/audit-log");
const { createUser, listUsers } = await import("@/lib/data/users");
const { getDispatchData, getDistrictReportData } = await import("@/lib/data/dispatch");
const { getDistrictDispatchTemplate, setDistrictDispatchTemplate } = await import("@/lib/data/dispatch-template");
const { updateReportDeadlineAction } = await import("@/lib/actions/reports");
const { acknowledgeAlertAction, updateAlertThresholdsAction } = await import("@/lib/actions/alerts");
const { updateUnitTargetsAction } = await import("@/lib/actions/targets");
const { updatePreferredSourceAction } = await import("@/lib/actions/settings");
const { createUserAction } = await import("@/lib/actions/users");
const { GET: districtReportRoute } = await import("@/app/api/exports/district-report/route");
const { GET: dispatchRoute } = await import("@/app/api/exports/dispatch/route");
const { GET: fileRoute } = await import("@/app/api/exports/[dataset]/route");
const { AlertParamsSchema } = await import("@/lib/schemas/alerts");
const { AuditParamsSchema } = await import("@/lib/schemas/audit-params");

/** Long after the demo (19/7–17/8/2021): every report deadline has passed. */
const NOW = new Date("2021-09-01T03:00:00Z");
const DAY = "2021-08-14";
const alertParams = (over: Record<string, unknown> = {}) => AlertParamsSchema.parse(over);
const auditParams = (over: Record<string, string> = {}) => AuditParamsSchema.parse(over);
const overview = (districtCode?: string) => ({ ...(districtCode ? { districtCode } : {}), metric: "coverage" as const, compare: [] });

describeOnBothDatabases("city official", (open) => {
  const world = useTwoProvinceWorld(open);
  let db: TestDatabase, admin: SessionUser, official: SessionUser, chair: SessionUser, city: SessionUser, farCity: SessionUser;
  beforeAll(() => void ({ db, admin, official, chair, city, farCity } = world));

  it("has the province's districts as scope, and opens on a district of its own province", () => {
    expect(city.provinceDistrictCodes).toContain(HOAN_KIEM);
    expect(city.provinceDistrictCodes).toContain(BA_DINH);
    expect(city.provinceDistrictCodes).not.toContain(QUAN_1);
    // pages open on the district of the province's first ward with figures (as an admin's: Ba Đình in the demo)
    expect(city.districtCode).toBe(BA_DINH);
    expect(farCity.provinceDistrictCodes).toEqual([QUAN_1]);
    expect(farCity.districtCode).toBe(QUAN_1);
  });

  it("reads every district of Hà Nội: overview, city ranking, ward page, completeness and reports", async () => {
    const own = await getDistrictDashboard(city, overview());
    expect(own.kind).toBe("ok");
    if (own.kind === "ok") expect(own.district.code).toBe(BA_DINH);
    const other = await getDistrictDashboard(city, overview(HOAN_KIEM));
    expect(other.kind).toBe("ok");
    if (other.kind === "ok") expect(other.district.code).toBe(HOAN_KIEM);

    const ranking = await getCityPage(city, { metric: "coverage" });
    expect(ranking.kind).toBe("ok");
    if (ranking.kind === "ok") expect(ranking.city.code).toBe(HA_NOI);

    expect((await getWardPage(city, { wardCode: PHUC_TAN })).kind).toBe("ok");

    const completeness = await getCompleteness(city, { districtCode: HOAN_KIEM, from: DAY, to: DAY }, NOW);
    expect(completeness.rows.length).toBe(18);
    const cells = completeness.rows.flatMap((r) => r.cells);
    expect(cells.every((c) => !c.canApprove)).toBe(true);
    // the reports' figures and notes are readable (as for the district's official)
    const withReport = cells.filter((c) => c.status !== null);
    expect(withReport.every((c) => c.details !== null)).toBe(true);
    await expect(getCompleteness(city, { districtCode: BA_DINH, from: DAY, to: DAY }, NOW)).resolves.toMatchObject({
      district: { code: BA_DINH },
    });
    expect((await getReport(city, PHUC_TAN, DAY))?.wardCode ?? PHUC_TAN).toBe(PHUC_TAN);
    expect((await getReport(city, PHUC_XA, DAY))?.wardCode).toBe(PHUC_XA);

    const hanoi = await db.prisma.unit.findMany({ where: { parentCode: HA_NOI, level: "DISTRICT", children: { some: {} } }, orderBy: { code: "asc" }, select: { code: true } });
    const districts = (await getViewableDistricts(city, { withWards: true })).map((d) => d.code);
    expect(districts).toEqual(hanoi.map((d) => d.code));
    expect(districts).toContain(HOAN_KIEM);
    expect((await getViewableDistricts(farCity, { withWards: true })).map((d) => d.code)).toEqual([QUAN_1]);
  });

  it("reads nothing of another province, whatever code it names (IDOR)", async () => {
    const refused = [
      () => getDistrictDashboard(city, overview(QUAN_1)),
      () => getCityPage(city, { metric: "coverage", districtCode: QUAN_1 }),
      () => getWardPage(city, { wardCode: TAN_DINH }),
      () => getCompleteness(city, { districtCode: QUAN_1, from: DAY, to: DAY }, NOW),
      () => getReport(city, TAN_DINH, DAY),
      () => getWardsNotReportedToday(city, QUAN_1, NOW),
      () => getAlertCentre(city, alertParams({ district: QUAN_1 }), NOW),
      () => openExport(city, { dataset: "daily-figures", filters: { district: QUAN_1 } }, NOW),
      () => openExport(city, { dataset: "completeness", filters: { ward: TAN_DINH } }, NOW),
      () => openExport(city, { dataset: "audit", filters: { district: QUAN_1 } }, NOW),
      () => getExportOptions(city, { district: QUAN_1 }),
      // and the other way round: Hồ Chí Minh's official reads nothing of Hà Nội
      () => getDistrictDashboard(farCity, overview(HOAN_KIEM)),
      () => getWardPage(farCity, { wardCode: PHUC_TAN }),
      () => getCompleteness(farCity, { districtCode: HOAN_KIEM, from: DAY, to: DAY }, NOW),
      () => getReport(farCity, PHUC_TAN, DAY),
      () => getAlertCentre(farCity, alertParams({ district: HOAN_KIEM }), NOW),
      () => openExport(farCity, { dataset: "daily-figures", filters: { district: HOAN_KIEM } }, NOW),
    ];
    for (const [i, read] of refused.entries()) {
      await expect(read(), `read ${i}`).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await getAlertSummary(city, { districtCode: QUAN_1, day: DAY }, NOW)).toBeNull();
    expect(await getAlertSummary(farCity, { wardCode: PHUC_TAN, day: DAY }, NOW)).toBeNull();

    // Without a district named, pages open on the official's own province, never on the demo's
    const own = await getDistrictDashboard(farCity, overview());
    expect(own.kind === "unknown-district" ? null : own.district.code).toBe(QUAN_1);
    const ranking = await getCityPage(farCity, { metric: "coverage" });
    expect(ranking.kind === "no-data" || ranking.kind === "ok" ? ranking.city.code : ranking.kind).toBe(HO_CHI_MINH);

    // the route handlers answer 403 for the other province's district
    testRequest.user = city;
    const res = await fileRoute(new Request(`http://localhost/api/exports/daily-figures?format=csv&district=${QUAN_1}`), {
      params: Promise.resolve({ dataset: "daily-figures" }),
    });
    expect(res.status).toBe(403);
    const pdf = await districtReportRoute(new Request(`http://localhost/api/exports/district-report?district=${QUAN_1}&day=2021-08-17`));
    expect(pdf.status).toBe(403);
    expect(((await pdf.json()) as { error: string }).error).toMatch(/không có quyền/);
  });

  it("reads the alerts of its districts without the right to acknowledge them", async () => {
    const centre = await getAlertCentre(city, alertParams({ day: DAY }), NOW);
    expect(centre.district?.code).toBe(BA_DINH);
    expect(centre.alerts.every((a) => !a.canAcknowledge)).toBe(true);
    // another district of the province, picked in the alert centre; its picker lists the province's
    const hoanKiem = await getAlertCentre(city, alertParams({ day: DAY, district: HOAN_KIEM }), NOW);
    expect(hoanKiem.district?.code).toBe(HOAN_KIEM);
    expect(hoanKiem.alerts.some((a) => a.ward.code === PHUC_TAN)).toBe(true);
    // any district of the province (the overview's and the ward page's summary)
    const summary = await getAlertSummary(city, { districtCode: HOAN_KIEM, day: DAY, limit: 100 }, NOW);
    expect(summary?.top.length).toBeGreaterThan(0);
    expect(summary?.top.every((a) => !a.canAcknowledge)).toBe(true);
    expect(await getAlertSummary(city, { wardCode: PHUC_TAN, day: DAY }, NOW)).not.toBeNull();

    const alert = summary?.top[0];
    if (!alert) throw new Error("the demo has alerts on 14/8");
    const input = { ruleId: alert.ruleId, wardCode: alert.ward.code, day: DAY, note: "Cán bộ thành phố thử xác nhận." };
    await expect(acknowledgeAlert(city, input, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    testRequest.user = city;
    const res = await acknowledgeAlertAction(input);
    expect(res).toMatchObject({ ok: false, status: 403 });
    expect(await db.prisma.alertAck.count()).toBe(0);
  });

  it("changes no report: no entry, approval, unlock or day approval, in the data layer and the actions (403, with the reason)", async () => {
    await expectNoReportChange(db, city, CITY_OFFICIAL_READ_ONLY, NOW);
    // another province's ward: refused without the reason (nothing of it is the official's)
    const row = await db.prisma.dailyFigure.findFirstOrThrow({ where: { source: "WARD_REPORT", unitCode: PHUC_TAN }, orderBy: { day: "desc" }, select: { day: true, version: true } });
    const approval = { wardCode: PHUC_TAN, day: row.day.toISOString().slice(0, 10), expectedVersion: row.version };
    await expect(approveReport(farCity, approval, NOW)).rejects.toThrow("Bạn không có quyền với báo cáo của phường này.");
  });

  it("changes no setting, target, source, account or district document (403)", async () => {
    const thresholds = (await getAlertSettings(db.prisma)).thresholds;
    const targetsBefore = await db.prisma.target.findMany({ orderBy: { unitCode: "asc" } });
    const settingsBefore = await db.prisma.setting.findMany({ orderBy: { key: "asc" } });
    const refused = [
      () => setReportDeadline(city, { daysAfter: 1, hour: 9, minute: 0 }),
      () => setAlertThresholds(city, thresholds),
      () => setUnitTargets(city, { unitCode: HA_NOI, coverage: 7000, qrActive: null }),
      () => setUnitTargets(city, { unitCode: HOAN_KIEM, coverage: 7000, qrActive: null }),
      () => getTargetsOverview(city, {}),
      () => setPreferredSource(city, "IMPORT"),
      () => listUsers(city),
      () =>
        createUser(city, { username: "ke.gian", displayName: "Kẻ Gian", role: "ADMIN", unitCode: null, password: "mat-khau-dai-du-1", phone: null, email: null, mustChangePassword: false }),
      // the draft dispatch and its template are the district's own documents
      () => getDispatchData(city, { districtCode: HOAN_KIEM }),
      () => getDistrictDispatchTemplate(city, HOAN_KIEM),
      () => setDistrictDispatchTemplate(city, HOAN_KIEM, {}),
    ];
    for (const [i, change] of refused.entries()) {
      await expect(change(), `change ${i}`).rejects.toBeInstanceOf(ForbiddenError);
    }

    testRequest.user = city;
    const answers = [
      await updateReportDeadlineAction({ daysAfter: "1", hour: "9", minute: "0" }),
      await updateAlertThresholdsAction(thresholds),
      await updateUnitTargetsAction({ unitCode: HA_NOI, coverage: "70", qrActive: "" }),
      await updatePreferredSourceAction({ preferred: "IMPORT" }),
      await createUserAction({ username: "ke.gian", displayName: "Kẻ Gian", role: "ADMIN", unitCode: null, password: "mat-khau-dai-du-1" }),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, status: 403 });
    const dispatch = await dispatchRoute(new Request(`http://localhost/api/exports/dispatch?district=${HOAN_KIEM}`));
    expect(dispatch.status).toBe(403);
    expect(await db.prisma.user.count({ where: { username: "ke.gian" } })).toBe(0);
    expect(await db.prisma.target.findMany({ orderBy: { unitCode: "asc" } })).toEqual(targetsBefore);
    expect(await db.prisma.setting.findMany({ orderBy: { key: "asc" } })).toEqual(settingsBefore);
  });

  it("downloads the tables of any district of the province, and is offered the district report, not the dispatch", async () => {
    const table = await openExport(city, { dataset: "daily-figures", filters: { district: HOAN_KIEM, from: "2021-08-10", to: DAY } }, NOW);
    expect(table.rowCount).toBeGreaterThan(0);
    const byWard = await openExport(city, { dataset: "daily-figures", filters: { ward: PHUC_TAN, from: "2021-08-10", to: DAY } }, NOW);
    expect(byWard.rowCount).toBeGreaterThan(0);
    const options = await getExportOptions(city, { district: HOAN_KIEM });
    expect(options.district.code).toBe(HOAN_KIEM);
    expect(options.districts.map((d) => d.code)).toEqual((await getViewableDistricts(city, { withWards: true })).map((d) => d.code));
    expect((await getExportOptions(city, {})).district.code).toBe(BA_DINH);
    expect(options.documents).toBe(false);
    expect(options.districtReport).toBe(true);
    // the report's data for a district of the province; the draft dispatch stays the district's own
    const report = await getDistrictReportData(city, { districtCode: HOAN_KIEM, day: "2021-08-17" }, NOW);
    expect(report.overview.district.code).toBe(HOAN_KIEM);
    await expect(getDispatchData(city, { districtCode: HOAN_KIEM, installDay: "2021-08-17", qrDay: "2021-08-14" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getDistrictReportData(farCity, { districtCode: HOAN_KIEM, day: "2021-08-17" }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect(options.datasets.map((d) => d.id)).toContain("audit");
    expect((await getExportOptions(official, {})).districtReport).toBe(true);
    expect((await getExportOptions(chair, {})).districtReport).toBe(false);
  });

  it("reads the audit log of the province: the province, its districts and their wards, nothing else", async () => {
    await db.prisma.auditLog.deleteMany();
    const entry = (unitCode: string | null, entityKey: string) =>
      writeAudit(db.prisma as never, { userId: admin.id, action: "setting.update", entity: "test", entityKey, unitCode, before: null, after: { x: 1 } });
    await entry(HA_NOI, "province");
    await entry(HOAN_KIEM, "district");
    await entry(PHUC_TAN, "ward");
    await entry(PHUC_XA, "ward of another district");
    await entry(HO_CHI_MINH, "other province");
    await entry(QUAN_1, "other province's district");
    await entry(TAN_DINH, "other province's ward");
    await entry(null, "no unit");

    const keys = async (user: SessionUser) => (await listAuditEntries(user, auditParams())).entries.map((e) => e.unitCode).sort();
    expect(await keys(city)).toEqual([PHUC_XA, PHUC_TAN, HA_NOI, HOAN_KIEM].sort());
    expect(await keys(farCity)).toEqual([TAN_DINH, HO_CHI_MINH, QUAN_1].sort());
    expect(await keys(official)).toEqual([PHUC_TAN, HOAN_KIEM].sort());
    // asking for another province's unit gives nothing
    expect((await listAuditEntries(city, auditParams({ unit: TAN_DINH }))).entries).toEqual([]);
    const file = await openExport(city, { dataset: "audit", filters: {} }, NOW);
    expect(file.rowCount).toBe(4);
    await db.prisma.auditLog.deleteMany();
  });
});
