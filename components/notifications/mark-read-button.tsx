"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markNotificationsReadAction } from "@/app/notifications/actions";
import { useHydrated } from "@/components/ui/use-hydrated";

export function MarkAllReadButton({ labels }: { labels: { markAllRead: string; marking: string; marked: string } }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <div>
      <button
        type="button"
        disabled={!hydrated || pending}
        onClick={() =>
          start(async () => {
            const result = await markNotificationsReadAction({});
            setMessage(result.ok ? labels.marked.replace("{count}", String(result.data.marked)) : result.message);
            if (result.ok) router.refresh();
          })
        }
        className="min-h-11 rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 disabled:opacity-60"
      >
        {pending ? labels.marking : labels.markAllRead}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </div>
  );
}
