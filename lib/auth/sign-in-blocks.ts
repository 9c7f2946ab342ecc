import "server-only";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { canManageUsers, type SessionUser } from "../permissions.ts";
import { THROTTLE, type ThrottleScope } from "./throttle.ts";

// The sign-in blocks an admin can see and clear (/admin/sign-in-blocks): counters of
// sign_in_throttle whose next attempt would be refused. Admins only, checked here as well as in
// the page and the action.

export type SignInBlock = {
  scope: ThrottleScope;
  /** "" for an address block */
  username: string;
  /** "" for an account block */
  ip: string;
  failures: number;
  blockedUntil: Date;
};

export const BLOCK_LIMIT: Record<ThrottleScope, number> = { pair: THROTTLE.perPair, account: THROTTLE.perAccount, address: THROTTLE.perAddress };

function blockedWhere(now: Date): Prisma.SignInThrottleWhereInput {
  return {
    windowStart: { gt: new Date(now.getTime() - THROTTLE.windowMs) },
    OR: (Object.keys(BLOCK_LIMIT) as ThrottleScope[]).map((scope) => ({ scope, failures: { gte: BLOCK_LIMIT[scope] } })),
  };
}

const toBlock = (r: { scope: string; username: string; ip: string; failures: number; windowStart: Date }): SignInBlock => ({
  scope: r.scope as ThrottleScope,
  username: r.username,
  ip: r.ip,
  failures: r.failures,
  blockedUntil: new Date(r.windowStart.getTime() + THROTTLE.windowMs),
});

/** Current blocks, the ones ending first at the top (at most 500). */
export async function listSignInBlocks(prisma: Pick<PrismaClient, "signInThrottle">, viewer: SessionUser, now: Date): Promise<SignInBlock[]> {
  if (!canManageUsers(viewer)) throw new ForbiddenError();
  const rows = await prisma.signInThrottle.findMany({
    where: blockedWhere(now),
    orderBy: [{ windowStart: "asc" }, { scope: "asc" }],
    take: 500,
    select: { scope: true, username: true, ip: true, failures: true, windowStart: true },
  });
  return rows.map(toBlock);
}

/**
 * Clears one block (its failures start again from 0; a pair keeps its record of successes) and
 * returns it as it was, for the audit entry the caller writes in the same transaction.
 */
export async function clearSignInBlock(
  tx: Pick<PrismaClient, "signInThrottle">,
  viewer: SessionUser,
  key: { scope: ThrottleScope; username: string; ip: string },
  now: Date,
): Promise<SignInBlock> {
  if (!canManageUsers(viewer)) throw new ForbiddenError();
  const where = { AND: [{ scope: key.scope, username: key.username, ip: key.ip }, blockedWhere(now)] };
  const row = await tx.signInThrottle.findFirst({ where, select: { scope: true, username: true, ip: true, failures: true, windowStart: true } });
  if (!row) throw new NotFoundError("Lệnh chặn này đã hết hạn hoặc đã được gỡ.");
  await tx.signInThrottle.updateMany({ where, data: { failures: 0 } });
  return toBlock(row);
}
