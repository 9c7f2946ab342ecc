"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { DateField } from "@/components/ui/date-field";
import { useState, useTransition, type ReactNode } from "react";
import type { UnitChangeResult } from "@/lib/actions/units";
import { addDays, isIsoDay } from "@/lib/domain/days";
import { figureFormats } from "@/lib/domain/format";
import { parseLocale } from "@/i18n/locales";
import { UNIT_TYPE_SUGGESTIONS } from "@/lib/schemas/units";

// Labelled fields of the unit-change forms, each with its error read out (aria-live) and linked
// to its input (aria-describedby), and the submit-and-refresh logic they share. The server checks
// everything again (lib/schemas/units.ts, lib/data/unit-admin.ts).

export type { FieldErrors } from "@/lib/schemas/field-errors";
import type { FieldErrors } from "@/lib/schemas/field-errors";

export const inputClass = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base";
export const buttonClass = "min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60";
export const secondaryButtonClass = "min-h-11 rounded border border-brand-700 bg-white px-3 py-2 font-semibold text-brand-800 disabled:opacity-60";

/** Submits through a unit-change action; on success shows its sentence and refreshes the page's data. */
export function useUnitChange() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  function submit(call: () => Promise<UnitChangeResult>, onDone?: () => void) {
    setResult(null);
    start(async () => {
      const r = await call();
      if (r.ok) {
        setErrors({});
        setResult({ ok: true, text: r.data.message });
        onDone?.();
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setResult({ ok: false, text: r.message });
      }
    });
  }
  return { errors, result, pending, submit };
}

export function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <span id={id} aria-live="polite" className="block text-sm font-semibold text-red-800">
      {errors?.[0] ?? ""}
    </span>
  );
}

export function TextField({
  id,
  name,
  label,
  errors,
  hint,
  defaultValue,
  required,
  inputMode,
  list,
  maxLength,
  className,
}: {
  id: string;
  name: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
  defaultValue?: string;
  required?: boolean;
  inputMode?: "numeric" | "text";
  list?: string;
  maxLength?: number;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        defaultValue={defaultValue}
        required={required}
        inputMode={inputMode}
        list={list}
        maxLength={maxLength}
        autoComplete="off"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${hint ? `${id}-hint ` : ""}${id}-error`}
        className={inputClass}
      />
      {hint ? (
        <span id={`${id}-hint`} className="block text-sm text-slate-700">
          {hint}
        </span>
      ) : null}
      <ErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** The GSO types offered as suggestions for a "Loại" field (a datalist; any text is allowed). */
export function UnitTypeSuggestions({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {UNIT_TYPE_SUGGESTIONS.map((t) => (
        <option key={t} value={t} />
      ))}
    </datalist>
  );
}

/**
 * The day a change takes effect. When the change ends units, says their last day ("Ngày cuối còn
 * hiệu lực: 31/08/2021") as the admin picks the day.
 */
export function EffectiveDayField({ id, today, errors, ends }: { id: string; today: string; errors?: string[]; ends: boolean }) {
  const [day, setDay] = useState(today);
  const t = useTranslations("units.fields");
  const fmt = figureFormats(parseLocale(useLocale()));
  return (
    <div>
      <DateField
        id={id}
        name="effectiveOn"
        label={t("effectiveOn")}
        defaultValue={today}
        required
        onDayChange={setDay}
        errors={errors}
        describedBy={`${id}-hint`}
        labelClassName="block font-semibold"
      />
      <span id={`${id}-hint`} className="block text-sm text-slate-700">
        {isIsoDay(day)
          ? ends
            ? t("dayEnds", { day: fmt.day(day), lastDay: fmt.day(addDays(day, -1)) })
            : t("day", { day: fmt.day(day) })
          : t("pickDay")}
      </span>
    </div>
  );
}

export function ReasonField({ id, errors }: { id: string; errors?: string[] }) {
  const t = useTranslations("units.fields");
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {t("reason")}
      </label>
      <textarea
        id={id}
        name="reason"
        required
        minLength={5}
        maxLength={500}
        rows={2}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        className={inputClass}
      />
      <span id={`${id}-hint`} className="block text-sm text-slate-700">
        {t("reasonHint")}
      </span>
      <ErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** The outcome of the last submit: the change in one sentence, or why it was refused. */
export function ResultMessage({ result, testId }: { result: { ok: boolean; text: string } | null; testId: string }) {
  return (
    <p role="status" aria-live="polite" data-testid={testId} className={`min-h-6 font-semibold ${result?.ok ? "text-green-900" : "text-red-800"}`}>
      {result?.text ?? ""}
    </p>
  );
}

/** A text value of a form, "" when absent. */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
