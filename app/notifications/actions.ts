"use server";

import type { ActionResult } from "@/lib/actions/result";
import { markNotificationsRead } from "@/lib/data/notifications";
import { MarkReadSchema } from "@/lib/notifications/schema";
import { action } from "@/lib/requests/action";
import { session } from "@/lib/requests/guard";

// Marks the signed-in user's notifications read (one, or all).
export const markNotificationsReadAction = action(
  session().input(MarkReadSchema),
  async ({ user, input }): Promise<ActionResult<{ marked: number }>> => ({ ok: true, data: await markNotificationsRead(user, input.id) }),
);
