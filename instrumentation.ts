import { isDatabaseUnavailable } from "./lib/db/unavailable";
import { markDatabaseUnavailable } from "./lib/server/request-mark";

// Next.js calls register() once when a server process starts. WardWatch uses it for what the
// server process itself must do around its life: answer SIGTERM/SIGINT gracefully
// (lib/server/shutdown.ts), close the database on the way out, and, on the embedded database,
// say where `npm run db:backup` can ask this process for a backup (lib/db/backup-endpoint.ts).
export async function register(): Promise<void> {
  // Node.js server only: not the edge runtime, and not `next build` (it must never open the database).
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerLifecycle } = await import("./lib/server/lifecycle");
  startServerLifecycle();
  // The scheduled jobs (reminders, the morning digest) run in the server process: lib/jobs/worker.ts.
  const { startJobWorker } = await import("./lib/jobs/worker");
  startJobWorker();
}

/**
 * Next.js reports every error of a render, route handler or action here. One caused by the
 * database being unreachable marks the request, so npm start's server answers 503 with Retry-After
 * instead of the 500 Next.js would send for a page (lib/server/request-context.ts). The mark is set
 * before this returns: Next starts it from React's error callback without waiting for it and may
 * write the failed page's 500 right after, so a mark set after an `await` could come too late (the
 * fault suite saw 2 such 500s among ~2.400 answers while the database connections were reset).
 * Both modules imported here are free of Node APIs.
 */
export function onRequestError(err: unknown): void {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (isDatabaseUnavailable(err)) markDatabaseUnavailable();
}
