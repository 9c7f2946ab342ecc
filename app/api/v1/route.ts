import { errorResponse, jsonError } from "@/lib/auth/route";
import { getSessionUser } from "@/lib/auth/session";
import { listExportDatasets } from "@/lib/data/exports";

// The index of the read-only JSON API, version 1: the datasets the signed-in user may read and the
// filters each accepts (docs/exports.md).

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  let user;
  try {
    user = await getSessionUser();
  } catch (err) {
    return errorResponse(err); // a JSON 500 without internals, as every other API route
  }
  if (!user) return jsonError(401, "Bạn cần đăng nhập.");
  const datasets = listExportDatasets(user).map((d) => ({ id: d.id, title: d.label, href: `/api/v1/${d.id}`, filters: d.filters }));
  return Response.json({ version: 1, datasets }, { headers: { "Cache-Control": "no-store" } });
}
