import crypto from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { readOrCreateKeyFile } from "../auth/secret.ts";
import { dataDirectory, readEnv } from "../env.ts";

// The VAPID key pair that identifies this WardWatch to the browsers' push services (RFC 8292).
// Kept like the session key (lib/auth/secret.ts): WARDWATCH_VAPID_PUBLIC_KEY / _PRIVATE_KEY when
// set (required when several servers share one database: a subscription is bound to the public
// key it was made with), otherwise a pair generated on first use and kept in
// <WARDWATCH_DATA_DIR>/vapid-key (mode 0600). Deleting the file (or changing the keys)
// makes every existing subscription useless: the push services refuse them and users must switch
// push on again.

export const VAPID_FILE_NAME = "vapid-key";

/** The contact the push services may use about this sender: an https: URL or a mailto: address. */
const DEFAULT_SUBJECT = "mailto:wardwatch@localhost.invalid";

const KeyPairSchema = z.object({
  // P-256: a 65-byte uncompressed public point and a 32-byte private scalar, base64url.
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{86,88}$/, "khoá công khai VAPID không hợp lệ"),
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{42,44}$/, "khoá bí mật VAPID không hợp lệ"),
});

export type VapidKeys = z.infer<typeof KeyPairSchema> & { subject: string; source: "env" | "file" };

export class VapidKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VapidKeyError";
  }
}

export function resolveVapidKeys(options: { env: Readonly<Record<string, string | undefined>>; dataDir: string }): VapidKeys {
  const { env } = options;
  const subject = env.WARDWATCH_VAPID_SUBJECT?.trim() || DEFAULT_SUBJECT;
  if (!/^(mailto:|https:\/\/)/.test(subject)) {
    throw new VapidKeyError(`WARDWATCH_VAPID_SUBJECT phải là địa chỉ mailto: hoặc https:// (đang là "${subject}").`);
  }
  const publicKey = env.WARDWATCH_VAPID_PUBLIC_KEY?.trim();
  const privateKey = env.WARDWATCH_VAPID_PRIVATE_KEY?.trim();
  if (publicKey || privateKey) {
    const parsed = KeyPairSchema.safeParse({ publicKey, privateKey });
    if (!parsed.success) {
      throw new VapidKeyError(
        `Cặp khoá VAPID trong môi trường không hợp lệ (${parsed.error.issues.map((i) => i.message).join("; ")}). ` +
          "Đặt cả WARDWATCH_VAPID_PUBLIC_KEY và WARDWATCH_VAPID_PRIVATE_KEY (tạo bằng: npx web-push generate-vapid-keys), hoặc bỏ cả hai.",
      );
    }
    return { ...parsed.data, subject, source: "env" };
  }
  return { ...readOrCreateKeyPair(options.dataDir), subject, source: "file" };
}

/**
 * The pair kept in the data folder: a random secret created once by the session key's own helper
 * (same folder, mode 0600, safe when two processes start together); the private key is its SHA-256
 * (a P-256 scalar), the public key follows from it.
 */
function readOrCreateKeyPair(dataDir: string): z.infer<typeof KeyPairSchema> {
  const seed = readOrCreateKeyFile(dataDir, VAPID_FILE_NAME);
  const ecdh = crypto.createECDH("prime256v1");
  const privateKey = crypto.createHash("sha256").update(seed).digest(); // 32 bytes, as web-push requires
  try {
    ecdh.setPrivateKey(privateKey);
  } catch {
    // A digest at or above the curve order (odds about 2^-32): no usable key.
    throw new VapidKeyError(`Tệp khoá VAPID ${path.join(dataDir, VAPID_FILE_NAME)} không cho một khoá hợp lệ. Xoá tệp để tạo khoá mới.`);
  }
  return { publicKey: ecdh.getPublicKey().toString("base64url"), privateKey: privateKey.toString("base64url") };
}

let cached: VapidKeys | undefined;

/** This server's VAPID keys (from the environment or the data folder), read or created on first use. */
export function vapidKeys(): VapidKeys {
  cached ??= resolveVapidKeys({ env: process.env, dataDir: dataDirectory(readEnv()) });
  return cached;
}
