"use server";

import { failure, type ActionResult } from "@/lib/actions/result";
import { InvalidUnsubscribeTokenError, unsubscribeWithToken } from "@/lib/data/notifications";
import { UnsubscribeSchema } from "@/lib/notifications/schema";
import { action } from "@/lib/requests/action";
import { anyone } from "@/lib/requests/guard";

// The unsubscribe page's button: no session, the signed token is the authority.
export const unsubscribeAction = action(
  anyone().input(UnsubscribeSchema),
  async ({ input }): Promise<ActionResult<{ channel: string }>> => {
    try {
      return { ok: true, data: await unsubscribeWithToken(input.token) };
    } catch (err) {
      if (err instanceof InvalidUnsubscribeTokenError) return failure(403, err.message);
      throw err;
    }
  },
  { revalidate: false },
);
