import "server-only";
import type { Channel, ChannelName } from "./channel.ts";
import { emailChannel } from "./email-channel.ts";
import { inAppChannel } from "./in-app-channel.ts";
import { pushChannel } from "./push-channel.ts";

// The channels a message can go through, in the order they are tried. Adding one (Web Push:
// lib/notifications/push-channel.ts) is one line here: the delivery step, the preferences page and
// the message log all read this list.
export const CHANNELS: readonly Channel[] = [
  emailChannel,
  inAppChannel,
  pushChannel,
];

export function registeredChannelNames(channels: readonly Channel[] = CHANNELS): ChannelName[] {
  return channels.map((c) => c.name);
}
