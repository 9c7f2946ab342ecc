import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { DONG_XUAN, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { closeServedDatabase, openServedDatabase, testRequest, withDatabaseDown } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The server actions as a browser (or an attacker) calls them: public POST endpoints taking any
// body. The session, the request headers and the database are provided by the test; everything
// else is the real code. A forged body gets 403 and changes nothing.

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const { submitReportAction, approveReportAction, unlockReportAction, approveDistrictDayAction, updateReportDeadlineAction } = await import(
  "@/lib/actions/reports"
);
const { createUserAction, resetPasswordAction, setUserDisabledAction, updateUserAction } = await import("@/lib/actions/users");

const sameOrigin = () => new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
const yesterday = (() => {
  const d = new Date(Date.now() + 7 * 3600_000 - 24 * 3600_000);
  return d.toISOString().slice(0, 10);
})();

const body = (over: Record<string, unknown> = {}) => ({
  wardCode: PHUC_TAN,
  day: yesterday,
  smartphones: "8000",
  installs: "4000",
  qrVenues: "200",
  activeVenues: "40",
  scans: "900",
  note: "",
  expectedVersion: 0,
  ...over,
});

describeOnBothDatabases("server actions", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let chair: SessionUser;
  let neighbourChair: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    admin = await createTestUser(db.prisma, { role: "ADMIN" });
    official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN });
    neighbourChair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: DONG_XUAN });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    testRequest.headers = sameOrigin();
    testRequest.user = null;
    testRequest.revalidated = 0;
    await db.prisma.auditLog.deleteMany();
    await db.prisma.dailyFigure.deleteMany();
  });

  const snapshot = async () => ({
    reports: await db.prisma.dailyFigure.count(),
    audit: await db.prisma.auditLog.count(),
    users: await db.prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, disabled: true, sessionVersion: true, passwordHash: true } }),
  });

  it("answers 401 without a session and changes nothing", async () => {
    const before = await snapshot();
    expect(await submitReportAction(body())).toMatchObject({ ok: false, status: 401 });
    expect(await createUserAction({ username: "x.y.z", displayName: "X Y", role: "ADMIN", password: "mat-khau-dai-du" })).toMatchObject({ status: 401 });
    expect(await snapshot()).toEqual(before);
  });

  it("a ward chair posting another ward's code gets 403 and nothing changes", async () => {
    testRequest.user = neighbourChair;
    const before = await snapshot();
    const result = await submitReportAction(body());
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(await snapshot()).toEqual(before);
    expect(testRequest.revalidated).toBe(0);
  });

  it("refuses a request from another origin before looking at it (CSRF defence in depth)", async () => {
    testRequest.user = chair;
    testRequest.headers = new Headers({ host: "localhost:3000", origin: "https://evil.example" });
    const before = await snapshot();
    expect(await submitReportAction(body())).toMatchObject({ ok: false, status: 403 });
    testRequest.headers = new Headers({ host: "localhost:3000", origin: "null" });
    expect(await submitReportAction(body())).toMatchObject({ ok: false, status: 403 });
    expect(await snapshot()).toEqual(before);
  });

  it("checks roles: officials and chairs cannot use admin or approval actions they lack", async () => {
    const before = await snapshot();
    testRequest.user = official;
    expect(await submitReportAction(body())).toMatchObject({ status: 403 });
    expect(await updateReportDeadlineAction({ daysAfter: 0, hour: 1, minute: 0 })).toMatchObject({ status: 403 });
    testRequest.user = chair;
    expect(await approveReportAction({ wardCode: PHUC_TAN, day: yesterday, expectedVersion: 1 })).toMatchObject({ status: 403 });
    expect(await unlockReportAction({ wardCode: PHUC_TAN, day: yesterday, expectedVersion: 1, reason: "tự mở khoá" })).toMatchObject({ status: 403 });
    expect(await approveDistrictDayAction({ districtCode: HOAN_KIEM, day: yesterday })).toMatchObject({ status: 403 });
    for (const call of [
      () => createUserAction({ username: "phuong.moi", displayName: "Mới", role: "ADMIN", password: "mat-khau-dai-du" }),
      () => updateUserAction({ userId: chair.id, displayName: "X Y", role: "ADMIN", unitCode: null }),
      () => setUserDisabledAction({ userId: admin.id, disabled: true }),
      () => resetPasswordAction({ userId: admin.id, password: "mat-khau-cua-ke-gian" }),
    ]) {
      expect(await call()).toMatchObject({ ok: false, status: 403 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 400 with messages next to each field for a malformed body", async () => {
    testRequest.user = chair;
    const result = await submitReportAction(body({ scans: "-3", installs: "9000", day: "2099-01-01" }));
    expect(result.ok).toBe(false);
    if (result.ok || result.status !== 400) throw new Error("expected 400");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["day", "installs", "scans"]);
    const cross = await submitReportAction(body({ installs: "9000" }));
    expect(cross.ok === false && cross.status === 400 && cross.fieldErrors?.installs).toBeTruthy();
    for (const raw of [null, "x", 42, [], { wardCode: { $ne: "" } }]) {
      expect(await submitReportAction(raw)).toMatchObject({ ok: false, status: 400 });
    }
    expect((await snapshot()).reports).toBe(0);
  });

  it("saves, then reports a version conflict with the saved values, then locks after approval", async () => {
    testRequest.user = chair;
    const saved = await submitReportAction(body());
    expect(saved).toMatchObject({ ok: true, data: { created: true, report: { version: 1 } } });
    expect(testRequest.revalidated).toBe(1);
    await submitReportAction(body({ expectedVersion: 1, scans: "950" }));
    const conflict = await submitReportAction(body({ expectedVersion: 1, scans: "999" }));
    expect(conflict).toMatchObject({ ok: false, status: 409, current: { version: 2, values: { scans: 950 } } });

    testRequest.user = official;
    expect(await approveReportAction({ wardCode: PHUC_TAN, day: yesterday, expectedVersion: 2 })).toMatchObject({ ok: true, data: { report: { status: "APPROVED" } } });
    testRequest.user = chair;
    expect(await submitReportAction(body({ expectedVersion: 3, scans: "1000" }))).toMatchObject({ ok: false, status: 423 });
    testRequest.user = official;
    expect(await unlockReportAction({ wardCode: PHUC_TAN, day: yesterday, expectedVersion: 3, reason: "x" })).toMatchObject({ status: 400 });
    expect(await unlockReportAction({ wardCode: PHUC_TAN, day: yesterday, expectedVersion: 3, reason: "Phường nhập nhầm" })).toMatchObject({ ok: true });
    testRequest.user = chair;
    expect(await submitReportAction(body({ expectedVersion: 4, scans: "1000" }))).toMatchObject({ ok: true });
  });

  it("asks for confirmation and a note before saving figures with warnings", async () => {
    testRequest.user = chair;
    const earlier = new Date(Date.parse(`${yesterday}T00:00:00Z`) - 24 * 3600_000).toISOString().slice(0, 10);
    await submitReportAction(body({ day: earlier }));
    const first = await submitReportAction(body({ installs: "3000" }));
    expect(first).toMatchObject({ ok: false, status: 422, noteRequired: true });
    if (first.ok || !("warnings" in first)) throw new Error("expected 422 with warnings");
    const keys = first.warnings.map((w) => `${w.code}:${w.field}`);
    expect(await submitReportAction(body({ installs: "3000", confirmedWarnings: keys }))).toMatchObject({ status: 422 });
    expect(await submitReportAction(body({ installs: "3000", confirmedWarnings: keys, note: "Lọc trùng" }))).toMatchObject({ ok: true });
  });

  it("hides internal errors behind a plain 500 message", async () => {
    testRequest.user = chair;
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await withDatabaseDown(db, () => submitReportAction(body()));
    spy.mockRestore();
    expect(result).toEqual({ ok: false, status: 500, message: "Đã có lỗi trên máy chủ, chưa lưu được. Vui lòng thử lại sau ít phút." });
  });

  it("admins manage users through the actions; unknown ids are 404", async () => {
    testRequest.user = admin;
    const created = await createUserAction({ username: "phuong.hangbo", displayName: "Lê Văn C", role: "WARD_CHAIR", unitCode: "00052", password: "mat-khau-dai-du" });
    expect(created).toMatchObject({ ok: true });
    expect(await createUserAction({ username: "phuong.hangbo", displayName: "Lê Văn C", role: "WARD_CHAIR", unitCode: "00052", password: "mat-khau-dai-du" })).toMatchObject(
      { ok: false, status: 400, fieldErrors: { username: ["Tên đăng nhập này đã có"] } },
    );
    expect(await resetPasswordAction({ userId: 999_999, password: "mat-khau-dai-du" })).toMatchObject({ ok: false, status: 404 });
    expect(await setUserDisabledAction({ userId: admin.id, disabled: true })).toMatchObject({ ok: false, status: 403 });
    expect(await updateReportDeadlineAction({ daysAfter: 1, hour: 11, minute: 30 })).toEqual({ ok: true, data: { description: "11:30 ngày hôm sau" } });
  });
});
