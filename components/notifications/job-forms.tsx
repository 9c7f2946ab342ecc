"use client";

import { useState } from "react";
import { runJobNowAction, saveJobSchedulesAction } from "@/app/admin/jobs/actions";
import { DateField } from "@/components/ui/date-field";
import { useActionForm } from "@/components/ui/use-action-form";

// The admins' job page forms: the three schedules (on/off, time) and "run now". Labels come from the
// server page (next-intl, namespace "jobs"); errors come back as data and are shown by their fields.

type JobName = "reminder" | "reminder_deadline" | "digest" | "storage";
export type ScheduleRow = { name: JobName; label: string; enabled: boolean; time: string };
type Labels = { enabled: string; time: string; save: string; saving: string; saved: string };

const button = "min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60";

export function ScheduleForm({ rows, labels }: { rows: ScheduleRow[]; labels: Labels }) {
  const { hydrated, pending, errors, message, onSubmit } = useActionForm();
  const [values, setValues] = useState(() => Object.fromEntries(rows.flatMap((r) => [[`${r.name}_enabled`, r.enabled], [`${r.name}_time`, r.time]])) as Record<string, string | boolean>);
  return (
    <form className="space-y-3" onSubmit={onSubmit(() => saveJobSchedulesAction(values), () => labels.saved)}>
      {rows.map((r) => (
        <fieldset key={r.name} className="flex flex-wrap items-end gap-4 rounded border border-slate-300 bg-white p-3" data-testid={`schedule-${r.name}`}>
          {/* Floated, the legend is laid out inside the box (a full-width first row of the flex
              box): a long name wraps on a phone without crossing the border. */}
          <legend className="float-left w-full font-semibold">{r.label}</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              checked={values[`${r.name}_enabled`] === true}
              onChange={(e) => setValues((v) => ({ ...v, [`${r.name}_enabled`]: e.target.checked }))}
              className="h-5 w-5"
            />
            {labels.enabled}
          </label>
          <div>
            <label htmlFor={`time-${r.name}`} className="block text-sm font-semibold">
              {labels.time}
            </label>
            <input
              id={`time-${r.name}`}
              type="text"
              inputMode="numeric"
              pattern="[0-2][0-9]:[0-5][0-9]"
              value={String(values[`${r.name}_time`] ?? "")}
              onChange={(e) => setValues((v) => ({ ...v, [`${r.name}_time`]: e.target.value }))}
              aria-invalid={errors[`${r.name}_time`] ? true : undefined}
              aria-describedby={`time-${r.name}-error`}
              className="mt-1 block w-28 rounded border border-slate-500 bg-white px-3 py-2"
            />
            <p id={`time-${r.name}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
              {errors[`${r.name}_time`]?.[0] ?? ""}
            </p>
          </div>
        </fieldset>
      ))}
      <button type="submit" disabled={!hydrated || pending} className={button}>
        {pending ? labels.saving : labels.save}
      </button>
      <p aria-live="polite" className="text-sm font-semibold" data-testid="schedule-message">
        {message}
      </p>
    </form>
  );
}

export function RunNowForm({ jobs, labels }: { jobs: { name: JobName; label: string }[]; labels: { job: string; day: string; run: string; queued: string } }) {
  const { hydrated, pending, errors, message, onSubmit } = useActionForm({ refreshDelayMs: 3000 });
  const [job, setJob] = useState<JobName>(jobs[0]?.name ?? "digest");
  const [day, setDay] = useState("");
  return (
    <form className="flex flex-wrap items-end gap-4" onSubmit={onSubmit(() => runJobNowAction({ job, day }), () => labels.queued)}>
      <div className="max-w-full">
        <label htmlFor="run-job" className="block text-sm font-semibold">
          {labels.job}
        </label>
        <select id="run-job" value={job} onChange={(e) => setJob(e.target.value as JobName)} className="mt-1 block min-h-11 max-w-full rounded border border-slate-500 bg-white px-3 py-2">
          {jobs.map((j) => (
            <option key={j.name} value={j.name}>
              {j.label}
            </option>
          ))}
        </select>
      </div>
      {/* dd/MM/yyyy whatever the browser's language (a native date input showed mm/dd/yyyy); text
          that is not a day blocks the form with the field's message, so a typo never runs the
          default day. */}
      <DateField
        id="run-day"
        label={labels.day}
        onDayChange={setDay}
        errors={errors.day}
        labelClassName="block text-sm font-semibold"
      />
      <button type="submit" disabled={!hydrated || pending} className={button}>
        {labels.run}
      </button>
      <p aria-live="polite" className="w-full text-sm font-semibold" data-testid="run-message">
        {message}
      </p>
    </form>
  );
}
