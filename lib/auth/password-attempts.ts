import "server-only";
import { getPrisma } from "../db.ts";
import { recordSuccess, type AttemptKey } from "./throttle.ts";

// A right password given outside the sign-in form (the change-password form's current password):
// its attempt, counted on the sign-in throttle before the check, is taken back as a sign-in's is.
// This module gets the client itself, for the server action.

export async function forgivePasswordAttempt(key: AttemptKey, now: Date): Promise<void> {
  await recordSuccess(await getPrisma(), key, now);
}
