import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { applyMigrations, pgMigrationFactory } from "../migrations.ts";
import { connectionConfig, DEFAULT_DEADLINES, endClientsOnReadTimeout, type Deadlines } from "./deadlines.ts";
import { acquireEmbeddedLock, type EmbeddedLock } from "./embedded-lock.ts";
import { recheckPostgres } from "./health.ts";

// Opens the one database WardWatch works on: the PostgreSQL server named by DATABASE_URL,
// or an embedded PostgreSQL (PGlite) in a data folder. Callers get a Prisma client either way;
// the rest of the code does not know which one it talks to.

export type DatabaseKind = "postgres" | "embedded";

export type Database = {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /**
   * The client for long work (downloads, imports, documents): on PostgreSQL a second, small pool
   * whose queries may run for minutes (lib/db/deadlines.ts); on the embedded database the same
   * client as `prisma`. Take a heavyWork() slot (lib/server/capacity.ts) before using it.
   */
  longWork: PrismaClient;
  /** where the data lives, for messages (a URL without password, or a folder) */
  location: string;
  /** the embedded engine itself (kind "embedded" only): backups dump its data folder */
  pglite?: PGlite;
  /** applies pending migrations (openDatabase does it already unless migrate: false) */
  applyMigrations(): Promise<{ applied: string[] }>;
  close(): Promise<void>;
};

export type OpenOptions = {
  /** a postgres:// URL; when absent, the embedded database in dataDir is used */
  url?: string;
  /** folder for the embedded database and its lock (default ./.data) */
  dataDir?: string;
  /** apply pending migrations before returning (default true) */
  migrate?: boolean;
  connectTimeoutMs?: number;
  poolMax?: number;
  /** query deadlines for PostgreSQL (lib/db/deadlines.ts); connectTimeoutMs above wins over theirs */
  deadlines?: Partial<Deadlines>;
  longPoolMax?: number;
  /**
   * Embedded only: PostgreSQL settings for this process's PGlite ("shared_buffers=16MB"). A
   * command-line import lowers shared_buffers: PGlite's memory never shrinks once grown.
   */
  embeddedSettings?: readonly string[];
};

export class EmbeddedDatabaseCorruptError extends Error {
  constructor(
    readonly folder: string,
    cause: unknown,
  ) {
    super(
      `Không mở được cơ sở dữ liệu nhúng trong ${folder}: thư mục bị hỏng hoặc không phải dữ liệu của WardWatch ` +
        `(${cause instanceof Error ? cause.message : String(cause)}). Không có gì bị ghi đè. ` +
        `Hãy sao lưu thư mục này rồi xoá nó (ứng dụng sẽ tạo lại dữ liệu mẫu), ` +
        `hoặc đặt WARDWATCH_DATA_DIR sang một thư mục khác.`,
      { cause },
    );
    this.name = "EmbeddedDatabaseCorruptError";
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  return options.url
    ? openPostgres(options.url, migrate, options)
    : openEmbedded(path.resolve(options.dataDir ?? ".data"), migrate, options.embeddedSettings ?? []);
}

function deadlinePool(url: string, kind: "page" | "long", deadlines: Deadlines, max: number): Pool {
  const pool = new Pool({ ...connectionConfig(url, kind, deadlines), max, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on("error", (err) => console.error("[db] lỗi kết nối PostgreSQL (sẽ tự kết nối lại):", err.message));
  // A query that got no answer in time, or a broken connection, makes the availability gate check
  // the server on the next request instead of trusting its last answer. Not more: a read timeout
  // also happens when this process is too busy to read the answer (measured in the fault suite's
  // burst), and that must not turn the whole app into 503s.
  endClientsOnReadTimeout(pool, { hung: () => recheckPostgres(), connectionLost: () => recheckPostgres() });
  return pool;
}

async function openPostgres(url: string, migrate: boolean, options: OpenOptions): Promise<Database> {
  const deadlines: Deadlines = {
    ...DEFAULT_DEADLINES,
    ...options.deadlines,
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  };
  // Migrations may rewrite large tables: they run on a connection of their own with the long deadlines.
  const migrateNow = () => applyMigrations(pgMigrationFactory(connectionConfig(url, "long", deadlines)));
  if (migrate) await migrateNow();
  const pool = deadlinePool(url, "page", deadlines, options.poolMax ?? 10);
  const longPool = deadlinePool(url, "long", deadlines, options.longPoolMax ?? 4);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const longWork = new PrismaClient({ adapter: new PrismaPg(longPool) });
  return {
    kind: "postgres",
    prisma,
    longWork,
    location: redactUrl(url),
    applyMigrations: migrateNow,
    async close() {
      await Promise.all([prisma.$disconnect(), longWork.$disconnect()]);
      await Promise.all([pool.end().catch(() => undefined), longPool.end().catch(() => undefined)]);
    },
  };
}

function looksLikePostgresFolder(folder: string): boolean {
  return fs.existsSync(path.join(folder, "PG_VERSION"));
}

async function openEmbedded(dataDir: string, migrate: boolean, settings: readonly string[]): Promise<Database> {
  const folder = path.join(dataDir, "pglite");
  const lock: EmbeddedLock = acquireEmbeddedLock(dataDir);
  let pglite: PGlite | undefined;
  try {
    const exists = fs.existsSync(folder) && fs.readdirSync(folder).length > 0;
    if (exists && !looksLikePostgresFolder(folder)) {
      throw new EmbeddedDatabaseCorruptError(folder, new Error("thiếu tệp PG_VERSION"));
    }
    fs.mkdirSync(folder, { recursive: true });
    try {
      pglite = await PGlite.create(
        folder,
        settings.length > 0 ? { startParams: [...PGlite.defaultStartParams, ...settings.flatMap((setting) => ["-c", setting])] } : undefined,
      );
    } catch (err) {
      throw new EmbeddedDatabaseCorruptError(folder, err);
    }
    const factory = new PrismaPGlite(pglite);
    const migrateNow = () => applyMigrations(factory);
    if (migrate) await migrateNow();
    const prisma = new PrismaClient({ adapter: factory });
    const db = pglite;
    return {
      kind: "embedded",
      prisma,
      longWork: prisma,
      location: folder,
      pglite: db,
      applyMigrations: migrateNow,
      async close() {
        await prisma.$disconnect();
        // $disconnect does not close PGlite; without this, scripts never exit.
        if (!db.closed) await db.close();
        lock.release();
      },
    };
  } catch (err) {
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    lock.release();
    throw err;
  }
}
