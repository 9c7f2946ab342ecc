import type { Pool, PoolClient, PoolConfig } from "pg";

// Deadlines on every wait between the app and PostgreSQL, so that a database that is slow, hung
// (TCP open, nothing moving) or out of connections turns into a quick 503 instead of a request
// that hangs and holds a pooled connection forever.
//
// Two kinds of work, two pools (lib/db/open.ts):
// - "page": pages, server actions, API requests. A few seconds per query (WARDWATCH_QUERY_TIMEOUT_MS).
// - "long": downloads, imports, documents: minutes per query (WARDWATCH_LONG_QUERY_TIMEOUT_MS).
//   Use `Database.longWork` (a Prisma client on the long pool) or, for a connection of your own
//   (COPY, advisory locks), `new pg.Client(connectionConfig(url, "long", deadlines))`.
//   A `SET LOCAL statement_timeout` inside a page-pool transaction is NOT enough: the client-side
//   read deadline (query_timeout) of the page pool would still cut the query.
//
// Each deadline and why it is there:
// - statement_timeout (server side): the server cancels a query that runs too long (SQLSTATE 57014)
//   and the connection stays usable.
// - query_timeout (client side, a little longer): fires only when the server does not answer at all
//   (hung server, dead network). The connection is then ended (endClientsOnReadTimeout), because
//   node-postgres would otherwise hand the hung connection back to the pool for the next request.
// - connectionTimeoutMillis: waiting for a pooled connection *or* for a new one to open. Pool
//   exhaustion and a server that accepts no connections both end in a quick error (→ 503).
// - lock_timeout: waiting on a row or table lock held by someone else (SQLSTATE 55P03).
// - idle_in_transaction_session_timeout: a transaction left open by a crashed request or a stalled
//   stream is ended by the server, releasing its locks and snapshot (SQLSTATE 25P03).
// - keepAlive: the kernel notices a peer that vanished without a FIN on idle connections.
//
// PGlite (embedded, DATABASE_URL unset) has none of these: it runs in this process on one
// connection, so it cannot hang on a network nor run out of pooled connections; a long query
// blocks the process itself, and bounded concurrency for heavy work (lib/server/capacity.ts) is
// what keeps that short. Its statement_timeout is left unset: a timer inside WebAssembly would
// not interrupt a running query any sooner than it ends.

export type PoolKind = "page" | "long";

export type Deadlines = {
  /** the longest a page/action/API request waits for one query */
  queryTimeoutMs: number;
  /** the same for long work */
  longQueryTimeoutMs: number;
  /** waiting for a pooled connection or a new one */
  connectTimeoutMs: number;
};

export const DEFAULT_DEADLINES: Deadlines = { queryTimeoutMs: 5000, longQueryTimeoutMs: 300_000, connectTimeoutMs: 3000 };

/** Extra time the client gives the server to report its own statement timeout before giving up on it. */
const CLIENT_GRACE_MS = 1000;

export type SessionDeadlines = {
  statement_timeout: number;
  query_timeout: number;
  lock_timeout: number;
  idle_in_transaction_session_timeout: number;
};

/**
 * The per-connection deadlines of a pool kind. The server cancels first (statement_timeout) so a
 * merely slow query ends cleanly; the client deadline only catches a server that stopped answering.
 */
export function sessionDeadlines(kind: PoolKind, deadlines: Deadlines = DEFAULT_DEADLINES): SessionDeadlines {
  const statement = kind === "page" ? deadlines.queryTimeoutMs : deadlines.longQueryTimeoutMs;
  return {
    statement_timeout: statement,
    query_timeout: statement + CLIENT_GRACE_MS,
    // A lock wait is part of the statement's time: give up on it well before the statement deadline.
    lock_timeout: Math.min(Math.floor(statement / 2), 30_000),
    // Pages never hold a transaction open between queries for long; long work streams batches out
    // of one snapshot, paced by a client that may read slowly.
    idle_in_transaction_session_timeout: kind === "page" ? Math.max(2 * statement, 10_000) : 120_000,
  };
}

/** node-postgres settings for one connection or pool of the given kind. */
export function connectionConfig(url: string, kind: PoolKind, deadlines: Deadlines = DEFAULT_DEADLINES): PoolConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: deadlines.connectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...sessionDeadlines(kind, deadlines),
  };
}

const READ_TIMEOUT = "Query read timeout";

function isReadTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === READ_TIMEOUT;
}

/** The connection itself broke (reset, closed by the server): not a slow query, a server in trouble. */
function isConnectionLoss(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return code === "ECONNRESET" || code === "EPIPE" || /Connection terminated|not queryable/.test(err.message);
}

/**
 * Reports a query that got no answer in time (`hung`) or a dropped connection (`connectionLost`),
 * and discards hung connections.
 *
 * After a client-side read timeout node-postgres keeps the connection, still waiting for the answer
 * to the query it gave up on. `pool.query` discards it (it releases with the error), but a
 * transaction's connection is released without one by @prisma/adapter-pg, and would go back to the
 * pool hung. Ending the client here marks it as ending, so the pool discards it on release, and
 * (a query being active) destroys its socket at once.
 */
export function endClientsOnReadTimeout(
  pool: Pool,
  report: { hung(err: Error): void; connectionLost(err: Error): void } = { hung: () => undefined, connectionLost: () => undefined },
): void {
  // An idle connection that breaks (the server went away between queries, or closed it) may be nothing.
  pool.on("error", (err) => report.connectionLost(err));
  pool.on("connect", (client: PoolClient) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    const giveUp = (err: unknown) => {
      if (isConnectionLoss(err)) report.connectionLost(err as Error);
      if (!isReadTimeout(err)) return;
      report.hung(err as Error);
      client.end().catch(() => undefined);
    };
    const wrapped = (...args: unknown[]): unknown => {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === "function") {
        args[last] = (err: unknown, result: unknown) => {
          giveUp(err);
          (callback as (err: unknown, result: unknown) => void)(err, result);
        };
        return original(...args);
      }
      const result = original(...args);
      if (result instanceof Promise) {
        return result.catch((err: unknown) => {
          giveUp(err);
          throw err;
        });
      }
      return result;
    };
    client.query = wrapped as PoolClient["query"];
  });
}
