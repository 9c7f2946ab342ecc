import { NextResponse } from "next/server";
import { getDatabase } from "@/lib/db";
import { isPostgresReachable } from "@/lib/db/health";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { readEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

// Liveness and database reachability, for monitors, load balancers and the CI smoke test. Reveals no
// data. Answers within WARDWATCH_HEALTH_TIMEOUT_MS whatever the database does: the PostgreSQL check
// has its own connection and deadline (lib/db/health.ts), so a hung server or an exhausted page pool
// never makes the health check hang with it.

function unavailable(): NextResponse {
  return NextResponse.json(
    { status: "unavailable" },
    { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`health check: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function GET() {
  const env = readEnv();
  try {
    if (env.DATABASE_URL && !(await isPostgresReachable(env.DATABASE_URL, env.WARDWATCH_HEALTH_TIMEOUT_MS))) return unavailable();
    // Opened (and migrated) by now, or still opening: then not ready yet. The embedded database runs
    // in this process and cannot hang on a network; its SELECT 1 shares the one connection.
    const db = await within(env.WARDWATCH_HEALTH_TIMEOUT_MS, getDatabase());
    if (db.kind === "embedded") await within(env.WARDWATCH_HEALTH_TIMEOUT_MS, db.prisma.$queryRaw`SELECT 1`);
    return NextResponse.json({ status: "ok", database: db.kind }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    console.error("[health]", err instanceof Error ? err.message : err);
    return unavailable();
  }
}
