import { Prisma } from "../generated/prisma/client.ts";
import { OverloadedError } from "../errors.ts";
import { IMPORT_LOCK_CLASS } from "./publish.ts";
import { IMPORT_RETRY_AFTER_SECONDS, QUEUE_MESSAGES } from "./queue.ts";
import type { SqlExecutor } from "./session.ts";

// The turn of an import across every server process sharing one PostgreSQL (several app instances
// behind nginx, docs/scale.md). queue.ts orders the imports of ONE process; this is the step after
// it: the import's own connection takes one of `slots` session advisory locks
// (IMPORT_LOCK_CLASS, -1 … -slots; the import ids use the positive second keys, publishing 0).
// While every slot is held by another process the import waits, polling, and says so
// ("Đang chờ lần nhập khác xong", the queued phase without a place: the order across servers is
// not known), its upload paused by TCP backpressure as in queue.ts. The lock is a session lock:
// it goes when the import's connection closes, also when the process dies (kill -9), so a crashed
// server never blocks the others. The embedded database has one process by construction.

/** Milliseconds between two tries while another server imports. */
export const CLUSTER_TURN_POLL_MS = 500;

const waiting = new Set<AbortController>();

export type ClusterTurnOptions = {
  /** imports allowed at once across all servers (WARDWATCH_IMPORT_CONCURRENCY) */
  slots: number;
  /** called once, when the import starts waiting for another server */
  onWaiting?: () => void;
  pollMs?: number;
};

/** The second lock key of slot `i` (0-based): negative, never an import id nor the publish key. */
export const clusterSlotKey = (i: number): number => -1 - i;

/**
 * Waits until this session holds a cluster-wide import slot; returns the slot's key. Throws
 * OverloadedError (503, Retry-After) when the server stops while waiting (refuseClusterWaits).
 */
export async function takeClusterTurn(exec: SqlExecutor, options: ClusterTurnOptions): Promise<number> {
  const slots = Math.max(1, options.slots);
  const controller = new AbortController();
  waiting.add(controller);
  let told = false;
  try {
    for (;;) {
      for (let i = 0; i < slots; i++) {
        const rows = await exec.rows(Prisma.sql`SELECT pg_try_advisory_lock(${IMPORT_LOCK_CLASS}::int, ${clusterSlotKey(i)}::int) AS ok`);
        if (rows[0]?.ok === true) {
          // Refused while this try was on its way: the caller closes the session, freeing the slot.
          if (controller.signal.aborted) throw new OverloadedError(IMPORT_RETRY_AFTER_SECONDS, QUEUE_MESSAGES.stopping);
          return clusterSlotKey(i);
        }
      }
      if (!told) {
        told = true;
        options.onWaiting?.();
      }
      await pause(options.pollMs ?? CLUSTER_TURN_POLL_MS, controller.signal);
    }
  } finally {
    waiting.delete(controller);
  }
}

/** Refuses every import waiting for another server (the server is stopping); returns how many. */
export function refuseClusterWaits(): number {
  const count = waiting.size;
  for (const controller of waiting) controller.abort();
  return count;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stopping = () => new OverloadedError(IMPORT_RETRY_AFTER_SECONDS, QUEUE_MESSAGES.stopping);
    // Refused while the last try was on its way to the server.
    if (signal.aborted) return reject(stopping());
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", refuse);
      resolve();
    }, ms);
    const refuse = () => {
      clearTimeout(timer);
      reject(stopping());
    };
    signal.addEventListener("abort", refuse, { once: true });
  });
}
