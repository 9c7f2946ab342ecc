import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { boundClientOrNull, getDatabase, getPrisma } from "./db.ts";
import { openDatabase, type Database } from "./db/open.ts";
import { readEnv } from "./env.ts";
import { registerShutdownHandler } from "./server/shutdown.ts";

// Reads that may go to a streaming replica (issue 18, part 4; docs/scale.md, "A standby and read
// replica"). With DATABASE_READ_URL set (a hot standby of DATABASE_URL's server), the dashboards,
// the city and ward pages and the downloads read there; every write, the session checks, the
// sign-in limits, the imports and everything else stay on the primary (lib/db.ts).
//
// Read-your-writes, by WAL position rather than by a time window: after a successful write (every
// server action, lib/requests/action.ts) the primary's current WAL insert position
// (pg_current_wal_insert_lsn(), past the write's commit record even when the commit returned
// before its WAL was written: synchronous_commit = off) goes into a short-lived cookie. A read by that browser asks the
// replica `pg_last_wal_replay_lsn() >= <that position>`: when the replica has replayed it, the
// replica answers (it holds the write); otherwise that read goes to the primary. Exact, whatever
// the lag (a time window is either too long, sending everyone to the primary, or too short when the
// replica falls behind under load), and it costs one tiny query on the replica, only for a browser
// that wrote in the last few minutes. Other users are never held back by someone else's write:
// they see the replica, a fraction of a second behind (the README's replica figures).
// A replica that cannot be reached sends reads to the primary for a few seconds, then is tried again.

export const WRITTEN_LSN_COOKIE = "ww-written-lsn";
/** How long a write keeps its author's reads checked against the replica. */
export const WRITTEN_LSN_MAX_AGE_SECONDS = 300;
/** After a failure to reach the replica, how long reads go to the primary before trying again. */
const REPLICA_RETRY_MS = 5_000;

const LsnSchema = z.string().regex(/^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i);
const ReadUrlSchema = z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_READ_URL phải bắt đầu bằng postgres:// hoặc postgresql://");

/** The replica's URL, or null when reads share the primary (unset, empty, or the embedded database). */
export function readReplicaUrl(): string | null {
  const raw = process.env.DATABASE_READ_URL?.trim();
  if (!raw || !readEnv().DATABASE_URL) return null;
  return ReadUrlSchema.parse(raw);
}

type Holder = { pending?: Promise<Database>; downUntil: number; replayed?: { at: number; lsn: bigint | null } };
const holder = ((globalThis as { __wardwatchReadDb?: Holder }).__wardwatchReadDb ??= { downUntil: 0 });

/** How long the replica's last answer (its replay position) stands for it being up. */
const PROBE_FRESH_MS = 2_000;

function openReplica(url: string): Promise<Database> {
  if (!holder.pending) {
    const env = readEnv();
    holder.pending = openDatabase({
      url,
      // A standby is read-only: the primary's migrations reach it by replication.
      migrate: false,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      poolMax: env.DATABASE_POOL_MAX,
      longPoolMax: env.WARDWATCH_LONG_POOL_MAX,
      deadlines: { queryTimeoutMs: env.WARDWATCH_QUERY_TIMEOUT_MS, longQueryTimeoutMs: env.WARDWATCH_LONG_QUERY_TIMEOUT_MS },
    }).catch((err: unknown) => {
      holder.pending = undefined;
      throw err;
    });
    registerShutdownHandler("read-replica", "close", () => closeReadReplica());
  }
  return holder.pending;
}

export type ReadSource = "bound" | "primary" | "replica";
export type ReadRoute = { database: Pick<Database, "kind" | "prisma" | "longWork">; source: ReadSource; reason?: "behind" | "unreachable" };

/**
 * Where a read goes, given the WAL position its viewer last wrote at (null: no recent write).
 * A read inside a bound snapshot (withBoundClient) stays in it.
 */
export async function routeRead(writtenLsn: string | null): Promise<ReadRoute> {
  const bound = boundClientOrNull();
  if (bound) return { database: { ...(await getDatabase()), prisma: bound, longWork: bound }, source: "bound" };
  const url = readReplicaUrl();
  if (!url) return { database: await primaryDatabase(), source: "primary" };
  if (Date.now() < holder.downUntil) return { database: await primaryDatabase(), source: "primary", reason: "unreachable" };
  try {
    const replica = await openReplica(url);
    const replayed = await replayPosition(replica.prisma, writtenLsn === null ? null : lsnValue(writtenLsn));
    if (writtenLsn !== null && (replayed === null || replayed < lsnValue(writtenLsn))) {
      return { database: await primaryDatabase(), source: "primary", reason: "behind" };
    }
    return { database: replica, source: "replica" };
  } catch (err) {
    holder.downUntil = Date.now() + REPLICA_RETRY_MS;
    holder.replayed = undefined;
    console.error("[db-read] bản sao chỉ đọc không trả lời, tạm đọc từ máy chủ chính:", err instanceof Error ? err.message : err);
    return { database: await primaryDatabase(), source: "primary", reason: "unreachable" };
  }
}

/** The primary, through getPrisma(): a server known to be down answers 503 at once (lib/db/health.ts). */
async function primaryDatabase(): Promise<Pick<Database, "kind" | "prisma" | "longWork">> {
  return { ...(await getDatabase()), prisma: await getPrisma() };
}

/** "16/B374D848" → its 64-bit position. */
export function lsnValue(lsn: string): bigint {
  const [hi = "0", lo = "0"] = LsnSchema.parse(lsn).split("/");
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/**
 * The replica's replay position, asked at most every PROBE_FRESH_MS (its answer is also the proof
 * that it is up), and again at once when a viewer's write is past the last answer. Throws when the
 * replica does not answer (routeRead then reads from the primary for a while).
 */
async function replayPosition(replica: PrismaClient, needed: bigint | null): Promise<bigint | null> {
  const last = holder.replayed;
  const fresh = last !== undefined && Date.now() - last.at < PROBE_FRESH_MS;
  if (fresh && (needed === null || (last.lsn !== null && last.lsn >= needed))) return last.lsn;
  const rows = await replica.$queryRaw<{ lsn: string | null }[]>`SELECT pg_last_wal_replay_lsn()::text AS lsn`;
  const text = rows[0]?.lsn ?? null;
  const lsn = text === null ? null : lsnValue(text);
  holder.replayed = { at: Date.now(), lsn };
  return lsn;
}

/** True when the replica has replayed the WAL up to `lsn` (false on a server that is not a standby). */
export async function replicaHasReplayed(replica: PrismaClient, lsn: string): Promise<boolean> {
  const rows = await replica.$queryRaw<{ ok: boolean | null }[]>`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS ok`;
  return rows[0]?.ok === true;
}

/** The WAL position this browser last wrote at (the cookie), or null. */
async function writtenLsnOfRequest(): Promise<string | null> {
  try {
    const value = (await cookies()).get(WRITTEN_LSN_COOKIE)?.value;
    const parsed = LsnSchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  } catch {
    // Outside a request (scripts, benchmarks): no viewer, no write of theirs to wait for.
    return null;
  }
}

/** The client for a dashboard or page read of this request: the replica unless it lacks the viewer's own last write. */
export async function getReadPrisma(): Promise<PrismaClient> {
  if (!readReplicaUrl()) return getPrisma();
  return (await routeRead(await writtenLsnOfRequest())).database.prisma;
}

/** As getReadPrisma, the whole database (a download's snapshot is opened on it). */
export async function getReadDatabase(): Promise<Pick<Database, "kind" | "prisma" | "longWork">> {
  if (!readReplicaUrl()) return getDatabase();
  return (await routeRead(await writtenLsnOfRequest())).database;
}

/**
 * The primary's WAL insert position now: past every commit that has returned. Not
 * pg_current_wal_lsn() (what has been written out): with synchronous_commit = off a commit returns
 * before its record is written, and a replica that had replayed up to the written position would
 * pass for holding a write it does not have (the read-replica test caught it on CI's server).
 */
export async function primaryWalPosition(primary: PrismaClient): Promise<string> {
  const rows = await primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS lsn`;
  return LsnSchema.parse(rows[0]?.lsn);
}

/**
 * After a successful write of this request (lib/requests/action.ts): its author's next reads wait
 * for the replica to have it, or go to the primary. Nothing to do without a replica. Never throws:
 * the write has happened; at worst its author reads from the replica a moment behind.
 */
export async function rememberWrite(): Promise<void> {
  if (!readReplicaUrl()) return;
  try {
    const lsn = await primaryWalPosition(await getPrisma());
    (await cookies()).set(WRITTEN_LSN_COOKIE, lsn, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: WRITTEN_LSN_MAX_AGE_SECONDS,
      secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    });
  } catch (err) {
    console.error("[db-read] không ghi được vị trí WAL của lần lưu:", err instanceof Error ? err.message : err);
  }
}

/** Closes the replica's pools (graceful shutdown; tests). */
export async function closeReadReplica(): Promise<void> {
  const pending = holder.pending;
  holder.pending = undefined;
  holder.downUntil = 0;
  holder.replayed = undefined;
  const db = await pending?.catch(() => undefined);
  await db?.close();
}
