import path from "node:path";
import { createRequire } from "node:module";
import type { AuthOptions, Session } from "next-auth";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { buildAuthOptions } from "@/lib/auth/config";
import { fileDigest } from "@/lib/auth/bulk-users";
import { verifyPassword } from "@/lib/auth/password";
import { createBulkUsers, resetPassword } from "@/lib/data/users";
import type { SessionUser } from "@/lib/permissions";
import { z } from "zod";
import { PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { closeServedDatabase, openServedDatabase, testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The forced password change at the first sign-in (issue 12), enforced on the server: an account
// whose password an admin set (bulk creation, a reset with the box ticked) signs in to a session
// that is nobody to every page guard, server action and route handler; only the change-password
// page and its action see it. Through next-auth's own handler and the app's real session, action
// and route wrappers (only next-auth's getServerSession is fed the handler's answer).

const state = vi.hoisted(() => {
  // the session key comes from here, so no secret file is written next to the tests
  process.env.NEXTAUTH_SECRET = "test-secret-that-is-long-enough-0123456789";
  return { session: null as Session | null };
});
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => state.session }));
vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
const { getPasswordChangeAccount, getSessionUser, requireRole, requireUser } = await import("@/lib/auth/session");
const { changePasswordAction, createUserAction } = await import("@/lib/actions/users");
const { route } = await import("@/lib/requests/route");
const { session: signedIn } = await import("@/lib/requests/guard");

type RequestInternal = {
  method?: string;
  cookies?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  action: "csrf" | "session" | "callback";
  providerId?: string;
};
type ResponseInternal = { redirect?: string; body?: unknown; cookies?: { name: string; value: string; options?: { maxAge?: number } }[] };
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: RequestInternal; options: AuthOptions }) => Promise<ResponseInternal>;
};
type Jar = Record<string, string>;

function mergeCookies(jar: Jar, res: ResponseInternal): Jar {
  const next = { ...jar };
  for (const c of res.cookies ?? []) {
    if (c.value === "" || c.options?.maxAge === 0) delete next[c.name];
    else next[c.name] = c.value;
  }
  return next;
}

const sameOrigin = (ip = "203.0.113.50") => new Headers({ host: "localhost:3000", origin: "http://localhost:3000", "x-forwarded-for": ip });

describeOnBothDatabases("forced password change", (open) => {
  let db: TestDatabase;
  let options: AuthOptions;
  let admin: SessionUser & { password: string };

  const call = (req: RequestInternal) => AuthHandler({ req: { headers: {}, query: {}, ...req }, options });

  async function signIn(username: string, password: string, ip = "203.0.113.50"): Promise<{ jar: Jar; error: string | null }> {
    const csrf = await call({ method: "GET", action: "csrf", cookies: {} });
    const jar = mergeCookies({}, csrf);
    const res = await call({
      method: "POST",
      action: "callback",
      providerId: "credentials",
      cookies: jar,
      headers: { "x-forwarded-for": ip },
      body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, username, password, callbackUrl: "/" },
    });
    return { jar: mergeCookies(jar, res), error: res.redirect ? new URL(res.redirect).searchParams.get("error") : null };
  }

  /** What getServerSession answers for this browser (the session endpoint's body). */
  async function useSessionOf(jar: Jar): Promise<Session> {
    const res = await call({ method: "GET", action: "session", cookies: jar });
    state.session = (res.body ?? null) as Session | null;
    return (res.body ?? {}) as Session;
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    options = buildAuthOptions({ prisma: async () => db.prisma, secret: "test-secret-that-is-long-enough-0123456789", secureCookies: false, trustedProxies: 0 });
    admin = await createTestUser(db.prisma, { role: "ADMIN", username: "quantri.chinh" });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(() => {
    testRequest.headers = sameOrigin();
    state.session = null;
  });

  it("an account whose password an admin reset (box ticked) signs in to a session that can do nothing but change it", async () => {
    const other = await createTestUser(db.prisma, { role: "ADMIN", username: "quantri.moi" });
    expect((await resetPassword(admin, { userId: other.id, password: "mat-khau-tam-thoi", mustChangePassword: true })).ok).toBe(true);
    const { jar, error } = await signIn("quantri.moi", "mat-khau-tam-thoi");
    expect(error).toBeNull();
    const session = await useSessionOf(jar);
    expect(session.user).toBeUndefined();
    expect(session.passwordChange).toEqual({ id: other.id, username: "quantri.moi", displayName: other.displayName });

    // page guards send it to the change-password page; the session has no user for anything else
    expect(await getSessionUser()).toBeNull();
    await expect(requireUser("/admin/users")).rejects.toThrow("REDIRECT /account/password");
    await expect(requireRole(["ADMIN"], "/admin/users")).rejects.toThrow("REDIRECT /account/password");
    expect(await getPasswordChangeAccount()).toEqual({ id: other.id, username: "quantri.moi", displayName: other.displayName, mustChange: true });

    // server actions (even an admin's) and route handlers answer 401 and change nothing
    const users = await db.prisma.user.count();
    expect(
      await createUserAction({ username: "ke.gian", displayName: "Kẻ Gian", role: "ADMIN", unitCode: null, password: "mat-khau-ke-gian" }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(await db.prisma.user.count()).toBe(users);
    const handler = route(signedIn().input(z.object({}), { read: () => ({}) }), async () => new Response("secret"));
    expect((await handler(new Request("http://localhost:3000/api/v1/x"))).status).toBe(401);

    // the change itself: same origin, the current password, a new one following the rules
    testRequest.headers = new Headers({ host: "localhost:3000", origin: "https://evil.example" });
    const body = { currentPassword: "mat-khau-tam-thoi", newPassword: "mat-khau-rieng-cua-toi", confirmPassword: "mat-khau-rieng-cua-toi" };
    expect(await changePasswordAction(body)).toMatchObject({ ok: false, status: 403 });
    testRequest.headers = sameOrigin();
    expect(await changePasswordAction({ ...body, currentPassword: "sai-mat-khau" })).toMatchObject({
      status: 400,
      fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng"] },
    });
    expect(await changePasswordAction({ ...body, newPassword: "QuanTri.Moi-2026", confirmPassword: "QuanTri.Moi-2026" })).toMatchObject({
      status: 400,
      fieldErrors: { newPassword: ["Mật khẩu không được chứa tên đăng nhập"] },
    });
    expect(await changePasswordAction(body)).toEqual({ ok: true, data: { username: "quantri.moi" } });

    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: other.id }, select: { mustChangePassword: true, passwordHash: true } });
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, body.newPassword)).toBe(true);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "user.password_reset", entityKey: "quantri.moi", userId: other.id },
      select: { reason: true, before: true, after: true },
    });
    expect(audit).toEqual({ reason: expect.stringContaining("Tự đổi mật khẩu ban đầu"), before: null, after: null });

    // the change ends the session that had the admin's password; the new password gives a full session
    expect((await useSessionOf(jar)).passwordChange).toBeUndefined();
    expect(await getPasswordChangeAccount()).toBeNull();
    const again = await signIn("quantri.moi", body.newPassword);
    expect((await useSessionOf(again.jar)).user).toMatchObject({ username: "quantri.moi", role: "ADMIN" });
    expect(await requireRole(["ADMIN"])).toMatchObject({ id: other.id });
    expect(await getPasswordChangeAccount()).toMatchObject({ mustChange: false });
  });

  it("accounts created in bulk must change their password first", async () => {
    const file = new TextEncoder().encode(`username,display_name,role,unit_code\r\nphuong.phuctan.moi,Chủ tịch Mới,WARD_CHAIR,${PHUC_TAN}\r\n`);
    const created = await createBulkUsers(admin, file, fileDigest(file));
    if (!created.ok) throw new Error("bulk creation failed");
    const password = created.accounts[0]?.password ?? "";
    const { jar } = await signIn("phuong.phuctan.moi", password, "203.0.113.60");
    expect((await useSessionOf(jar)).passwordChange).toMatchObject({ username: "phuong.phuctan.moi" });
    await expect(requireUser("/entry")).rejects.toThrow("REDIRECT /account/password");
  });

  it("wrong current passwords count against the sign-in limit; no session, no change", async () => {
    const chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN, username: "phuong.gioi.han", mustChangePassword: true });
    const { jar } = await signIn(chair.username, chair.password, "203.0.113.70");
    expect((await useSessionOf(jar)).passwordChange).toMatchObject({ username: "phuong.gioi.han" });
    testRequest.headers = sameOrigin("203.0.113.70");
    const body = (current: string) => ({ currentPassword: current, newPassword: "mat-khau-moi-dai-du", confirmPassword: "mat-khau-moi-dai-du" });
    for (let i = 0; i < 5; i++) expect(await changePasswordAction(body(`sai-${i}`))).toMatchObject({ status: 400 });
    expect(await changePasswordAction(body(chair.password))).toMatchObject({ ok: false, status: 429 });

    state.session = null;
    expect(await changePasswordAction(body(chair.password))).toMatchObject({ ok: false, status: 401 });
    expect(await verifyPassword((await db.prisma.user.findUniqueOrThrow({ where: { id: chair.id } })).passwordHash, chair.password)).toBe(true);
  });

  it("an admin's own new password is never marked for a forced change", async () => {
    await resetPassword(admin, { userId: admin.id, password: "mat-khau-quan-tri-moi", mustChangePassword: true });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: admin.id }, select: { mustChangePassword: true } })).mustChangePassword).toBe(false);
  });
});
