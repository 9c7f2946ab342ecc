import { embeddedBackupResponse } from "@/lib/server/backup-download";

// GET /api/admin/backup: the embedded database's backup (lib/server/backup-download.ts).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = embeddedBackupResponse;
