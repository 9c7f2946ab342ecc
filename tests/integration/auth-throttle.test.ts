import path from "node:path";
import { createRequire } from "node:module";
import type { AuthOptions } from "next-auth";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { verifyPassword } from "@/lib/auth/password";
import { THROTTLE } from "@/lib/auth/throttle";
import { serveDatabaseForTests } from "@/lib/db";
import { PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Sign-in throttling against a real database (PGlite and PostgreSQL): parallel attempts never get
// more password checks than the limit (counted through the injected verifier, which runs the real
// argon2 check), a NUL in the credentials is refused before the database, a database outage while
// reading a session is "unavailable" (503), never "signed out", next-auth's URLs follow the
// request's own origin without NEXTAUTH_URL, and an admin clears a block through the server action
// (audited). The action gets the session and the request headers from the test (as
// tests/integration/actions.test.ts); the database is the real one.

const state = vi.hoisted(() => ({ user: null as SessionUser | null, headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const { authorizeCredentials, buildAuthOptions } = await import("@/lib/auth/config");
const { clearSignInBlockAction } = await import("@/lib/actions/sign-in-blocks");
const { listSignInBlocks } = await import("@/lib/auth/sign-in-blocks");
const { errorResponse } = await import("@/lib/requests/route");
const { DatabaseUnavailableError } = await import("@/lib/auth/unavailable");

type ResponseInternal = { status?: number; body?: unknown; redirect?: string; cookies?: { name: string; value: string; options: { maxAge?: number } }[] };
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: AuthOptions }) => Promise<ResponseInternal>;
};

const SECRET = "test-secret-that-is-long-enough-0123456789";

describeOnBothDatabases("sign-in throttling", (open) => {
  let db: TestDatabase;
  let clock = new Date();
  let checks = 0;
  let admin: SessionUser & { password: string };
  let chair: SessionUser & { password: string };

  const deps = (over: { prisma?: () => Promise<TestDatabase["prisma"]> } = {}) => ({
    prisma: over.prisma ?? (async () => db.prisma),
    secret: SECRET,
    secureCookies: false,
    trustedProxies: 0,
    now: () => clock,
    verify: async (hash: string | null, password: string) => {
      checks += 1;
      return hash !== null && (await verifyPassword(hash, password));
    },
  });

  const attempt = (username: string, password: string, ip: string) =>
    authorizeCredentials(deps(), { username, password }, { "x-forwarded-for": ip }).then(
      (user) => (user ? "ok" : "wrong"),
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );

  beforeAll(async () => {
    // Up to 250 attempts at once share the pool of 4 connections: on PostgreSQL each may wait for
    // one longer than the app's 3 s (lib/db/deadlines.ts; deadlines are db-health's subject), so
    // on a busy machine no attempt ends as "unavailable" half-way and the counts stay exact.
    db = await open({ deadlines: { connectTimeoutMs: 120_000, queryTimeoutMs: 120_000 } });
    await seedUnits(db.prisma);
    admin = await createTestUser(db.prisma, { role: "ADMIN", username: "admin-throttle" });
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN, username: "phuong.throttle" });
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    await db?.dispose();
  });
  beforeEach(async () => {
    clock = new Date(clock.getTime() + 24 * 3600_000); // fresh windows
    checks = 0;
  });

  it("250 parallel wrong passwords for one account from one address: exactly the pair limit of password checks", async () => {
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => attempt(chair.username, `sai-${i}`, "198.51.100.7")));
    expect(checks).toBe(THROTTLE.perPair);
    expect(results.filter((r) => r === "wrong")).toHaveLength(THROTTLE.perPair);
    expect(results.filter((r) => /^RateLimited_1[45]$/.test(r))).toHaveLength(250 - THROTTLE.perPair);
  });

  it("a block lasts the whole window from its first failure, even when the pair signed in successfully minutes before", async () => {
    expect(await attempt(chair.username, chair.password, "198.51.100.8")).toBe("ok");
    clock = new Date(clock.getTime() + 2 * 60_000);
    for (let i = 0; i < THROTTLE.perPair; i++) expect(await attempt(chair.username, `sai-${i}`, "198.51.100.8")).toBe("wrong");
    // blocked for 15 minutes from the first failure, not 13 from the earlier success
    expect(await attempt(chair.username, chair.password, "198.51.100.8")).toBe("RateLimited_15");
    clock = new Date(clock.getTime() + 14 * 60_000);
    expect(await attempt(chair.username, chair.password, "198.51.100.8")).toBe("RateLimited_1");
    clock = new Date(clock.getTime() + 60_000 + 1);
    expect(await attempt(chair.username, chair.password, "198.51.100.8")).toBe("ok");
  });

  it("200 parallel wrong passwords for one account from 200 addresses: exactly the account limit of checks; the owner's address is spared", async () => {
    const office = "198.51.100.200";
    expect(await attempt(chair.username, chair.password, office)).toBe("ok");
    checks = 0;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(chair.username, `sai-${i}`, `10.1.0.${i}`)));
    expect(checks).toBe(THROTTLE.perAccount);
    expect(results.filter((r) => r === "wrong")).toHaveLength(THROTTLE.perAccount);
    expect(results.filter((r) => /^RateLimited_1[45]$/.test(r))).toHaveLength(200 - THROTTLE.perAccount);
    // a new address waits, without a password check, even with the right password
    expect(await attempt(chair.username, chair.password, "10.3.0.1")).toMatch(/^RateLimited_\d+$/);
    expect(checks).toBe(THROTTLE.perAccount);
    // the address the owner signed in from before is not blocked
    expect(await attempt(chair.username, chair.password, office)).toBe("ok");
  });

  it("120 parallel attempts on 120 usernames from one address: exactly the address limit of checks", async () => {
    await Promise.all(Array.from({ length: 120 }, (_, i) => attempt(`spray-${i}`, "Password1!", "203.0.113.99")));
    expect(checks).toBe(THROTTLE.perAddress);
  });

  it("refuses a NUL or another control character with InvalidInput, before any database work or check", async () => {
    const before = await db.prisma.signInThrottle.count();
    for (const credentials of [
      { username: "admin\u0000", password: "x" },
      { username: admin.username, password: `${admin.password}\u0000` },
      { username: "a\u001bb", password: "x" },
    ]) {
      await expect(authorizeCredentials(deps(), credentials, {})).rejects.toThrow("InvalidInput");
    }
    expect(checks).toBe(0);
    expect(await db.prisma.signInThrottle.count()).toBe(before);
    // through next-auth's handler: the form gets ?error=InvalidInput, not a server error
    const options = buildAuthOptions(deps());
    const csrf = await AuthHandler({ req: { method: "GET", action: "csrf", cookies: {}, headers: {}, query: {} }, options });
    const token = (csrf.body as { csrfToken: string }).csrfToken;
    const jar = Object.fromEntries((csrf.cookies ?? []).map((c) => [c.name, c.value]));
    const res = await AuthHandler({
      req: { method: "POST", action: "callback", providerId: "credentials", cookies: jar, headers: {}, query: {}, body: { csrfToken: token, username: "admin\u0000", password: "x" } },
      options,
    });
    expect(new URL(res.redirect ?? "http://x/").searchParams.get("error")).toBe("InvalidInput");
  });

  it("a database outage while reading a session says 'unavailable' (503) and keeps the session; it works again after", async () => {
    const options = buildAuthOptions(deps());
    clock = new Date();
    const csrf = await AuthHandler({ req: { method: "GET", action: "csrf", cookies: {}, headers: {}, query: {} }, options });
    const token = (csrf.body as { csrfToken: string }).csrfToken;
    let jar: Record<string, string> = Object.fromEntries((csrf.cookies ?? []).map((c) => [c.name, c.value]));
    const signIn = await AuthHandler({
      req: {
        method: "POST",
        action: "callback",
        providerId: "credentials",
        cookies: jar,
        headers: { "x-forwarded-for": "198.51.100.50" },
        query: {},
        body: { csrfToken: token, username: chair.username, password: chair.password },
      },
      options,
    });
    for (const c of signIn.cookies ?? []) jar = { ...jar, [c.name]: c.value };
    // a real outage: nothing listens on port 1
    const { openDatabase } = await import("@/lib/db/open");
    const unreachable = await openDatabase({ url: "postgres://postgres@127.0.0.1:1/none", connectTimeoutMs: 500, migrate: false });
    const down = buildAuthOptions(deps({ prisma: async () => unreachable.prisma }));
    const during = await AuthHandler({ req: { method: "GET", action: "session", cookies: jar, headers: {}, query: {} }, options: down });
    await unreachable.close();
    expect(during.body).toMatchObject({ unavailable: true });
    expect((during.body as Record<string, unknown>).user).toBeUndefined();
    // the re-issued cookie still holds the session (an outage never signs anybody out)
    const reissued = { ...jar };
    for (const c of during.cookies ?? []) reissued[c.name] = c.value;
    expect(reissued["next-auth.session-token"]).toBeTruthy();
    const after = await AuthHandler({ req: { method: "GET", action: "session", cookies: reissued, headers: {}, query: {} }, options });
    expect(after.body).toMatchObject({ user: { username: chair.username } });
    // readers answer it 503 with Retry-After
    const response = errorResponse(new DatabaseUnavailableError());
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("15");
  });

  it("without NEXTAUTH_URL, next-auth's redirects use the request's own origin", async () => {
    const saved = { url: process.env.NEXTAUTH_URL, trust: process.env.AUTH_TRUST_HOST };
    delete process.env.NEXTAUTH_URL;
    process.env.AUTH_TRUST_HOST = "1"; // what getAuthOptions sets when NEXTAUTH_URL is unset
    try {
      const options = buildAuthOptions(deps());
      const headers = { host: "wardwatch.lan:8080", "x-forwarded-host": "wardwatch.lan:8080", "x-forwarded-proto": "http", "x-forwarded-for": "192.168.1.9" };
      const csrf = await AuthHandler({ req: { method: "GET", action: "csrf", cookies: {}, headers, query: {} }, options });
      const token = (csrf.body as { csrfToken: string }).csrfToken;
      const jar = Object.fromEntries((csrf.cookies ?? []).map((c) => [c.name, c.value]));
      const res = await AuthHandler({
        req: { method: "POST", action: "callback", providerId: "credentials", cookies: jar, headers, query: {}, body: { csrfToken: token, username: chair.username, password: chair.password, callbackUrl: "/entry" } },
        options,
      });
      expect(res.redirect).toBe("http://wardwatch.lan:8080/entry");
    } finally {
      if (saved.url === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved.url;
      if (saved.trust === undefined) delete process.env.AUTH_TRUST_HOST;
      else process.env.AUTH_TRUST_HOST = saved.trust;
    }
  });

  it("an admin lists the blocks in force and clears one through the server action, audited; nobody else may", async () => {
    clock = new Date(); // the action works on the real clock
    serveDatabaseForTests(db);
    const ip = "198.51.100.77";
    for (let i = 0; i < THROTTLE.perPair; i++) await attempt(chair.username, `sai-${i}`, ip);
    expect(await attempt(chair.username, chair.password, ip)).toMatch(/^RateLimited_\d+$/);
    const blocks = await listSignInBlocks(db.prisma, admin, new Date());
    const block = blocks.find((b) => b.scope === "pair" && b.username === chair.username && b.ip === ip);
    expect(block).toMatchObject({ failures: THROTTLE.perPair + 1 });
    await expect(listSignInBlocks(db.prisma, chair, new Date())).rejects.toThrow();

    state.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
    state.user = chair;
    expect(await clearSignInBlockAction({ scope: "pair", username: chair.username, ip })).toMatchObject({ ok: false, status: 403 });
    state.user = admin;
    expect(await clearSignInBlockAction({ scope: "pair", username: chair.username, ip: "" })).toMatchObject({ ok: false, status: 400 });
    expect(await clearSignInBlockAction({ scope: "pair", username: chair.username, ip, reason: "Chủ tịch phường gọi điện xác nhận" })).toEqual({
      ok: true,
      data: { cleared: true },
    });
    expect(await attempt(chair.username, chair.password, ip)).toBe("ok");
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "signin.unblock" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ userId: admin.id, entity: "sign_in_block", unitCode: null, reason: "Chủ tịch phường gọi điện xác nhận" });
    expect(audit?.before).toMatchObject({ scope: "pair", username: chair.username, ip, failures: THROTTLE.perPair + 1 });
    // gone already: 404
    expect(await clearSignInBlockAction({ scope: "pair", username: chair.username, ip })).toMatchObject({ ok: false, status: 404 });
  });
});
