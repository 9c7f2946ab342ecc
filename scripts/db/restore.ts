// npm run db:restore -- FILE [--force]
// Restores a backup made by `npm run db:backup` into the database WardWatch is configured for:
// PostgreSQL (DATABASE_URL) through pg_restore, or the embedded folder (WARDWATCH_DATA_DIR) while
// the server is stopped. The target must hold no data; --force replaces what it holds (the
// embedded folder is kept aside, not deleted). A backup of the other kind is refused.
import { restoreEmbedded } from "../../lib/db/backup-embedded.ts";
import { restorePostgres } from "../../lib/db/backup-postgres.ts";
import { redactUrl } from "../../lib/db/open.ts";
import { dataDirectory, readEnv } from "../../lib/env.ts";
import { describeTablesWithData } from "../../lib/db/backup-tables.ts";

const USAGE = "Cách dùng: npm run db:restore -- TỆP [--force]";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--force");
  const files = args.filter((a) => !a.startsWith("--"));
  if (unknown.length > 0 || files.length !== 1 || !files[0]) throw new Error(USAGE);
  const file = files[0];
  const force = args.includes("--force");
  const env = readEnv();
  const log = (m: string) => console.log(`[restore] ${m}`);
  const started = performance.now();
  const target = env.DATABASE_URL ? `PostgreSQL ${redactUrl(env.DATABASE_URL)}` : `cơ sở dữ liệu nhúng ${dataDirectory(env)}`;
  const { tables } = env.DATABASE_URL
    ? await restorePostgres(env.DATABASE_URL, file, { force, log })
    : await restoreEmbedded(dataDirectory(env), file, { force, log });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Đã khôi phục ${file} vào ${target} (${seconds} s): ${tables.length} bảng có dữ liệu — ${describeTablesWithData(tables)}.`);
  log("Lần chạy npm start tiếp theo sẽ áp dụng các migration mới hơn bản sao lưu (nếu có).");
}

main().catch((err: unknown) => {
  console.error(`[restore] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
