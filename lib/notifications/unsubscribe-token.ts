import crypto from "node:crypto";
import type { ChannelName } from "./channel.ts";

// The unsubscribe link of an e-mail: it turns one channel off for one user without signing in, so
// it must not be forgeable. The token is "<userId>.<channel>.<HMAC-SHA256>", keyed by a key derived
// from the app's auth secret (NEXTAUTH_SECRET or the generated key file): links keep working across
// restarts and servers that share the secret, and stop working if the secret is changed.

const PURPOSE = "wardwatch/unsubscribe/v1";

function mac(secret: string, payload: string): string {
  const key = crypto.createHmac("sha256", secret).update(PURPOSE).digest();
  return crypto.createHmac("sha256", key).update(payload).digest("base64url");
}

export function signUnsubscribeToken(secret: string, userId: number, channel: ChannelName): string {
  const payload = `${userId}.${channel}`;
  return `${payload}.${mac(secret, payload)}`;
}

export type UnsubscribeClaim = { userId: number; channel: ChannelName };

const CHANNEL_NAMES: readonly string[] = ["email", "push", "in_app"] satisfies ChannelName[];

/** The claim of a well-formed token signed with `secret`; null for anything else. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  const m = /^(\d{1,10})\.([a-z_]{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [, id, channel, signature] = m as unknown as [string, string, string, string];
  if (!CHANNEL_NAMES.includes(channel)) return null;
  const expected = Buffer.from(mac(secret, `${id}.${channel}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { userId: Number(id), channel: channel as ChannelName };
}
