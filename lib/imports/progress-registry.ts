import "server-only";
import type { ImportProgress } from "../domain/imports/progress.ts";

// Progress of the uploads running in this server process, for the admin page to poll while its
// upload is still streaming (the browser only gets the upload's answer once it is done). Keyed by
// a random token the browser made; only the user who started the upload can read it. Entries are
// dropped ten minutes after their last update. In memory: one server process (as WardWatch runs).

type Entry = { userId: number; progress: ImportProgress; updatedAt: number };

const TTL_MS = 10 * 60_000;
const KEY = "__wardwatchImportProgress";
const holder = globalThis as { [KEY]?: Map<string, Entry> };
const entries: Map<string, Entry> = (holder[KEY] ??= new Map());

function sweep(now: number): void {
  for (const [token, entry] of entries) if (now - entry.updatedAt > TTL_MS) entries.delete(token);
}

export function publishProgress(token: string, userId: number, progress: ImportProgress): void {
  const now = Date.now();
  entries.set(token, { userId, progress, updatedAt: now });
  if (entries.size > 100) sweep(now);
}

/** The latest progress of `token` if `userId` started it, else null. */
export function readProgress(token: string, userId: number): ImportProgress | null {
  sweep(Date.now());
  const entry = entries.get(token);
  return entry && entry.userId === userId ? entry.progress : null;
}

/** True when a token is already in use (a second upload must not reuse it). */
export function progressTokenInUse(token: string): boolean {
  return entries.has(token);
}
