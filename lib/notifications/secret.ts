import "server-only";
import { resolveAuthSecret } from "../auth/secret.ts";
import { dataDirectory, readEnv } from "../env.ts";

/** The app's auth secret (lib/auth/secret.ts), the key the unsubscribe tokens are derived from. */
export function notificationSecret(): string {
  return resolveAuthSecret({ envSecret: process.env.NEXTAUTH_SECRET, dataDir: dataDirectory(readEnv()) }).secret;
}
