import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Role, SessionUser } from "../permissions.ts";
import { getAuthOptions, parsePasswordChangeAccount, parseSessionUser, type PasswordChangeAccount } from "./config.ts";
import { safeCallbackPath } from "./redirect.ts";
import { DatabaseUnavailableError } from "./unavailable.ts";

// The signed-in user for pages, server actions and route handlers. Reading the session runs the
// jwt callback, which reloads the account from the database (lib/auth/config.ts); `cache` makes
// that one lookup per request however many components ask.
//
// An account that must change the password an admin gave it (bulk creation, reset) has a session
// without a user: getSessionUser answers null, so every server action (lib/requests `action`: 401), route
// handler (401) and page is closed to it; pages send it to the change-password page instead of
// the sign-in page. Only that page and its action read the account (getPasswordChangeAccount).
//
// When the database cannot be read to check the session, every reader throws
// DatabaseUnavailableError (503; pages show it through app/error.tsx): an outage never counts as
// "not signed in", which would send signed-in users to the sign-in page.

/** Where an account that must change its password is sent. */
export const CHANGE_PASSWORD_PATH = "/account/password";

type SessionState =
  | { kind: "user"; user: SessionUser }
  | { kind: "password-change"; account: PasswordChangeAccount }
  | null;

const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(getAuthOptions());
  if (session?.unavailable === true) throw new DatabaseUnavailableError();
  const user = parseSessionUser(session?.user);
  if (user) return { kind: "user", user };
  const account = parsePasswordChangeAccount(session?.passwordChange);
  return account ? { kind: "password-change", account } : null;
});

/**
 * The signed-in user, or null (also while a password change is due). Never throws for a missing or
 * revoked session; throws DatabaseUnavailableError when the database cannot say.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const state = await getSessionState();
  return state?.kind === "user" ? state.user : null;
});

/**
 * For the change-password page and its action: the signed-in account, whether or not a password
 * change is due (`mustChange`), or null when nobody is signed in.
 */
export async function getPasswordChangeAccount(): Promise<(PasswordChangeAccount & { mustChange: boolean }) | null> {
  const state = await getSessionState();
  if (!state) return null;
  if (state.kind === "password-change") return { ...state.account, mustChange: true };
  const { id, username, displayName } = state.user;
  return { id, username, displayName, mustChange: false };
}

/**
 * For pages: the signed-in user, or a redirect to the sign-in page that comes back to `returnTo`
 * (a path of this site; anything else returns to "/"), or to the change-password page while a
 * password change is due.
 */
export async function requireUser(returnTo = "/"): Promise<SessionUser> {
  const state = await getSessionState();
  if (state?.kind === "password-change") redirect(CHANGE_PASSWORD_PATH);
  if (state?.kind !== "user") redirect(`/login?callbackUrl=${encodeURIComponent(safeCallbackPath(returnTo))}`);
  return state.user;
}

/** For pages: as requireUser, then 403 (app/forbidden.tsx) unless the user has one of `roles`. */
export async function requireRole(roles: readonly Role[], returnTo = "/"): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (!roles.includes(user.role)) forbidden();
  return user;
}
