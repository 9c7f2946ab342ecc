import "server-only";
import { getPrisma } from "../db.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SessionUser } from "../permissions.ts";
import type { PushSubscriptionInput } from "./schema.ts";

// The push_subscription table. Two halves: what a signed-in user does to their own devices (the
// gate: the user comes from the session, never from the input, so nobody touches another's
// subscriptions) and what the push channel needs to deliver (by user id, after the caller chose the
// recipient).

/** A stored subscription as web-push takes it. */
export type StoredSubscription = { id: number; endpoint: string; keys: { p256dh: string; auth: string } };

/**
 * Saves this browser's subscription for the signed-in user. The endpoint is unique: a device that
 * was subscribed by someone else (a shared phone) now belongs to this user only.
 */
export async function subscribeDevice(user: SessionUser, sub: PushSubscriptionInput): Promise<void> {
  const prisma = await getPrisma();
  const data = { userId: user.id, p256dh: sub.keys.p256dh, auth: sub.keys.auth };
  await prisma.pushSubscription.upsert({
    where: { endpoint: sub.endpoint },
    create: { endpoint: sub.endpoint, ...data },
    update: { ...data, lastError: null, lastFailureAt: null },
  });
}

/** Removes this browser's subscription if it is the signed-in user's; says whether one was removed. */
export async function unsubscribeDevice(user: SessionUser, endpoint: string): Promise<boolean> {
  const prisma = await getPrisma();
  const { count } = await prisma.pushSubscription.deleteMany({ where: { endpoint, userId: user.id } });
  return count > 0;
}

/** How many devices the signed-in user receives push on. */
export async function countMyDevices(user: SessionUser): Promise<number> {
  const prisma = await getPrisma();
  return prisma.pushSubscription.count({ where: { userId: user.id } });
}

// ---- for the push channel (lib/notifications/push-channel.ts) ----

export async function subscriptionsOf(prisma: PrismaClient, userId: number): Promise<StoredSubscription[]> {
  const rows = await prisma.pushSubscription.findMany({
    where: { userId },
    select: { id: true, endpoint: true, p256dh: true, auth: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ id: r.id, endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } }));
}

export async function recordDelivered(prisma: PrismaClient, id: number): Promise<void> {
  await prisma.pushSubscription.updateMany({ where: { id }, data: { lastSuccessAt: new Date() } });
}

export async function recordFailed(prisma: PrismaClient, id: number, error: string): Promise<void> {
  await prisma.pushSubscription.updateMany({ where: { id }, data: { lastFailureAt: new Date(), lastError: error.slice(0, 500) } });
}

/** The push service says the subscription is gone (404/410): it will never work again. */
export async function removeExpired(prisma: PrismaClient, id: number): Promise<void> {
  await prisma.pushSubscription.deleteMany({ where: { id } });
}
