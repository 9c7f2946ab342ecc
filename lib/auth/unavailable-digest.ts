// Shared by the server (lib/auth/unavailable.ts) and the pages' error boundary (app/error.tsx, a
// client component): the digest of a "database unavailable" error.
export const DATABASE_UNAVAILABLE_DIGEST = "WARDWATCH_DATABASE_UNAVAILABLE";
