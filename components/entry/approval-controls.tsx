"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { approveDistrictDayAction, approveReportAction, unlockReportAction } from "@/lib/actions/reports";

// Buttons of a district official (or admin) on the completeness page. The server checks the
// user's rights on the ward and the version they saw; the page reloads its data after each change.

function Feedback({ text, error }: { text: string; error: boolean }) {
  return (
    <p aria-live="polite" role={error ? "alert" : undefined} className={`text-sm font-semibold ${error ? "text-red-800" : "text-green-900"}`}>
      {text}
    </p>
  );
}

const buttonClass =
  "min-h-11 rounded px-4 py-2 font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60";

export function ApproveButton({ wardCode, wardName, day, version }: { wardCode: string; wardName: string; day: string; version: number }) {
  const t = useTranslations("entry");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [feedback, setFeedback] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={pending}
        aria-label={t("approveLabel", { ward: wardName })}
        className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}
        onClick={() =>
          start(async () => {
            const result = await approveReportAction({ wardCode, day, expectedVersion: version });
            setFeedback(result.ok ? { text: t("approved"), error: false } : { text: result.message, error: true });
            router.refresh();
          })
        }
      >
        {pending ? t("approving") : t("approve")}
      </button>
      {feedback ? <Feedback {...feedback} /> : null}
    </div>
  );
}

export function UnlockForm({ wardCode, wardName, day, version }: { wardCode: string; wardName: string; day: string; version: number }) {
  const t = useTranslations("entry");
  const hydrated = useHydrated();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [pending, start] = useTransition();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className={`${buttonClass} border border-red-800 bg-white text-red-800`} aria-label={t("unlockLabel", { ward: wardName })}>
        {t("unlock")}
      </button>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 5) {
          setError(t("unlockReasonRequired"));
          return;
        }
        start(async () => {
          const result = await unlockReportAction({ wardCode, day, expectedVersion: version, reason });
          if (result.ok) {
            setOpen(false);
            setError("");
          } else {
            setError(result.fieldErrors?.reason?.[0] ?? result.message);
          }
          router.refresh();
        });
      }}
    >
      <label htmlFor={`${id}-reason`} className="block text-sm font-semibold">
        {t("unlockReasonLabel", { ward: wardName })}
      </label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={2}
        maxLength={500}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        className="block w-full rounded border border-slate-500 bg-white px-3 py-2"
      />
      <p id={`${id}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
        {error}
      </p>
      <div className="flex gap-2">
        <button type="submit" disabled={!hydrated || pending} className={`${buttonClass} bg-red-800 text-white`}>
          {pending ? t("unlocking") : t("unlockConfirm")}
        </button>
        <button type="button" onClick={() => setOpen(false)} className={`${buttonClass} border border-slate-500 bg-white`}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

export function ApproveDayButton({ districtCode, day, pendingCount }: { districtCode: string; day: string; pendingCount: number }) {
  const t = useTranslations("entry");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [feedback, setFeedback] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={pending || pendingCount === 0}
        className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}
        onClick={() =>
          start(async () => {
            const result = await approveDistrictDayAction({ districtCode, day });
            setFeedback(result.ok ? { text: t("approvedCount", { count: result.data.approved }), error: false } : { text: result.message, error: true });
            router.refresh();
          })
        }
      >
        {pending ? t("approving") : t("approveAll", { count: pendingCount })}
      </button>
      {feedback ? <Feedback {...feedback} /> : null}
    </div>
  );
}
