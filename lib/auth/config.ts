import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { getPrisma } from "../db.ts";
import { dataDirectory, readEnv } from "../env.ts";
import { ROLES, type SessionUser } from "../permissions.ts";
import { CredentialsSchema, hasControlCharacters } from "../schemas/user.ts";
import { loadSessionState, markSignedIn, revokeSessions, signInCandidate } from "./accounts-store.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";
import { clientAddress } from "./rate-limit.ts";
import { logAttempt, type AttemptOutcome } from "./attempt-log.ts";
import { minutesUntil, pruneThrottle, recordSuccess, reserveAttempt } from "./throttle.ts";
import { safeCallbackPath } from "./redirect.ts";
import { decodeSessionToken, encodeSessionToken } from "./session-codec.ts";
import { resolveAuthSecret } from "./secret.ts";

// next-auth 4 with the Credentials provider and JWT sessions (the only kind it allows with
// credentials). A JWT cannot be revoked by itself, so the token carries the account's
// `sessionVersion` and the jwt callback reloads the account on every request: a disabled account,
// a changed role or password, or a sign-out (which bumps the version) end the session at its next
// request, and the role and unit used for authorization are always the database's.
//
// Lifetime: 8 hours idle, 12 hours absolute. next-auth re-issues the cookie (new expiry) only where
// it can set cookies: /api/auth/session, which components/auth/session-keep-alive.tsx calls while
// the user is active (server components cannot set cookies). The token carries `seenAt` (when the
// cookie was last issued) and `authAt` (sign-in); the jwt callback enforces both limits itself, so
// they hold whatever the cookie's expiry says.

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    /** the database could not be read to check the session (lib/auth/session.ts answers 503) */
    unavailable?: true;
    /**
     * Set instead of `user` while the account must change the password an admin gave it: such a
     * session is nobody to every page, action and route (lib/auth/session.ts), except the
     * change-password page, which reads this.
     */
    passwordChange?: PasswordChangeAccount;
  }
}

/** Who is signed in while a password change is due: enough to show the change-password page. */
export type PasswordChangeAccount = { id: number; username: string; displayName: string };

/** Idle limit: a session not used for 8 hours (a working day) has expired. Also the cookie's lifetime. */
export const SESSION_MAX_AGE_SECONDS = 8 * 3600;
/** Absolute limit: whatever the activity, sign in again after 12 hours. */
export const SESSION_ABSOLUTE_MAX_SECONDS = 12 * 3600;

/** Error codes passed from the sign-in check to the sign-in form (`?error=`). */
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  disabled: "AccountDisabled",
  rateLimitedPrefix: "RateLimited",
  unavailable: "ServiceUnavailable",
  /** a control character (NUL, …) in the username or password: refused before anything runs */
  invalidInput: "InvalidInput",
} as const;

class SignInRefused extends Error {}

const SessionUserSchema = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  /** a city official's districts (lib/permissions.ts SessionUser) */
  provinceDistrictCodes: z.array(z.string()).optional(),
});

/** The user in a session as next-auth hands it over: checked, never trusted as is. */
export function parseSessionUser(value: unknown): SessionUser | null {
  const parsed = SessionUserSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const PasswordChangeAccountSchema = z.object({ id: z.number().int().positive(), username: z.string(), displayName: z.string() });

/** The account of a session that must change its password first, or null. */
export function parsePasswordChangeAccount(value: unknown): PasswordChangeAccount | null {
  const parsed = PasswordChangeAccountSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const TokenClaimsSchema = z.object({
  sub: z.string().regex(/^\d{1,10}$/),
  sv: z.number().int().positive(),
  authAt: z.number().int().positive(),
  /** when the cookie was last issued (tokens issued before this field: authAt) */
  seenAt: z.number().int().positive().optional(),
});

export type AuthDependencies = {
  prisma: () => Promise<PrismaClient>;
  secret: string;
  secureCookies: boolean;
  /** reverse proxies in front of the app that append to X-Forwarded-For */
  trustedProxies: number;
  now?: () => Date;
  /** the password check (tests count the checks through it); `hash` null: no such account */
  verify?: (hash: string | null, password: string) => Promise<boolean>;
};

const defaultVerify = (hash: string | null, password: string) => (hash === null ? verifyAgainstDummy(password) : verifyPassword(hash, password));

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== "object") return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}

/** The sign-in check, exported for tests: a user, or null for a wrong username/password. */
export async function authorizeCredentials(
  deps: AuthDependencies,
  credentials: unknown,
  headers: unknown,
): Promise<{ id: string; name: string; sessionVersion: number } | null> {
  const parsed = CredentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    const fields = credentials !== null && typeof credentials === "object" ? (credentials as Record<string, unknown>) : {};
    if (hasControlCharacters(fields.username) || hasControlCharacters(fields.password)) throw new SignInRefused(SIGN_IN_ERRORS.invalidInput);
    return null;
  }
  const { username, password } = parsed.data;
  const now = deps.now?.() ?? new Date();
  const ip = clientAddress(headerValue(headers, "x-forwarded-for"), deps.trustedProxies);
  const prisma = await deps.prisma();

  // Counted before the password is checked (lib/auth/throttle.ts), so parallel guesses cannot
  // slip past the limit between a check and a record.
  const key = { username, ip };
  const gate = await reserveAttempt(prisma, key, now);
  if (!gate.allowed) {
    await logAttempt(prisma, { kind: "sign_in", username, ip, outcome: "throttled", at: now });
    throw new SignInRefused(`${SIGN_IN_ERRORS.rateLimitedPrefix}_${minutesUntil(gate.retryAt, now)}`);
  }

  const account = await signInCandidate(prisma, username);
  const ok = await (deps.verify ?? defaultVerify)(account?.passwordHash ?? null, password);
  if (ok && account) await recordSuccess(prisma, key, now);
  await pruneThrottle(prisma, now);
  const outcome: AttemptOutcome = !ok || !account ? "wrong" : account.disabled ? "disabled" : "success";
  await logAttempt(prisma, { kind: "sign_in", username, ip, outcome, at: now });
  if (!ok || !account) return null;
  // Only someone who knows the password learns that the account is disabled.
  if (account.disabled) throw new SignInRefused(SIGN_IN_ERRORS.disabled);
  await markSignedIn(prisma, account.id, now);
  return { id: String(account.id), name: account.displayName, sessionVersion: account.sessionVersion };
}

export function buildAuthOptions(deps: AuthDependencies): AuthOptions {
  const now = () => deps.now?.() ?? new Date();
  return {
    secret: deps.secret,
    useSecureCookies: deps.secureCookies,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth's token format, its key derived once per secret (lib/auth/session-codec.ts)
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS, encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Tên đăng nhập",
        credentials: {
          username: { label: "Tên đăng nhập", type: "text" },
          password: { label: "Mật khẩu", type: "password" },
        },
        async authorize(credentials, req) {
          try {
            return await authorizeCredentials(deps, credentials, req.headers);
          } catch (err) {
            // next-auth puts the message in the URL (?error=): only our own codes may get there.
            if (err instanceof SignInRefused) throw err;
            console.error("[auth] sign-in check failed", err);
            throw new Error(SIGN_IN_ERRORS.unavailable);
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const nowSeconds = Math.floor(now().getTime() / 1000);
        if (user) {
          // Sign-in: keep only what identifies the session; everything else is reloaded.
          return { sub: user.id, sv: user.sessionVersion ?? 0, authAt: nowSeconds, seenAt: nowSeconds };
        }
        const claims = TokenClaimsSchema.safeParse(token);
        if (!claims.success) return { revoked: true };
        if (nowSeconds - claims.data.authAt > SESSION_ABSOLUTE_MAX_SECONDS) return { revoked: true };
        if (nowSeconds - (claims.data.seenAt ?? claims.data.authAt) > SESSION_MAX_AGE_SECONDS) return { revoked: true };
        // Where next-auth writes the token back (/api/auth/session), the idle clock restarts.
        const kept = { sub: claims.data.sub, sv: claims.data.sv, authAt: claims.data.authAt, seenAt: nowSeconds };
        let state: Awaited<ReturnType<typeof loadSessionState>>;
        try {
          state = await loadSessionState(await deps.prisma(), Number(claims.data.sub), claims.data.sv);
        } catch (err) {
          // An outage is not a sign-out: the claims stay (the cookie survives a re-issue) and the
          // readers answer 503 (lib/auth/session.ts) instead of "nobody is signed in".
          console.error("[auth] session check failed: database unavailable", err);
          return { ...kept, unavailable: true };
        }
        if (!state) return { revoked: true };
        // A password set by an admin must be changed first: the token then names the account for
        // the change-password page only, and carries no user for anything else to act as.
        if (state.mustChangePassword) {
          const { id, username, displayName } = state.user;
          return { ...kept, passwordChange: { id, username, displayName } };
        }
        return { ...kept, user: state.user };
      },
      async session({ session, token }) {
        if (token.unavailable === true) return { expires: session.expires, unavailable: true };
        const user = parseSessionUser(token.user);
        // `name` is next-auth's own field; the rest is the SessionUser (parsed again by its readers).
        if (user) return { expires: session.expires, user: { ...user, name: user.displayName } };
        const passwordChange = parsePasswordChangeAccount(token.passwordChange);
        return passwordChange ? { expires: session.expires, passwordChange } : { expires: session.expires };
      },
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
    // NEXTAUTH_URL is optional here: without it next-auth builds its URLs from the request's own
    // origin (getAuthOptions sets AUTH_TRUST_HOST), so its warning about it is noise.
    logger: {
      error: (code, metadata) => console.error(`[next-auth] ${code}`, metadata),
      warn: (code) => {
        if (code !== "NEXTAUTH_URL") console.warn(`[next-auth] ${code}`);
      },
      debug: () => undefined,
    },
    events: {
      async signOut({ token }) {
        const claims = TokenClaimsSchema.safeParse(token);
        if (claims.success) await revokeSessions(await deps.prisma(), Number(claims.data.sub), claims.data.sv);
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The app's configuration, from the environment (read once, on first use: `next build` never
// creates the secret file or opens the database).

const AuthEnvSchema = z.object({
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().optional(),
  NODE_ENV: z.string().optional(),
  /** "1": session cookies without the Secure flag even in production (plain-http LAN demo only) */
  WARDWATCH_INSECURE_COOKIES: z.enum(["0", "1"]).default("0"),
  /** reverse proxies in front of the app that append the client's address to X-Forwarded-For */
  WARDWATCH_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
});

export function authSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env) {
  const parsed = AuthEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Cấu hình đăng nhập không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  const https = e.NEXTAUTH_URL?.startsWith("https://") ?? false;
  return {
    /** NEXTAUTH_URL unset: next-auth must take the origin from the request (see getAuthOptions) */
    originFromRequest: !e.NEXTAUTH_URL,
    envSecret: e.NEXTAUTH_SECRET,
    secureCookies: https || (e.NODE_ENV === "production" && e.WARDWATCH_INSECURE_COOKIES !== "1"),
    trustedProxies: e.WARDWATCH_TRUSTED_PROXIES,
  };
}

let options: AuthOptions | undefined;

export function getAuthOptions(): AuthOptions {
  if (!options) {
    const settings = authSettingsFromEnv();
    // next-auth 4 takes its base URL from NEXTAUTH_URL and, without it, from "http://localhost:3000",
    // so its redirects would leave the site. AUTH_TRUST_HOST makes it use the request's
    // X-Forwarded-Host (else Host) and X-Forwarded-Proto instead. Those are the request's own:
    // with no trusted proxy, npm start's server (scripts/serve.ts, lib/auth/peer-address.cjs) drops
    // client-sent X-Forwarded-* and Next.js fills them from Host and the socket; with trusted
    // proxies they are the proxies'. A forged Host only changes the answer its own sender gets.
    if (settings.originFromRequest) process.env.AUTH_TRUST_HOST ??= "1";
    const { secret } = resolveAuthSecret({ envSecret: settings.envSecret, dataDir: dataDirectory(readEnv()) });
    options = buildAuthOptions({
      prisma: getPrisma,
      secret,
      secureCookies: settings.secureCookies,
      trustedProxies: settings.trustedProxies,
    });
  }
  return options;
}
