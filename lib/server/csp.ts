// The Content-Security-Policy of every page, with a fresh nonce per request (ASVS 5.0 V3.4.3).
// proxy.ts sets it on the request (Next.js reads the nonce from it and puts it on every script it
// renders) and on the response. Scripts: only the nonce'd ones and what they load ('strict-dynamic'),
// so an injected inline script does not run. next.config.js sends the same policy without a nonce
// (so without any inline script) on the responses the proxy never sees (static files, uploads).

/**
 * Styles keep 'unsafe-inline': React renders `style` attributes (chart sizes, Recharts' own
 * layout) and an attribute cannot carry a nonce. A nonce in style-src would also switch
 * 'unsafe-inline' off. Styles cannot run script, so this does not reopen script injection.
 */
const STYLE_SRC = "style-src 'self' 'unsafe-inline'";

const FIXED_DIRECTIVES = [
  "default-src 'self'",
  STYLE_SRC,
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // The service worker (public/sw.js): named explicitly, since 'strict-dynamic' makes script-src
  // (its fallback) ignore 'self'. The web manifest likewise.
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
];

/** 128 random bits from the platform CSPRNG, base64 (ASVS V11.5.1; a UUID would not do). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy for a page. `dev`: the development server also needs eval (React rebuilds server
 * error stacks in the browser with it); production never does.
 */
export function pageContentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  const scriptSrc = `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`;
  return [FIXED_DIRECTIVES[0], scriptSrc, ...FIXED_DIRECTIVES.slice(1)].join("; ");
}
