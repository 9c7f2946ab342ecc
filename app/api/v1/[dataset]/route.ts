import { exportDownload } from "@/lib/http/downloads";

// The read-only JSON API, version 1: GET /api/v1/DATASET?district=…&ward=…&day=…&from=…&to=…
// Same datasets, filters and permissions as the file downloads (lib/http/downloads.ts); the answer is
// one JSON document streamed row by row (lib/documents/json.ts). A breaking change of the shape gets
// /api/v2, never an edit of v1.

export const dynamic = "force-dynamic";

export const GET = exportDownload("json");
