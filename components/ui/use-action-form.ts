"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/schemas/field-errors";
import { useHydrated } from "./use-hydrated";

/**
 * What every small admin form does with a server action: submit without reloading, keep the
 * button disabled until hydrated and while the action runs, put the field errors next to their
 * fields and the answer in a live region, and refresh the server-rendered page after a success so
 * every figure on it reflects the write.
 *
 * `onSubmit(run, saved)` returns the form's submit handler: `run` calls the action, `saved` turns
 * its data into the message read out on success. `refreshDelayMs` waits before the refresh, for an
 * action that only queues work (a job run now) whose result lands a moment later.
 */
export function useActionForm({ refreshDelayMs = 0 }: { refreshDelayMs?: number } = {}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();

  function onSubmit<T>(run: () => Promise<ActionResult<T>>, saved: (data: T) => string) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      start(async () => {
        const result = await run();
        if (result.ok) {
          setErrors({});
          setMessage(saved(result.data));
          if (refreshDelayMs > 0) setTimeout(() => router.refresh(), refreshDelayMs);
          else router.refresh();
        } else {
          setErrors(result.fieldErrors ?? {});
          setMessage(result.message);
        }
      });
    };
  }

  return { hydrated, pending, errors, message, setMessage, onSubmit };
}
