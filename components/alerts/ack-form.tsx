"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { acknowledgeAlertAction } from "@/lib/actions/alerts";
import type { AlertRuleId } from "@/lib/domain/alerts/types";
import { ALERT_NOTE_MAX_LENGTH } from "@/lib/schemas/alerts";

// A district official acknowledges an alert with a note (what was done about it). The server
// checks the right again; errors come back as data and are shown next to the field.
export function AckForm({ ruleId, wardCode, day, alertTitle }: { ruleId: AlertRuleId; wardCode: string; day: string; alertTitle: string }) {
  const id = useId();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      className="mt-2 space-y-2"
      aria-label={`Xác nhận cảnh báo: ${alertTitle}`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await acknowledgeAlertAction({ ruleId, wardCode, day, note });
          if (result.ok) {
            setError("");
            setMessage(`Đã xác nhận lúc ${result.data.at}.`);
            router.refresh();
          } else {
            setError(result.fieldErrors?.note?.[0] ?? "");
            setMessage(result.message);
          }
        });
      }}
    >
      <label htmlFor={`${id}-note`} className="block text-sm font-semibold">
        Ghi chú xác nhận (việc đã làm, ai phụ trách)
      </label>
      <textarea
        id={`${id}-note`}
        name="note"
        rows={2}
        maxLength={ALERT_NOTE_MAX_LENGTH}
        required
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        className="block w-full rounded border border-slate-500 bg-white px-3 py-2"
      />
      <p id={`${id}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
        {error}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? "Đang lưu…" : "Xác nhận đã xử lý"}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </form>
  );
}
