import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { AlertRequestError, ForbiddenError, NotFoundError, OverloadedError } from "@/lib/errors";
import { heavyWork } from "@/lib/server/capacity";
import type { SessionUser } from "@/lib/permissions";
import { createRoleUsers, createTestUser } from "../factories/users";
import { HOAN_KIEM, PHUC_TAN } from "../factories/units";
import { closeServedDatabase, openServedDatabase, testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Alerts on the demo data (Hoàn Kiếm, 19/7–17/8/2021), on both databases: computed from the stored
// rows, the alert centre for each role, acknowledgements (with who and the note, and the audit
// entry), the thresholds, and the server actions as a browser calls them.

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const { acknowledgeAlert, acknowledgeAlerts, getAlertCentre, getAlertSummary, withdrawAlertAck } = await import("@/lib/data/alerts");
const { computeAlerts } = await import("@/lib/figures/alerts");
const { ALERT_SETTING_KEYS, getAlertSettings, REPORT_DEADLINE_KEY } = await import("@/lib/figures/settings");
const { setAlertThresholds, setReportDeadline } = await import("@/lib/data/settings");
const { acknowledgeAlertAction, acknowledgeAlertsAction, updateAlertThresholdsAction, withdrawAlertAckAction } = await import("@/lib/actions/alerts");
const { AlertParamsSchema } = await import("@/lib/schemas/alerts");

const HANG_BO = "00052";
const DONG_XUAN = "00040";
/** Long after the demo: every report deadline has passed. */
const NOW = new Date("2021-09-01T03:00:00Z");
const at = (local: string) => new Date(`${local}+07:00`);

const params = (over: Record<string, unknown> = {}) => AlertParamsSchema.parse(over);

describeOnBothDatabases("alerts", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let otherOfficial: SessionUser;
  let chair: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(() => open({ demo: true }));
    ({ admin, official, otherOfficial, chair } = await createRoleUsers(db.prisma));
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    testRequest.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
    testRequest.user = null;
    await db.prisma.alertAck.deleteMany();
    await db.prisma.auditLog.deleteMany();
    await db.prisma.setting.deleteMany({ where: { key: { in: [...Object.values(ALERT_SETTING_KEYS), REPORT_DEADLINE_KEY] } } });
  });

  it("finds Phúc Tân without scans on 14/8/2021, escalated after a 4-day streak", async () => {
    const { alerts, venuesJudged, scanDataGaps } = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", now: NOW });
    const zero = alerts.filter((a) => a.ruleId === "ZERO_SCANS");
    expect(zero.map((a) => a.ward.code)).toEqual([PHUC_TAN]);
    const [phucTan] = zero;
    expect(phucTan?.streak).toEqual({ days: 4, atLeast: false });
    expect(phucTan?.severity).toBe("critical");
    expect(phucTan?.escalated).toBe(true);
    expect(phucTan?.numbers.find((n) => n.key === "scans")?.value).toBe(0);
    expect(phucTan?.message).toMatch(/^Phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14\/08\/2021 \(không địa điểm nào trong số [\d.]+ địa điểm/);
    expect(phucTan?.message).toContain("Đây là ngày thứ 4 liên tiếp phường không phát sinh lượt quét mã QR.");
    // The most severe alert of the day comes first.
    expect(alerts[0]?.id).toBe("ZERO_SCANS:00037:2021-08-14");
    // The venue-level scans cover the demo: dormant venues are judged.
    expect(venuesJudged).toBe(true);
    expect(scanDataGaps).toEqual([]);
    expect(alerts.some((a) => a.ruleId === "DORMANT_VENUES")).toBe(true);
  });

  it("judges no venue on the demo's first days (no scan data before 19/7) and says why, ward by ward", async () => {
    const early = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-07-21", now: NOW });
    expect(early.alerts.filter((a) => a.family === "venues")).toEqual([]);
    expect(early.venuesJudged).toBe(false);
    expect(early.scanDataGaps.map((g) => g.ward.code)).toContain(PHUC_TAN);
    for (const gap of early.scanDataGaps) {
      expect(gap.missingDays).toEqual(["2021-07-15", "2021-07-16", "2021-07-17", "2021-07-18"]);
      expect(gap.reason).toContain("(7 ngày tính đến hết ngày 21/07/2021): thiếu dữ liệu ngày 15/07/2021–18/07/2021.");
    }
    // A week into the demo every day of the window has scan data: no gap.
    const judged = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-07-25", now: NOW });
    expect(judged.scanDataGaps).toEqual([]);
    expect(judged.venuesJudged).toBe(true);
  });

  it("counts the streak from the stored days: 11/8 is the first, 12/8 the second", async () => {
    const on = async (day: string) =>
      (await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day, now: NOW })).alerts.find((a) => a.ruleId === "ZERO_SCANS");
    expect((await on("2021-08-11"))?.streak?.days).toBe(1);
    expect((await on("2021-08-12"))?.severity).toBe("warning");
    expect((await on("2021-08-13"))?.severity).toBe("critical");
    expect(await on("2021-08-15")).toBeUndefined();
  });

  it("finds Hàng Bồ not reported on 15/8/2021, and not as a ward with zero scans", async () => {
    const { alerts } = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-15", now: NOW });
    const hangBo = alerts.filter((a) => a.ward.code === HANG_BO);
    expect(hangBo.find((a) => a.ruleId === "NOT_REPORTED")?.message).toBe(
      "Phường Hàng Bồ chưa gửi báo cáo số liệu ngày 15/08/2021 (hạn nộp 10:00 ngày 16/08/2021).",
    );
    expect(hangBo.some((a) => a.ruleId === "ZERO_SCANS")).toBe(false);
    expect(alerts.filter((a) => a.ruleId === "NOT_REPORTED").map((a) => a.ward.code)).toEqual([HANG_BO]);
    // Before the deadline the report is not missing yet.
    const early = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-15", now: at("2021-08-16T09:59:59") });
    expect(early.alerts.some((a) => a.ruleId === "NOT_REPORTED")).toBe(false);
  });

  it("uses the report deadline setting of the completeness page", async () => {
    await setReportDeadline(admin, { daysAfter: 0, hour: 21, minute: 0 });
    const late = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-15", now: at("2021-08-15T21:30:00") });
    expect(late.alerts.find((a) => a.ruleId === "NOT_REPORTED")?.message).toContain("hạn nộp 21:00 ngày 15/08/2021");
    expect(late.deadline).toEqual({ daysAfter: 0, hour: 21, minute: 0 });
  });

  it("gives the same alerts for a past day whenever they are computed", async () => {
    const first = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", now: NOW });
    const again = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", now: new Date("2022-01-01T00:00:00Z") });
    expect(JSON.stringify(again.alerts)).toBe(JSON.stringify(first.alerts));
    const city = await computeAlerts(db.prisma, { districtCode: null, day: "2021-08-14", now: NOW });
    expect(city.alerts.filter((a) => a.ward.districtCode === HOAN_KIEM).map((a) => a.id)).toEqual(first.alerts.map((a) => a.id));
  });

  it("flags a ward report that disagrees with the imported scan figures by more than the tolerance", async () => {
    const day = new Date("2021-08-17T00:00:00Z");
    const report = await db.prisma.dailyFigure.findUniqueOrThrow({ where: { unitCode_day_source: { unitCode: DONG_XUAN, day, source: "WARD_REPORT" } } });
    const scans = report.scans ?? 0;
    const row = await db.prisma.dailyFigure.create({
      data: { unitCode: DONG_XUAN, day, source: "IMPORT", scans: Math.floor(scans / 2), activeVenues: report.activeVenues },
      select: { id: true },
    });
    try {
      const { alerts } = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-17", now: NOW });
      const disagreement = alerts.find((a) => a.ruleId === "SOURCE_DISAGREEMENT");
      expect(disagreement?.ward.code).toBe(DONG_XUAN);
      expect(disagreement?.numbers.find((n) => n.key === "scansEntered")?.value).toBe(scans);
      expect(disagreement?.numbers.find((n) => n.key === "scansImported")?.value).toBe(Math.floor(scans / 2));
      expect(disagreement?.numbers.some((n) => n.key === "activeVenuesEntered")).toBe(false);
      // Within a 100 % tolerance it is no longer an alert.
      await setAlertThresholds(admin, { ...(await getAlertSettings(db.prisma)).thresholds, disagreementTolerancePercent: 100 });
      const tolerant = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-17", now: NOW });
      expect(tolerant.alerts.some((a) => a.ruleId === "SOURCE_DISAGREEMENT")).toBe(false);
    } finally {
      await db.prisma.dailyFigure.delete({ where: { id: row.id } });
    }
  });

  it("shows the alert centre of the official's district, filtered from the URL", async () => {
    const centre = await getAlertCentre(official, params({ day: "2021-08-14" }), NOW);
    expect(centre.district).toEqual({ code: HOAN_KIEM, name: "Quận Hoàn Kiếm" });
    expect(centre.wards).toHaveLength(18);
    expect(centre.alerts[0]).toMatchObject({ ruleId: "ZERO_SCANS", severity: "critical", ack: null, canAcknowledge: true });
    expect(centre.counts.total).toBe(centre.total);
    expect(centre.range).toEqual({ from: "2021-07-19", to: "2021-08-17" });

    const filtered = await getAlertCentre(official, params({ day: "2021-08-14", rule: "ZERO_SCANS", severity: "critical", ward: PHUC_TAN }), NOW);
    expect(filtered.alerts.map((a) => a.id)).toEqual(["ZERO_SCANS:00037:2021-08-14"]);
    expect(filtered.counts.total).toBe(centre.counts.total);

    const latest = await getAlertCentre(official, params(), NOW);
    expect(latest.day).toBe("2021-08-17");
  });

  it("computes every district's alerts at once as heavy work: refused with 503 when no slot is free, one district still answered", async () => {
    const heavy = heavyWork();
    // Take every slot and fill the queue, as busy downloads would.
    const releases = await Promise.all(Array.from({ length: heavy.options.concurrent }, () => heavy.acquire()));
    const queued = Array.from({ length: heavy.options.queue }, () => heavy.acquire());
    try {
      await expect(getAlertCentre(admin, params({ day: "2021-08-14" }), NOW)).rejects.toBeInstanceOf(OverloadedError);
      const one = await getAlertCentre(admin, params({ day: "2021-08-14", district: HOAN_KIEM }), NOW);
      expect(one.wards).toHaveLength(18);
    } finally {
      for (const release of releases) release();
      // A waiter whose wait ran out (a slow machine) was refused, and holds nothing to release.
      for (const waited of await Promise.allSettled(queued)) if (waited.status === "fulfilled") waited.value();
    }
    expect(heavy.stats).toEqual({ running: 0, waiting: 0 });
    const all = await getAlertCentre(admin, params({ day: "2021-08-14" }), NOW);
    expect(all.district).toBeNull();
    expect(all.wards.length).toBeGreaterThan(18);
  });

  it("refuses districts, wards and days the user may not or cannot see, with clear messages", async () => {
    await expect(getAlertCentre(otherOfficial, params({ district: HOAN_KIEM }), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getAlertCentre(chair, params({ ward: HANG_BO }), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getAlertCentre(admin, params({ district: "999" }), NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAlertCentre(official, params({ day: "2021-09-02" }), NOW)).rejects.toThrow(
      "Ngày 2021-09-02 chưa đến: cảnh báo chỉ có cho hôm nay và các ngày trước.",
    );
    const outside = getAlertCentre(official, params({ ward: "00001" }), NOW);
    await expect(outside).rejects.toBeInstanceOf(AlertRequestError);
    await expect(outside).rejects.toThrow("Không có phường mã 00001 trong Quận Hoàn Kiếm.");
    // Unknown filters never reach the data layer: the URL schema names them.
    const unknown = AlertParamsSchema.safeParse({ day: "2021-08-14", colour: "red", rule: "ZERO" });
    expect(unknown.success).toBe(false);
    const messages = unknown.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toHaveLength(2);
    expect(messages).toEqual(
      expect.arrayContaining([
        "Bộ lọc không được hỗ trợ: colour (chỉ có day, district, ward, rule, severity, status, page, open)",
        expect.stringMatching(/^Loại cảnh báo phải là một trong: ZERO_SCANS, /),
      ]),
    );
  });

  it("shows a ward chair the own ward's alerts only, without the right to acknowledge", async () => {
    const centre = await getAlertCentre(chair, params({ day: "2021-08-14" }), NOW);
    expect(centre.wards.map((w) => w.code)).toEqual([PHUC_TAN]);
    expect(new Set(centre.alerts.map((a) => a.ward.code))).toEqual(new Set([PHUC_TAN]));
    expect(centre.alerts.every((a) => !a.canAcknowledge)).toBe(true);
  });

  it("stores an acknowledgement with who and the note, and records it in the audit log", async () => {
    const input = { ruleId: "ZERO_SCANS" as const, wardCode: PHUC_TAN, day: "2021-08-14", note: "Đã gọi điện cho phường, phường đang kiểm tra." };
    const done = await acknowledgeAlert(official, input, NOW);
    expect(done.kind).toBe("done");
    const stored = await db.prisma.alertAck.findMany({ select: { ruleId: true, unitCode: true, day: true, note: true, acknowledgedBy: true } });
    expect(stored).toEqual([{ ruleId: "ZERO_SCANS", unitCode: PHUC_TAN, day: new Date("2021-08-14T00:00:00Z"), note: input.note, acknowledgedBy: official.id }]);
    const audit = await db.prisma.auditLog.findMany({ select: { action: true, entityKey: true, unitCode: true, userId: true, reason: true } });
    expect(audit).toEqual([{ action: "alert.acknowledge", entityKey: "ZERO_SCANS:00037:2021-08-14", unitCode: PHUC_TAN, userId: official.id, reason: input.note }]);

    const again = await acknowledgeAlert(admin, { ...input, note: "Lần hai" }, NOW);
    expect(again).toMatchObject({ kind: "already", ack: { note: input.note, by: { username: official.username } } });

    const centre = await getAlertCentre(official, params({ day: "2021-08-14", status: "acknowledged" }), NOW);
    expect(centre.alerts.map((a) => a.id)).toEqual(["ZERO_SCANS:00037:2021-08-14"]);
    expect(centre.alerts[0]?.ack).toMatchObject({ note: input.note, by: { displayName: official.displayName } });
    expect(centre.counts.acknowledged).toBe(1);
    const open = await getAlertCentre(official, params({ day: "2021-08-14", status: "open" }), NOW);
    expect(open.alerts.some((a) => a.id === "ZERO_SCANS:00037:2021-08-14")).toBe(false);
    const summary = await getAlertSummary(official, { districtCode: HOAN_KIEM, day: "2021-08-14" }, NOW);
    expect(summary?.open).toBe((summary?.counts.total ?? 0) - 1);
  });

  it("lets only the district's officials and admins acknowledge, and only alerts that exist", async () => {
    const input = { ruleId: "ZERO_SCANS" as const, wardCode: PHUC_TAN, day: "2021-08-14", note: "Đã xử lý" };
    await expect(acknowledgeAlert(chair, input, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acknowledgeAlert(otherOfficial, input, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acknowledgeAlert(official, { ...input, wardCode: "99999" }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    expect(await acknowledgeAlert(official, { ...input, day: "2021-08-16" }, NOW)).toEqual({ kind: "no-alert" });
    expect(await db.prisma.alertAck.count()).toBe(0);
    expect(await db.prisma.auditLog.count()).toBe(0);
  });

  it("answers the acknowledge action by role, input and right, as a browser calls it", async () => {
    const body = { ruleId: "ZERO_SCANS", wardCode: PHUC_TAN, day: "2021-08-14", note: "Đã nhắc phường quét mã" };
    testRequest.user = chair;
    expect(await acknowledgeAlertAction(body)).toMatchObject({ ok: false, status: 403 });
    testRequest.user = otherOfficial;
    expect(await acknowledgeAlertAction(body)).toMatchObject({ ok: false, status: 403 });
    testRequest.user = official;
    expect(await acknowledgeAlertAction({ ...body, note: "" })).toMatchObject({ ok: false, status: 400, fieldErrors: { note: [expect.any(String)] } });
    expect(await acknowledgeAlertAction({ ...body, ruleId: "DROP TABLE" })).toMatchObject({ ok: false, status: 400 });
    expect(await acknowledgeAlertAction(body)).toMatchObject({ ok: true, data: { note: body.note, by: official.displayName } });
    expect(await acknowledgeAlertAction(body)).toMatchObject({ ok: false, status: 409 });
    expect(await acknowledgeAlertAction({ ...body, ruleId: "NOT_REPORTED" })).toMatchObject({ ok: false, status: 404 });
    testRequest.user = null;
    expect(await acknowledgeAlertAction(body)).toMatchObject({ ok: false, status: 401 });
    expect(await db.prisma.alertAck.count()).toBe(1);
  });

  it("acknowledges several alerts with one note: each audited, an already acknowledged one left as it was", async () => {
    const { alerts } = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", now: NOW });
    const picked = alerts.slice(0, 3).map((a) => ({ ruleId: a.ruleId, wardCode: a.ward.code }));
    expect(picked).toHaveLength(3);
    const [first] = picked;
    if (!first) throw new Error("no alert");
    // Someone acknowledged the first one before.
    await acknowledgeAlert(admin, { ...first, day: "2021-08-14", note: "Quản trị đã xử lý trước" }, NOW);
    await db.prisma.auditLog.deleteMany();
    const note = "Đã họp giao ban với các phường, phân công xử lý.";
    const gone = { ruleId: "NOT_REPORTED" as const, wardCode: PHUC_TAN };
    const outcome = await acknowledgeAlerts(official, { day: "2021-08-14", note, alerts: [...picked, picked[1] ?? first, gone] }, NOW);
    expect(outcome.done.map((a) => `${a.ruleId}:${a.wardCode}`).sort()).toEqual(picked.slice(1).map((a) => `${a.ruleId}:${a.wardCode}`).sort());
    expect(outcome.already).toMatchObject([{ ruleId: first.ruleId, wardCode: first.wardCode, note: "Quản trị đã xử lý trước", by: { username: admin.username } }]);
    expect(outcome.missing).toEqual([gone]);
    const stored = await db.prisma.alertAck.findMany({ where: { acknowledgedBy: official.id }, select: { note: true } });
    expect(stored).toEqual([{ note }, { note }]);
    const audit = await db.prisma.auditLog.findMany({ select: { action: true, userId: true, reason: true, entityKey: true } });
    expect(audit).toHaveLength(2);
    expect(audit.every((e) => e.action === "alert.acknowledge" && e.userId === official.id && e.reason === note)).toBe(true);
    // The first acknowledgement stands.
    expect(await db.prisma.alertAck.findFirst({ where: { ruleId: first.ruleId, unitCode: first.wardCode }, select: { note: true } })).toEqual({
      note: "Quản trị đã xử lý trước",
    });

    // Nothing changes when one ward is outside the user's district, or the user may not acknowledge.
    const count = await db.prisma.alertAck.count();
    await expect(acknowledgeAlerts(otherOfficial, { day: "2021-08-14", note, alerts: picked }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acknowledgeAlerts(official, { day: "2021-08-14", note, alerts: [{ ruleId: "ZERO_SCANS", wardCode: "00001" }] }, NOW)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(acknowledgeAlerts(official, { day: "2021-08-14", note, alerts: [{ ruleId: "ZERO_SCANS", wardCode: "99999" }] }, NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await db.prisma.alertAck.count()).toBe(count);

    // As a browser calls it: a chair is refused, an empty selection is a 400, all already done a 409.
    const body = { day: "2021-08-14", note, alerts: picked };
    testRequest.user = chair;
    expect(await acknowledgeAlertsAction(body)).toMatchObject({ ok: false, status: 403 });
    testRequest.user = official;
    expect(await acknowledgeAlertsAction({ ...body, alerts: [] })).toMatchObject({ ok: false, status: 400, fieldErrors: { alerts: [expect.any(String)] } });
    const again = await acknowledgeAlertsAction(body);
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(again.ok ? "" : again.message).toContain("đã được");
  });

  it("withdraws an acknowledgement: the ward's officials and admins only, audited with the withdrawn note, once", async () => {
    const input = { ruleId: "ZERO_SCANS" as const, wardCode: PHUC_TAN, day: "2021-08-14", note: "Đã nhắc phường quét mã" };
    const done = await acknowledgeAlert(official, input, NOW);
    if (done.kind !== "done") throw new Error("not acknowledged");
    const ackId = done.ack.id;
    const reason = "Nhầm phường, chưa xử lý";
    // A ward chair, an official of another district and a city official may not.
    await expect(withdrawAlertAck(chair, { ackId, reason }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(withdrawAlertAck(otherOfficial, { ackId, reason }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    testRequest.user = chair;
    expect(await withdrawAlertAckAction({ ackId, reason })).toMatchObject({ ok: false, status: 403 });
    testRequest.user = official;
    expect(await withdrawAlertAckAction({ ackId, reason: "" })).toMatchObject({ ok: false, status: 400, fieldErrors: { reason: [expect.any(String)] } });
    expect(await db.prisma.alertAck.count()).toBe(1);

    // A colleague of the same district may (an acknowledgement is the district's answer).
    const colleague = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
    expect(await withdrawAlertAck(colleague, { ackId, reason }, NOW)).toMatchObject({ kind: "done", ack: { note: input.note } });
    expect(await db.prisma.alertAck.count()).toBe(0);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "alert.withdraw_acknowledgement" }, select: { userId: true, entityKey: true, reason: true, before: true } });
    expect(audit).toEqual([
      {
        userId: colleague.id,
        entityKey: "ZERO_SCANS:00037:2021-08-14",
        reason,
        before: { note: input.note, acknowledgedBy: official.username, at: NOW.toISOString() },
      },
    ]);
    // Withdrawn twice: a conflict, nothing more is written.
    expect(await withdrawAlertAck(admin, { ackId, reason }, NOW)).toEqual({ kind: "gone" });
    expect(await withdrawAlertAckAction({ ackId, reason })).toMatchObject({ ok: false, status: 409 });
    expect(await db.prisma.auditLog.count({ where: { action: "alert.withdraw_acknowledgement" } })).toBe(1);
    // The alert is open again and can be acknowledged anew; an admin may withdraw that one.
    const anew = await acknowledgeAlert(official, { ...input, note: "Phường đã xác nhận lại số liệu" }, NOW);
    expect(anew.kind).toBe("done");
    if (anew.kind === "done") expect(await withdrawAlertAck(admin, { ackId: anew.ack.id, reason }, NOW)).toMatchObject({ kind: "done" });
  });

  it("keeps the thresholds as settings: defaults, admin changes (audited), bad stored values ignored", async () => {
    expect((await getAlertSettings(db.prisma)).thresholds).toEqual({ dormantDays: 7, disagreementTolerancePercent: 10, escalationDays: 3, rankDropPlaces: 3 });
    await expect(setAlertThresholds(official, { dormantDays: 5, disagreementTolerancePercent: 10, escalationDays: 3, rankDropPlaces: 3 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    testRequest.user = official;
    expect(await updateAlertThresholdsAction({ dormantDays: "5", disagreementTolerancePercent: "10", escalationDays: "5", rankDropPlaces: "3" })).toMatchObject({
      ok: false,
      status: 403,
    });
    testRequest.user = admin;
    expect(await updateAlertThresholdsAction({ dormantDays: "0", disagreementTolerancePercent: "10", escalationDays: "5", rankDropPlaces: "3" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { dormantDays: ["Số ngày không có lượt quét: từ 1 đến 30"] },
    });
    expect(await updateAlertThresholdsAction({ dormantDays: "7", disagreementTolerancePercent: "10", escalationDays: "5", rankDropPlaces: "3" })).toEqual({
      ok: true,
      data: { changed: ["escalationDays"] },
    });
    const audit = await db.prisma.auditLog.findMany({ select: { action: true, entityKey: true, before: true, after: true, userId: true } });
    expect(audit).toEqual([{ action: "setting.update", entityKey: "alerts", before: { escalationDays: 3 }, after: { escalationDays: 5 }, userId: admin.id }]);
    // Escalation after 5 days: Phúc Tân's 4-day streak is no longer escalated.
    const { alerts } = await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", now: NOW });
    expect(alerts.find((a) => a.ruleId === "ZERO_SCANS")).toMatchObject({ severity: "warning", escalated: false, streak: { days: 4 } });
    // A malformed stored value falls back to its default.
    await db.prisma.setting.update({ where: { key: ALERT_SETTING_KEYS.escalationDays }, data: { value: "beaucoup" } });
    expect((await getAlertSettings(db.prisma)).thresholds.escalationDays).toBe(3);
  });
});
