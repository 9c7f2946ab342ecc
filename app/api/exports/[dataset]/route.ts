import { exportDownload } from "@/lib/http/downloads";

// File downloads of a table: /api/exports/DATASET?format=csv|xlsx&district=…&ward=…&day=…&from=…&to=…
// (datasets and filters: lib/schemas/exports.ts, docs/exports.md). Streamed; never cached.

export const dynamic = "force-dynamic";

export const GET = exportDownload("file");
