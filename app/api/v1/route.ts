import { listExportDatasets } from "@/lib/data/exports";
import { session } from "@/lib/requests/guard";
import { route } from "@/lib/requests/route";

// The index of the read-only JSON API, version 1: the datasets the signed-in user may read and the
// filters each accepts (docs/exports.md).

export const dynamic = "force-dynamic";

export const GET = route(session(), async ({ user }) => {
  const datasets = listExportDatasets(user).map((d) => ({ id: d.id, title: d.label, href: `/api/v1/${d.id}`, filters: d.filters }));
  return Response.json({ version: 1, datasets }, { headers: { "Cache-Control": "no-store" } });
});
