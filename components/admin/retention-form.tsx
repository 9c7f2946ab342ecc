"use client";

import { SubmitWithAnswer } from "@/components/ui/action-form-parts";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateRawScanRetentionAction } from "@/lib/actions/settings";
import { RAW_SCAN_MONTHS_MAX, RAW_SCAN_MONTHS_MIN } from "@/lib/schemas/settings";

// How many months of raw scan partitions (venue-day scans, scan log) are kept (admins; issue 18).
// Empty keeps everything. The server checks the value again (RawScanRetentionFormSchema) and audits
// the change; the months past it are dropped by the next storage maintenance, not by saving.

export function RetentionForm({ months }: { months: number | null }) {
  const t = useTranslations("admin.settings");
  const router = useRouter();
  const [value, setValue] = useState(months === null ? "" : String(months));
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateRawScanRetentionAction({ months: value });
          if (result.ok) {
            setError("");
            setMessage(result.data.changed ? t("retentionSaved") : t("unchanged"));
            router.refresh();
          } else {
            setMessage("");
            setError(result.fieldErrors?.months?.[0] ?? result.message);
          }
        });
      }}
    >
      <div className="space-y-1">
        <label htmlFor="raw-scan-months" className="block text-sm font-semibold">
          {t("retentionLabel")}
        </label>
        <input
          id="raw-scan-months"
          name="months"
          type="number"
          inputMode="numeric"
          min={RAW_SCAN_MONTHS_MIN}
          max={RAW_SCAN_MONTHS_MAX}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="raw-scan-months-hint raw-scan-months-error"
          aria-invalid={error !== "" ? true : undefined}
          className="min-h-11 w-32 rounded border border-slate-400 px-2"
        />
        <p id="raw-scan-months-hint" className="text-sm text-slate-700">
          {t("retentionHint", { min: RAW_SCAN_MONTHS_MIN, max: RAW_SCAN_MONTHS_MAX })}
        </p>
        <p id="raw-scan-months-error" aria-live="polite" className="text-sm font-semibold text-red-800" data-testid="retention-error">
          {error}
        </p>
      </div>
      <SubmitWithAnswer pending={pending} label={t("saveRetention")} message={message} testId="retention-message" />
    </form>
  );
}
