import "server-only";
import { getPrisma } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { writeAudit } from "../figures/audit-log.ts";
import { getReportDeadline } from "../figures/settings.ts";
import { describeDeadline, type ReportDeadline } from "../domain/timeliness.ts";
import { canChangeSettings, type SessionUser } from "../permissions.ts";
import { parseTime, type JobSchedulesInput, type RunJobNowInput } from "../jobs/schema.ts";
import { JOB_QUEUES, resolveSchedules, SCHEDULED_JOBS, type JobScheduleSetting } from "../jobs/schedules.ts";
import { runningBoss } from "../jobs/worker.ts";
import { syncSchedules, wakeWorker } from "../jobs/boss.ts";

// The admins' job page (/admin/jobs): the schedules, the job log and the message log. Admins only.

function requireAdmin(user: SessionUser): void {
  if (!canChangeSettings(user)) throw new ForbiddenError("Chỉ quản trị viên được xem và đặt lịch tác vụ.");
}

export type JobRunView = {
  id: number;
  job: string;
  day: string | null;
  status: string;
  attempt: number;
  startedAt: Date;
  finishedAt: Date | null;
  sent: number;
  failed: number;
  summary: string | null;
  error: string | null;
};

export type MessageLogView = { id: number; at: Date; channel: string; kind: string; subject: string; ok: boolean; error: string | null; user: string | null; jobRunId: number | null };

export type JobAdmin = {
  schedules: JobScheduleSetting[];
  deadline: ReportDeadline;
  deadlineText: string;
  workerRunning: boolean;
  runs: JobRunView[];
  messages: MessageLogView[];
};

export async function getJobAdmin(user: SessionUser): Promise<JobAdmin> {
  requireAdmin(user);
  const prisma = await getPrisma();
  const [rows, deadline, runs, messages] = await Promise.all([
    prisma.jobSchedule.findMany({ select: { name: true, enabled: true, hour: true, minute: true } }),
    getReportDeadline(prisma),
    prisma.jobRun.findMany({ orderBy: { id: "desc" }, take: 30 }),
    prisma.messageLog.findMany({
      orderBy: { id: "desc" },
      take: 50,
      select: { id: true, createdAt: true, channel: true, kind: true, subject: true, ok: true, error: true, jobRunId: true, user: { select: { username: true } } },
    }),
  ]);
  return {
    schedules: resolveSchedules(rows),
    deadline,
    deadlineText: describeDeadline(deadline),
    workerRunning: runningBoss() !== null,
    runs: runs.map((r) => ({
      id: r.id,
      job: r.job,
      day: r.day ? r.day.toISOString().slice(0, 10) : null,
      status: r.status,
      attempt: r.attempt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      sent: r.sent,
      failed: r.failed,
      summary: r.summary,
      error: r.error,
    })),
    messages: messages.map((m) => ({
      id: m.id,
      at: m.createdAt,
      channel: m.channel,
      kind: m.kind,
      subject: m.subject,
      ok: m.ok,
      error: m.error,
      user: m.user?.username ?? null,
      jobRunId: m.jobRunId,
    })),
  };
}

/** Saves the three schedules (one transaction, audited) and hands them to the running queue. */
export async function setJobSchedules(user: SessionUser, input: JobSchedulesInput): Promise<JobScheduleSetting[]> {
  requireAdmin(user);
  const prisma = await getPrisma();
  const next = SCHEDULED_JOBS.map((name) => ({ name, enabled: input[`${name}_enabled`], ...parseTime(input[`${name}_time`]) }));
  await prisma.$transaction(async (tx) => {
    const before = resolveSchedules(await tx.jobSchedule.findMany({ select: { name: true, enabled: true, hour: true, minute: true } }));
    for (const s of next) {
      await tx.jobSchedule.upsert({
        where: { name: s.name },
        create: { ...s, updatedBy: user.id },
        update: { enabled: s.enabled, hour: s.hour, minute: s.minute, updatedBy: user.id },
      });
    }
    await writeAudit(tx, {
      userId: user.id,
      action: "setting.update",
      entity: "job_schedule",
      entityKey: "schedules",
      before: Object.fromEntries(before.map((s) => [s.name, { enabled: s.enabled, hour: s.hour, minute: s.minute }])),
      after: Object.fromEntries(next.map((s) => [s.name, { enabled: s.enabled, hour: s.hour, minute: s.minute }])),
    });
  });
  const boss = runningBoss();
  if (boss) await syncSchedules(boss, prisma);
  return next;
}

export class JobWorkerNotRunningError extends Error {
  constructor() {
    super("Bộ chạy tác vụ chưa chạy trên máy chủ này (đang khởi động hoặc đã tắt bằng WARDWATCH_JOBS=0).");
    this.name = "JobWorkerNotRunningError";
  }
}

/** Queues one run of a job now (the worker takes it within seconds); its outcome appears in the log. */
export async function runJobNow(user: SessionUser, input: RunJobNowInput): Promise<{ queued: string }> {
  requireAdmin(user);
  const boss = runningBoss();
  if (!boss) throw new JobWorkerNotRunningError();
  const id = await boss.send(JOB_QUEUES[input.job], { job: input.job, ...(input.day ? { day: input.day } : {}) });
  wakeWorker(boss, input.job);
  return { queued: id ?? "" };
}
