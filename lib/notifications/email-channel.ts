import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { escapeHtml } from "../digest/compose.ts";
import type { Channel, DeliveryOutcome, OutgoingMessage, Recipient } from "./channel.ts";
import { publicBaseUrl, readSmtpConfig, type SmtpConfig } from "./config.ts";
import { notificationSecret } from "./secret.ts";
import { signUnsubscribeToken } from "./unsubscribe-token.ts";

// E-mail through SMTP (nodemailer), configured from the environment (config.ts). Each message has
// a plain-text and an HTML part, in Vietnamese, absolute links to the app, and an unsubscribe link
// of its own (a signed token: it works without signing in) in the footer and in the
// List-Unsubscribe headers (one click, RFC 8058). Every wait has a deadline (SMTP_TIMEOUT_MS).

type Cached = { key: string; transporter: Transporter };
let cached: Cached | null = null;

function transporterFor(config: SmtpConfig): Transporter {
  const key = JSON.stringify(config);
  if (cached?.key === key) return cached.transporter;
  cached?.transporter.close();
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.auth ? { auth: config.auth } : {}),
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  cached = { key, transporter };
  return transporter;
}

export function unsubscribeUrl(base: string, userId: number): string {
  return `${base}/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(notificationSecret(), userId, "email"))}`;
}

/** The e-mail's two parts, with absolute links and the unsubscribe footer. */
export function emailBody(message: OutgoingMessage, recipient: Recipient, base: string): { text: string; html: string; unsubscribe: string } {
  const unsubscribe = unsubscribeUrl(base, Number(recipient.userId));
  const link = message.url ? `${base}${message.url}` : null;
  const footerText = `\n\n--\nWardWatch gửi thư này đến ${recipient.displayName}.\nĐổi cách nhận thông báo: ${base}/account/notifications\nNgừng nhận thư điện tử: ${unsubscribe}`;
  const text = `${message.text}${link ? `\n\nXem trên WardWatch: ${link}` : ""}${footerText}`;
  // Relative links of the HTML part ("/alerts?…") become absolute: a mail reader has no base.
  const html0 = message.html ?? `<p>${escapeHtml(message.text).replace(/\n/g, "<br>")}</p>`;
  const htmlLinks = html0.replace(/href="\//g, `href="${escapeHtml(base)}/`);
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title></head>` +
    `<body style="font-family:Arial,sans-serif;line-height:1.5;color:#0f172a">${htmlLinks}` +
    (link ? `<p><a href="${escapeHtml(link)}">Xem trên WardWatch</a></p>` : "") +
    `<hr><p style="font-size:12px;color:#475569">WardWatch gửi thư này đến ${escapeHtml(recipient.displayName)}. ` +
    `<a href="${escapeHtml(base)}/account/notifications">Đổi cách nhận thông báo</a> · ` +
    `<a href="${escapeHtml(unsubscribe)}">Ngừng nhận thư điện tử</a></p></body></html>`;
  return { text, html, unsubscribe };
}

function isRetryable(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === "number") return e.responseCode < 500;
  // Connection refused, timeouts, DNS: the server may be back later.
  return true;
}

export const emailChannel: Channel = {
  name: "email",
  async send(message, recipient): Promise<DeliveryOutcome> {
    if (!recipient.email) return { ok: false, error: "Người dùng chưa có địa chỉ thư điện tử.", retryable: false };
    let config: SmtpConfig | null;
    try {
      config = readSmtpConfig();
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err), retryable: false };
    }
    if (!config) return { ok: false, error: "Chưa cấu hình máy chủ thư (SMTP_HOST).", retryable: false };
    const base = publicBaseUrl();
    const body = emailBody(message, recipient, base);
    try {
      const info = await transporterFor(config).sendMail({
        from: config.from,
        to: { name: recipient.displayName, address: recipient.email },
        subject: message.subject,
        text: body.text,
        html: body.html,
        headers: { "List-Unsubscribe": `<${body.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      });
      return { ok: true, detail: `${info.messageId ?? ""} ${info.response ?? ""}`.trim() };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err), retryable: isRetryable(err) };
    }
  },
};
