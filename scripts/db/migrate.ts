// Migrations without Prisma's downloaded engine binary (see lib/migrations.ts).
//   tsx scripts/db/migrate.ts deploy        apply pending migrations (npm run db:migrate)
//   tsx scripts/db/migrate.ts create NAME   write a new migration from schema.prisma
//                                            (npm run db:migrate:create -- NAME)
// deploy targets DATABASE_URL when set, else the embedded PGlite folder <WARDWATCH_DATA_DIR>/pglite
// (default ./.data/pglite), opened through lib/db/open.ts with its lock.
import { openDatabase } from "../../lib/db/open.ts";
import { dataDirectory, readEnv } from "../../lib/env.ts";
import { createMigration } from "../../lib/migrations.ts";

const USAGE = "usage: tsx scripts/db/migrate.ts deploy | create NAME";

function report(applied: string[], started: number): void {
  const ms = Math.round(performance.now() - started);
  if (applied.length === 0) {
    console.log(`[migrate] Không có migration nào cần áp dụng: cơ sở dữ liệu đã cập nhật (${ms} ms).`);
  } else {
    console.log(`[migrate] Đã áp dụng ${applied.length} migration (${ms} ms):`);
    for (const name of applied) console.log(`  - ${name}`);
  }
}

async function deploy(): Promise<void> {
  const started = performance.now();
  const env = readEnv();
  // openDatabase migrates before returning; on the embedded folder it also takes the lock, so a
  // running server (or another script) is refused instead of silently corrupted.
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: dataDirectory(env), migrate: false });
  try {
    console.log(`[migrate] ${db.kind === "embedded" ? "PGlite (nhúng)" : "PostgreSQL"}: ${db.location}`);
    const { applied } = await db.applyMigrations();
    report(applied, started);
  } finally {
    await db.close();
  }
}

async function create(name: string | undefined): Promise<void> {
  if (!name) throw new Error(`missing migration name\n${USAGE}`);
  const folder = await createMigration(name);
  if (folder === null) {
    console.log("[migrate] schema.prisma khớp với lịch sử migration: không tạo migration mới.");
  } else {
    console.log(`[migrate] Đã tạo prisma/migrations/${folder}/migration.sql — hãy đọc lại trước khi commit.`);
  }
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === "deploy") await deploy();
  else if (command === "create") await create(name);
  else throw new Error(USAGE);
}

main().catch((err: unknown) => {
  console.error(`[migrate] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
