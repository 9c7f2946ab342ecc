import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import type { AuthOptions } from "next-auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildAuthOptions, SESSION_ABSOLUTE_MAX_SECONDS, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/config";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AuthSecretError, resolveAuthSecret } from "@/lib/auth/secret";
import { ATTEMPT_LOG_RETENTION_MS } from "@/lib/auth/attempt-log";
import { THROTTLE } from "@/lib/auth/throttle";
import { resetPassword, setUserDisabled, updateUser } from "@/lib/data/users";
import type { SessionUser } from "@/lib/permissions";
import { HA_NOI, HO_CHI_MINH, QUAN_1, seedOtherProvince } from "../factories/provinces";
import { BA_DINH, DONG_XUAN, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Sign-in, sessions and their security through next-auth's own request handler (the code behind
// /api/auth/*), with WardWatch's options, on both databases: CSRF on sign-in and sign-out, no open
// redirect, cookie flags, brute-force limits per (account, address) pair, account and address, and sessions that stop
// at the next request after a sign-out, a disable, a role change or a password reset.

// next-auth's request handler (what /api/auth/* and getServerSession run). The package does not
// export "./core", so it is loaded by path.
type RequestInternal = {
  method?: string;
  cookies?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  action: "csrf" | "session" | "callback" | "signout" | "signin" | "providers" | "error";
  providerId?: string;
};
type ResponseInternal = {
  status?: number;
  body?: unknown;
  redirect?: string;
  cookies?: { name: string; value: string; options: { httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string; expires?: Date; maxAge?: number } }[];
};
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: RequestInternal; options: AuthOptions }) => Promise<ResponseInternal>;
};

type Jar = Record<string, string>;
const BASE = "http://localhost:3000";

function mergeCookies(jar: Jar, res: ResponseInternal): Jar {
  const next = { ...jar };
  for (const c of res.cookies ?? []) {
    if (c.value === "" || c.options?.maxAge === 0) delete next[c.name];
    else next[c.name] = c.value;
  }
  return next;
}

describeOnBothDatabases("sign-in and sessions", (open) => {
  let db: TestDatabase;
  let clock = new Date("2021-08-20T02:00:00Z");
  let options: AuthOptions;
  let secureOptions: AuthOptions;
  let admin: SessionUser & { password: string };
  let chair: SessionUser & { password: string };

  const deps = (secureCookies: boolean) => ({
    prisma: async () => db.prisma,
    secret: "test-secret-that-is-long-enough-0123456789",
    secureCookies,
    trustedProxies: 0,
    now: () => clock,
  });

  async function call(req: Omit<RequestInternal, "headers" | "query"> & { headers?: Record<string, string> }, opts = options) {
    return AuthHandler({ req: { headers: {}, query: {}, ...req }, options: opts });
  }

  async function csrf(opts = options): Promise<{ token: string; jar: Jar }> {
    const res = await call({ method: "GET", action: "csrf", cookies: {} }, opts);
    return { token: (res.body as { csrfToken: string }).csrfToken, jar: mergeCookies({}, res) };
  }

  async function signIn(username: string, password: string, extra: { ip?: string; callbackUrl?: string; opts?: AuthOptions } = {}) {
    const opts = extra.opts ?? options;
    const { token, jar } = await csrf(opts);
    const res = await call(
      {
        method: "POST",
        action: "callback",
        providerId: "credentials",
        cookies: jar,
        headers: { "x-forwarded-for": extra.ip ?? "203.0.113.10" },
        body: { csrfToken: token, username, password, callbackUrl: extra.callbackUrl ?? "/" },
      },
      opts,
    );
    return { res, jar: mergeCookies(jar, res), error: res.redirect ? new URL(res.redirect).searchParams.get("error") : null };
  }

  async function sessionOf(jar: Jar, opts = options): Promise<Record<string, unknown>> {
    const res = await call({ method: "GET", action: "session", cookies: jar }, opts);
    return (res.body ?? {}) as Record<string, unknown>;
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    options = buildAuthOptions(deps(false));
    secureOptions = buildAuthOptions(deps(true));
    admin = await createTestUser(db.prisma, { role: "ADMIN", username: "admin-test" });
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN, username: "phuong.phuctan" });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    clock = new Date(clock.getTime() + 24 * 3600_000); // a fresh rate-limit window for each test
  });

  it("signs in with the right password; the session names the user and never carries a hash", async () => {
    const { res, jar, error } = await signIn(chair.username, chair.password);
    expect(error).toBeNull();
    expect(res.redirect).toBe(`${BASE}/`);
    expect(jar["next-auth.session-token"]).toBeDefined();
    const session = await sessionOf(jar);
    expect(session.user).toEqual({
      id: chair.id,
      username: chair.username,
      displayName: chair.displayName,
      name: chair.displayName,
      role: "WARD_CHAIR",
      unitCode: PHUC_TAN,
      districtCode: "002",
    });
    expect(JSON.stringify(session)).not.toMatch(/argon2|passwordHash|password/i);
    const stored = await db.prisma.user.findUnique({ where: { id: chair.id }, select: { lastSignInAt: true } });
    expect(stored?.lastSignInAt?.toISOString()).toBe(clock.toISOString());
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, and Secure (with __Secure- prefix) in production", async () => {
    const plain = await signIn(chair.username, chair.password);
    const cookie = plain.res.cookies?.find((c) => c.name === "next-auth.session-token");
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect(cookie?.options.expires).toBeInstanceOf(Date);
    const maxAgeMs = (cookie?.options.expires as Date).getTime() - Date.now();
    expect(maxAgeMs).toBeLessThanOrEqual(8 * 3600_000 + 5_000);

    const secure = await signIn(chair.username, chair.password, { opts: secureOptions });
    const secureCookie = secure.res.cookies?.find((c) => c.name === "__Secure-next-auth.session-token");
    expect(secureCookie?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true });
    expect(Object.keys(secure.jar)).toContain("__Host-next-auth.csrf-token");
  });

  it("refuses a sign-in POST without the CSRF token (or with another one): no session", async () => {
    const { jar } = await csrf();
    for (const csrfToken of [undefined, "forged", "0".repeat(64)]) {
      const res = await call({
        method: "POST",
        action: "callback",
        providerId: "credentials",
        cookies: jar,
        body: { csrfToken, username: chair.username, password: chair.password },
      });
      expect(res.redirect).toContain("csrf=true");
      expect(res.cookies?.some((c) => c.name === "next-auth.session-token" && c.value)).toBe(false);
    }
    // a token without its cookie (a cross-site form cannot read or set it) is refused too
    const { token } = await csrf();
    const res = await call({
      method: "POST",
      action: "callback",
      providerId: "credentials",
      cookies: {},
      body: { csrfToken: token, username: chair.username, password: chair.password },
    });
    expect(res.redirect).toContain("csrf=true");
  });

  it("never redirects to another site through callbackUrl", async () => {
    for (const callbackUrl of ["https://evil.example/phish", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const { res } = await signIn(chair.username, chair.password, { callbackUrl });
      expect(res.redirect, callbackUrl).toBe(`${BASE}/`);
    }
    const { res } = await signIn(chair.username, chair.password, { callbackUrl: "/entry?day=2021-08-19" });
    expect(res.redirect).toBe(`${BASE}/entry?day=2021-08-19`);
  });

  it("says the same for a wrong password and an unknown user", async () => {
    expect((await signIn(chair.username, "wrong-password")).error).toBe("CredentialsSignin");
    expect((await signIn("no.such.user", "wrong-password")).error).toBe("CredentialsSignin");
  });

  it("writes every sign-in attempt to the authentication log: who, from where, when, and how it ended", async () => {
    const ip = "198.51.100.90";
    const since = clock;
    expect((await signIn(chair.username, "wrong-password", { ip })).error).toBe("CredentialsSignin");
    expect((await signIn("no.such.person", "wrong-password", { ip })).error).toBe("CredentialsSignin");
    expect((await signIn(chair.username, chair.password, { ip })).error).toBeNull();
    const rows = await db.prisma.loginAttempt.findMany({ where: { ip, at: { gte: since } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.kind, r.username, r.success, r.refusal, r.at.getTime()])).toEqual([
      ["sign_in", chair.username, false, "wrong", clock.getTime()],
      ["sign_in", "no.such.person", false, "wrong", clock.getTime()],
      ["sign_in", chair.username, true, null, clock.getTime()],
    ]);
    // a throttled attempt is written too, and rows older than 90 days go as new ones arrive
    for (let i = 0; i < THROTTLE.perPair; i++) await signIn("spray.target", `wrong-${i}`, { ip });
    expect((await signIn("spray.target", "anything", { ip })).error).toMatch(/^RateLimited_\d+$/);
    expect(await db.prisma.loginAttempt.count({ where: { ip, refusal: "throttled" } })).toBe(1);
    clock = new Date(clock.getTime() + ATTEMPT_LOG_RETENTION_MS + 60_000);
    await signIn(chair.username, chair.password, { ip: "198.51.100.91" });
    expect(await db.prisma.loginAttempt.count({ where: { ip } })).toBe(0);
    expect(await db.prisma.loginAttempt.count({ where: { ip: "198.51.100.91" } })).toBe(1);
  });

  it("blocks an (account, address) pair after 5 failures in 15 minutes, even with the right password, then lets it in", async () => {
    const ip = "198.51.100.1";
    for (let i = 0; i < THROTTLE.perPair; i++) {
      expect((await signIn(chair.username, `wrong-${i}`, { ip })).error).toBe("CredentialsSignin");
    }
    const blocked = await signIn(chair.username, chair.password, { ip });
    expect(blocked.error).toBe("RateLimited_15");
    expect(blocked.jar["next-auth.session-token"]).toBeUndefined();
    // the same account from another address is not this pair
    expect((await signIn(chair.username, chair.password, { ip: "198.51.100.2" })).error).toBeNull();
    clock = new Date(clock.getTime() + THROTTLE.windowMs + 1000);
    expect((await signIn(chair.username, chair.password, { ip })).error).toBeNull();
  });

  it("a success forgives the pair's failures", async () => {
    const ip = "198.51.100.3";
    for (let i = 0; i < THROTTLE.perPair - 1; i++) await signIn(chair.username, `wrong-${i}`, { ip });
    clock = new Date(clock.getTime() + 1000);
    expect((await signIn(chair.username, chair.password, { ip })).error).toBeNull();
    clock = new Date(clock.getTime() + 1000);
    for (let i = 0; i < THROTTLE.perPair - 1; i++) await signIn(chair.username, `wrong-${i}`, { ip });
    expect((await signIn(chair.username, chair.password, { ip })).error).toBeNull();
  });

  it("failures from many addresses block the account for new addresses, never for one it signed in from", async () => {
    const owner = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM, username: "quan.owner" });
    const office = "198.51.100.40";
    expect((await signIn(owner.username, owner.password, { ip: office })).error).toBeNull();
    clock = new Date(clock.getTime() + 60_000);
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect((await signIn(owner.username, `guess-${i}`, { ip: `192.0.2.${100 + i}` })).error).toBe("CredentialsSignin");
    }
    // a new address, even with the right password, waits for the window
    expect((await signIn(owner.username, owner.password, { ip: "192.0.2.200" })).error).toMatch(/^RateLimited_\d+$/);
    // the owner's office is spared
    expect((await signIn(owner.username, owner.password, { ip: office })).error).toBeNull();
  });

  it("blocks a client address after 30 failures across accounts, not other addresses", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.perAddress; i++) await signIn(`spray-${i}`, "Password1!", { ip });
    expect((await signIn(admin.username, admin.password, { ip })).error).toMatch(/^RateLimited_\d+$/);
    expect((await signIn(admin.username, admin.password, { ip: "192.0.2.78" })).error).toBeNull();
  });

  it("tells a disabled account so only when the password is right; its session stops at the next request", async () => {
    const { jar } = await signIn(chair.username, chair.password);
    expect((await sessionOf(jar)).user).toBeDefined();
    await setUserDisabled(admin, { userId: chair.id, disabled: true });
    expect((await sessionOf(jar)).user).toBeUndefined();
    expect((await signIn(chair.username, chair.password)).error).toBe("AccountDisabled");
    expect((await signIn(chair.username, "wrong")).error).toBe("CredentialsSignin");
    await setUserDisabled(admin, { userId: chair.id, disabled: false });
    // re-enabling does not bring the old session back
    expect((await sessionOf(jar)).user).toBeUndefined();
    expect((await signIn(chair.username, chair.password)).error).toBeNull();
  });

  it("signing out ends the session, even for a copy of the cookie; sign-out needs the CSRF token", async () => {
    const { jar } = await signIn(chair.username, chair.password);
    const copy = { ...jar };
    const noToken = await call({ method: "POST", action: "signout", cookies: jar, body: {} });
    expect(noToken.redirect).toContain("csrf=true");
    expect((await sessionOf(copy)).user).toBeDefined();
    const { token, jar: withCsrf } = await csrf();
    await call({ method: "POST", action: "signout", cookies: { ...jar, ...withCsrf }, body: { csrfToken: token } });
    expect((await sessionOf(copy)).user).toBeUndefined();
  });

  it("a role change or a password reset ends the user's sessions; the role comes from the database", async () => {
    const first = await signIn(chair.username, chair.password);
    await updateUser(admin, { userId: chair.id, displayName: "Chủ tịch mới", role: "WARD_CHAIR", unitCode: PHUC_TAN });
    const renamed = (await sessionOf(first.jar)).user as { displayName: string } | undefined;
    expect(renamed?.displayName).toBe("Chủ tịch mới"); // a rename keeps the session
    await updateUser(admin, { userId: chair.id, displayName: "Chủ tịch mới", role: "WARD_CHAIR", unitCode: DONG_XUAN });
    expect((await sessionOf(first.jar)).user).toBeUndefined();
    await updateUser(admin, { userId: chair.id, displayName: chair.displayName, role: "WARD_CHAIR", unitCode: PHUC_TAN });

    const second = await signIn(chair.username, chair.password);
    await resetPassword(admin, { userId: chair.id, password: "mat-khau-moi-dai-du" });
    expect((await sessionOf(second.jar)).user).toBeUndefined();
    expect((await signIn(chair.username, chair.password)).error).toBe("CredentialsSignin");
    expect((await signIn(chair.username, "mat-khau-moi-dai-du")).error).toBeNull();
    await resetPassword(admin, { userId: chair.id, password: chair.password });
  });

  it("a city official's session carries the province's districts, read from the unit table at every request", async () => {
    await seedOtherProvince(db.prisma);
    const official = await createTestUser(db.prisma, { role: "CITY_OFFICIAL", unitCode: HA_NOI, username: "thanhpho.hanoi" });
    const { jar, error } = await signIn(official.username, official.password);
    expect(error).toBeNull();
    const user = (await sessionOf(jar)).user as Record<string, unknown>;
    const hanoiDistricts = (await db.prisma.unit.findMany({ where: { parentCode: HA_NOI, level: "DISTRICT" }, orderBy: { code: "asc" }, select: { code: true } })).map(
      (d) => d.code,
    );
    expect(hanoiDistricts).toContain(HOAN_KIEM);
    expect(user).toMatchObject({ role: "CITY_OFFICIAL", unitCode: HA_NOI, provinceDistrictCodes: hanoiDistricts });
    expect(user.provinceDistrictCodes).not.toContain(QUAN_1);
    // no figures yet: pages open on the province's first district
    expect(user.districtCode).toBe(BA_DINH);
    // once a ward has figures, on its district
    await db.prisma.dailyFigure.create({ data: { unitCode: PHUC_TAN, day: new Date("2021-08-17"), source: "WARD_REPORT", smartphones: 10, installs: 5 } });
    expect(((await sessionOf(jar)).user as Record<string, unknown>).districtCode).toBe(HOAN_KIEM);
    await db.prisma.dailyFigure.deleteMany();
    // a district moved to another province leaves the scope at the next request, without signing in again
    await db.prisma.unit.update({ where: { code: QUAN_1 }, data: { parentCode: HA_NOI } });
    expect(((await sessionOf(jar)).user as Record<string, unknown>).provinceDistrictCodes).toContain(QUAN_1);
    await db.prisma.unit.update({ where: { code: QUAN_1 }, data: { parentCode: HO_CHI_MINH } });
    expect(((await sessionOf(jar)).user as Record<string, unknown>).provinceDistrictCodes).not.toContain(QUAN_1);
    // moved to another province by an admin: the old session ends
    await updateUser(admin, { userId: official.id, displayName: official.displayName, role: "CITY_OFFICIAL", unitCode: HO_CHI_MINH });
    expect((await sessionOf(jar)).user).toBeUndefined();
    const again = await signIn(official.username, official.password);
    expect((await sessionOf(again.jar)).user).toMatchObject({ unitCode: HO_CHI_MINH, districtCode: QUAN_1, provinceDistrictCodes: [QUAN_1] });
  });

  it("a session in use is renewed by /api/auth/session up to 12 hours after sign-in; an idle one ends after 8 hours", async () => {
    const hour = 3600_000;
    const renew = async (jar: Jar) => mergeCookies(jar, await call({ method: "GET", action: "session", cookies: jar }));
    const { jar: first } = await signIn(chair.username, chair.password);
    const signedInAt = clock.getTime();
    clock = new Date(signedInAt + 7 * hour);
    const renewed = await renew(first);
    expect(renewed["next-auth.session-token"]).not.toBe(first["next-auth.session-token"]);
    clock = new Date(signedInAt + 11 * hour);
    // 11 hours after sign-in but 4 after the renewal: still signed in; the cookie never renewed is not
    expect((await sessionOf(renewed)).user).toBeDefined();
    expect((await sessionOf(first)).user).toBeUndefined();
    const again = await renew(renewed);
    clock = new Date(signedInAt + SESSION_ABSOLUTE_MAX_SECONDS * 1000 - 60_000);
    expect((await sessionOf(again)).user).toBeDefined();
    clock = new Date(signedInAt + SESSION_ABSOLUTE_MAX_SECONDS * 1000 + 60_000);
    expect((await sessionOf(again)).user).toBeUndefined(); // whatever the activity
    // idle: 8 hours without a renewal
    const idle = await signIn(chair.username, chair.password);
    clock = new Date(clock.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
    expect((await sessionOf(idle.jar)).user).toBeDefined();
    clock = new Date(clock.getTime() + 120_000);
    expect((await sessionOf(idle.jar)).user).toBeUndefined();
  });

  it("ignores a tampered or foreign session cookie", async () => {
    const { jar } = await signIn(chair.username, chair.password);
    const token = jar["next-auth.session-token"] ?? "";
    const tampered = { "next-auth.session-token": `${token.slice(0, -4)}AAAA` };
    expect((await sessionOf(tampered)).user).toBeUndefined();
    const otherKey = buildAuthOptions({ ...deps(false), secret: "another-secret-that-is-long-enough-012345" });
    expect((await sessionOf(jar, otherKey)).user).toBeUndefined();
  });
});

describe("password hashing and the session key", () => {
  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("Mật khẩu có dấu tiếng Việt ơ ư đ");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "Mật khẩu có dấu tiếng Việt ơ ư đ")).toBe(true);
    expect(await verifyPassword(hash, "Mật khẩu có dấu tiếng Việt ơ ư d")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
    // every byte counts (bcrypt would ignore what follows byte 72)
    const long = "đ".repeat(40);
    expect(await verifyPassword(await hashPassword(long), `${long.slice(0, 36)}x${long.slice(37)}`)).toBe(false);
  });

  it("uses NEXTAUTH_SECRET when set, refuses a short one, else creates one secret file (0600) and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ww-secret-"));
    try {
      expect(resolveAuthSecret({ envSecret: "e".repeat(40), dataDir: dir })).toEqual({ secret: "e".repeat(40), source: "env" });
      expect(() => resolveAuthSecret({ envSecret: "short", dataDir: dir })).toThrow(AuthSecretError);
      const sub = path.join(dir, "nested", "data");
      const first = resolveAuthSecret({ envSecret: undefined, dataDir: sub });
      expect(first.source).toBe("file");
      expect(first.secret.length).toBeGreaterThanOrEqual(32);
      expect(fs.statSync(path.join(sub, "auth-secret")).mode & 0o777).toBe(0o600);
      expect(resolveAuthSecret({ envSecret: "", dataDir: sub }).secret).toBe(first.secret);
      fs.writeFileSync(path.join(sub, "auth-secret"), "short\n");
      expect(() => resolveAuthSecret({ envSecret: undefined, dataDir: sub })).toThrow(AuthSecretError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
