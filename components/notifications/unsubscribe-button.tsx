"use client";

import { useState, useTransition } from "react";
import { unsubscribeAction } from "@/app/unsubscribe/actions";
import { useHydrated } from "@/components/ui/use-hydrated";

export function UnsubscribeButton({ token, labels }: { token: string; labels: { button: string; done: string } }) {
  const hydrated = useHydrated();
  const [message, setMessage] = useState("");
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-2">
      {done ? null : (
        <button
          type="button"
          disabled={!hydrated || pending}
          onClick={() =>
            start(async () => {
              const result = await unsubscribeAction({ token });
              setDone(result.ok);
              setMessage(result.ok ? labels.done : result.message);
            })
          }
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
        >
          {labels.button}
        </button>
      )}
      <p aria-live="polite" className="font-semibold" data-testid="unsubscribe-message">
        {message}
      </p>
    </div>
  );
}
