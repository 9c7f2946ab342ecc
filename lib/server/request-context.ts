import { AsyncLocalStorage } from "node:async_hooks";
import { REQUEST_CONTEXT_KEY } from "./request-mark.ts";

// What one HTTP request learned while Next.js handled it, for npm start's own server
// (scripts/serve.ts), which wraps Next's handler: today, whether the request failed because the
// database could not answer. Next.js answers a page whose render failed with 500 and no way to
// choose the status; the server then turns that 500 into 503 with Retry-After, which is what it
// is. The storage lives on globalThis because the server (run by tsx) and the app (bundled by
// Next.js) load this file as two separate modules. instrumentation.ts marks a request through
// request-mark.ts, which reaches the same storage without importing Node's async_hooks.

export type RequestContext = { databaseUnavailable: boolean };

const storage: AsyncLocalStorage<RequestContext> = ((globalThis as Record<string, unknown>)[REQUEST_CONTEXT_KEY] ??=
  new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

/** Runs `work` (Next's handling of one request) with a fresh context; returns the context too. */
export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}
