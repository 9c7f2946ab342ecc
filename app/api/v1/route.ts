import { errorResponse, jsonError } from "@/lib/auth/route";
import { getSessionUser } from "@/lib/auth/session";
import { canExportDataset } from "@/lib/permissions";
import { DATASET_FILTERS, EXPORT_DATASET_LABELS, EXPORT_DATASETS } from "@/lib/schemas/exports";

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
  const datasets = EXPORT_DATASETS.filter((d) => canExportDataset(user, d)).map((d) => ({
    id: d,
    title: EXPORT_DATASET_LABELS[d],
    href: `/api/v1/${d}`,
    filters: DATASET_FILTERS[d],
  }));
  return Response.json({ version: 1, datasets }, { headers: { "Cache-Control": "no-store" } });
}
