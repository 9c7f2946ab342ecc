"use server";

import { failure, type ActionResult } from "@/lib/actions/result";
import { JobWorkerNotRunningError, runJobNow, setJobSchedules } from "@/lib/data/jobs";
import { JobSchedulesSchema, RunJobNowSchema } from "@/lib/jobs/schema";
import { formatTime, type JobScheduleSetting } from "@/lib/jobs/schedules";
import { action } from "@/lib/requests/action";
import { session } from "@/lib/requests/guard";

// The admins' job page: the schedules and "run now". The data layer checks the role again.

const admins = session().role("ADMIN");

export const saveJobSchedulesAction = action(
  admins.input(JobSchedulesSchema),
  async ({ user, input }): Promise<ActionResult<{ schedules: { name: JobScheduleSetting["name"]; enabled: boolean; time: string }[] }>> => {
    const saved = await setJobSchedules(user, input);
    return { ok: true, data: { schedules: saved.map((s) => ({ name: s.name, enabled: s.enabled, time: formatTime(s) })) } };
  },
);

export const runJobNowAction = action(
  admins.input(RunJobNowSchema),
  async ({ user, input }): Promise<ActionResult<{ queued: string }>> => {
    try {
      return { ok: true, data: await runJobNow(user, input) };
    } catch (err) {
      if (err instanceof JobWorkerNotRunningError) return failure(503, err.message);
      throw err;
    }
  },
  { revalidate: false },
);
