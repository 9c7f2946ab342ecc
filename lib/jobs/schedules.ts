// The scheduled jobs, their default times and the cron expression pg-boss runs them on. Pure.
// Times are local (Asia/Ho_Chi_Minh): pg-boss evaluates the cron in that time zone.

export const JOB_TIME_ZONE = "Asia/Ho_Chi_Minh";

export const SCHEDULED_JOBS = ["reminder", "reminder_deadline", "digest", "storage"] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];

/** pg-boss queue names (letters, digits, dashes). */
export const JOB_QUEUES: { readonly [J in ScheduledJob]: string } = {
  reminder: "ww-reminder",
  reminder_deadline: "ww-reminder-deadline",
  digest: "ww-digest",
  storage: "ww-storage",
};

export type JobScheduleSetting = { readonly name: ScheduledJob; readonly enabled: boolean; readonly hour: number; readonly minute: number };

/**
 * Defaults: the first reminder at 08:00 on D+1 (before the default deadline, 10:00 on D+1); the
 * second at 09:30, half an hour before it; the digest at 10:30, once the day's reports are due, so
 * it speaks of a day that is as whole as it will be. The storage maintenance (monthly partitions
 * of the raw scans ahead of time, rows out of the default partition, the retention) at 02:00, when
 * nobody reports or imports.
 */
export const DEFAULT_SCHEDULES: { readonly [J in ScheduledJob]: JobScheduleSetting } = {
  reminder: { name: "reminder", enabled: true, hour: 8, minute: 0 },
  reminder_deadline: { name: "reminder_deadline", enabled: true, hour: 9, minute: 30 },
  digest: { name: "digest", enabled: true, hour: 10, minute: 30 },
  storage: { name: "storage", enabled: true, hour: 2, minute: 0 },
};

export function isScheduledJob(value: unknown): value is ScheduledJob {
  return typeof value === "string" && (SCHEDULED_JOBS as readonly string[]).includes(value);
}

/** "30 9 * * *": every day at 09:30. */
export function cronOf(s: Pick<JobScheduleSetting, "hour" | "minute">): string {
  if (!Number.isInteger(s.hour) || s.hour < 0 || s.hour > 23 || !Number.isInteger(s.minute) || s.minute < 0 || s.minute > 59) {
    throw new RangeError(`invalid time ${s.hour}:${s.minute}`);
  }
  return `${s.minute} ${s.hour} * * *`;
}

/** The stored settings over the defaults, in SCHEDULED_JOBS order. */
export function resolveSchedules(rows: readonly { name: string; enabled: boolean; hour: number; minute: number }[]): JobScheduleSetting[] {
  return SCHEDULED_JOBS.map((name) => {
    const row = rows.find((r) => r.name === name);
    return row ? { name, enabled: row.enabled, hour: row.hour, minute: row.minute } : DEFAULT_SCHEDULES[name];
  });
}

/** "08:00" */
export function formatTime(s: Pick<JobScheduleSetting, "hour" | "minute">): string {
  return `${String(s.hour).padStart(2, "0")}:${String(s.minute).padStart(2, "0")}`;
}

/** Retries: 4 more attempts, 1 min, 2 min, 4 min, 8 min apart (exponential backoff, capped at 30 min). */
export const JOB_RETRY = { retryLimit: 4, retryDelay: 60, retryBackoff: true, retryDelayMax: 1800 } as const;
/** A run that takes longer than this is failed and retried (each wait inside it has its own deadline). */
export const JOB_EXPIRE_SECONDS = 15 * 60;
