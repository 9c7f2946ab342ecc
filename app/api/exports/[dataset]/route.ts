import { handleExport } from "@/lib/http/downloads";

// File downloads of a table: /api/exports/DATASET?format=csv|xlsx&district=…&ward=…&day=…&from=…&to=…
// (datasets and filters: lib/schemas/exports.ts, docs/exports.md). Streamed; never cached.

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ dataset: string }> }): Promise<Response> {
  const { dataset } = await context.params;
  return handleExport(request, dataset, "file");
}
