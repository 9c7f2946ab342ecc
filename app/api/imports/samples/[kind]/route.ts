import path from "node:path";
import fs from "node:fs";
import { jsonError, withAuth } from "@/lib/auth/route";
import { fileBody } from "@/lib/imports/web-streams";
import { SAMPLE_FILES } from "@/lib/imports/kinds";
import { ImportKindSchema } from "@/lib/schemas/imports";
import { z } from "zod";

// GET /api/imports/samples/:kind: the small sample file of a kind (samples/ in the repository), so
// an admin can see the expected format.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ kind: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return withAuth({ roles: ["ADMIN"], schema: z.object({ kind: ImportKindSchema }), read: () => context.params }, async ({ input }) => {
    const name = SAMPLE_FILES[input.kind];
    const file = path.join(process.cwd(), "samples", name);
    if (!fs.existsSync(file)) return jsonError(404, "Không tìm thấy tệp mẫu.");
    return new Response(fileBody(file), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      },
    });
  })(request);
}
