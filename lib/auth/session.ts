import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Role, SessionUser } from "../permissions.ts";
import { getAuthOptions, parseSessionUser } from "./config.ts";
import { safeCallbackPath } from "./redirect.ts";

// The signed-in user for pages, server actions and route handlers. Reading the session runs the
// jwt callback, which reloads the account from the database (lib/auth/config.ts); `cache` makes
// that one lookup per request however many components ask.

/** The signed-in user, or null. Never throws for a missing or revoked session. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  return parseSessionUser(session?.user);
});

/**
 * For pages: the signed-in user, or a redirect to the sign-in page that comes back to `returnTo`
 * (a path of this site; anything else returns to "/").
 */
export async function requireUser(returnTo = "/"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(safeCallbackPath(returnTo))}`);
  return user;
}

/** For pages: as requireUser, then 403 (app/forbidden.tsx) unless the user has one of `roles`. */
export async function requireRole(roles: readonly Role[], returnTo = "/"): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (!roles.includes(user.role)) forbidden();
  return user;
}
