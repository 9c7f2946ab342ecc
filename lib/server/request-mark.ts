// Marking the request in progress as failed for want of the database (lib/server/request-context.ts
// says why), without importing node:async_hooks: instrumentation.ts imports this statically, and
// it is also built for the edge runtime. The request's storage lives on globalThis, where
// request-context.ts (loaded by npm start's server) puts it.

type RequestContextStorage = { getStore(): { databaseUnavailable: boolean } | undefined };

/** The globalThis key of the request context's storage (shared with request-context.ts). */
export const REQUEST_CONTEXT_KEY = "__wardwatchRequestContext";

/** Records that the request in progress failed for want of the database (no-op outside one). */
export function markDatabaseUnavailable(): void {
  const storage = (globalThis as Record<string, unknown>)[REQUEST_CONTEXT_KEY] as RequestContextStorage | undefined;
  const context = storage?.getStore();
  if (context) context.databaseUnavailable = true;
}
