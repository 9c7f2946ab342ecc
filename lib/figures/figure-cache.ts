import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "../db/unavailable.ts";

// The figure cache (docs/decisions/013-figure-cache-data-version.md): a page's figures of a day
// are computed once and kept, keyed by the reader, its parameters and the database's data
// version. The version (table data_version) is set afresh by triggers on every statement that
// writes a table the readers read, in the writer's transaction, so:
// - a write is seen by the next read that starts after its commit, on every app instance (each
//   reads the version from the database: nothing to broadcast between instances);
// - a reader inside an uncommitted transaction sees a version no other reader will ever see.
// Each database client has its own cache (a WeakMap), so two databases in one process (tests) or
// a transaction's client never share entries. Only figures are cached: what depends on the viewer
// (scope, acknowledgements) is applied by the gate on top of them, per request.

/** Entries kept per database client, least recently used dropped first. */
const CAPACITY = 256;

type Entry = { readonly version: string; value: Promise<unknown> };

const caches = new WeakMap<object, Map<string, Entry>>();

/** The database's data version: one indexed one-row read (a fraction of a millisecond). */
export async function readDataVersion(prisma: Pick<PrismaClient, "$queryRaw">): Promise<string> {
  const [row] = await prisma.$queryRaw<{ version: string }[]>`SELECT version::text AS version FROM data_version WHERE id = 1`;
  if (!row) throw new Error("data_version has no row: the migration 'data_version' was not applied");
  return row.version;
}

/**
 * A value another request is computing (or has computed). Its failure reaches this request as an
 * error of its own: one error object thrown into two renders would be reported for the first
 * only (Next.js marks an error it has seen), and the second request would miss its 503.
 */
async function sharedValue(entry: Entry): Promise<unknown> {
  try {
    return await entry.value;
  } catch (err) {
    if (isDatabaseUnavailable(err)) throw new DatabaseUnavailableError(err);
    throw new Error("Không tính được số liệu", { cause: err });
  }
}

function cacheOf(prisma: object): Map<string, Entry> {
  let cache = caches.get(prisma);
  if (!cache) caches.set(prisma, (cache = new Map()));
  return cache;
}

/**
 * The value `compute` gives for `reader` and `params` at the database's current data version:
 * computed once per version, then served from memory (the only query is the version's). Callers
 * share the value: never mutate it. `keep(value)` false: the value depends on more than the data
 * (e.g. the clock) and is not kept, nor served to a caller for whom it is false. Two requests that
 * miss at once share one computation.
 */
export async function cachedFigures<T>(
  prisma: PrismaClient,
  reader: string,
  params: unknown,
  compute: () => Promise<T>,
  keep: (value: T) => boolean = () => true,
): Promise<T> {
  const version = await readDataVersion(prisma);
  const cache = cacheOf(prisma);
  const key = `${reader} ${JSON.stringify(params)}`;
  const found = cache.get(key);
  if (found && found.version === version) {
    const value = (await sharedValue(found)) as T;
    // Asked with another clock (tests; a request timed before the value's deadline): not for this one.
    if (keep(value)) {
      // Most recently used last: Map keeps insertion order.
      if (cache.get(key) === found) {
        cache.delete(key);
        cache.set(key, found);
      }
      return value;
    }
  }
  const entry: Entry = { version, value: compute() };
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
  const forget = () => {
    if (cache.get(key) === entry) cache.delete(key);
  };
  entry.value.then((value) => (keep(value as T) ? undefined : forget()), forget);
  return entry.value as Promise<T>;
}
