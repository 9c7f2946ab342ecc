"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { clearSignInBlockAction } from "@/lib/actions/sign-in-blocks";

// "Gỡ chặn" on /admin/sign-in-blocks: clears one block through the server action (admins only,
// audited), then reloads the list.
export function ClearSignInBlockButton({ block }: { block: { scope: "pair" | "account" | "address"; username: string; ip: string } }) {
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
              setMessage("Đã gỡ chặn.");
              router.refresh();
            } else {
              setMessage(result?.message ?? "Chưa gỡ được do lỗi kết nối. Vui lòng thử lại.");
            }
          })
        }
        className="min-h-11 rounded border border-brand-700 px-3 py-2 font-semibold text-brand-700 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? "Đang gỡ…" : "Gỡ chặn"}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </div>
  );
}
