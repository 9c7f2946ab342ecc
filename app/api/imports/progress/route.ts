import { NextResponse } from "next/server";
import { readProgress } from "@/lib/imports/progress-registry";
import { queryObject, session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { ProgressQuerySchema } from "@/lib/schemas/imports";

// GET /api/imports/progress?token=: the latest progress of the caller's upload (bytes and rows
// processed, phase), polled by the admin page while the upload streams.
export const dynamic = "force-dynamic";

export const GET = route(session<RouteSource>().role("ADMIN").input(ProgressQuerySchema, { read: queryObject }), async ({ user, input, request }) => {
  const progress = readProgress(input.token, user.id);
  if (progress === null) return localJsonError(request, 404, "Chưa có tiến độ cho lần tải lên này.");
  return NextResponse.json(progress, { headers: { "Cache-Control": "no-store" } });
});
