"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateAlertThresholdsAction } from "@/lib/actions/alerts";
import { ALERT_THRESHOLD_BOUNDS, ALERT_THRESHOLD_NAMES, type AlertThresholds } from "@/lib/domain/alerts/types";

// The alert thresholds (admins). The server validates again with the same zod schema and
// answers field errors as data, shown next to their field. Its words come from the
// "alerts.thresholds" messages that ThresholdsForm (thresholds-form.tsx) hands to the browser.

export function ThresholdsFormFields({ thresholds }: { thresholds: AlertThresholds }) {
  const t = useTranslations("alerts.thresholds");
  const hydrated = useHydrated();
  const router = useRouter();
  const [values, setValues] = useState<Record<keyof AlertThresholds, string>>({
    dormantDays: String(thresholds.dormantDays),
    disagreementTolerancePercent: String(thresholds.disagreementTolerancePercent),
    escalationDays: String(thresholds.escalationDays),
    rankDropPlaces: String(thresholds.rankDropPlaces),
  });
  const [errors, setErrors] = useState<Partial<Record<string, string[]>>>({});
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateAlertThresholdsAction(values);
          if (result.ok) {
            setErrors({});
            setMessage(result.data.changed.length === 0 ? t("unchanged") : t("saved", { count: result.data.changed.length }));
            router.refresh();
          } else {
            setErrors(result.fieldErrors ?? {});
            setMessage(result.message);
          }
        });
      }}
    >
      {ALERT_THRESHOLD_NAMES.map((name) => {
        const { min, max } = ALERT_THRESHOLD_BOUNDS[name];
        return (
          <div key={name}>
            <label htmlFor={`threshold-${name}`} className="block text-sm font-semibold">
              {t(`${name}.label`)}
            </label>
            <div className="mt-1 flex items-center gap-2">
              <input
                id={`threshold-${name}`}
                name={name}
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                required
                value={values[name]}
                onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={`threshold-${name}-hint threshold-${name}-error`}
                className="block w-28 rounded border border-slate-500 bg-white px-3 py-2"
              />
              <span id={`threshold-${name}-hint`} className="text-sm text-slate-700">
                {t("range", { hint: t(`${name}.hint`), min, max })}
              </span>
            </div>
            <p id={`threshold-${name}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
              {errors[name]?.[0] ?? ""}
            </p>
          </div>
        );
      })}
      <button
        type="submit"
        disabled={!hydrated || pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? t("saving") : t("submit")}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </form>
  );
}
