"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { updateUnitTargetsAction } from "@/lib/actions/targets";

// One unit's two targets, typed as percentages ("60", "62,5"); empty = inherit from the level
// above. The server parses them again with the same zod schema (lib/schemas/targets.ts).

const FIELD = "block w-24 rounded border border-slate-500 bg-white px-2 py-1 tabular-nums";

/** 6250 → "62,5" (what the admin typed, give or take a trailing zero) */
function percentText(bp: number | null): string {
  if (bp === null) return "";
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole},${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

export function UnitTargetsForm({
  unitCode,
  unitName,
  coverage,
  qrActive,
  inherited,
}: {
  unitCode: string;
  unitName: string;
  coverage: number | null;
  qrActive: number | null;
  /** what applies when a field is left empty, e.g. "60,00% (Thành phố Hà Nội)" */
  inherited: { coverage: string; qrActive: string };
}) {
  const t = useTranslations("admin.targets");
  const { hydrated, pending, errors, message, onSubmit } = useActionForm();
  const [values, setValues] = useState({ coverage: percentText(coverage), qrActive: percentText(qrActive) });
  const id = (f: string) => `target-${unitCode}-${f}`;
  return (
    <form
      className="flex flex-wrap items-start gap-3"
      data-testid={`targets-${unitCode}`}
      onSubmit={onSubmit(
        () => updateUnitTargetsAction({ unitCode, ...values }),
        (data) => (data.changed.length === 0 ? t("unchanged") : t("saved")),
      )}
    >
      {(["coverage", "qrActive"] as const).map((f) => (
        <div key={f}>
          <label htmlFor={id(f)} className="block text-xs font-semibold">
            {f === "coverage" ? t("coveragePercent") : t("qrActivePercent")}
            <span className="sr-only"> {t("ofUnit", { unit: unitName })}</span>
          </label>
          <input
            id={id(f)}
            inputMode="decimal"
            value={values[f]}
            placeholder={inherited[f] ? t("inherit") : ""}
            onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
            aria-invalid={errors[f] ? true : undefined}
            aria-describedby={`${id(f)}-hint ${id(f)}-error`}
            className={FIELD}
          />
          <span id={`${id(f)}-hint`} className="block text-xs text-slate-700">
            {inherited[f] ? t("emptyMeans", { value: inherited[f] }) : t("emptyNone")}
          </span>
          <span id={`${id(f)}-error`} aria-live="polite" className="block max-w-xs text-xs font-semibold text-red-800">
            {errors[f]?.[0] ?? ""}
          </span>
        </div>
      ))}
      <div className="pt-4">
        <button
          type="submit"
          disabled={!hydrated || pending}
          aria-label={t("saveFor", { unit: unitName })}
          className="min-h-11 rounded bg-brand-700 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {pending ? t("saving") : t("save")}
        </button>
        <span aria-live="polite" className="ml-2 text-sm font-semibold" data-testid={`targets-${unitCode}-message`}>
          {message}
        </span>
      </div>
    </form>
  );
}
