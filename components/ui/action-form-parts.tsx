"use client";

import { useTranslations } from "next-intl";
import { useHydrated } from "./use-hydrated";

// Pieces shared by the small action forms (an alert's acknowledgement and its withdrawal, the own
// phone number): a labelled text area with its error next to it, and the submit button with the
// answer read out (aria-live). Errors come back from the server as data.

const buttonClass =
  "min-h-11 rounded px-4 py-2 font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60";
const TONES = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 focus-visible:outline-brand-800",
  danger: "border border-red-800 bg-white text-red-800 hover:bg-red-50 focus-visible:outline-red-800",
} as const;

export function NoteTextarea({
  id,
  label,
  value,
  onChange,
  error,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string;
  maxLength: number;
}) {
  return (
    <>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-900">
        {label}
      </label>
      <textarea
        id={id}
        rows={2}
        maxLength={maxLength}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        className="block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900"
      />
      <p id={`${id}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
        {error}
      </p>
    </>
  );
}

export function SubmitWithAnswer({
  pending,
  label,
  message,
  tone = "primary",
  testId,
}: {
  pending: boolean;
  label: string;
  message: string;
  tone?: keyof typeof TONES;
  testId?: string;
}) {
  const hydrated = useHydrated();
  const t = useTranslations("common.ui");
  return (
    <>
      <button type="submit" disabled={!hydrated || pending} className={`${buttonClass} ${TONES[tone]}`}>
        {pending ? t("saving") : label}
      </button>
      <p aria-live="polite" className="text-sm font-semibold text-slate-900" data-testid={testId}>
        {message}
      </p>
    </>
  );
}
