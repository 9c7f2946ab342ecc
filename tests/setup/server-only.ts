// Vitest runs outside Next.js: the "server-only" marker is a no-op there.
export {};
