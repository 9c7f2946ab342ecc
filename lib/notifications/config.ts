import { z } from "zod";

// The settings of the notification channels, from the environment (README, "Thông báo"):
//   SMTP_HOST, SMTP_PORT (587), SMTP_SECURE ("1": TLS from the start, port 465), SMTP_USER,
//   SMTP_PASSWORD, SMTP_FROM ("WardWatch <no-reply@example.gov.vn>"), SMTP_TIMEOUT_MS (15000);
//   WARDWATCH_PUBLIC_URL: the address people open the app at, for links in messages (else
//   NEXTAUTH_URL, else http://localhost:PORT).
// Without SMTP_HOST the e-mail channel is off: each message is logged as not sent, with the reason.

const SmtpSchema = z.object({
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(["0", "1"]).default("0"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().trim().min(3).default("WardWatch <no-reply@wardwatch.local>"),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
});

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | null;
  from: string;
  timeoutMs: number;
};

/** Null when e-mail is not configured (no SMTP_HOST). Throws on a malformed setting, naming it. */
export function readSmtpConfig(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  const parsed = SmtpSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Cấu hình SMTP không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  if (!e.SMTP_HOST) return null;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE === "1",
    auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? "" } : null,
    from: e.SMTP_FROM,
    timeoutMs: e.SMTP_TIMEOUT_MS,
  };
}

/** The app's public address for links in messages, without a trailing slash. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.WARDWATCH_PUBLIC_URL || env.NEXTAUTH_URL || `http://localhost:${env.PORT || "3000"}`;
  return raw.replace(/\/+$/, "");
}
