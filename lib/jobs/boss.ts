import "server-only";
import { PgBoss, fromPglite, type ConstructorOptions } from "pg-boss";
import type { Database } from "../db/open.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Channel } from "../notifications/channel.ts";
import { runScheduledJob } from "./runs.ts";
import { cronOf, JOB_EXPIRE_SECONDS, JOB_QUEUES, JOB_RETRY, JOB_TIME_ZONE, resolveSchedules, SCHEDULED_JOBS, type ScheduledJob } from "./schedules.ts";

// The job queue on the app's own database (docs/decisions/020-jobs-pg-boss.md): pg-boss keeps its
// tables in the schema "pgboss". On PostgreSQL it opens a small pool of its own (DATABASE_URL); on
// the embedded database it runs its statements on the app's one PGlite (pg-boss's PGlite adapter).
// The schedules are pg-boss cron schedules in Asia/Ho_Chi_Minh: however many app instances run,
// pg-boss creates one job per schedule and minute (its cron pass holds a lock and sends with a
// singleton key), and one worker takes it.

export const BOSS_SCHEMA = "pgboss";

export type BossTarget = { kind: "postgres"; url: string } | { kind: "embedded"; pglite: NonNullable<Database["pglite"]> };

export type JobBossOptions = {
  /** instance name in pg-boss's registry (host:pid by default) */
  instanceName?: string;
  /** channels to deliver through (tests); the registry by default */
  channels?: readonly Channel[];
  /** pg-boss's own settings, for tests (intervals, clock) */
  boss?: Partial<ConstructorOptions>;
  /** polling interval of the workers, seconds (default 10) */
  pollingIntervalSeconds?: number;
  log?: (message: string) => void;
};

export function bossTarget(db: Database, url: string | undefined): BossTarget {
  if (db.kind === "embedded") {
    if (!db.pglite) throw new Error("embedded database without its PGlite instance");
    return { kind: "embedded", pglite: db.pglite };
  }
  if (!url) throw new Error("DATABASE_URL is required for the job queue on PostgreSQL");
  return { kind: "postgres", url };
}

export function createBoss(target: BossTarget, options: JobBossOptions = {}): PgBoss {
  const common: ConstructorOptions = {
    schema: BOSS_SCHEMA,
    instanceName: options.instanceName,
    // Every wait has a deadline: pg-boss's connections and its LISTEN heartbeat.
    ...options.boss,
  };
  const boss =
    target.kind === "postgres"
      ? new PgBoss({ connectionString: target.url, max: 3, connectionTimeoutMillis: 10_000, application_name: "wardwatch-jobs", ...common })
      : new PgBoss({ db: fromPglite(target.pglite), backend: "pglite", ...common });
  // pg-boss reports its own failures (a lost connection, a failed maintenance pass) as events:
  // without a listener an EventEmitter 'error' would end the process.
  boss.on("error", (err) => (options.log ?? console.error)(`[jobs] ${err instanceof Error ? err.message : String(err)}`));
  return boss;
}

/** Creates the queues (idempotent) with their retry policy. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const job of SCHEDULED_JOBS) {
    const name = JOB_QUEUES[job];
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { ...JOB_RETRY, expireInSeconds: JOB_EXPIRE_SECONDS });
  }
}

/** Makes pg-boss's schedules what the admins set (table job_schedule over the defaults). */
export async function syncSchedules(boss: PgBoss, prisma: PrismaClient): Promise<void> {
  const rows = await prisma.jobSchedule.findMany({ select: { name: true, enabled: true, hour: true, minute: true } });
  for (const s of resolveSchedules(rows)) {
    const queue = JOB_QUEUES[s.name];
    if (s.enabled) await boss.schedule(queue, cronOf(s), { job: s.name }, { tz: JOB_TIME_ZONE, ...JOB_RETRY, expireInSeconds: JOB_EXPIRE_SECONDS });
    else await boss.unschedule(queue);
  }
}

/** This process's worker of each queue, by boss: "run now" wakes it instead of waiting for its next poll. */
const workerIds = new WeakMap<PgBoss, Map<ScheduledJob, string>>();

/**
 * Wakes this process's worker of a job's queue (pg-boss's notifyWorker), so that a job queued by
 * "run now" starts at once instead of at the worker's next poll (up to pollingIntervalSeconds
 * later). Without a worker here (WARDWATCH_JOBS=0), another instance's poll takes it.
 */
export function wakeWorker(boss: PgBoss, job: ScheduledJob): void {
  const id = workerIds.get(boss)?.get(job);
  if (id) boss.notifyWorker(id);
}

/** Registers one worker per queue: each job runs the scheduled job's work with its log row. */
export async function registerWorkers(boss: PgBoss, prisma: PrismaClient, options: JobBossOptions = {}): Promise<void> {
  const ids = new Map<ScheduledJob, string>();
  workerIds.set(boss, ids);
  for (const job of SCHEDULED_JOBS) {
    const id = await boss.work<{ job?: ScheduledJob; day?: string }>(
      JOB_QUEUES[job],
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 },
      async ([item]) => {
        if (!item) return;
        await runScheduledJob(prisma, job, {
          now: new Date(),
          bossJobId: item.id,
          attempt: item.retryCount + 1,
          channels: options.channels,
          day: typeof item.data?.day === "string" ? item.data.day : undefined,
        });
      },
    );
    ids.set(job, id);
  }
}

/** Starts pg-boss (installs or migrates its schema), the queues, the schedules and the workers. */
export async function startJobBoss(target: BossTarget, prisma: PrismaClient, options: JobBossOptions = {}): Promise<PgBoss> {
  const boss = createBoss(target, options);
  await boss.start();
  try {
    await ensureQueues(boss);
    await syncSchedules(boss, prisma);
    await registerWorkers(boss, prisma, options);
  } catch (err) {
    await boss.stop({ graceful: false, timeout: 5_000 }).catch(() => undefined);
    throw err;
  }
  return boss;
}
