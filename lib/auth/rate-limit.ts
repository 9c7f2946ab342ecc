import type { PrismaClient } from "../generated/prisma/client.ts";

// Brute-force protection for sign-in, kept in the database (login_attempt) so that it holds across
// restarts and across several server processes sharing one PostgreSQL:
// - per account: 5 failed attempts within 15 minutes (since the last success) block that
//   username for the rest of the 15 minutes;
// - per client address: 20 failed attempts within 15 minutes block that address.
// A blocked attempt is refused before the password is checked and is not counted again, so a
// person who waits can sign in. Counting is by username as typed, so unknown usernames are
// limited too and the answer does not reveal which accounts exist.

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
 * The client's address from X-Forwarded-For. With `trustedProxies` reverse proxies in front
 * (each appending the address it saw), the client is the entry that many places from the right.
 * With none, Next.js fills the header with the socket's address unless the client sent one,
 * which it can forge: the per-account limit is what holds then (see docs/decisions).
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) return "unknown";
  const index = Math.max(0, entries.length - Math.max(1, trustedProxies));
  return (entries[index] ?? "unknown").slice(0, 64);
}

/** Minutes to show in the message ("thử lại sau 15 phút"), at least 1. */
export function retryMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}
