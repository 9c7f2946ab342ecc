import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { authorizeCredentials } from "@/lib/auth/config";
import { verifyPassword } from "@/lib/auth/password";
import { PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { closeServedDatabase, openServedDatabase, resetTestRequest, testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The password checks outside the sign-in form count on the sign-in throttle itself
// (lib/auth/throttle.ts, table sign_in_throttle), not on limits of their own: wrong current
// passwords on the change-password form and wrong sign-ins add up to one limit for the pair, a
// right current password is taken back as a sign-in's is, and the setup link's wrong tokens are
// counted under "setup:ADDRESS" and on the address's shared counter. Every attempt of each form is
// written to the authentication log (login_attempt, lib/auth/attempt-log.ts).

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));
const { changePasswordAction, createFirstAdminAction } = await import("@/lib/actions/users");

const from = (ip: string) => new Headers({ host: "localhost:3000", origin: "http://localhost:3000", "x-forwarded-for": ip });

describeOnBothDatabases("change-password and setup link on the sign-in throttle", (open) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(() => resetTestRequest());

  const signIn = (username: string, password: string, ip: string) =>
    authorizeCredentials(
      { prisma: async () => db.prisma, secret: "test-secret-that-is-long-enough-0123456789", secureCookies: false, trustedProxies: 0 },
      { username, password },
      { "x-forwarded-for": ip },
    ).then(
      (user) => (user ? "ok" : "wrong"),
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
  const counters = (username: string, ip: string) =>
    db.prisma.$queryRaw<{ scope: string; failures: number }[]>`
      SELECT scope, failures FROM sign_in_throttle
      WHERE (scope = 'pair' AND username = ${username} AND ip = ${ip}) OR (scope = 'account' AND username = ${username}) OR (scope = 'address' AND ip = ${ip})
      ORDER BY scope`;
  const change = (current: string) => changePasswordAction({ currentPassword: current, newPassword: "mat-khau-moi-dai-du", confirmPassword: "mat-khau-moi-dai-du" });

  it("wrong sign-ins and wrong current passwords add up to the pair's limit; then both forms are refused", async () => {
    const chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN, username: "phuong.chung.han" });
    const ip = "203.0.113.81";
    testRequest.passwordChangeAccount = { id: chair.id, username: chair.username, displayName: chair.displayName, mustChange: false };
    testRequest.headers = from(ip);

    for (let i = 0; i < 3; i++) expect(await signIn(chair.username, `sai-${i}`, ip)).toBe("wrong");
    for (let i = 0; i < 2; i++) expect(await change(`sai-doi-${i}`)).toMatchObject({ ok: false, status: 400, fieldErrors: { currentPassword: expect.any(Array) } });
    expect(await counters(chair.username, ip)).toEqual([
      { scope: "account", failures: 5 },
      { scope: "address", failures: 5 },
      { scope: "pair", failures: 5 },
    ]);
    // the sixth try, even with the right password, on either form
    expect(await change(chair.password)).toMatchObject({ ok: false, status: 429, message: expect.stringContaining("thử lại sau 15 phút") });
    expect(await signIn(chair.username, chair.password, ip)).toBe("RateLimited_15");
    expect(await verifyPassword((await db.prisma.user.findUniqueOrThrow({ where: { id: chair.id } })).passwordHash, chair.password)).toBe(true);
    const log = await db.prisma.loginAttempt.findMany({ where: { ip }, orderBy: { id: "asc" } });
    expect(log.map((r) => `${r.kind}:${r.username}:${r.refusal ?? "success"}`)).toEqual([
      ...Array(3).fill(`sign_in:${chair.username}:wrong`),
      ...Array(2).fill(`password_change:${chair.username}:wrong`),
      `password_change:${chair.username}:throttled`,
      `sign_in:${chair.username}:throttled`,
    ]);
  });

  it("a right current password is taken back, as a right sign-in is", async () => {
    const chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN, username: "phuong.doi.dung" });
    const ip = "203.0.113.82";
    testRequest.passwordChangeAccount = { id: chair.id, username: chair.username, displayName: chair.displayName, mustChange: true };
    testRequest.headers = from(ip);
    expect(await change("sai-mot-lan")).toMatchObject({ status: 400 });
    expect(await change(chair.password)).toEqual({ ok: true, data: { username: chair.username } });
    expect(await counters(chair.username, ip)).toEqual([
      { scope: "account", failures: 1 },
      { scope: "address", failures: 1 },
      { scope: "pair", failures: 0 },
    ]);
  });

  it("the setup link's wrong tokens count under setup:ADDRESS and on the address the sign-in form counts too", async () => {
    const ip = "198.51.100.83";
    testRequest.headers = from(ip);
    const body = { username: "quantri", displayName: "Quản Trị", password: "mot-mat-khau-dai", confirmPassword: "mot-mat-khau-dai" };
    for (let i = 0; i < 4; i++) expect(await createFirstAdminAction({ ...body, token: `${"w".repeat(42)}${i}` })).toMatchObject({ status: 403 });
    expect(await counters(`setup:${ip}`, ip)).toEqual([
      { scope: "account", failures: 4 },
      { scope: "address", failures: 4 },
      { scope: "pair", failures: 4 },
    ]);
    expect(await signIn("ai.do", "sai", ip)).toBe("wrong");
    expect(await counters("ai.do", ip)).toEqual([
      { scope: "account", failures: 1 },
      { scope: "address", failures: 5 },
      { scope: "pair", failures: 1 },
    ]);
    expect(await createFirstAdminAction({ ...body, token: `${"w".repeat(42)}x` })).toMatchObject({ status: 403 });
    expect(await createFirstAdminAction({ ...body, token: `${"w".repeat(42)}y` })).toMatchObject({ ok: false, status: 429 });
    const setupLog = await db.prisma.loginAttempt.findMany({ where: { ip, kind: "setup_link" }, orderBy: { id: "asc" } });
    expect(setupLog.map((r) => `${r.username}:${r.refusal ?? "success"}`)).toEqual([...Array(5).fill(`setup:${ip}:wrong`), `setup:${ip}:throttled`]);
  });
});
