"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
// Labelled inputs of the account forms (setup, password change), with their errors read out, and
// the form's closing message and submit button.

export type { FieldErrors } from "@/lib/schemas/field-errors";

const inputClass = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-3 text-lg";

type Props = { id: string; name: string; label: string; autoComplete: string; errors?: string[] };

function Field({ id, name, label, autoComplete, errors, type }: Props & { type: "text" | "password" }) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        autoCapitalize={type === "text" ? "none" : undefined}
        spellCheck={false}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-error`}
        className={inputClass}
      />
      <p id={`${id}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
        {errors?.[0] ?? ""}
      </p>
    </div>
  );
}

export function TextInput(props: Props) {
  return <Field {...props} type="text" />;
}

export function PasswordInput(props: Props) {
  return <Field {...props} type="password" />;
}

/** The form's message (read out at once) and its full-width submit button. */
export function FormFooter({ id, message, pending, label, pendingLabel }: { id: string; message: string; pending: boolean; label: string; pendingLabel: string }) {
  const hydrated = useHydrated();
  return (
    <>
      <p id={`${id}-message`} role="alert" aria-live="assertive" className="min-h-6 font-semibold text-red-800">
        {message}
      </p>
      <button
        type="submit"
        disabled={!hydrated || pending}
        className="w-full rounded bg-brand-700 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? pendingLabel : label}
      </button>
    </>
  );
}
