/**
 * The shape every notification channel shares (e-mail, Web Push, the in-app list). Reminders and
 * the morning digest write one OutgoingMessage per recipient; the delivery step hands it to each
 * channel the recipient has switched on and logs every outcome. Pure types: no framework.
 */
export type ChannelName = "email" | "push" | "in_app";

export type MessageKind = "reminder" | "digest" | "test";

export interface Recipient {
  userId: string;
  displayName: string;
  email: string | null;
  /** The reader's interface language, for the text of the message. */
  locale: "vi" | "en";
}

export interface OutgoingMessage {
  kind: MessageKind;
  /** One line: the e-mail subject, the push title, the in-app heading. */
  subject: string;
  /** Plain text (e-mail text part, in-app body; the push body is its first line). */
  text: string;
  /** Optional HTML for e-mail. */
  html?: string;
  /** A path inside the app (e.g. "/?day=2021-08-14") the message links to. */
  url?: string;
}

/**
 * `unreachable`: the channel has no way to this recipient at all (e.g. no device has push switched
 * on); the delivery step skips it without logging a failure, as most users have no such device.
 */
export type DeliveryOutcome = { ok: true; detail?: string } | { ok: false; error: string; retryable: boolean; unreachable?: true };

export interface Channel {
  name: ChannelName;
  /** Sends one message to one recipient. Never throws: a failure is an outcome, logged by the caller. */
  send(message: OutgoingMessage, recipient: Recipient): Promise<DeliveryOutcome>;
}
