import "server-only";
import { getPrisma } from "../db.ts";
import { registeredChannelNames } from "../notifications/channels.ts";
import type { ChannelName } from "../notifications/channel.ts";
import { notificationSecret } from "../notifications/secret.ts";
import type { PreferencesInput } from "../notifications/schema.ts";
import { verifyUnsubscribeToken } from "../notifications/unsubscribe-token.ts";
import type { SessionUser } from "../permissions.ts";

// A user's own notifications and choices: every function reads and writes the signed-in user's
// rows only (the user id comes from the session, never from the form). The unsubscribe link is the
// one way in without a session: its signed token names the user and the channel.

export type NotificationView = { id: number; kind: string; subject: string; body: string; url: string | null; createdAt: Date; read: boolean };

export async function countUnreadNotifications(user: SessionUser): Promise<number> {
  const prisma = await getPrisma();
  return prisma.notification.count({ where: { userId: user.id, readAt: null } });
}

export async function listNotifications(user: SessionUser, take = 50): Promise<NotificationView[]> {
  const prisma = await getPrisma();
  const rows = await prisma.notification.findMany({ where: { userId: user.id }, orderBy: { id: "desc" }, take });
  return rows.map((r) => ({ id: r.id, kind: r.kind, subject: r.subject, body: r.body, url: r.url, createdAt: r.createdAt, read: r.readAt !== null }));
}

/** Marks one of the user's notifications read, or all of them (id absent). */
export async function markNotificationsRead(user: SessionUser, id?: number): Promise<{ marked: number }> {
  const prisma = await getPrisma();
  const { count } = await prisma.notification.updateMany({ where: { userId: user.id, readAt: null, ...(id ? { id } : {}) }, data: { readAt: new Date() } });
  return { marked: count };
}

export type PreferenceView = {
  /** the registered channels, in order, each with whether it is on */
  channels: { name: ChannelName; enabled: boolean }[];
  paused: boolean;
  hasEmail: boolean;
};

export async function getNotificationPreferences(user: SessionUser): Promise<PreferenceView> {
  const prisma = await getPrisma();
  const [pref, account] = await Promise.all([
    prisma.notificationPreference.findUnique({ where: { userId: user.id }, select: { disabledChannels: true, paused: true } }),
    prisma.user.findUnique({ where: { id: user.id }, select: { email: true } }),
  ]);
  const disabled = new Set(pref?.disabledChannels ?? []);
  return {
    channels: registeredChannelNames().map((name) => ({ name, enabled: !disabled.has(name) })),
    paused: pref?.paused ?? false,
    hasEmail: Boolean(account?.email),
  };
}

export async function setNotificationPreferences(user: SessionUser, input: PreferencesInput): Promise<PreferenceView> {
  const prisma = await getPrisma();
  const on = new Set<string>(input.channels);
  // Only registered channels are stored as off: a channel added later starts on.
  const disabledChannels = registeredChannelNames().filter((name) => !on.has(name));
  await prisma.notificationPreference.upsert({
    where: { userId: user.id },
    create: { userId: user.id, disabledChannels, paused: input.paused },
    update: { disabledChannels, paused: input.paused },
  });
  return getNotificationPreferences(user);
}

export class InvalidUnsubscribeTokenError extends Error {
  constructor() {
    super("Liên kết huỷ đăng ký không hợp lệ hoặc đã cũ. Hãy đăng nhập và đổi cách nhận thông báo trong trang Tài khoản.");
    this.name = "InvalidUnsubscribeTokenError";
  }
}

/** Turns the token's channel off for the token's user. Idempotent. */
export async function unsubscribeWithToken(token: string): Promise<{ channel: ChannelName }> {
  const claim = verifyUnsubscribeToken(notificationSecret(), token);
  if (!claim) throw new InvalidUnsubscribeTokenError();
  const prisma = await getPrisma();
  const exists = await prisma.user.findUnique({ where: { id: claim.userId }, select: { id: true } });
  if (!exists) throw new InvalidUnsubscribeTokenError();
  const pref = await prisma.notificationPreference.findUnique({ where: { userId: claim.userId }, select: { disabledChannels: true } });
  const disabledChannels = [...new Set([...(pref?.disabledChannels ?? []), claim.channel])];
  await prisma.notificationPreference.upsert({
    where: { userId: claim.userId },
    create: { userId: claim.userId, disabledChannels },
    update: { disabledChannels },
  });
  return { channel: claim.channel };
}
