// npm run db:backup -- FILE
// PostgreSQL (DATABASE_URL set): pg_dump --format=custom into FILE, while the app keeps running.
// Embedded (PGlite in WARDWATCH_DATA_DIR): when the server is running it holds the folder, so the
// backup is asked from it (GET /api/admin/backup with the token in <dataDir>/backup-token); when
// it is stopped, the folder is opened here directly. See docs/operations.md#backup-and-restore.
import { backupEmbeddedDirect, saveEmbeddedBackup } from "../../lib/db/backup-embedded.ts";
import { BACKUP_PATH, backupToken, runningServer, type ServerEndpoint } from "../../lib/db/backup-endpoint.ts";
import { backupPostgres } from "../../lib/db/backup-postgres.ts";
import { redactUrl } from "../../lib/db/open.ts";
import { dataDirectory, readEnv } from "../../lib/env.ts";

const USAGE = "Cách dùng: npm run db:backup -- TỆP";

async function askServer(server: ServerEndpoint, dataDir: string, file: string): Promise<{ bytes: number }> {
  let response: Response;
  try {
    response = await fetch(`${server.url}${BACKUP_PATH}`, { headers: { Authorization: `Bearer ${backupToken(dataDir)}` } });
  } catch (err) {
    throw new Error(
      `Máy chủ WardWatch (tiến trình ${server.pid}) đang giữ cơ sở dữ liệu nhúng nhưng không trả lời ở ${server.url} ` +
        `(${err instanceof Error ? err.message : String(err)}). Hãy tải bản sao lưu ở ${BACKUP_PATH} khi đăng nhập quản trị viên, ` +
        "hoặc dừng máy chủ rồi chạy lại lệnh này.",
      { cause: err },
    );
  }
  if (!response.ok) {
    const detail = ((await response.json().catch(() => ({}))) as { error?: string }).error ?? response.statusText;
    throw new Error(`Máy chủ từ chối sao lưu (HTTP ${response.status}): ${detail}`);
  }
  return saveEmbeddedBackup(await response.blob(), file);
}

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!file) throw new Error(USAGE);
  const env = readEnv();
  const started = performance.now();
  let result: { bytes: number };
  let source: string;
  if (env.DATABASE_URL) {
    source = `PostgreSQL ${redactUrl(env.DATABASE_URL)}`;
    result = await backupPostgres(env.DATABASE_URL, file);
  } else {
    const dataDir = dataDirectory(env);
    const server = runningServer(dataDir);
    source = server ? `cơ sở dữ liệu nhúng ${dataDir} (qua máy chủ đang chạy, tiến trình ${server.pid})` : `cơ sở dữ liệu nhúng ${dataDir}`;
    result = server ? await askServer(server, dataDir, file) : await backupEmbeddedDirect(dataDir, file);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mb = (result.bytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 });
  console.log(`[backup] Đã sao lưu ${source} vào ${file} (${mb} MB, ${seconds} s).`);
}

main().catch((err: unknown) => {
  console.error(`[backup] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
