"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { formatCount } from "@/lib/domain/format";
import { formatVietnamClock } from "@/lib/domain/instant-format";
import { pathAfterSignIn } from "./landing";

// Sign-in form. next-auth's signIn() fetches a CSRF token and posts it with the credentials; the
// answer's error code becomes a message in the reader's language. After success the browser goes to the
// (already checked) callback path with a full load, so the header shows the signed-in user; a ward
// chair sent to the overview ("/") lands on the daily report instead (lib/auth/redirect.ts).

type Translate = ReturnType<typeof useTranslations<"auth">>;

function messageFor(t: Translate, code: string | null | undefined, locale: string): string {
  if (!code) return "";
  const limited = /^RateLimited_(\d{1,4})$/.exec(code);
  if (limited) {
    const minutes = Number(limited[1]);
    const at = formatVietnamClock(new Date(Date.now() + minutes * 60_000));
    return t("login.rateLimited", { minutes: formatCount(minutes, undefined, locale === "en" ? "en" : "vi"), at });
  }
  switch (code) {
    case "InvalidInput":
      return t("login.invalidInput");
    case "CredentialsSignin":
      return t("login.wrongCredentials");
    case "AccountDisabled":
      return t("login.disabled");
    case "SessionExpired":
      return t("login.sessionExpired");
    default:
      return t("login.failed");
  }
}

export function LoginForm({ callbackPath, initialError }: { callbackPath: string; initialError?: string }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const hydrated = useHydrated();
  const id = useId();
  const [error, setError] = useState(messageFor(t, initialError, locale));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError(t("login.required"));
      return;
    }
    setPending(true);
    setError("");
    try {
      const result = await signIn("credentials", { redirect: false, username, password, callbackUrl: callbackPath });
      if (!result || result.error || !result.ok) {
        setError(messageFor(t, result?.error ?? "Unknown", locale));
        setPending(false);
        return;
      }
      window.location.assign(await pathAfterSignIn(callbackPath));
    } catch {
      setError(messageFor(t, "Unknown", locale));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={`${id}-error`}>
      <div>
        <label htmlFor={`${id}-username`} className="block font-semibold">
          {t("fields.username")}
        </label>
        <input
          id={`${id}-username`}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-3 text-lg"
        />
      </div>
      <div>
        <label htmlFor={`${id}-password`} className="block font-semibold">
          {t("fields.password")}
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-3 text-lg"
        />
      </div>
      <p id={`${id}-error`} role="alert" aria-live="assertive" data-testid="login-error" className="min-h-6 font-semibold text-red-800">
        {error}
      </p>
      <button
        type="submit"
        disabled={!hydrated || pending}
        className="w-full rounded bg-brand-700 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? t("login.pending") : t("login.submit")}
      </button>
    </form>
  );
}
