"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { rollbackImportAction } from "@/app/admin/imports/actions";

// Rolling back one import: a button that opens a small confirmation with an optional reason.
export function RollbackButton({ id, fileName }: { id: number; fileName: string }) {
  const t = useTranslations("imports.rollback");
  const hydrated = useHydrated();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  const reasonId = useId();
  if (!open) {
    return (
      <div>
        <button type="button" onClick={() => setOpen(true)} className="min-h-11 rounded border border-red-700 bg-white px-3 py-1 text-sm font-semibold text-red-800">
          {t("open")}
        </button>
        <p aria-live="polite" className="text-sm">
          {message}
        </p>
      </div>
    );
  }
  return (
    <form
      className="space-y-2 rounded border border-red-300 bg-red-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await rollbackImportAction({ id, reason });
          if (result.ok) {
            setMessage([result.data.message, ...result.data.details].join(" "));
            setOpen(false);
            router.refresh();
          } else {
            setMessage(result.message);
          }
        });
      }}
    >
      <p className="text-sm font-semibold">
        {t("confirm", { id, file: fileName })}
      </p>
      <label htmlFor={reasonId} className="block text-sm font-semibold">
        {t("reason")}
      </label>
      <textarea
        id={reasonId}
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        className="block w-full rounded border border-slate-500 bg-white px-2 py-1 text-sm"
        rows={2}
      />
      <div className="flex gap-2">
        <button type="submit" disabled={!hydrated || pending} className="min-h-11 rounded bg-red-800 px-3 py-1 text-sm font-semibold text-white disabled:opacity-60">
          {pending ? t("pending") : t("submit")}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="min-h-11 rounded border border-slate-500 bg-white px-3 py-1 text-sm font-semibold">
          {t("cancel")}
        </button>
      </div>
      <p aria-live="polite" className="text-sm font-semibold text-red-900">
        {message}
      </p>
    </form>
  );
}
