import "server-only";
import { getPrisma } from "../db.ts";
import type { FieldErrors } from "../schemas/field-errors.ts";
import { SetupTokenSchema, type FirstAdminInput } from "../schemas/user.ts";
import { checkSetupToken, createFirstAdmin, hasActiveAdmin, type SetupRefusal, type SetupTokenState } from "./first-run.ts";
import { checkLoginAllowed, recordLoginAttempt } from "./rate-limit.ts";

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
 * Creates the first administrator through the link, with wrong tokens limited per client address
 * by the sign-in limits (kept in login_attempt under "setup:ADDRESS").
 */
export async function createFirstAdminFromLink(input: FirstAdminInput, request: { ip: string; now: Date }): Promise<FirstAdminOutcome> {
  const prisma = await getPrisma();
  const { ip, now } = request;
  const key = `setup:${ip}`.slice(0, 64);
  const gate = await checkLoginAllowed(prisma, { username: key, ip, now });
  if (!gate.allowed) return { ok: false, rateLimited: { retryAfterSeconds: gate.retryAfterSeconds } };
  const result = await createFirstAdmin(prisma, input, now);
  if (result.ok) {
    await recordLoginAttempt(prisma, { username: key, ip, success: true, now });
    return { ok: true, username: result.username };
  }
  if ("refused" in result && result.refused === "invalid") await recordLoginAttempt(prisma, { username: key, ip, success: false, now });
  return result;
}
