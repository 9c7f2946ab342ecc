import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Channel, DeliveryOutcome, OutgoingMessage, Recipient } from "./channel.ts";
import { CHANNELS } from "./channels.ts";
import { enabledChannels } from "./preferences.ts";

// Sends one message to one user through each channel the user has on (preferences.ts) and logs
// every outcome (table message_log). A channel that does not answer in time is a retryable failure.
// With a dedupeKey, a channel that already delivered this message to this user is skipped: a job
// retried after a partial failure sends only what is still missing.

export const CHANNEL_DEADLINE_MS = 30_000;

export type DeliveryReport = { sent: number; failed: number; skipped: number; retryableFailures: number; paused: boolean };

function withDeadline(work: Promise<DeliveryOutcome>, ms: number): Promise<DeliveryOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DeliveryOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `Kênh không trả lời sau ${Math.round(ms / 1000)} giây.`, retryable: true }), ms);
  });
  return Promise.race([work.catch((err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err), retryable: true }) as DeliveryOutcome), late]).finally(() =>
    clearTimeout(timer),
  );
}

export async function deliver(
  prisma: PrismaClient,
  input: { message: OutgoingMessage; recipient: Recipient; dedupeKey?: string; jobRunId?: number; channels?: readonly Channel[]; deadlineMs?: number },
): Promise<DeliveryReport> {
  const userId = Number(input.recipient.userId);
  const pref = await prisma.notificationPreference.findUnique({ where: { userId }, select: { disabledChannels: true, paused: true } });
  const channels = enabledChannels(input.channels ?? CHANNELS, pref);
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0, retryableFailures: 0, paused: pref?.paused ?? false };
  for (const channel of channels) {
    if (input.dedupeKey) {
      const done = await prisma.messageLog.findFirst({ where: { dedupeKey: input.dedupeKey, userId, channel: channel.name, ok: true }, select: { id: true } });
      if (done) {
        report.skipped += 1;
        continue;
      }
    }
    const outcome = await withDeadline(channel.send(input.message, input.recipient), input.deadlineMs ?? CHANNEL_DEADLINE_MS);
    // No way to this user on this channel (no push device): not a failure to log or retry.
    if (!outcome.ok && outcome.unreachable) {
      report.skipped += 1;
      continue;
    }
    await prisma.messageLog.create({
      data: {
        jobRunId: input.jobRunId ?? null,
        userId,
        channel: channel.name,
        kind: input.message.kind,
        dedupeKey: input.dedupeKey ?? null,
        subject: input.message.subject,
        ok: outcome.ok,
        detail: outcome.ok ? (outcome.detail ?? null) : null,
        error: outcome.ok ? null : outcome.error,
      },
    });
    if (outcome.ok) report.sent += 1;
    else {
      report.failed += 1;
      if (outcome.retryable) report.retryableFailures += 1;
    }
  }
  return report;
}
