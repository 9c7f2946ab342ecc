import { getErrorReportFile } from "@/lib/data/imports";
import { fileBody } from "@/lib/imports/web-streams";
import { routeParams, session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { ImportIdParamsSchema } from "@/lib/schemas/imports";

// GET /api/imports/:id/errors: the import's full error report (every bad row: line, column,
// value, reason), as a CSV download streamed from disk.
export const dynamic = "force-dynamic";

export const GET = route(
  session<RouteSource<{ id: string }>>().role("ADMIN").input(ImportIdParamsSchema, { read: routeParams }),
  async ({ user, input, request }) => {
    const file = await getErrorReportFile(user, input.id);
    if (file === null) return localJsonError(request, 404, "Lần nhập này không có báo cáo lỗi.");
    return new Response(fileBody(file), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="import-${input.id}-loi.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
