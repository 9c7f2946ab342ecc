"use client";

import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

// Sign-out is a POST with next-auth's CSRF token (signOut does both). The server then bumps the
// account's session version, so a copy of the cookie stops working too.
// `variant`: "header" (white, on the blue bar) or "plain" (on a white page, e.g. the password change).
export function SignOutButton({ variant = "header" }: { variant?: "header" | "plain" }) {
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  // the header's look in short class names (app/globals.css, "the shell": on every page)
  const look =
    variant === "header"
      ? "sh-btn sh-so"
      : "min-h-11 rounded border px-3 py-2 text-sm font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60 border-brand-700 text-brand-700 hover:bg-slate-100 focus-visible:outline-brand-800";
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ redirect: false });
        } finally {
          router.replace("/login");
          router.refresh();
        }
      }}
      className={look}
    >
      {pending ? t("signOut.pending") : t("signOut.label")}
    </button>
  );
}
