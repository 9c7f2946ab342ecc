"use server";

import { updateOwnContact } from "../data/users.ts";
import { formatPhone } from "../domain/chase-list.ts";
import { OwnContactSchema } from "../schemas/user.ts";
import type { ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// The signed-in user's own contact details (/account). Any role; the data layer changes only the
// caller's own account and audits it.

const ownPhone = authedAction(
  { schema: OwnContactSchema, revalidate: false },
  async ({ user, input }): Promise<ActionResult<{ phone: string | null }>> => {
    const phone = await updateOwnContact(user, { phone: input.phone ?? null });
    return { ok: true, data: { phone: phone === null ? null : formatPhone(phone) } };
  },
);

export async function updateOwnPhoneAction(raw: unknown): Promise<ActionResult<{ phone: string | null }>> {
  return ownPhone(raw);
}
