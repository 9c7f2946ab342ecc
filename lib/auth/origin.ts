// Same-origin check for state-changing requests (CSRF defence in depth; Next.js applies the same
// rule to server actions before they run).

/**
 * A state-changing request must come from this site: its Origin, when the browser sends one, must
 * name the host the request was sent to. "null" (a sandboxed or privacy-redirected origin) is
 * refused. Requests without an Origin are not browser cross-site requests and are allowed, as
 * Next.js does.
 */
export function isSameOriginRequest(h: { origin: string | null; host: string | null; forwardedHost: string | null }): boolean {
  if (h.origin === null) return true;
  const host = (h.forwardedHost ?? h.host)?.split(",")[0]?.trim().toLowerCase();
  if (!host) return false;
  try {
    return new URL(h.origin).host.toLowerCase() === host;
  } catch {
    return false;
  }
}
