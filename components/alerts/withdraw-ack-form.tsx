"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { withdrawAlertAckAction } from "@/lib/actions/alerts";
import { ALERT_NOTE_MAX_LENGTH } from "@/lib/schemas/alerts";
import { NoteTextarea, SubmitWithAnswer } from "@/components/ui/action-form-parts";

// Withdraws an acknowledgement with a reason (audited; the server decides who may: docs/alerts.md).
export function WithdrawAckForm({ ackId, alertTitle, onDone }: { ackId: number; alertTitle: string; onDone?: () => void }) {
  const t = useTranslations("alerts.table");
  const id = useId();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <details className="mt-1">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">{t("withdraw")}</summary>
      <form
        className="space-y-2"
        aria-label={t("withdrawForm", { title: alertTitle })}
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const result = await withdrawAlertAckAction({ ackId, reason });
            if (result.ok) {
              setError("");
              setMessage(t("withdrawDone"));
              onDone?.();
              router.refresh();
            } else {
              setError(result.fieldErrors?.reason?.[0] ?? "");
              setMessage(result.message);
              if (result.status === 409) router.refresh();
            }
          });
        }}
      >
        <NoteTextarea id={`${id}-reason`} label={t("withdrawReason")} value={reason} onChange={setReason} error={error} maxLength={ALERT_NOTE_MAX_LENGTH} />
        <SubmitWithAnswer pending={pending} label={t("withdraw")} message={message} tone="danger" />
      </form>
    </details>
  );
}
