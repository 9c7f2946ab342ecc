"use server";

import { acknowledgeAlert } from "../data/alerts.ts";
import { setAlertThresholds } from "../data/settings.ts";
import { alertRuleLabel } from "../domain/alerts/registry.ts";
import type { AlertThresholds } from "../domain/alerts/types.ts";
import { formatVietnamDateTime } from "../domain/instant-format.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { AcknowledgeAlertSchema, AlertThresholdsSchema } from "../schemas/alerts.ts";
import { failure, type ActionResult } from "./result.ts";

// Server actions of the alerts (lib/requests: origin, session, role, input); the data layer checks
// the user's rights on the ward itself (a district official acknowledges the own district's alerts
// only). A city official reads alerts but does not acknowledge them (an acknowledgement is the
// district's answer): 403.

export type AcknowledgedAlert = { note: string; at: string; by: string };

// No layout-wide revalidation: it would make the browser refetch every prefetched page of the menu
// (on the embedded database, one after another) before the alert centre shows the acknowledgement;
// the form refreshes the page it is on (router.refresh), and no other page caches alerts.
export const acknowledgeAlertAction = action(
  session().role("DISTRICT_OFFICIAL", "ADMIN").input(AcknowledgeAlertSchema),
  async ({ user, input }): Promise<ActionResult<AcknowledgedAlert>> => {
    const outcome = await acknowledgeAlert(user, input);
    switch (outcome.kind) {
      case "done":
        return { ok: true, data: { note: outcome.ack.note, at: formatVietnamDateTime(outcome.ack.at), by: outcome.ack.by.displayName } };
      case "already":
        return failure(
          409,
          `Cảnh báo này đã được ${outcome.ack.by.displayName} xác nhận lúc ${formatVietnamDateTime(outcome.ack.at)}: “${outcome.ack.note}”.`,
        );
      case "no-alert":
        return failure(
          404,
          `Phường không còn cảnh báo “${alertRuleLabel(input.ruleId)}” ngày này (số liệu có thể vừa thay đổi). Hãy tải lại trang.`,
        );
    }
  },
  { revalidate: false },
);

export const updateAlertThresholdsAction = action(
  session().role("ADMIN").input(AlertThresholdsSchema),
  async ({ user, input }): Promise<ActionResult<{ changed: (keyof AlertThresholds)[] }>> => ({
    ok: true,
    data: await setAlertThresholds(user, input),
  }),
);
