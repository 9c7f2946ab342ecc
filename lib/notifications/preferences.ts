import type { ChannelName } from "./channel.ts";

// A user's choice, as stored (table notification_preference): every registered channel is on unless
// listed as disabled, and "paused" stops them all. No row: everything on. Pure.

export type NotificationPreference = { readonly disabledChannels: readonly string[]; readonly paused: boolean };

export const DEFAULT_PREFERENCE: NotificationPreference = { disabledChannels: [], paused: false };

/** The channels a message goes through for this user, in the registry's order. */
export function enabledChannels<C extends { name: ChannelName }>(channels: readonly C[], pref: NotificationPreference | null): C[] {
  const p = pref ?? DEFAULT_PREFERENCE;
  if (p.paused) return [];
  return channels.filter((c) => !p.disabledChannels.includes(c.name));
}
