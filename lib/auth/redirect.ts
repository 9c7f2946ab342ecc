// Where to go after signing in. `callbackUrl` comes from the URL, so anyone can craft a link with
// it: only paths on this site are followed; anything else (another origin, a protocol-relative
// "//host", "/\host" that browsers read as "//host", javascript:, …) falls back to "/".

const PLACEHOLDER_ORIGIN = "http://wardwatch.invalid";

/** A same-site path ("/entry?day=2021-08-17") from a callback URL, or "/" when it is not one. */
export function safeCallbackPath(url: unknown, baseUrl: string = PLACEHOLDER_ORIGIN): string {
  if (typeof url !== "string" || url.length === 0 || url.length > 2000) return "/";
  // Control characters and backslashes have no business in a path and confuse URL parsers.
  if (/[\u0000-\u001f\u007f\\]/.test(url)) return "/";
  let base: URL;
  let target: URL;
  try {
    base = new URL(baseUrl);
    target = new URL(url, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin) return "/";
  // "/.//evil.example" resolves to the path "//evil.example": never hand out a path that a browser
  // would read as protocol-relative.
  const path = `${target.pathname.replace(/^\/+/, "/")}${target.search}${target.hash}`;
  if (path === "/login" || path.startsWith("/login?") || path.startsWith("/api/auth")) return "/";
  return path;
}

/**
 * Where a user lands after signing in, by role: a ward chair who asked for nothing in particular
 * (the overview, "/") lands on the daily report (/entry), which is what they come for; a national
 * official on the country's provinces ranked (/country, ADR 030); other officials and admins on the
 * overview. Any other path asked for is kept.
 */
export function landingPath(role: string | null | undefined, callbackPath: string): string {
  if (callbackPath !== "/") return callbackPath;
  if (role === "WARD_CHAIR") return "/entry";
  if (role === "NATIONAL_OFFICIAL") return "/country";
  return callbackPath;
}
