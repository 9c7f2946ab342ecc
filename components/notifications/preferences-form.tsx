"use client";

import { useState } from "react";
import { saveNotificationPreferencesAction } from "@/app/account/notifications/actions";
import { useActionForm } from "@/components/ui/use-action-form";

type ChannelName = "email" | "push" | "in_app";

// The user's channels (one row per registered channel: e-mail, in-app, and push once it is
// registered) and the pause switch.
export function PreferencesForm({
  channels,
  paused,
  labels,
}: {
  channels: { name: ChannelName; label: string; enabled: boolean }[];
  paused: boolean;
  labels: { legend: string; paused: string; save: string; saving: string; saved: string };
}) {
  const { hydrated, pending, message, onSubmit } = useActionForm();
  const [on, setOn] = useState(() => new Set(channels.filter((c) => c.enabled).map((c) => c.name)));
  const [pause, setPause] = useState(paused);
  return (
    <form className="space-y-3" onSubmit={onSubmit(() => saveNotificationPreferencesAction({ channels: [...on], paused: pause }), () => labels.saved)}>
      <fieldset className="space-y-2 rounded border border-slate-300 bg-white p-3">
        <legend className="px-1 font-semibold">{labels.legend}</legend>
        {channels.map((c) => (
          <label key={c.name} className="flex min-h-11 items-center gap-2" data-testid={`channel-${c.name}`}>
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={on.has(c.name)}
              onChange={(e) =>
                setOn((prev) => {
                  const next = new Set(prev);
                  if (e.target.checked) next.add(c.name);
                  else next.delete(c.name);
                  return next;
                })
              }
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      <label className="flex min-h-11 items-center gap-2 font-semibold">
        <input type="checkbox" className="h-5 w-5" checked={pause} onChange={(e) => setPause(e.target.checked)} />
        {labels.paused}
      </label>
      <button type="submit" disabled={!hydrated || pending} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? labels.saving : labels.save}
      </button>
      <p aria-live="polite" className="text-sm font-semibold" data-testid="preferences-message">
        {message}
      </p>
    </form>
  );
}
