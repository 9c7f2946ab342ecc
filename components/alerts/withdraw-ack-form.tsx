"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { withdrawAlertAckAction } from "@/lib/actions/alerts";
import { ALERT_NOTE_MAX_LENGTH } from "@/lib/schemas/alerts";

// Withdraws an acknowledgement with a reason (audited; the server decides who may: docs/alerts.md).
export function WithdrawAckForm({ ackId, alertTitle }: { ackId: number; alertTitle: string }) {
  const id = useId();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <details className="mt-1">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">Rút lại xác nhận</summary>
      <form
        className="space-y-2"
        aria-label={`Rút lại xác nhận: ${alertTitle}`}
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const result = await withdrawAlertAckAction({ ackId, reason });
            if (result.ok) {
              setError("");
              setMessage("Đã rút lại xác nhận.");
              router.refresh();
            } else {
              setError(result.fieldErrors?.reason?.[0] ?? "");
              setMessage(result.message);
              if (result.status === 409) router.refresh();
            }
          });
        }}
      >
        <label htmlFor={`${id}-reason`} className="block text-sm font-semibold text-slate-900">
          Lý do rút lại
        </label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={ALERT_NOTE_MAX_LENGTH}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
          className="block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900"
        />
        <p id={`${id}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
          {error}
        </p>
        <button
          type="submit"
          disabled={pending}
          className="min-h-11 rounded border border-red-800 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800 disabled:opacity-60"
        >
          {pending ? "Đang lưu…" : "Rút lại xác nhận"}
        </button>
        <p aria-live="polite" className="text-sm font-semibold text-slate-900">
          {message}
        </p>
      </form>
    </details>
  );
}
