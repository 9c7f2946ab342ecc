import { beforeAll, expect, it, vi } from "vitest";
import { loadSessionState } from "@/lib/auth/accounts-store";
import { ForbiddenError } from "@/lib/errors";
import { NATIONAL_OFFICIAL_READ_ONLY, type SessionUser } from "@/lib/permissions";
import { HA_NOI, HO_CHI_MINH, QUAN_1, TAN_DINH } from "../factories/provinces";
import { BA_DINH, HOAN_KIEM, PHUC_TAN, PHUC_XA } from "../factories/units";
import { testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { useTwoProvinceWorld } from "../setup/two-provinces";

// The national official (cán bộ Ban Chỉ đạo quốc gia, issue 18, ADR 030) in the two-province world
// (the demo's Hà Nội with figures, Hồ Chí Minh without), on both databases, through the data layer,
// the server actions and the route handlers as a browser calls them:
// - reads the country, both provinces, any district and ward, reports, alerts (every district at
//   once), exports of the country, a province or a district, and the audit log's entries about units;
// - changes nothing: no entry, approval, unlock, acknowledgement, setting, target, account, unit,
//   policy phase, job, import, sign-in block, backup or district document (403).

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const { getDistrictDashboard } = await import("@/lib/data/district-dashboard");
const { getCityPage, getCountryPage, getProvincePage } = await import("@/lib/data/city-page");
const { getWardPage } = await import("@/lib/data/ward-page");
const { getCompleteness } = await import("@/lib/data/completeness");
const { getViewableDistricts } = await import("@/lib/data/districts");
const { getReport } = await import("@/lib/data/ward-reports");
const { expectNoReportChange } = await import("../setup/read-only-role");
const { acknowledgeAlert, getAlertCentre, getAlertSummary } = await import("@/lib/data/alerts");
const { getAlertSettings } = await import("@/lib/figures/settings");
const { setAlertThresholds, setPreferredSource, setReportDeadline } = await import("@/lib/data/settings");
const { setUnitTargets, getTargetsOverview } = await import("@/lib/data/targets");
const { getExportOptions, openExport } = await import("@/lib/data/exports");
const { listAuditEntries } = await import("@/lib/data/audit");
const { writeAudit } = await import("@/lib/figures/audit-log");
const { createUser, listUsers, listAssignableUnits, previewBulkUsers } = await import("@/lib/data/users");
const { getDispatchData, getDistrictReportData } = await import("@/lib/data/dispatch");
const { setDistrictDispatchTemplate } = await import("@/lib/data/dispatch-template");
const { updateReportDeadlineAction } = await import("@/lib/actions/reports");
const { acknowledgeAlertAction, updateAlertThresholdsAction } = await import("@/lib/actions/alerts");
const { updateUnitTargetsAction } = await import("@/lib/actions/targets");
const { updatePreferredSourceAction, updateRawScanRetentionAction } = await import("@/lib/actions/settings");
const { createUserAction, updateUserAction, setUserDisabledAction, resetPasswordAction, previewBulkUsersAction, createBulkUsersAction } =
  await import("@/lib/actions/users");
const { renameUnitAction } = await import("@/lib/actions/units");
const { createPolicyPhaseAction } = await import("@/lib/actions/policy-phases");
const { clearSignInBlockAction } = await import("@/lib/actions/sign-in-blocks");
const { rollbackImportAction } = await import("@/app/admin/imports/actions");
const { runJobNowAction } = await import("@/app/admin/jobs/actions");
const { POST: uploadRoute } = await import("@/app/api/imports/route");
const { GET: backupRoute } = await import("@/app/api/admin/backup/route");
const { GET: districtReportRoute } = await import("@/app/api/exports/district-report/route");
const { GET: dispatchRoute } = await import("@/app/api/exports/dispatch/route");
const { GET: fileRoute } = await import("@/app/api/exports/[dataset]/route");
const { AlertParamsSchema } = await import("@/lib/schemas/alerts");
const { AuditParamsSchema } = await import("@/lib/schemas/audit-params");

const NOW = new Date("2021-09-01T03:00:00Z");
const DAY = "2021-08-14";
const ORIGIN = "http://localhost:3000";
const overview = (districtCode?: string) => ({ ...(districtCode ? { districtCode } : {}), metric: "coverage" as const, compare: [] });
const password = "mat-khau-dai-du-1";

describeOnBothDatabases("national official", (open) => {
  const world = useTwoProvinceWorld(open);
  let db: TestDatabase, admin: SessionUser, national: SessionUser;
  beforeAll(() => void ({ db, admin, national } = world));

  it("is attached to the country unit, and the session gives it every district (no scope list, no district of its own)", async () => {
    expect(national.role).toBe("NATIONAL_OFFICIAL");
    expect(national.unitCode).toBe("VN");
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: national.id }, select: { sessionVersion: true } });
    const state = await loadSessionState(db.prisma, national.id, row.sessionVersion);
    expect(state?.user).toMatchObject({ role: "NATIONAL_OFFICIAL", unitCode: "VN", districtCode: null });
    expect(state?.user.provinceDistrictCodes).toBeUndefined();
    const districts = (await getViewableDistricts(national, { withWards: true })).map((d) => d.code);
    expect(districts).toEqual(expect.arrayContaining([HOAN_KIEM, BA_DINH, QUAN_1]));
  });

  it("reads the country and both provinces, with any province picked out", async () => {
    const country = await getCountryPage(national, { day: "2021-08-17", metric: "coverage" });
    if (country.kind !== "ok") throw new Error(country.kind);
    expect(country.ranking.districts.map((r) => r.code)).toEqual(expect.arrayContaining([HA_NOI, HO_CHI_MINH]));
    const picked = await getCountryPage(national, { provinceCode: HO_CHI_MINH, day: "2021-08-17", metric: "coverage" });
    expect(picked.kind === "ok" && picked.district.code).toBe(HO_CHI_MINH);
    const hanoi = await getProvincePage(national, { provinceCode: HA_NOI, day: "2021-08-17", metric: "coverage" });
    expect(hanoi.kind === "ok" && hanoi.ranking.districts.map((d) => d.code)).toContain(HOAN_KIEM);
    // Hồ Chí Minh has no figures: readable all the same (no 403), whatever the page says of it
    await expect(getProvincePage(national, { provinceCode: HO_CHI_MINH, day: "2021-08-17", metric: "coverage" })).resolves.toBeDefined();
    const city = await getCityPage(national, { metric: "coverage", districtCode: QUAN_1 });
    expect(city.kind === "ok" || city.kind === "no-data" ? city.city.code : city.kind).toBe(HO_CHI_MINH);
  });

  it("reads any district and ward of either province: overview, ward page, completeness, reports", async () => {
    const hoanKiem = await getDistrictDashboard(national, overview(HOAN_KIEM));
    expect(hoanKiem.kind === "ok" && hoanKiem.district.code).toBe(HOAN_KIEM);
    const quan1 = await getDistrictDashboard(national, overview(QUAN_1));
    expect(quan1.kind === "unknown-district" ? null : quan1.district.code).toBe(QUAN_1);
    // with no district named: the default district, as an admin's (Ba Đình in the demo)
    const home = await getDistrictDashboard(national, overview());
    expect(home.kind === "ok" && home.district.code).toBe(BA_DINH);
    expect((await getWardPage(national, { wardCode: PHUC_TAN })).kind).toBe("ok");
    await expect(getWardPage(national, { wardCode: TAN_DINH })).resolves.toBeDefined();
    const completeness = await getCompleteness(national, { districtCode: HOAN_KIEM, from: DAY, to: DAY }, NOW);
    expect(completeness.rows.length).toBe(18);
    const cells = completeness.rows.flatMap((r) => r.cells);
    expect(cells.every((c) => !c.canApprove)).toBe(true);
    expect(cells.filter((c) => c.status !== null).every((c) => c.details !== null)).toBe(true);
    await expect(getCompleteness(national, { districtCode: QUAN_1, from: DAY, to: DAY }, NOW)).resolves.toMatchObject({ district: { code: QUAN_1 } });
    expect((await getReport(national, PHUC_XA, DAY))?.wardCode).toBe(PHUC_XA);
  });

  it("reads every district's alerts at once, and any one district's, without the right to acknowledge", async () => {
    const all = await getAlertCentre(national, AlertParamsSchema.parse({ day: DAY }), NOW);
    expect(all.district).toBeNull();
    expect(all.alerts.length).toBeGreaterThan(0);
    expect(all.alerts.every((a) => !a.canAcknowledge)).toBe(true);
    const one = await getAlertCentre(national, AlertParamsSchema.parse({ day: DAY, district: HOAN_KIEM }), NOW);
    expect(one.district?.code).toBe(HOAN_KIEM);
    await expect(getAlertCentre(national, AlertParamsSchema.parse({ day: DAY, district: QUAN_1 }), NOW)).resolves.toMatchObject({ district: { code: QUAN_1 } });
    const summary = await getAlertSummary(national, { districtCode: HOAN_KIEM, day: DAY, limit: 100 }, NOW);
    const alert = summary?.top[0];
    if (!alert) throw new Error("the demo has alerts on 14/8");
    expect(summary?.top.every((a) => !a.canAcknowledge)).toBe(true);
    const input = { ruleId: alert.ruleId, wardCode: alert.ward.code, day: DAY, note: "Ban Chỉ đạo quốc gia thử xác nhận." };
    await expect(acknowledgeAlert(national, input, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    testRequest.user = national;
    expect(await acknowledgeAlertAction(input)).toMatchObject({ ok: false, status: 403 });
    expect(await db.prisma.alertAck.count()).toBe(0);
  });

  it("downloads the country, a province or a district, and the district report; not the draft dispatch", async () => {
    const country = await openExport(national, { dataset: "daily-figures", filters: { from: "2021-08-10", to: DAY } }, NOW);
    const hanoi = await openExport(national, { dataset: "daily-figures", filters: { province: HA_NOI, from: "2021-08-10", to: DAY } }, NOW);
    const hoanKiem = await openExport(national, { dataset: "daily-figures", filters: { district: HOAN_KIEM, from: "2021-08-10", to: DAY } }, NOW);
    // an export holds a database snapshot until closed
    await Promise.all([country, hanoi, hoanKiem].map((file) => file.close()));
    expect(hoanKiem.rowCount).toBeGreaterThan(0);
    expect(hanoi.rowCount).toBeGreaterThan(hoanKiem.rowCount);
    expect(country.rowCount).toBeGreaterThanOrEqual(hanoi.rowCount);
    const options = await getExportOptions(national, { district: QUAN_1 });
    expect(options.district.code).toBe(QUAN_1);
    expect(options.districts.map((d) => d.code)).toEqual(expect.arrayContaining([HOAN_KIEM, QUAN_1]));
    expect(options.districtReport).toBe(true);
    expect(options.documents).toBe(false);
    expect((await getDistrictReportData(national, { districtCode: HOAN_KIEM, day: "2021-08-17" }, NOW)).overview.district.code).toBe(HOAN_KIEM);
    await expect(getDispatchData(national, { districtCode: HOAN_KIEM })).rejects.toBeInstanceOf(ForbiddenError);

    testRequest.user = national;
    const file = (query: string) => fileRoute(new Request(`${ORIGIN}/api/exports/daily-figures?format=csv&${query}`), { params: Promise.resolve({ dataset: "daily-figures" }) });
    const province = await file(`province=${HA_NOI}`);
    expect(province.status).toBe(200);
    await province.body?.cancel();
    // Hồ Chí Minh has no figures: refused for that (400, no days with data), not for the right (403)
    const empty = await file(`province=${HO_CHI_MINH}`);
    expect(empty.status).toBe(400);
    const hk = await file(`district=${HOAN_KIEM}`);
    expect(hk.status).toBe(200);
    await hk.body?.cancel();
    const pdf = await districtReportRoute(new Request(`${ORIGIN}/api/exports/district-report?district=${HOAN_KIEM}&day=2021-08-17`));
    expect(pdf.status).toBe(200);
    await pdf.body?.cancel();
    expect((await dispatchRoute(new Request(`${ORIGIN}/api/exports/dispatch?district=${HOAN_KIEM}`))).status).toBe(403);
  });

  it("reads the audit entries about any unit of either province; not settings nor accounts", async () => {
    await db.prisma.auditLog.deleteMany();
    const entry = (unitCode: string | null, entity: string) =>
      writeAudit(db.prisma as never, { userId: admin.id, action: "setting.update", entity, entityKey: `${entity}-${unitCode}`, unitCode, before: null, after: { x: 1 } });
    for (const code of [HA_NOI, HOAN_KIEM, PHUC_TAN, HO_CHI_MINH, QUAN_1, TAN_DINH]) await entry(code, "test");
    await entry(null, "setting");
    await entry(PHUC_TAN, "user");
    const units = (await listAuditEntries(national, AuditParamsSchema.parse({}))).entries.map((e) => e.unitCode).sort();
    expect(units).toEqual([HA_NOI, HOAN_KIEM, PHUC_TAN, HO_CHI_MINH, QUAN_1, TAN_DINH].sort());
    expect((await listAuditEntries(admin, AuditParamsSchema.parse({}))).entries).toHaveLength(8);
    const audit = await openExport(national, { dataset: "audit", filters: {} }, NOW);
    await audit.close();
    expect(audit.rowCount).toBe(6);
    await db.prisma.auditLog.deleteMany();
  });

  it("changes no report: no entry, approval, unlock or day approval (data layer and actions, 403 with the reason)", async () => {
    await expectNoReportChange(db, national, NATIONAL_OFFICIAL_READ_ONLY, NOW);
  });

  it("changes no setting, target, account, unit, phase, job, import or sign-in block, and gets no backup (403)", async () => {
    const thresholds = (await getAlertSettings(db.prisma)).thresholds;
    const targetsBefore = await db.prisma.target.findMany({ orderBy: { unitCode: "asc" } });
    const settingsBefore = await db.prisma.setting.findMany({ orderBy: { key: "asc" } });
    const usersBefore = await db.prisma.user.count();
    const unitsBefore = await db.prisma.unit.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } });
    const file = new TextEncoder().encode("username,display_name,role,unit_code\nphuong.x,Người X,WARD_CHAIR,00061\n");
    const refused = [
      () => setReportDeadline(national, { daysAfter: 1, hour: 9, minute: 0 }),
      () => setAlertThresholds(national, thresholds),
      () => setUnitTargets(national, { unitCode: HA_NOI, coverage: 7000, qrActive: null }),
      () => getTargetsOverview(national, {}),
      () => setPreferredSource(national, "IMPORT"),
      () => listUsers(national),
      () => listAssignableUnits(national),
      () => previewBulkUsers(national, file),
      () => createUser(national, { username: "ke.gian", displayName: "Kẻ Gian", role: "ADMIN", unitCode: null, password, phone: null, email: null, mustChangePassword: false }),
      () => setDistrictDispatchTemplate(national, HOAN_KIEM, {}),
    ];
    for (const [i, change] of refused.entries()) await expect(change(), `change ${i}`).rejects.toBeInstanceOf(ForbiddenError);

    testRequest.user = national;
    testRequest.headers = new Headers({ host: "localhost:3000", origin: ORIGIN });
    const form = new FormData();
    form.set("file", new File([file], "tai-khoan.csv", { type: "text/csv" }));
    const answers: [string, unknown][] = [
      ["deadline", await updateReportDeadlineAction({ daysAfter: "1", hour: "9", minute: "0" })],
      ["thresholds", await updateAlertThresholdsAction(thresholds)],
      ["targets", await updateUnitTargetsAction({ unitCode: HA_NOI, coverage: "70", qrActive: "" })],
      ["source", await updatePreferredSourceAction({ preferred: "IMPORT" })],
      ["retention", await updateRawScanRetentionAction({ months: "6" })],
      ["create user", await createUserAction({ username: "ke.gian", displayName: "Kẻ Gian", role: "NATIONAL_OFFICIAL", unitCode: "VN", password })],
      ["update user", await updateUserAction({ userId: admin.id, displayName: "Kẻ Gian", role: "WARD_CHAIR", unitCode: PHUC_TAN })],
      ["disable user", await setUserDisabledAction({ userId: admin.id, disabled: true })],
      ["reset password", await resetPasswordAction({ userId: admin.id, password })],
      ["bulk preview", await previewBulkUsersAction(form)],
      ["bulk create", await createBulkUsersAction(form)],
      ["rename unit", await renameUnitAction({ code: HOAN_KIEM, name: "Quận Kẻ Gian", effectiveOn: "2021-09-01", reason: "thử" })],
      ["policy phase", await createPolicyPhaseAction({ name: "Kẻ gian", unitCode: HA_NOI, startDay: "24/07/2021", endDay: "" })],
      ["sign-in block", await clearSignInBlockAction({ scope: "pair", username: "admin", ip: "127.0.0.1", reason: "thử" })],
      ["rollback import", await rollbackImportAction({ id: "1", reason: "thử" })],
      ["run job", await runJobNowAction({ name: "digest" })],
    ];
    for (const [name, answer] of answers) expect(answer, name).toMatchObject({ ok: false, status: 403 });

    const upload = await uploadRoute(
      new Request(`${ORIGIN}/api/imports?kind=VENUE_REGISTER&fileName=a.csv&size=3&token=3f0a7c52-9d2e-4b8a-8f3e-000000000001`, {
        method: "POST",
        headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "text/csv" },
        body: "a,b",
      }),
    );
    expect(upload.status).toBe(403);
    expect((await backupRoute(new Request(`${ORIGIN}/api/admin/backup`))).status).toBe(403);

    expect(await db.prisma.user.count()).toBe(usersBefore);
    expect(await db.prisma.import.count()).toBe(0);
    expect(await db.prisma.policyPhase.count({ where: { name: "Kẻ gian" } })).toBe(0);
    expect(await db.prisma.unit.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } })).toEqual(unitsBefore);
    expect(await db.prisma.target.findMany({ orderBy: { unitCode: "asc" } })).toEqual(targetsBefore);
    expect(await db.prisma.setting.findMany({ orderBy: { key: "asc" } })).toEqual(settingsBefore);
  });

  it("is created by an admin at the country unit only, never at a province, and never from a CSV file", async () => {
    const base = { displayName: "Phạm Văn Quốc", role: "NATIONAL_OFFICIAL" as const, password, phone: null, email: null, mustChangePassword: true };
    await expect(createUser(admin, { ...base, username: "bcd.tinh", unitCode: HA_NOI })).resolves.toMatchObject({
      ok: false,
      fieldErrors: { unitCode: ["Cán bộ Ban Chỉ đạo quốc gia phải gắn với đơn vị cả nước"] },
    });
    await expect(createUser(admin, { ...base, username: "bcd.khong", unitCode: null })).resolves.toMatchObject({ ok: false });
    const made = await createUser(admin, { ...base, username: "bcd.quocgia", unitCode: "VN" });
    expect(made.ok).toBe(true);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { username: "bcd.quocgia" }, select: { role: true, unitCode: true } });
    expect(row).toEqual({ role: "NATIONAL_OFFICIAL", unitCode: "VN" });
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "user.create", entityKey: { contains: "bcd.quocgia" } }, select: { after: true } });
    expect(JSON.stringify(audit?.after ?? null)).toContain("NATIONAL_OFFICIAL");
    // the country is offered in the form, for this role
    expect((await listAssignableUnits(admin)).filter((u) => u.level === "COUNTRY").map((u) => u.code)).toEqual(["VN"]);
    const bulk = await previewBulkUsers(admin, new TextEncoder().encode("username,display_name,role,unit_code\nbcd.b,Người B,NATIONAL_OFFICIAL,VN\n"));
    expect(bulk.ok).toBe(false);
    if (!bulk.ok) expect(bulk.errors[0]?.message).toContain("Không tạo cán bộ Ban Chỉ đạo quốc gia bằng tệp");
  });
});
