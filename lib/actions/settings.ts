"use server";

import { setPreferredSource } from "../data/settings.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { PreferredSourceSchema } from "../schemas/settings.ts";
import type { ActionResult } from "./result.ts";

// Server actions of the general settings (admins); the data layer checks the user again
// (canChangeSettings).

export const updatePreferredSourceAction = action(
  session().role("ADMIN").input(PreferredSourceSchema),
  async ({ user, input }): Promise<ActionResult<{ changed: boolean }>> => ({ ok: true, data: await setPreferredSource(user, input.preferred) }),
);
