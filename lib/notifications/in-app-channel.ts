import "server-only";
import { getPrisma } from "../db.ts";
import type { Channel, DeliveryOutcome } from "./channel.ts";

// The in-app list (the bell and /notifications): a message is delivered when its row is written.
export const inAppChannel: Channel = {
  name: "in_app",
  async send(message, recipient): Promise<DeliveryOutcome> {
    try {
      const prisma = await getPrisma();
      const row = await prisma.notification.create({
        data: { userId: Number(recipient.userId), kind: message.kind, subject: message.subject, body: message.text, url: message.url ?? null },
        select: { id: true },
      });
      return { ok: true, detail: `notification #${row.id}` };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err), retryable: true };
    }
  },
};
