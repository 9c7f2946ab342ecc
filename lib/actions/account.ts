"use server";

import { updateOwnContact } from "../data/users.ts";
import { formatPhone } from "../domain/chase-list.ts";
import { OwnContactSchema } from "../schemas/user.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import type { ActionResult } from "./result.ts";

// The signed-in user's own contact details (/account). Any role; the data layer changes only the
// caller's own account and audits it.

export const updateOwnPhoneAction = action(
  session().input(OwnContactSchema),
  async ({ user, input }): Promise<ActionResult<{ phone: string | null }>> => {
    const phone = await updateOwnContact(user, { phone: input.phone ?? null });
    return { ok: true, data: { phone: phone === null ? null : formatPhone(phone) } };
  },
  { revalidate: false },
);
