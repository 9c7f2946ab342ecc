import type { PrismaClient } from "../generated/prisma/client.ts";

// The authentication log (OWASP ASVS 16.3.1): every attempt at a secret is written down, success
// or failure, with the username as typed, the client's address and the time, so an admin can see
// who tried what and from where. The limits themselves live in sign_in_throttle
// (lib/auth/throttle.ts); this is only the record. It keeps 90 days: each new row removes the
// rows older than that (one indexed DELETE, so the table stays small without a scheduled job).

export type AttemptKind = "sign_in" | "password_change" | "setup_link";
export type AttemptOutcome = "success" | "wrong" | "throttled" | "disabled";

export const ATTEMPT_LOG_RETENTION_MS = 90 * 24 * 3_600_000;

type Db = Pick<PrismaClient, "$executeRaw">;

export type AttemptLogEntry = { kind: AttemptKind; username: string; ip: string; outcome: AttemptOutcome; at: Date };

export async function logAttempt(db: Db, entry: AttemptLogEntry): Promise<void> {
  const success = entry.outcome === "success";
  await db.$executeRaw`
    INSERT INTO login_attempt (at, username, ip, success, kind, refusal)
    VALUES (${entry.at}, ${entry.username.slice(0, 64)}, ${entry.ip.slice(0, 64)}, ${success}, ${entry.kind}, ${success ? null : entry.outcome})`;
  await db.$executeRaw`DELETE FROM login_attempt WHERE at < ${new Date(entry.at.getTime() - ATTEMPT_LOG_RETENTION_MS)}`;
}
