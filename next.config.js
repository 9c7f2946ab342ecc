// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite (WASM) and the pg driver must stay real Node modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  images: { unoptimized: true },
  poweredByHeader: false,
  // Lets parallel builds (e.g. a test run beside a dev session) use separate folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};
module.exports = nextConfig;
