import { isIP } from "node:net";
import { recordSuccess, secondsUntil, reserveAttempt, type AttemptKey, type ThrottleScope } from "./throttle.ts";

// The password checks outside the sign-in form (the change-password form's current password, the
// one-time setup link's token) count on the sign-in throttle itself (lib/auth/throttle.ts, table
// sign_in_throttle): the same counters, limits and atomic reservation, so a wrong current password
// and a wrong sign-in add up, and N parallel guesses get at most the limit of checks.
// `checkLoginAllowed` reserves the attempt (counted before the secret is checked, as the sign-in
// does); `recordLoginAttempt` takes a right one back and leaves a wrong one counted. (login_attempt is
// now only the authentication log: lib/auth/attempt-log.ts.) This file also reads
// the client's address for every limit (clientAddress).

type Db = Parameters<typeof reserveAttempt>[0];

export type LoginGate = { allowed: true } | { allowed: false; scope: ThrottleScope; retryAfterSeconds: number };

/** Counts this attempt against the sign-in throttle and says whether the secret may be checked. */
export async function checkLoginAllowed(db: Db, attempt: AttemptKey & { now: Date }): Promise<LoginGate> {
  const decision = await reserveAttempt(db, attempt, attempt.now);
  if (decision.allowed) return { allowed: true };
  return { allowed: false, scope: decision.scope, retryAfterSeconds: secondsUntil(decision.retryAt, attempt.now) };
}

/** A right secret takes its attempt back (lib/auth/throttle.ts recordSuccess); a wrong one stays counted. */
export async function recordLoginAttempt(db: Db, attempt: AttemptKey & { success: boolean; now: Date }): Promise<void> {
  if (attempt.success) await recordSuccess(db, attempt, attempt.now);
}

/**
 * The client's address, from the X-Forwarded-For header as the server hands it over:
 * - `trustedProxies` = 0 (no reverse proxy): the header is the socket's address. Next.js fills it
 *   from the socket only when the client sent none, so `npm start` runs Next behind
 *   scripts/serve.ts (lib/auth/peer-address.cjs), which replaces whatever the client sent with the socket's
 *   address before Next sees the request; the header then has exactly one entry. Under a server
 *   started without it (`next dev`, `next start` alone) the client could still choose it.
 * - `trustedProxies` = N > 0: each proxy appends the address it saw, so the client is the N-th
 *   entry from the right; entries further left were written by the client and are never used.
 *   With fewer entries than N the request did not come through every proxy: "unknown".
 * Anything that is not an IPv4/IPv6 address is "unknown"; IPv4-mapped IPv6 is unwrapped, so one
 * client has one address.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const fromRight = Math.max(1, trustedProxies);
  if (entries.length < fromRight) return "unknown";
  return normalizeAddress(entries[entries.length - fromRight] ?? "");
}

/** An IP address in one canonical spelling, or "unknown". */
export function normalizeAddress(raw: string): string {
  let address = raw.trim();
  // "[2001:db8::1]:443" and "203.0.113.9:5123" (some proxies add the port)
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return ipv6Prefix64(address);
  return "unknown";
}

/**
 * An IPv6 client is counted by its /64: one home or phone connection gets a whole /64 and can
 * pick a new address in it for each attempt ("2001:db8:0:1::/64").
 */
function ipv6Prefix64(address: string): string {
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // an embedded IPv4 tail ("::1.2.3.4") is in the low 64 bits: it does not matter here
  const missing = address.includes("::") ? 8 - left.length - right.length : 0;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}

/** Minutes to show in the message ("thử lại sau 15 phút"), at least 1. */
export function retryMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}
