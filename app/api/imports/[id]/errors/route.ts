import { jsonError, withAuth } from "@/lib/auth/route";
import { getErrorReportFile } from "@/lib/data/imports";
import { fileBody } from "@/lib/imports/web-streams";
import { ImportIdParamsSchema } from "@/lib/schemas/imports";

// GET /api/imports/:id/errors: the import's full error report (every bad row: line, column,
// value, reason), as a CSV download streamed from disk.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return withAuth({ roles: ["ADMIN"], schema: ImportIdParamsSchema, read: () => context.params }, async ({ user, input }) => {
    const file = await getErrorReportFile(user, input.id);
    if (file === null) return jsonError(404, "Lần nhập này không có báo cáo lỗi.");
    return new Response(fileBody(file), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="import-${input.id}-loi.csv"`,
        "Cache-Control": "no-store",
      },
    });
  })(request);
}
