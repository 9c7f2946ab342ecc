import { NextResponse } from "next/server";
import { jsonError, withAuth } from "@/lib/auth/route";
import { readProgress } from "@/lib/imports/progress-registry";
import { ProgressQuerySchema } from "@/lib/schemas/imports";

// GET /api/imports/progress?token=: the latest progress of the caller's upload (bytes and rows
// processed, phase), polled by the admin page while the upload streams.
export const dynamic = "force-dynamic";

export const GET = withAuth(
  { roles: ["ADMIN"], schema: ProgressQuerySchema, read: (request) => Object.fromEntries(new URL(request.url).searchParams) },
  async ({ user, input }) => {
    const progress = readProgress(input.token, user.id);
    if (progress === null) return jsonError(404, "Chưa có tiến độ cho lần tải lên này.");
    return NextResponse.json(progress, { headers: { "Cache-Control": "no-store" } });
  },
);
