import "server-only";
import webpush, { WebPushError } from "web-push";
import { getPrisma } from "../db.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { recordDelivered, recordFailed, removeExpired, subscriptionsOf, type StoredSubscription } from "../push/subscriptions.ts";
import { vapidKeys, type VapidKeys } from "../push/vapid.ts";
import type { Channel, DeliveryOutcome, OutgoingMessage, Recipient } from "./channel.ts";

// Web Push: one encrypted message (aes128gcm, RFC 8291) signed with this server's VAPID key
// (RFC 8292) to every device the recipient switched push on for. The service worker (public/sw.js)
// shows it as a notification and opens `url` when it is tapped. Every send has a deadline; a device
// the push service says is gone (404/410) is removed; each outcome is kept on the subscription.

/** Longest one device's send may take (the push service's answer included). */
export const PUSH_SEND_DEADLINE_MS = 10_000;
/** How long the push service keeps a message for a device that is offline (a reminder is stale after a day). */
const TTL_SECONDS = 24 * 60 * 60;

/** What the service worker receives (public/sw.js reads these three fields). */
export type PushPayload = { title: string; body: string; url: string };

export function pushPayload(message: OutgoingMessage): PushPayload {
  const body = message.text.split("\n").find((line) => line.trim() !== "") ?? "";
  return { title: message.subject, body: body.slice(0, 240), url: message.url ?? "/" };
}

type DeviceOutcome = { delivered: true } | { delivered: false; gone: boolean; retryable: boolean; error: string };

class DeadlineExceeded extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function describeFailure(err: unknown): DeviceOutcome {
  if (err instanceof WebPushError) {
    const gone = err.statusCode === 404 || err.statusCode === 410;
    // 429 and 5xx are the push service's own trouble: worth another try later.
    const retryable = err.statusCode === 429 || err.statusCode >= 500;
    return { delivered: false, gone, retryable, error: `push service answered ${err.statusCode}${err.body ? `: ${err.body.slice(0, 200)}` : ""}` };
  }
  if (err instanceof DeadlineExceeded) return { delivered: false, gone: false, retryable: true, error: `timeout: ${err.message}` };
  // Network errors (refused, reset, DNS, TLS) may pass; a payload web-push refuses to encrypt will not.
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return { delivered: false, gone: false, retryable: code !== undefined, error: code ? `${code}: ${message}` : message };
}

export type PushChannelDeps = {
  prisma?: () => Promise<PrismaClient>;
  vapid?: () => VapidKeys;
  deadlineMs?: number;
};

export function createPushChannel(deps: PushChannelDeps = {}): Channel {
  const prismaOf = deps.prisma ?? getPrisma;
  const keysOf = deps.vapid ?? vapidKeys;
  const deadlineMs = deps.deadlineMs ?? PUSH_SEND_DEADLINE_MS;

  async function sendToDevice(prisma: PrismaClient, sub: StoredSubscription, body: string, keys: VapidKeys): Promise<DeviceOutcome> {
    try {
      await withDeadline(
        webpush.sendNotification({ endpoint: sub.endpoint, keys: sub.keys }, body, {
          vapidDetails: { subject: keys.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: TTL_SECONDS,
          contentEncoding: "aes128gcm",
          urgency: "normal",
          timeout: deadlineMs, // the socket's own idle deadline; withDeadline bounds the whole exchange
        }),
        deadlineMs,
      );
      await recordDelivered(prisma, sub.id);
      return { delivered: true };
    } catch (err) {
      const outcome = describeFailure(err);
      if (!outcome.delivered) {
        if (outcome.gone) await removeExpired(prisma, sub.id);
        else await recordFailed(prisma, sub.id, outcome.error);
      }
      return outcome;
    }
  }

  return {
    name: "push",
    async send(message: OutgoingMessage, recipient: Recipient): Promise<DeliveryOutcome> {
      try {
        const userId = Number(recipient.userId);
        if (!Number.isSafeInteger(userId)) return { ok: false, error: `not a user id: ${recipient.userId}`, retryable: false };
        const prisma = await prismaOf();
        const subs = await subscriptionsOf(prisma, userId);
        if (subs.length === 0) return { ok: false, error: "no device has push switched on", retryable: false, unreachable: true };
        const keys = keysOf();
        const body = JSON.stringify(pushPayload(message));
        // Devices are few per user (a phone, a desktop): sent side by side, each with its own deadline.
        const outcomes = await Promise.all(subs.map((sub) => sendToDevice(prisma, sub, body, keys)));
        const delivered = outcomes.filter((o) => o.delivered).length;
        const failures = outcomes.filter((o): o is Extract<DeviceOutcome, { delivered: false }> => !o.delivered);
        const gone = failures.filter((f) => f.gone).length;
        const summary = `${delivered}/${subs.length} device(s)${gone ? `, ${gone} expired and removed` : ""}`;
        if (delivered > 0) return { ok: true, detail: failures.length ? `${summary}; ${failures.map((f) => f.error).join("; ")}` : summary };
        return { ok: false, error: `${summary}: ${failures.map((f) => f.error).join("; ")}`, retryable: failures.some((f) => f.retryable) };
      } catch (err) {
        // The database (or the key file) failed: another try later may work.
        return { ok: false, error: err instanceof Error ? err.message : String(err), retryable: true };
      }
    },
  };
}

export const pushChannel: Channel = createPushChannel();
