import { isIP } from "node:net";
import type { PrismaClient } from "../generated/prisma/client.ts";

// Attempt limits kept in login_attempt, for the password checks outside the sign-in form: the
// change-password form (current password) and the one-time setup link's token. The sign-in form
// itself is throttled by lib/auth/throttle.ts. Here:
// - per key: 5 failed attempts within 15 minutes (since the last success) block it for the rest
//   of the 15 minutes;
// - per client address: 20 failed attempts within 15 minutes block that address.
// A blocked attempt is refused before the secret is checked and is not counted again. This file
// also reads the client's address for every limit (clientAddress).

export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20, keepMs: 24 * 3_600_000 } as const;

type Db = Pick<PrismaClient, "loginAttempt">;

export type LoginGate = { allowed: true } | { allowed: false; scope: "account" | "address"; retryAfterSeconds: number };

async function blockedUntil(db: Db, where: { username: string } | { ip: string }, limit: number, since: Date): Promise<Date | null> {
  const failures = await db.loginAttempt.findMany({
    where: { ...where, success: false, at: { gt: since } },
    orderBy: { at: "desc" },
    take: limit,
    select: { at: true },
  });
  if (failures.length < limit) return null;
  const oldest = failures[failures.length - 1];
  return oldest ? new Date(oldest.at.getTime() + LOGIN_LIMITS.windowMs) : null;
}

export async function checkLoginAllowed(db: Db, attempt: { username: string; ip: string; now: Date }): Promise<LoginGate> {
  const windowStart = new Date(attempt.now.getTime() - LOGIN_LIMITS.windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { username: attempt.username, success: true, at: { gt: windowStart } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const accountSince = lastSuccess ? lastSuccess.at : windowStart;
  const retry = (until: Date) => Math.max(1, Math.ceil((until.getTime() - attempt.now.getTime()) / 1000));

  const account = await blockedUntil(db, { username: attempt.username }, LOGIN_LIMITS.perAccount, accountSince);
  if (account && account > attempt.now) return { allowed: false, scope: "account", retryAfterSeconds: retry(account) };
  const address = await blockedUntil(db, { ip: attempt.ip }, LOGIN_LIMITS.perAddress, windowStart);
  if (address && address > attempt.now) return { allowed: false, scope: "address", retryAfterSeconds: retry(address) };
  return { allowed: true };
}

export async function recordLoginAttempt(
  db: Db,
  attempt: { username: string; ip: string; success: boolean; now: Date },
): Promise<void> {
  await db.loginAttempt.create({
    data: { username: attempt.username.slice(0, 64), ip: attempt.ip.slice(0, 64), success: attempt.success, at: attempt.now },
  });
  await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(attempt.now.getTime() - LOGIN_LIMITS.keepMs) } } });
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
