"use server";

import { clearSignInBlock } from "../auth/sign-in-blocks.ts";
import { writeAudit } from "../data/audit.ts";
import { ClearSignInBlockSchema } from "../schemas/sign-in-blocks.ts";
import type { ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// An admin clears a sign-in block (someone locked out by the throttle, lib/auth/throttle.ts):
// the counter starts again from 0, audited in the same transaction as `signin.unblock` with no
// unit (account management: admins alone see it).

export const clearSignInBlockAction = authedAction(
  { schema: ClearSignInBlockSchema, roles: ["ADMIN"] },
  async ({ user, input, prisma }): Promise<ActionResult<{ cleared: true }>> => {
    const now = new Date();
    await prisma.$transaction(async (tx) => {
      const block = await clearSignInBlock(tx, user, input, now);
      await writeAudit(tx, {
        userId: user.id,
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
    return { ok: true, data: { cleared: true } };
  },
);
