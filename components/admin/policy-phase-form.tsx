"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createPolicyPhaseAction, deletePolicyPhaseAction } from "@/lib/actions/policy-phases";

// Recording a policy phase (name, city or district, first and optional last day, typed
// dd/MM/yyyy) and removing one. The server parses the input again with the same zod schema
// (lib/schemas/policy-phases.ts) and audits the change.

const FIELD = "block w-full min-h-11 rounded border border-slate-500 bg-white px-2";
type Fields = "name" | "unitCode" | "startDay" | "endDay";

export function PolicyPhaseForm({ scopes }: { scopes: readonly { code: string; name: string }[] }) {
  const t = useTranslations("admin.phases");
  const { hydrated, pending, errors, message, onSubmit } = useActionForm();
  const [values, setValues] = useState<Record<Fields, string>>({ name: "", unitCode: scopes[0]?.code ?? "", startDay: "", endDay: "" });
  const field = (name: Fields, label: string, hint: string | null, input: React.ReactNode) => (
    <div>
      <label htmlFor={`phase-${name}`} className="block text-sm font-semibold">
        {label}
      </label>
      {input}
      {hint ? (
        <span id={`phase-${name}-hint`} className="block text-xs text-slate-700">
          {hint}
        </span>
      ) : null}
      <span id={`phase-${name}-error`} aria-live="polite" className="block text-xs font-semibold text-red-800">
        {errors[name]?.[0] ?? ""}
      </span>
    </div>
  );
  const text = (name: Fields, placeholder: string) => (
    <input
      id={`phase-${name}`}
      value={values[name]}
      placeholder={placeholder}
      inputMode={name === "name" ? "text" : "numeric"}
      onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      aria-invalid={errors[name] ? true : undefined}
      aria-describedby={`phase-${name}-hint phase-${name}-error`}
      className={FIELD}
    />
  );
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      data-testid="policy-phase-form"
      onSubmit={onSubmit(
        () => createPolicyPhaseAction(values),
        () => {
          setValues((v) => ({ ...v, name: "", startDay: "", endDay: "" }));
          return t("added", { name: values.name.trim() });
        },
      )}
    >
      {field("name", t("name"), t("nameHint"), text("name", ""))}
      {field(
        "unitCode",
        t("appliesTo"),
        t("appliesToHint"),
        <select
          id="phase-unitCode"
          value={values.unitCode}
          onChange={(e) => setValues((v) => ({ ...v, unitCode: e.target.value }))}
          aria-describedby="phase-unitCode-hint phase-unitCode-error"
          className={FIELD}
        >
          {scopes.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>,
      )}
      {field("startDay", t("from"), t("fromHint"), text("startDay", "dd/mm/yyyy"))}
      {field("endDay", t("to"), t("toHint"), text("endDay", "dd/mm/yyyy"))}
      <div className="sm:col-span-2">
        <button type="submit" disabled={!hydrated || pending} className="min-h-11 rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? t("saving") : t("add")}
        </button>
        <span aria-live="polite" className="ml-2 text-sm font-semibold" data-testid="policy-phase-message">
          {message}
        </span>
      </div>
    </form>
  );
}

export function DeletePolicyPhaseButton({ id, label }: { id: number; label: string }) {
  const t = useTranslations("admin.phases");
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        aria-label={t("deleteLabel", { label })}
        className="min-h-11 rounded border border-red-800 bg-white px-3 text-sm font-semibold text-red-800 disabled:opacity-60"
        onClick={() => {
          if (!window.confirm(t("confirmDelete", { label }))) return;
          start(async () => {
            const result = await deletePolicyPhaseAction({ id });
            if (result.ok) router.refresh();
            else setMessage(result.message);
          });
        }}
      >
        {t("delete")}
      </button>
      <span aria-live="polite" className="ml-2 text-sm font-semibold text-red-800">
        {message}
      </span>
    </span>
  );
}
