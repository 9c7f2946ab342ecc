"use server";

import { clearSignInBlockFor } from "../data/sign-in-blocks.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { ClearSignInBlockSchema } from "../schemas/sign-in-blocks.ts";
import type { ActionResult } from "./result.ts";

// An admin clears a sign-in block (someone locked out by the throttle, lib/auth/throttle.ts): the
// counter starts again from 0, audited (lib/data/sign-in-blocks.ts).

export const clearSignInBlockAction = action(
  session().role("ADMIN").input(ClearSignInBlockSchema),
  async ({ user, input }): Promise<ActionResult<{ cleared: true }>> => {
    await clearSignInBlockFor(user, input);
    return { ok: true, data: { cleared: true } };
  },
);
