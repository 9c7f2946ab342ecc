"use client";

import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export function CopyDigestButton({ text, labels }: { text: string; labels: { copy: string; copied: string; failed: string } }) {
  const hydrated = useHydrated();
  const [message, setMessage] = useState("");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={!hydrated}
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setMessage(labels.copied),
            () => setMessage(labels.failed),
          );
        }}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {labels.copy}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </div>
  );
}
