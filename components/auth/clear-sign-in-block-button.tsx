"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { clearSignInBlockAction } from "@/lib/actions/sign-in-blocks";

// "Gỡ chặn" on /admin/sign-in-blocks: clears one block through the server action (admins only,
// audited), then reloads the list.
export function ClearSignInBlockButton({ block }: { block: { scope: "pair" | "account" | "address"; username: string; ip: string } }) {
  const t = useTranslations("admin.signInBlocks");
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await clearSignInBlockAction(block).catch(() => null);
            if (result?.ok) {
              setMessage(t("cleared"));
              router.refresh();
            } else {
              setMessage(result?.message ?? t("clearFailed"));
            }
          })
        }
        className="min-h-11 rounded border border-brand-700 px-3 py-2 font-semibold text-brand-700 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? t("clearing") : t("clear")}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </div>
  );
}
