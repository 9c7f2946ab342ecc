"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { acknowledgeAlertAction, type AcknowledgedAlert } from "@/lib/actions/alerts";
import type { AlertRuleId } from "@/lib/domain/alerts/types";
import { ALERT_NOTE_MAX_LENGTH } from "@/lib/schemas/alerts";
import { NoteTextarea, SubmitWithAnswer } from "@/components/ui/action-form-parts";

// A district official acknowledges an alert with a note (what was done about it). The server
// checks the right again; errors come back as data and are shown next to the field.
export function AckForm({
  ruleId,
  wardCode,
  day,
  alertTitle,
  onDone,
}: {
  ruleId: AlertRuleId;
  wardCode: string;
  day: string;
  alertTitle: string;
  /** shows the acknowledgement at once (the page's refresh can take a while on a busy server) */
  onDone?: (ack: AcknowledgedAlert) => void;
}) {
  const t = useTranslations("alerts.table");
  const id = useId();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      className="mt-2 space-y-2"
      aria-label={t("ackForm", { title: alertTitle })}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await acknowledgeAlertAction({ ruleId, wardCode, day, note });
          if (result.ok) {
            setError("");
            setMessage(t("ackDone", { at: result.data.at }));
            onDone?.(result.data);
            router.refresh();
          } else {
            setError(result.fieldErrors?.note?.[0] ?? "");
            setMessage(result.message);
          }
        });
      }}
    >
      <NoteTextarea
        id={`${id}-note`}
        label={t("ackNote")}
        value={note}
        onChange={setNote}
        error={error}
        maxLength={ALERT_NOTE_MAX_LENGTH}
      />
      <SubmitWithAnswer pending={pending} label={t("ackSubmit")} message={message} />
    </form>
  );
}
