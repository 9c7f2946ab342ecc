import path from "node:path";
import fs from "node:fs";
import { z } from "zod";
import { fileBody } from "@/lib/imports/web-streams";
import { SAMPLE_FILES } from "@/lib/imports/kinds";
import { routeParams, session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { ImportKindSchema } from "@/lib/schemas/imports";

// GET /api/imports/samples/:kind: the small sample file of a kind (samples/ in the repository), so
// an admin can see the expected format.
export const dynamic = "force-dynamic";

export const GET = route(
  session<RouteSource<{ kind: string }>>().role("ADMIN").input(z.object({ kind: ImportKindSchema }), { read: routeParams }),
  async ({ input, request }) => {
    const name = SAMPLE_FILES[input.kind];
    const file = path.join(process.cwd(), "samples", name);
    if (!fs.existsSync(file)) return localJsonError(request, 404, "Không tìm thấy tệp mẫu.");
    return new Response(fileBody(file), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
