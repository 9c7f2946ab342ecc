"use server";

import type { ActionResult } from "@/lib/actions/result";
import { setNotificationPreferences, type PreferenceView } from "@/lib/data/notifications";
import { PreferencesSchema } from "@/lib/notifications/schema";
import { action } from "@/lib/requests/action";
import { session } from "@/lib/requests/guard";

// A user's own channel choices: the user comes from the session, never from the form.
export const saveNotificationPreferencesAction = action(
  session().input(PreferencesSchema),
  async ({ user, input }): Promise<ActionResult<PreferenceView>> => ({ ok: true, data: await setNotificationPreferences(user, input) }),
);
