"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { updatePreferredSourceAction } from "@/lib/actions/settings";

// Which of a ward's two sources the pages use when both have a figure (admins). Saving rewrites
// the district and city sums of every day, which can take a few seconds on a city's data.

type Preferred = "IMPORT" | "WARD_REPORT";

/** The choices; their words are "admin.settings.source.<value>.label / .hint" in the catalogs. */
const CHOICES: readonly { value: Preferred }[] = [{ value: "IMPORT" }, { value: "WARD_REPORT" }];

export function SourcePriorityForm({ preferred }: { preferred: Preferred }) {
  const t = useTranslations("admin.settings");
  const { hydrated, pending, message, onSubmit } = useActionForm();
  const [choice, setChoice] = useState<Preferred>(preferred);
  return (
    <form
      className="space-y-3"
      onSubmit={onSubmit(
        () => updatePreferredSourceAction({ preferred: choice }),
        (data) => (data.changed ? t("sourceSaved") : t("unchanged")),
      )}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">{t("sourceLegend")}</legend>
        {CHOICES.map((c) => (
          <div key={c.value} className="flex items-start gap-2">
            <input
              id={`source-${c.value}`}
              type="radio"
              name="preferred"
              value={c.value}
              checked={choice === c.value}
              onChange={() => setChoice(c.value)}
              aria-describedby={`source-${c.value}-hint`}
              className="mt-1 h-5 w-5"
            />
            <label htmlFor={`source-${c.value}`}>
              <span className="block font-semibold">{t(`source.${c.value}.label`)}</span>
              <span id={`source-${c.value}-hint`} className="block text-sm text-slate-700">
                {t(`source.${c.value}.hint`)}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      <button
        type="submit"
        disabled={!hydrated || pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? t("sourceSaving") : t("saveSource")}
      </button>
      <p aria-live="polite" className="text-sm font-semibold" data-testid="source-priority-message">
        {message}
      </p>
    </form>
  );
}
