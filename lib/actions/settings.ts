"use server";

import { setPreferredSource, setRawScanRetention } from "../data/settings.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { PreferredSourceSchema, RawScanRetentionFormSchema } from "../schemas/settings.ts";
import type { ActionResult } from "./result.ts";

// Server actions of the general settings (admins); the data layer checks the user again
// (canChangeSettings).

export const updatePreferredSourceAction = action(
  session().role("ADMIN").input(PreferredSourceSchema),
  async ({ user, input }): Promise<ActionResult<{ changed: boolean }>> => ({ ok: true, data: await setPreferredSource(user, input.preferred) }),
);

/** How many months of raw scan partitions to keep (empty: all); audited by the data layer. */
export const updateRawScanRetentionAction = action(
  session().role("ADMIN").input(RawScanRetentionFormSchema),
  async ({ user, input }): Promise<ActionResult<{ changed: boolean }>> => ({ ok: true, data: await setRawScanRetention(user, input.months) }),
);
