import { Pool } from "pg";

// "Can the PostgreSQL server answer right now?", for the proxy's availability gate (proxy.ts: every
// page and API request gets the Vietnamese 503 while the answer is no) and /api/health. It has its
// own one-connection pool, so a page pool that is exhausted or hung never delays it, and its own
// short deadline on connecting *and* on reading (a server that accepts the connection and then says
// nothing is as unavailable as one that refuses it).
//
// The answer is kept briefly so a burst of requests costs one round trip: a good answer for
// OK_FOR_MS. While the last answer was good, callers wait for the next check (bounded by its
// deadline); while it was bad, they are answered "no" at once and a check runs in the background
// every DOWN_FOR_MS at most. The page pool reports
// queries that got no answer in time and broken connections with recheckPostgres, so the next
// request checks at once instead of trusting the last answer.
// Recovery needs no restart: the next check after a bad answer opens the gate again.

const OK_FOR_MS = 500;
const DOWN_FOR_MS = 500;

type State = { pool?: Pool; url?: string; checkedAt: number; ok: boolean; pending?: Promise<boolean> };
const state: State = ((globalThis as { __wardwatchHealth?: State }).__wardwatchHealth ??= { checkedAt: 0, ok: true });

function poolFor(url: string, timeoutMs: number): Pool {
  if (!state.pool || state.url !== url) {
    void state.pool?.end().catch(() => undefined);
    state.pool = new Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: timeoutMs,
      // A hung server: pool.query releases the client with this error, so the pool discards it and
      // the next check opens a fresh connection.
      query_timeout: timeoutMs,
      keepAlive: true,
      idleTimeoutMillis: 10_000,
    });
    // An idle client that loses its server emits 'error'; without a listener that kills the process.
    state.pool.on("error", () => undefined);
    state.url = url;
    state.checkedAt = 0;
    state.ok = true;
  }
  return state.pool;
}

function check(pool: Pool): Promise<boolean> {
  const pending = pool
    .query("SELECT 1")
    .then(() => true)
    .catch(() => false)
    .then((ok) => {
      state.ok = ok;
      state.checkedAt = Date.now();
      state.pending = undefined;
      return ok;
    });
  state.pending = pending;
  return pending;
}

export async function isPostgresReachable(url: string, timeoutMs = 2000): Promise<boolean> {
  const pool = poolFor(url, timeoutMs);
  const age = Date.now() - state.checkedAt;
  if (state.ok && age < OK_FOR_MS) return true;
  if (!state.ok) {
    // Answer "no" at once; the next check runs in the background and reopens the gate.
    if (!state.pending && age >= DOWN_FOR_MS) void check(pool);
    return false;
  }
  return state.pending ?? check(pool);
}

/** Trouble seen elsewhere (no proof the server is down): the next caller checks instead of trusting the last answer. */
export function recheckPostgres(): void {
  if (state.ok) state.checkedAt = 0;
}

/**
 * True while the last answer was "unreachable" (no waiting, no check): lets a request that reaches
 * the database layer anyway fail at once with a 503 instead of waiting out its deadlines.
 */
export function isPostgresKnownUnreachable(): boolean {
  return !state.ok && state.checkedAt > 0;
}
