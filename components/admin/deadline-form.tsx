"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { updateReportDeadlineAction } from "@/lib/actions/reports";
import type { ReportDeadline } from "@/lib/domain/timeliness";

// The report deadline (admins): a report of day D is late after HH:MM on day D + n.
export function DeadlineForm({ deadline }: { deadline: ReportDeadline }) {
  const t = useTranslations("admin.settings");
  const labels = useTranslations("labels");
  const { hydrated, pending, errors, message, onSubmit } = useActionForm();
  const [values, setValues] = useState({ daysAfter: String(deadline.daysAfter), hour: String(deadline.hour), minute: String(deadline.minute) });
  const field = (name: "daysAfter" | "hour" | "minute", label: string, max: number) => (
    <div>
      <label htmlFor={`deadline-${name}`} className="block text-sm font-semibold">
        {label}
      </label>
      <input
        id={`deadline-${name}`}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`deadline-${name}-error`}
        className="mt-1 block w-24 rounded border border-slate-500 bg-white px-3 py-2"
      />
      <p id={`deadline-${name}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
        {errors[name]?.[0] ?? ""}
      </p>
    </div>
  );
  return (
    <form
      className="space-y-2"
      onSubmit={onSubmit(
        () => updateReportDeadlineAction(values),
        () => t("deadlineSaved", { deadline: labels("deadline.at", { time: `${values.hour.padStart(2, "0")}:${values.minute.padStart(2, "0")}`, days: Number(values.daysAfter) }) }),
      )}
    >
      <div className="flex flex-wrap gap-4">
        {field("daysAfter", t("daysAfter"), 7)}
        {field("hour", t("hour"), 23)}
        {field("minute", t("minute"), 59)}
      </div>
      <button type="submit" disabled={!hydrated || pending} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? t("saving") : t("saveDeadline")}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </form>
  );
}
