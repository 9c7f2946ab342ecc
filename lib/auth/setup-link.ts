import "server-only";
import { getPrisma } from "../db.ts";
import type { FieldErrors } from "../schemas/field-errors.ts";
import { SetupTokenSchema, type FirstAdminInput } from "../schemas/user.ts";
import { checkSetupToken, createFirstAdmin, hasActiveAdmin, type SetupRefusal, type SetupTokenState } from "./first-run.ts";
import { logAttempt } from "./attempt-log.ts";
import { pruneThrottle, recordSuccess, reserveAttempt, secondsUntil } from "./throttle.ts";

// The one-time setup link as the server answers it (the page /setup and its form's action): there
// is nobody signed in yet, so the token is the credential. The rules are lib/auth/first-run.ts's
// (also used by `npm start`, which cannot open the server's client); this module gets the client.

/** What the setup page shows for `token`: the form (valid) or why the link no longer works. */
export async function setupLinkState(token: string): Promise<SetupTokenState> {
  const prisma = await getPrisma();
  if (SetupTokenSchema.safeParse(token).success) return checkSetupToken(prisma, token);
  return (await hasActiveAdmin(prisma)) ? "admin-exists" : "invalid";
}

export type FirstAdminOutcome =
  | { ok: true; username: string }
  | { ok: false; rateLimited: { retryAfterSeconds: number } }
  | { ok: false; refused: SetupRefusal }
  | { ok: false; fieldErrors: FieldErrors };

/**
 * Creates the first administrator through the link. Wrong tokens count on the sign-in throttle
 * (lib/auth/throttle.ts) under the key "setup:ADDRESS" and the address: the attempt is counted
 * before the token is checked, and taken back when the token was right (the admin created, or a
 * refusal only the token's holder is told: expired, used, an admin exists, a taken username).
 */
export async function createFirstAdminFromLink(input: FirstAdminInput, request: { ip: string; now: Date }): Promise<FirstAdminOutcome> {
  const prisma = await getPrisma();
  const { ip, now } = request;
  const key = { username: `setup:${ip}`, ip };
  const gate = await reserveAttempt(prisma, key, now);
  if (!gate.allowed) {
    await logAttempt(prisma, { kind: "setup_link", username: key.username, ip, outcome: "throttled", at: now });
    return { ok: false, rateLimited: { retryAfterSeconds: secondsUntil(gate.retryAt, now) } };
  }
  const result = await createFirstAdmin(prisma, input, now);
  const wrongToken = "refused" in result && result.refused === "invalid";
  if (!wrongToken) await recordSuccess(prisma, key, now);
  await logAttempt(prisma, { kind: "setup_link", username: key.username, ip, outcome: wrongToken ? "wrong" : "success", at: now });
  await pruneThrottle(prisma, now);
  return result.ok ? { ok: true, username: result.username } : result;
}
