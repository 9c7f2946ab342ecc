import { getSession } from "next-auth/react";
import { landingPath, safeCallbackPath } from "@/lib/auth/redirect";

// For the sign-in and first password-change forms (client side): the page to open after signing
// in. A path asked for is kept (checked: this site only); the overview ("/") becomes the user's
// landing page by role (lib/auth/redirect.ts landingPath: a ward chair's is /entry).

/** The signed-in user's role from next-auth's session endpoint, or null (then the path is kept). */
async function signedInRole(): Promise<string | null> {
  try {
    const session = await getSession();
    const user = (session as { user?: { role?: unknown } } | null)?.user;
    return typeof user?.role === "string" ? user.role : null;
  } catch {
    return null;
  }
}

export async function pathAfterSignIn(callbackPath: string): Promise<string> {
  const path = safeCallbackPath(callbackPath, window.location.origin);
  return path === "/" ? landingPath(await signedInRole(), path) : path;
}
