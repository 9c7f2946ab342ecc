"use server";

import { acknowledgeAlert, acknowledgeAlerts, withdrawAlertAck, type AckView } from "../data/alerts.ts";
import { setAlertThresholds } from "../data/settings.ts";
import { alertRuleLabel } from "../domain/alerts/registry.ts";
import type { AlertRuleId, AlertThresholds } from "../domain/alerts/types.ts";
import { formatVietnamDateTime } from "../domain/instant-format.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { AcknowledgeAlertSchema, AlertThresholdsSchema, BulkAcknowledgeAlertsSchema, WithdrawAlertAckSchema } from "../schemas/alerts.ts";
import { failure, type ActionResult } from "./result.ts";

// Server actions of the alerts (lib/requests: origin, session, role, input); the data layer checks
// the user's rights on the ward itself (a district official acknowledges the own district's alerts
// only). A city official reads alerts but does not acknowledge them (an acknowledgement is the
// district's answer): 403.

export type AcknowledgedAlert = { id: number; note: string; at: string; by: string };

function acknowledged(ack: AckView): AcknowledgedAlert {
  return { id: ack.id, note: ack.note, at: formatVietnamDateTime(ack.at), by: ack.by.displayName };
}

const acknowledgers = session().role("DISTRICT_OFFICIAL", "ADMIN");

// No layout-wide revalidation: it would make the browser refetch every prefetched page of the menu
// (on the embedded database, one after another) before the alert centre shows the acknowledgement;
// the form refreshes the page it is on (router.refresh).
export const acknowledgeAlertAction = action(
  acknowledgers.input(AcknowledgeAlertSchema),
  async ({ user, input }): Promise<ActionResult<AcknowledgedAlert>> => {
    const outcome = await acknowledgeAlert(user, input);
    switch (outcome.kind) {
      case "done":
        return { ok: true, data: acknowledged(outcome.ack) };
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

// The alert centre's table: several alerts acknowledged with one note, and an acknowledgement
// withdrawn. Same checks as above; the data layer checks every ward named.

export type BulkAcknowledged = {
  /** how many were acknowledged now */
  done: number;
  /** those acknowledged now, by alert id ("ZERO_SCANS:00037:2021-08-14") */
  acks: Record<string, AcknowledgedAlert>;
  /** one sentence per alert left as it was: already acknowledged (by whom), or no longer an alert */
  skipped: string[];
};

export const acknowledgeAlertsAction = action(
  acknowledgers.input(BulkAcknowledgeAlertsSchema),
  async ({ user, input }): Promise<ActionResult<BulkAcknowledged>> => {
    const outcome = await acknowledgeAlerts(user, input);
    const skipped = [
      ...outcome.already.map(
        (a) => `${alertRuleLabel(a.ruleId as AlertRuleId)} (${a.wardCode}): đã được ${a.by.displayName} xác nhận lúc ${formatVietnamDateTime(a.at)}.`,
      ),
      ...outcome.missing.map((a) => `${alertRuleLabel(a.ruleId)} (${a.wardCode}): không còn là cảnh báo ngày này (số liệu có thể vừa thay đổi).`),
    ];
    if (outcome.done.length === 0) {
      return failure(409, `Không có cảnh báo nào được xác nhận thêm. ${skipped.join(" ")}`);
    }
    const acks = Object.fromEntries(outcome.done.map((a) => [`${a.ruleId}:${a.wardCode}:${a.day}`, acknowledged(a)]));
    return { ok: true, data: { done: outcome.done.length, acks, skipped } };
  },
  { revalidate: false },
);

export const withdrawAlertAckAction = action(
  acknowledgers.input(WithdrawAlertAckSchema),
  async ({ user, input }): Promise<ActionResult<{ note: string }>> => {
    const outcome = await withdrawAlertAck(user, input);
    if (outcome.kind === "gone") return failure(409, "Xác nhận này đã được rút lại hoặc không còn. Hãy tải lại trang.");
    return { ok: true, data: { note: outcome.ack.note } };
  },
  { revalidate: false },
);
