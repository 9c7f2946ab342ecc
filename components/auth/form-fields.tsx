"use client";

// Labelled inputs of the account forms (setup, password change), with their errors read out.

export type FieldErrors = Partial<Record<string, string[]>>;

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
