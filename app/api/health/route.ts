import { NextResponse } from "next/server";
import { anyone } from "@/lib/requests/guard";
import { route } from "@/lib/requests/route";
import { checkHealth, DATABASE_RETRY_AFTER_SECONDS } from "@/lib/server/health";

export const dynamic = "force-dynamic";

// Liveness and database reachability, for monitors, load balancers and the CI smoke test
// (lib/server/health.ts: answers within its own deadline whatever the database does). Public.
export const GET = route(anyone(), async () => {
  const health = await checkHealth();
  if (health.status === "ok") return NextResponse.json(health, { headers: { "Cache-Control": "no-store" } });
  return NextResponse.json(health, { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } });
});
