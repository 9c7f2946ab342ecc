import "server-only";
import type { PgBoss } from "pg-boss";
import { getDatabase } from "../db.ts";
import { readEnv } from "../env.ts";
import { registerShutdownHandler } from "../server/shutdown.ts";
import { bossTarget, startJobBoss } from "./boss.ts";

// The job worker of the server process, started from instrumentation.ts once the server runs
// (never during `next build`). WARDWATCH_JOBS=0 leaves it off (e.g. on a second web-only
// instance; any number of instances may run it: pg-boss runs each scheduled job once). When the
// database is not reachable at start, it tries again every minute. On SIGTERM it stops taking
// jobs and lets a running one finish for up to WARDWATCH_JOBS_STOP_MS (10 s) before the database
// is closed (lib/server/shutdown.ts: the "abort" phase runs before "close").

type Holder = { boss?: PgBoss; starting?: Promise<void>; retry?: NodeJS.Timeout; stopped: boolean };
const holder: Holder = ((globalThis as { __wardwatchJobs?: Holder }).__wardwatchJobs ??= { stopped: false });

const RETRY_MS = 60_000;
const log = (m: string) => console.log(`[jobs] ${m}`);

export function runningBoss(): PgBoss | null {
  return holder.boss ?? null;
}

async function startOnce(): Promise<void> {
  const db = await getDatabase();
  const boss = await startJobBoss(bossTarget(db, readEnv().DATABASE_URL), db.prisma, { log });
  if (holder.stopped) {
    await boss.stop({ graceful: false, timeout: 5_000 });
    return;
  }
  holder.boss = boss;
  log("Đã khởi động bộ chạy tác vụ định kỳ (nhắc báo cáo, bản tin sáng).");
}

export function startJobWorker(): void {
  if (process.env.WARDWATCH_JOBS === "0" || holder.boss || holder.starting) return;
  registerShutdownHandler("jobs", "abort", () => stopJobWorker());
  holder.starting = startOnce()
    .catch((err: unknown) => {
      log(`Chưa khởi động được bộ chạy tác vụ (${err instanceof Error ? err.message : String(err)}); thử lại sau ${RETRY_MS / 1000} s.`);
      if (!holder.stopped) {
        holder.retry = setTimeout(() => startJobWorker(), RETRY_MS);
        holder.retry.unref();
      }
    })
    .finally(() => {
      holder.starting = undefined;
    });
}

export async function stopJobWorker(): Promise<void> {
  holder.stopped = true;
  if (holder.retry) clearTimeout(holder.retry);
  await holder.starting?.catch(() => undefined);
  const boss = holder.boss;
  holder.boss = undefined;
  if (!boss) return;
  const timeout = Number(process.env.WARDWATCH_JOBS_STOP_MS) || 10_000;
  await boss.stop({ graceful: true, timeout, close: true });
  log("Đã dừng bộ chạy tác vụ.");
}
