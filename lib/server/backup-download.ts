import "server-only";
import { getDatabase } from "../db.ts";
import { isBackupToken } from "../db/backup-endpoint.ts";
import { dumpEmbedded } from "../db/backup-embedded.ts";
import { dataDirectory } from "../env.ts";
import { anyone, refuse, session, type RouteSource } from "../requests/guard.ts";

// GET /api/admin/backup: a consistent backup of the embedded database, taken by the server that
// holds it (no other process may open the folder while it runs). For `npm run db:backup` (bearer
// token from <dataDir>/backup-token) and for a signed-in administrator (download in the browser).
// On PostgreSQL the backup is pg_dump's job (npm run db:backup), not the web server's. The route
// runs these steps through the request family's download transport (a heavy-work slot).

const BEARER = /^Bearer\s+(\S+)$/i;

const signedInAdmin = session<RouteSource>().check(({ user }) => {
  if (user.role !== "ADMIN") refuse(403, "Chỉ quản trị viên được tải bản sao lưu.");
});

/** The backup token's holder, or else a signed-in admin (401 / 403); then the embedded database (409 on PostgreSQL). */
export const backupCaller = anyone<RouteSource>()
  .check(async (_ctx, src: RouteSource) => {
    const bearer = BEARER.exec(src.request.headers.get("authorization") ?? "")?.[1];
    if (bearer === undefined) await signedInAdmin.resolve(src);
    else if (!isBackupToken(dataDirectory(), bearer)) refuse(401, "Mã sao lưu không đúng.");
  })
  .step(async () => {
    const db = await getDatabase();
    if (db.kind !== "embedded" || !db.pglite) {
      refuse(409, "Máy chủ dùng PostgreSQL: sao lưu bằng lệnh npm run db:backup -- TỆP trên máy có quyền truy cập cơ sở dữ liệu.");
    }
    return { pglite: db.pglite };
  });

export async function embeddedBackupResponse({ pglite }: { pglite: Parameters<typeof dumpEmbedded>[0] }): Promise<Response> {
  const body = await dumpEmbedded(pglite);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(body, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(body.size),
      "Content-Disposition": `attachment; filename="wardwatch-embedded-${stamp}.backup"`,
      "Cache-Control": "no-store",
    },
  });
}
