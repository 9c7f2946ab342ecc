"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

// Copies an alert's sentence, to paste into a dispatch. Says so in words (aria-live).
export function CopyButton({
  text,
  label,
  copiedLabel,
}: {
  text: string;
  label?: string;
  copiedLabel?: string;
}) {
  const t = useTranslations("alerts.table");
  const [status, setStatus] = useState("");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setStatus(copiedLabel ?? t("copied"));
          } catch {
            setStatus(t("copyFailed"));
          }
        }}
        className="min-h-11 rounded border border-slate-500 bg-white px-3 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
      >
        {label ?? t("copy")}
      </button>
      <span aria-live="polite" className="text-sm text-slate-700" data-testid="copy-status">
        {status}
      </span>
    </span>
  );
}
