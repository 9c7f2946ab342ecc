import "server-only";
import { getDatabase } from "../db.ts";
import { isPostgresReachable } from "../db/health.ts";
import { readEnv } from "../env.ts";

export { DATABASE_RETRY_AFTER_SECONDS } from "../db/unavailable.ts";

// Liveness and database reachability for GET /api/health: answers within
// WARDWATCH_HEALTH_TIMEOUT_MS whatever the database does. The PostgreSQL check has its own
// connection and deadline (lib/db/health.ts), so a hung server or an exhausted page pool never
// makes the health check hang with it. Reveals no data.

export type Health = { status: "ok"; database: "postgres" | "embedded" } | { status: "unavailable" };

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`health check: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function checkHealth(): Promise<Health> {
  const env = readEnv();
  try {
    if (env.DATABASE_URL && !(await isPostgresReachable(env.DATABASE_URL, env.WARDWATCH_HEALTH_TIMEOUT_MS))) return { status: "unavailable" };
    // Opened (and migrated) by now, or still opening: then not ready yet. The embedded database runs
    // in this process and cannot hang on a network; its SELECT 1 shares the one connection.
    const db = await within(env.WARDWATCH_HEALTH_TIMEOUT_MS, getDatabase());
    if (db.kind === "embedded") await within(env.WARDWATCH_HEALTH_TIMEOUT_MS, db.prisma.$queryRaw`SELECT 1`);
    return { status: "ok", database: db.kind };
  } catch (err) {
    console.error("[health]", err instanceof Error ? err.message : err);
    return { status: "unavailable" };
  }
}
