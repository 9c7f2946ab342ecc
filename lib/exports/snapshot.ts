import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Database } from "../db/open.ts";
import { withBoundClient } from "../db.ts";
import { OverloadedError } from "../errors.ts";

// A download reads one consistent snapshot of the database: a READ ONLY, REPEATABLE READ
// transaction taken before the first byte is sent, so every query of the file (the count, the
// scope, each batch of rows) sees the same committed data, and the 200 is only answered once a
// connection is held. Export queries get a deadline of their own (`statement_timeout`, set LOCAL
// to this transaction: 60 s by default, WARDWATCH_EXPORT_STATEMENT_TIMEOUT_MS), longer than a
// page would tolerate and shorter than forever. The transaction itself may live as long as the
// download streams (WARDWATCH_EXPORT_MAX_MS, default one hour: the city-wide venue CSV takes
// minutes); past that Prisma rolls it back and the next read fails, which aborts the stream.

export type SnapshotSettings = {
  /** deadline of one export query (`SET LOCAL statement_timeout`) */
  readonly statementTimeoutMs: number;
  /** longest life of the snapshot, the whole download included */
  readonly maxMs: number;
  /** how long to wait for a pooled connection before answering 503 */
  readonly connectWaitMs: number;
};

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

export function snapshotSettings(): SnapshotSettings {
  return {
    statementTimeoutMs: intFromEnv("WARDWATCH_EXPORT_STATEMENT_TIMEOUT_MS", 60_000),
    maxMs: intFromEnv("WARDWATCH_EXPORT_MAX_MS", 3_600_000),
    connectWaitMs: intFromEnv("WARDWATCH_EXPORT_CONNECT_WAIT_MS", 5_000),
  };
}

export type ReadSnapshot = {
  /**
   * The transaction's client. Prisma types it as a TransactionClient (a PrismaClient without
   * $transaction/$connect); the readers it is handed (lib/figures, lib/data) are typed with
   * PrismaClient but only read through model delegates and $queryRaw, so it is given that type
   * here, in this one place.
   */
  readonly db: PrismaClient;
  /**
   * True when rows may be read lazily from the open transaction while the answer streams. On the
   * embedded database (one connection for the whole app) an open transaction would stop every
   * other request until the download is over, so the rows are read whole before answering.
   */
  readonly streams: boolean;
  /** Ends the transaction (commit, or rollback when `error` is given). Idempotent; never throws. */
  end(error?: unknown): Promise<void>;
};

/** Prisma's "could not start a transaction in time": the pool is busy, so the answer is 503. */
function isStartTimeout(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2028" && /start|acquire|maxWait/i.test(err.message);
}

/** Opens the snapshot: a connection is held when this resolves. */
export async function beginReadSnapshot(database: Pick<Database, "prisma"> & { kind?: Database["kind"] }, settings: SnapshotSettings = snapshotSettings()): Promise<ReadSnapshot> {
  const postgres = database.kind === "postgres";
  let finish: (error?: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) => (error === undefined ? resolve() : reject(error));
  });
  let opened: (tx: Prisma.TransactionClient) => void = () => undefined;
  let failed: (err: unknown) => void = () => undefined;
  const ready = new Promise<Prisma.TransactionClient>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  const settled = database.prisma
    .$transaction(
      async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        if (postgres) await tx.$queryRaw`SELECT set_config('statement_timeout', ${String(settings.statementTimeoutMs)}, true)`;
        opened(tx);
        await finished;
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: settings.connectWaitMs, timeout: settings.maxMs },
    )
    .then(
      () => undefined,
      (err: unknown) => failed(err), // before `opened`: the open failed; after it: a rollback (no-op here)
    );
  let tx: Prisma.TransactionClient;
  try {
    tx = await ready;
  } catch (err) {
    if (isStartTimeout(err)) throw new OverloadedError(5);
    throw err;
  }
  let ended: Promise<void> | null = null;
  return {
    db: tx as unknown as PrismaClient,
    streams: postgres,
    end(error?: unknown) {
      ended ??= (finish(error ?? undefined), settled);
      return ended;
    },
  };
}

/** Runs `read` on one snapshot and ends it: the documents read all their data this way. */
export async function readInSnapshot<T>(database: Pick<Database, "prisma"> & { kind?: Database["kind"] }, read: (db: PrismaClient) => Promise<T>): Promise<T> {
  const snapshot = await beginReadSnapshot(database);
  try {
    const result = await withBoundClient(snapshot.db, () => read(snapshot.db));
    await snapshot.end();
    return result;
  } catch (err) {
    await snapshot.end(err);
    throw err;
  }
}
