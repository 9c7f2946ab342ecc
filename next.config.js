// @ts-check
// next-intl reads the reader's language per request (i18n/request.ts: a cookie, Vietnamese by default).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const createNextIntlPlugin = require("next-intl/plugin");
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite (WASM) and the pg driver must stay real Node modules, not bundled; pdfkit reads its
  // font metrics from its own folder at run time. (One list: a second key would replace it.)
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "pdfkit"],
  images: { unoptimized: true },
  poweredByHeader: false,
  // Lets parallel builds (e.g. a test run beside a dev session) use separate folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Every reader gets each page's <title> and metadata with the page, never streamed after it.
  // Next.js streams metadata to browsers by default, in a Suspense boundary keyed by the request:
  // each router.refresh() or server action mounts a new one, and when the new title comes after
  // the new page React keeps the page without a title for its 300 ms fallback throttle (measured:
  // 9 gaps of ~300 ms in 80 refreshes of / with a 0–150 ms metadata delay, 0 with this setting;
  // a CI run's accessibility check found no title twice). Our metadata is a translated title, so
  // waiting for it costs nothing measurable. (The setting's name is Next's: readers whose agent
  // matches get blocking metadata; this matches every agent.)
  htmlLimitedBots: /.*/,
  // `next build` type-checks the project again, after `npm run typecheck` (next typegen && tsc
  // --noEmit: the same tsconfig, with the same generated route types) has done it: a minute and a
  // half of a busy 2-core machine. The e2e suite's start (playwright.config.ts) builds without this
  // second pass; `npm run build` and `npm start` keep it.
  typescript: { ignoreBuildErrors: process.env.WARDWATCH_BUILD_TYPECHECK === "0" },
  // forbidden() renders app/forbidden.tsx with HTTP 403 (pages a user's role may not see).
  // WARDWATCH_PROFILE_BUILD=1: the server's code left unminified, so a CPU profile of it
  // (scripts/bench/national-http.ts --cpu-prof, cpu-profile-summary.ts) names its functions.
  experimental: { authInterrupts: true, ...(process.env.WARDWATCH_PROFILE_BUILD === "1" ? { serverMinification: false } : {}) },
  // Security headers on every response (issue 4). Pages get their Content-Security-Policy from
  // proxy.ts instead, with a per-request nonce (lib/server/csp.ts: the same directives); this one
  // covers the responses the proxy never sees (static files, the upload route) and allows no
  // inline script at all. The proxy's header replaces it, so a page never carries two policies.
  async headers() {
    const dev = process.env.NODE_ENV === "development";
    const csp = [
      "default-src 'self'",
      `script-src 'self'${dev ? " 'unsafe-eval'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self'", // the service worker, public/sw.js (lib/server/csp.ts)
      "manifest-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ].join("; ");
    const securityHeaders = [
      { key: "Content-Security-Policy", value: csp },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
      { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
      ...(dev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]),
    ];
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};
module.exports = withNextIntl(nextConfig);
