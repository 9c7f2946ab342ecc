"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { DAY_INPUT_EXAMPLE, formatDayInput, parseDayInput, stepDay } from "@/lib/domain/day-input";
import { formatDay } from "@/lib/domain/format";

// A day field that shows and reads dd/MM/yyyy whatever the browser's locale (a native
// <input type="date"> shows mm/dd/yyyy in an en-US Chromium, and 08/11 is then read as 11/08): a
// text input with a numeric keypad, parsed by lib/domain/day-input.ts, with buttons for the day
// before and after. The form gets the ISO day (YYYY-MM-DD) in a hidden input named `name`, so URLs
// and actions keep ?day=2021-08-17. Invalid text blocks a form that validates (a Vietnamese
// message, also as the field's custom validity) and submits "" to a form that does not.

const PATTERN = String.raw`\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{8}`;

const STEP_BUTTON =
  "inline-flex min-h-11 min-w-11 items-center justify-center rounded border border-slate-500 bg-white px-2 text-lg font-semibold text-brand-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:cursor-not-allowed disabled:border-slate-300 disabled:text-slate-500";

type Props = {
  /** the form field's name: it carries the ISO day */
  name?: string;
  label: ReactNode;
  /** the ISO day shown first ("" or undefined: empty) */
  defaultValue?: string;
  min?: string;
  max?: string;
  required?: boolean;
  /** id of the text input (default: generated) */
  id?: string;
  /** buttons for the day before and after (default: shown) */
  stepButtons?: boolean;
  /** the step buttons submit the form at once (a day picker that navigates) */
  submitOnStep?: boolean;
  /** called with the ISO day, or "" while the text is not a valid day */
  onDayChange?: (day: string) => void;
  /** errors from the server, shown under the field */
  errors?: readonly string[];
  /** ids of further descriptions (hints outside the field) */
  describedBy?: string;
  className?: string;
  labelClassName?: string;
  inputClassName?: string;
};

/** "08172021"-style input (a numeric keypad has no "/"): read as ddMMyyyy. */
function normalize(text: string): string {
  const digits = /^\s*(\d{2})(\d{2})(\d{4})\s*$/.exec(text);
  return digits ? `${digits[1]}/${digits[2]}/${digits[3]}` : text;
}

export function DateField({
  name,
  label,
  defaultValue,
  min,
  max,
  required = false,
  id,
  stepButtons = true,
  submitOnStep = false,
  onDayChange,
  errors,
  describedBy,
  className,
  labelClassName = "block text-sm font-semibold text-slate-800",
  inputClassName = "",
}: Props) {
  const t = useTranslations("common.ui");
  const locale = useLocale() === "en" ? "en" : "vi";
  const generated = useId();
  const inputId = id ?? `${generated}-day`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const initial = defaultValue ?? "";
  const [seen, setSeen] = useState(initial);
  const [text, setText] = useState(initial ? formatDayInput(initial) : "");
  const [day, setDay] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // A new default (the page moved to another day) replaces what is shown.
  if (initial !== seen) {
    setSeen(initial);
    setText(initial ? formatDayInput(initial) : "");
    setDay(initial);
    setError(null);
  }

  const bounds = { min: min || undefined, max: max || undefined };

  /** The message for `value`, or null when it is acceptable. */
  function check(value: string): { day: string; message: string | null } {
    if (value.trim() === "") return { day: "", message: required ? t("dayRequired", { example: DAY_INPUT_EXAMPLE }) : null };
    const parsed = parseDayInput(normalize(value), bounds);
    return parsed.ok ? { day: parsed.day, message: null } : { day: "", message: parsed.message };
  }

  function update(value: string, show: boolean) {
    const result = check(value);
    setText(value);
    setDay(result.day);
    if (show || result.message === null) setError(result.message);
    onDayChange?.(result.day);
  }

  function step(by: -1 | 1) {
    const base = day || check(text).day;
    if (!base) return;
    const next = stepDay(base, by, bounds);
    if (!next) return;
    flushSync(() => update(formatDayInput(next), true));
    if (submitOnStep) inputRef.current?.form?.requestSubmit();
  }

  // The browser's own validation (a GET form) shows the same Vietnamese message.
  const validity = check(text).message ?? "";
  useEffect(() => {
    inputRef.current?.setCustomValidity(validity);
  }, [validity]);

  const base = day || null;
  const previous = base ? stepDay(base, -1, bounds) : null;
  const following = base ? stepDay(base, 1, bounds) : null;
  const shownErrors = [...(error ? [error] : []), ...(errors ?? [])];

  return (
    <div className={className}>
      <label htmlFor={inputId} className={labelClassName}>
        {label}
      </label>
      <div className="mt-1 flex items-stretch gap-1">
        {stepButtons ? (
          <button
            type="button"
            className={STEP_BUTTON}
            onClick={() => step(-1)}
            disabled={!previous}
            aria-label={previous ? t("previousDayOf", { day: formatDay(previous, locale) }) : t("previousDay")}
            aria-controls={inputId}
          >
            <span aria-hidden="true">‹</span>
          </button>
        ) : null}
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          inputMode="numeric"
          pattern={PATTERN}
          placeholder="dd/mm/yyyy"
          autoComplete="off"
          spellCheck={false}
          required={required}
          value={text}
          size={10}
          onChange={(e) => update(e.target.value, false)}
          onBlur={(e) => update(e.target.value, true)}
          onInvalid={() => setError(check(text).message)}
          aria-invalid={shownErrors.length > 0 ? true : undefined}
          aria-describedby={[hintId, errorId, describedBy].filter(Boolean).join(" ")}
          className={`tabular min-h-11 rounded border bg-white py-2 text-base text-slate-900 ${inputClassName || "w-32 px-3"} ${
            shownErrors.length > 0 ? "border-red-700 outline outline-2 outline-red-700" : "border-slate-500"
          }`}
        />
        {stepButtons ? (
          <button
            type="button"
            className={STEP_BUTTON}
            onClick={() => step(1)}
            disabled={!following}
            aria-label={following ? t("nextDayOf", { day: formatDay(following, locale) }) : t("nextDay")}
            aria-controls={inputId}
          >
            <span aria-hidden="true">›</span>
          </button>
        ) : null}
      </div>
      {name ? <input type="hidden" name={name} value={day} /> : null}
      <span id={hintId} className="sr-only">
        {t("dayHint", { example: DAY_INPUT_EXAMPLE })}
      </span>
      <span id={errorId} aria-live="polite" className={shownErrors.length > 0 ? "mt-1 block text-sm font-semibold text-red-800" : "sr-only"}>
        {shownErrors.join(" ")}
      </span>
    </div>
  );
}
