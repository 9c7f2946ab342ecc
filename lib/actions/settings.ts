"use server";

import { setPreferredSource } from "../data/settings.ts";
import { PreferredSourceSchema } from "../schemas/settings.ts";
import type { ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// Server actions of the general settings. authedAction checks origin, session, role and input;
// the data layer checks the user again (canChangeSettings).

const preferredSource = authedAction(
  { schema: PreferredSourceSchema, roles: ["ADMIN"] },
  async ({ user, input }): Promise<ActionResult<{ changed: boolean }>> => ({
    ok: true,
    data: await setPreferredSource(user, input.preferred),
  }),
);

export async function updatePreferredSourceAction(raw: unknown): Promise<ActionResult<{ changed: boolean }>> {
  return preferredSource(raw);
}
