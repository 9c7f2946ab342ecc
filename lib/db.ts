import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { openDatabase, type Database } from "./db/open.ts";
import { isPostgresKnownUnreachable } from "./db/health.ts";
import { DatabaseUnavailableError } from "./db/unavailable.ts";
import { dataDirectory, readEnv } from "./env.ts";

// The one Prisma client of the server process, opened lazily on first use (so `next build`
// never opens the database) and migrated before use. A failed open is not cached: when the
// database comes back, the next request opens it again.

type Holder = { pending?: Promise<Database> };
const holder = ((globalThis as { __wardwatchDb?: Holder }).__wardwatchDb ??= {});

function open(): Promise<Database> {
  if (!holder.pending) {
    const env = readEnv();
    holder.pending = openDatabase({
      url: env.DATABASE_URL,
      dataDir: dataDirectory(env),
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      poolMax: env.DATABASE_POOL_MAX,
      longPoolMax: env.WARDWATCH_LONG_POOL_MAX,
      deadlines: { queryTimeoutMs: env.WARDWATCH_QUERY_TIMEOUT_MS, longQueryTimeoutMs: env.WARDWATCH_LONG_QUERY_TIMEOUT_MS },
    }).catch((err: unknown) => {
      holder.pending = undefined;
      throw err;
    });
  }
  return holder.pending;
}

/**
 * The client a read in progress is bound to (a download's snapshot transaction, lib/exports/
 * snapshot.ts): gate functions called inside it read the same snapshot through getPrisma(), the
 * only way they get a client, instead of taking a second connection (on the embedded database,
 * whose one connection the snapshot holds, that would wait forever).
 */
const boundClient = new AsyncLocalStorage<PrismaClient>();

/** Runs `work` with getPrisma() answering `client` (and what `work` awaits, transitively). */
export function withBoundClient<T>(client: PrismaClient, work: () => Promise<T>): Promise<T> {
  return boundClient.run(client, work);
}

/** The client withBoundClient bound for this call, if any (lib/db-read.ts keeps such reads in it). */
export function boundClientOrNull(): PrismaClient | null {
  return boundClient.getStore() ?? null;
}

export async function getPrisma(): Promise<PrismaClient> {
  const bound = boundClient.getStore();
  if (bound) return bound;
  const db = await open();
  // The availability gate just saw the server fail (lib/db/health.ts): answer 503 now rather than
  // after the query's deadline. The proxy turns most such requests away before they get here.
  if (db.kind === "postgres" && isPostgresKnownUnreachable()) throw new DatabaseUnavailableError();
  return db.prisma;
}

export async function getDatabase(): Promise<Database> {
  return open();
}

/**
 * Tests only: serve every later getPrisma()/getDatabase() from a database the test opened (a real
 * one: tests/setup/databases.ts), so the data layer is exercised exactly as on a server without
 * mocking this module. Refused outside the test runner.
 */
export function serveDatabaseForTests(database: Database | null): void {
  if (process.env.NODE_ENV !== "test" && process.env.VITEST !== "true") throw new Error("serveDatabaseForTests is for tests only");
  holder.pending = database ? Promise.resolve(database) : undefined;
}

/** Closes the database if this process opened it (graceful shutdown); a later use opens it again. */
export async function closeDatabase(): Promise<void> {
  const pending = holder.pending;
  holder.pending = undefined;
  const db = await pending?.catch(() => undefined);
  await db?.close();
}
