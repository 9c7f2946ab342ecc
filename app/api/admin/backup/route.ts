import { download } from "@/lib/requests/download";
import { backupCaller, embeddedBackupResponse } from "@/lib/server/backup-download";

// GET /api/admin/backup: the embedded database's backup (lib/server/backup-download.ts), in a
// heavy-work slot held until the file has been sent.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = download(backupCaller, embeddedBackupResponse);
