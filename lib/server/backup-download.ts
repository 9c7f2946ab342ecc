import "server-only";
import { errorResponse, jsonError } from "../auth/route.ts";
import { getSessionUser } from "../auth/session.ts";
import { getDatabase } from "../db.ts";
import { isBackupToken } from "../db/backup-endpoint.ts";
import { dumpEmbedded } from "../db/backup-embedded.ts";
import { dataDirectory } from "../env.ts";
import { heavyWork } from "./capacity.ts";

// GET /api/admin/backup: a consistent backup of the embedded database, taken by the server that
// holds it (no other process may open the folder while it runs). For `npm run db:backup` (bearer
// token from <dataDir>/backup-token) and for a signed-in administrator (download in the browser).
// On PostgreSQL the backup is pg_dump's job (npm run db:backup), not the web server's.

const BEARER = /^Bearer\s+(\S+)$/i;

async function authorized(request: Request): Promise<Response | null> {
  const bearer = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer) return isBackupToken(dataDirectory(), bearer) ? null : jsonError(401, "Mã sao lưu không đúng.");
  const user = await getSessionUser();
  if (!user) return jsonError(401, "Bạn cần đăng nhập.");
  if (user.role !== "ADMIN") return jsonError(403, "Chỉ quản trị viên được tải bản sao lưu.");
  return null;
}

export async function embeddedBackupResponse(request: Request): Promise<Response> {
  try {
    const refused = await authorized(request);
    if (refused) return refused;
    const db = await getDatabase();
    if (db.kind !== "embedded" || !db.pglite) {
      return jsonError(409, "Máy chủ dùng PostgreSQL: sao lưu bằng lệnh npm run db:backup -- TỆP trên máy có quyền truy cập cơ sở dữ liệu.");
    }
    const pglite = db.pglite;
    const body = await heavyWork().run(() => dumpEmbedded(pglite));
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
    return new Response(body, {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(body.size),
        "Content-Disposition": `attachment; filename="wardwatch-embedded-${stamp}.backup"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
