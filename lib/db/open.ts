import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg, { Pool, type ClientConfig } from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { MigrationFactory } from "../migrations.ts";
import { migrationsPending } from "../migrations/applied.ts";
import { connectionConfig, DEFAULT_DEADLINES, endClientsOnReadTimeout, type Deadlines } from "./deadlines.ts";
import { acquireEmbeddedLock, type EmbeddedLock } from "./embedded-lock.ts";
import { recheckPostgres } from "./health.ts";

// Opens the one database WardWatch works on: the PostgreSQL server named by DATABASE_URL,
// or an embedded PostgreSQL (PGlite) in a data folder. Callers get a Prisma client either way;
// the rest of the code does not know which one it talks to.
//
// What only one of them needs is loaded only for it (PGlite and its adapter for the embedded
// database, Prisma's schema engine only when a migration is pending: migrations/applied.ts), so
// a short-lived process such as the command-line import starts fast (issue 15).

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

/**
 * Applies pending migrations through Prisma's schema engine, loaded only when `pending()` says
 * there is something to do (asking costs one query; the engine, 0,2–0,5 s).
 */
async function migrateIfPending(pending: () => Promise<boolean>, factory: () => Promise<MigrationFactory>): Promise<{ applied: string[] }> {
  if (!(await pending())) return { applied: [] };
  const { applyMigrations } = await import("../migrations.ts");
  return applyMigrations(await factory());
}

/** Brings the PostgreSQL database at `config` up to prisma/migrations/ (a connection of its own, closed after). */
export function migratePostgres(config: ClientConfig): Promise<{ applied: string[] }> {
  return migrateIfPending(
    async () => {
      const client = new pg.Client(config);
      client.on("error", () => undefined);
      await client.connect();
      try {
        return await migrationsPending(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async () => (await import("../migrations.ts")).pgMigrationFactory(config),
  );
}

async function openPostgres(url: string, migrate: boolean, options: OpenOptions): Promise<Database> {
  const deadlines: Deadlines = {
    ...DEFAULT_DEADLINES,
    ...options.deadlines,
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  };
  // Migrations may rewrite large tables: they run on a connection of their own with the long deadlines.
  const migrateNow = () => migratePostgres(connectionConfig(url, "long", deadlines));
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

/** The embedded engine alone, without a Prisma client (the command-line import needs none). */
export type EmbeddedEngine = {
  pglite: PGlite;
  folder: string;
  applyMigrations(): Promise<{ applied: string[] }>;
  /** closes PGlite and releases the folder's lock */
  close(): Promise<void>;
};

/**
 * Opens the embedded database in `dataDir` (its lock first: one process at a time), migrated
 * unless `migrate` is false. `settings`: PostgreSQL settings for this process's PGlite.
 */
export async function openEmbeddedEngine(dataDir: string, options: { migrate?: boolean; settings?: readonly string[] } = {}): Promise<EmbeddedEngine> {
  const folder = path.join(dataDir, "pglite");
  const settings = options.settings ?? [];
  const lock: EmbeddedLock = acquireEmbeddedLock(dataDir);
  let pglite: PGlite | undefined;
  try {
    const exists = fs.existsSync(folder) && fs.readdirSync(folder).length > 0;
    if (exists && !looksLikePostgresFolder(folder)) {
      throw new EmbeddedDatabaseCorruptError(folder, new Error("thiếu tệp PG_VERSION"));
    }
    fs.mkdirSync(folder, { recursive: true });
    const { PGlite } = await import("@electric-sql/pglite");
    try {
      pglite = await PGlite.create(
        folder,
        settings.length > 0 ? { startParams: [...PGlite.defaultStartParams, ...settings.flatMap((setting) => ["-c", setting])] } : undefined,
      );
    } catch (err) {
      throw new EmbeddedDatabaseCorruptError(folder, err);
    }
    const db = pglite;
    const migrateNow = () =>
      migrateIfPending(
        () => migrationsPending(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows),
        async () => (await import("../migrations.ts")).pgliteMigrationFactory(db),
      );
    if (options.migrate ?? true) await migrateNow();
    return {
      pglite: db,
      folder,
      applyMigrations: migrateNow,
      async close() {
        // Prisma's $disconnect does not close PGlite; without this, scripts never exit.
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

async function openEmbedded(dataDir: string, migrate: boolean, settings: readonly string[]): Promise<Database> {
  const engine = await openEmbeddedEngine(dataDir, { migrate, settings });
  try {
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(engine.pglite) });
    return {
      kind: "embedded",
      prisma,
      longWork: prisma,
      location: engine.folder,
      pglite: engine.pglite,
      applyMigrations: engine.applyMigrations,
      async close() {
        await prisma.$disconnect();
        await engine.close();
      },
    };
  } catch (err) {
    await engine.close().catch(() => undefined);
    throw err;
  }
}
