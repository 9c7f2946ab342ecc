import "server-only";
import { getPrisma } from "../db.ts";
import { clearSignInBlock, listSignInBlocks, type SignInBlock } from "../auth/sign-in-blocks.ts";
import { writeAudit } from "../figures/audit-log.ts";
import type { SessionUser } from "../permissions.ts";
import type { ClearSignInBlockInput } from "../schemas/sign-in-blocks.ts";

// The gate for sign-in blocks (lib/auth/throttle.ts): admins list them and clear one. Clearing is
// audited in the same transaction as `signin.unblock` with no unit (account management: admins
// alone see it). The permission is checked again by lib/auth/sign-in-blocks.ts on the very call.

export async function getSignInBlocks(viewer: SessionUser, now: Date = new Date()): Promise<SignInBlock[]> {
  return listSignInBlocks(await getPrisma(), viewer, now);
}

export async function clearSignInBlockFor(viewer: SessionUser, input: ClearSignInBlockInput, now: Date = new Date()): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const block = await clearSignInBlock(tx, viewer, input, now);
    await writeAudit(tx, {
      userId: viewer.id,
      action: "signin.unblock",
      entity: "sign_in_block",
      entityKey: `${block.scope}:${block.username}@${block.ip}`.slice(0, 200),
      unitCode: null,
      before: { scope: block.scope, username: block.username || null, ip: block.ip || null, failures: block.failures, blockedUntil: block.blockedUntil.toISOString() },
      after: { failures: 0 },
      fields: ["failures"],
      reason: input.reason,
      at: now,
    });
  });
}
