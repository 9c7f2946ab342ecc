import { Pool } from "pg";

// A cheap "is the PostgreSQL server reachable?" check for the proxy, with its own one-connection
// pool so it never competes with page queries. The answer is cached briefly so a page view costs
// at most one round trip every CACHE_MS, and a server that comes back is noticed within that time.

const CACHE_MS = 2000;

type State = { pool?: Pool; url?: string; checkedAt: number; ok: boolean; pending?: Promise<boolean> };
const state: State = ((globalThis as { __wardwatchHealth?: State }).__wardwatchHealth ??= { checkedAt: 0, ok: true });

export async function isPostgresReachable(url: string, timeoutMs = 2000): Promise<boolean> {
  if (Date.now() - state.checkedAt < CACHE_MS && state.url === url) return state.ok;
  if (state.pending) return state.pending;
  if (!state.pool || state.url !== url) {
    await state.pool?.end().catch(() => undefined);
    state.pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: timeoutMs, idleTimeoutMillis: 10_000 });
    state.pool.on("error", () => undefined);
    state.url = url;
  }
  const pool = state.pool;
  state.pending = pool
    .query("SELECT 1")
    .then(() => true)
    .catch(() => false)
    .then((ok) => {
      state.ok = ok;
      state.checkedAt = Date.now();
      state.pending = undefined;
      return ok;
    });
  return state.pending;
}
