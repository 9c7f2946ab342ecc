import type { PrismaClient } from "../generated/prisma/client.ts";

// Sign-in throttling (OWASP ASVS 5.0 §6.3.1), built so that it cannot be turned against the
// people it protects. Three counters per attempt, kept in sign_in_throttle so they hold across
// restarts and across server processes sharing one PostgreSQL:
// - the (account, address) pair: 5 failures in 15 minutes block that pair: strict, because only
//   someone at that address can trigger it;
// - the account: 10 failures in 15 minutes from all addresses block the account, except from
//   addresses it signed in from successfully in the last 90 days (its owner's office or phone),
//   so a stranger who knows a username cannot lock its owner out;
// - the address: 30 failures in 15 minutes across usernames block the address (password
//   spraying), again except for pairs that signed in successfully before (a shared office NAT).
// Counting is atomic: one INSERT … ON CONFLICT … RETURNING adds the attempt to its three rows
// before the password is checked, and the attempt proceeds only when the counts it got back are
// within the limits, so N parallel attempts get at most the limit of password checks. A success
// takes its attempt back (and clears the pair). Windows are fixed: a block ends 15 minutes after
// the window's first failure, and attempts while blocked do not extend it.

export const THROTTLE = {
  windowMs: 15 * 60_000,
  perPair: 5,
  perAccount: 10,
  perAddress: 30,
  /** how long an address that signed in successfully stays trusted for that account */
  knownAddressMs: 90 * 24 * 3_600_000,
} as const;

export type ThrottleScope = "pair" | "account" | "address";

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

type CounterRow = { scope: ThrottleScope; failures: number; windowStart: Date; lastSuccessAt: Date | null };

export type ThrottleDecision =
  | { allowed: true; knownAddress: boolean }
  | { allowed: false; scope: ThrottleScope; retryAt: Date };

/** The key parts of an attempt: the username as typed (lower-cased) and the client's address. */
export type AttemptKey = { username: string; ip: string };

const LIMIT: Record<ThrottleScope, number> = { pair: THROTTLE.perPair, account: THROTTLE.perAccount, address: THROTTLE.perAddress };

/**
 * Counts one attempt against its pair, account and address, then says whether the password may
 * be checked. Call `recordSuccess` when it was right; a wrong one stays counted.
 */
export async function reserveAttempt(db: Db, key: AttemptKey, now: Date): Promise<ThrottleDecision> {
  const username = key.username.slice(0, 64);
  const ip = key.ip.slice(0, 64);
  const expired = new Date(now.getTime() - THROTTLE.windowMs);
  // One statement, so concurrent attempts are serialised by the rows' locks (always taken in the
  // same order: pair, account, address). A window that has passed, or that counts nothing (a
  // success took its failures back), starts again at this attempt: a block always lasts the whole
  // window from its first failure.
  const rows = await db.$queryRaw<CounterRow[]>`
    INSERT INTO sign_in_throttle AS t (scope, username, ip, failures, window_start)
    VALUES ('pair', ${username}, ${ip}, 1, ${now}), ('account', ${username}, '', 1, ${now}), ('address', '', ${ip}, 1, ${now})
    ON CONFLICT (scope, username, ip) DO UPDATE SET
      failures = CASE WHEN t.window_start <= ${expired} OR t.failures = 0 THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start <= ${expired} OR t.failures = 0 THEN EXCLUDED.window_start ELSE t.window_start END
    RETURNING scope, failures, window_start AS "windowStart", last_success_at AS "lastSuccessAt"`;
  return decide(rows, now);
}

/** The verdict on the counts an attempt got back (exported for tests). */
export function decide(rows: readonly CounterRow[], now: Date): ThrottleDecision {
  const row = (scope: ThrottleScope) => rows.find((r) => r.scope === scope);
  const pair = row("pair");
  const knownAddress = pair?.lastSuccessAt != null && now.getTime() - pair.lastSuccessAt.getTime() < THROTTLE.knownAddressMs;
  const scopes: ThrottleScope[] = knownAddress ? ["pair"] : ["pair", "account", "address"];
  for (const scope of scopes) {
    const r = row(scope);
    if (r && r.failures > LIMIT[scope]) return { allowed: false, scope, retryAt: new Date(r.windowStart.getTime() + THROTTLE.windowMs) };
  }
  return { allowed: true, knownAddress };
}

/**
 * A right password: the pair's failures are forgiven and the address becomes known to the
 * account; the attempt is taken back from the account's and the address's counts (their other
 * failures stay: someone else may be guessing at the same time).
 */
export async function recordSuccess(db: Db, key: AttemptKey, now: Date): Promise<void> {
  const username = key.username.slice(0, 64);
  const ip = key.ip.slice(0, 64);
  await db.$executeRaw`
    UPDATE sign_in_throttle SET
      failures = CASE WHEN scope = 'pair' THEN 0 ELSE GREATEST(failures - 1, 0) END,
      last_success_at = CASE WHEN scope = 'pair' THEN ${now} ELSE last_success_at END
    WHERE (scope = 'pair' AND username = ${username} AND ip = ${ip})
       OR (scope = 'account' AND username = ${username} AND ip = '')
       OR (scope = 'address' AND username = '' AND ip = ${ip})`;
}

/** Rows that count nothing any more: a passed window, and no recent success to remember. */
export async function pruneThrottle(db: Db, now: Date): Promise<void> {
  const expired = new Date(now.getTime() - THROTTLE.windowMs);
  const forgotten = new Date(now.getTime() - THROTTLE.knownAddressMs);
  await db.$executeRaw`
    DELETE FROM sign_in_throttle
    WHERE window_start < ${expired} AND (last_success_at IS NULL OR last_success_at < ${forgotten})`;
}

/** Seconds until `retryAt` (Retry-After), at least 1. */
export function secondsUntil(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}

/** Minutes until `retryAt` for the message ("thử lại sau 15 phút"), at least 1. */
export function minutesUntil(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
}
