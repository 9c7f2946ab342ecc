"use client";

import { NextIntlClientProvider, useLocale, useTranslations } from "next-intl";
import { parseLocale } from "@/i18n/locales";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/auth/unavailable-digest";
import en from "@/messages/en/errorPage.json";
import vi from "@/messages/vi/errorPage.json";

// Shown for any unexpected error in a page. The real error is logged on the server; users get
// a plain message in their language and a way to retry, never a stack trace. A database outage noticed
// while checking the session (DatabaseUnavailableError, recognised by its digest) gets the text of
// the proxy's 503 page instead. Its words ("errorPage", a few hundred bytes) come with its code,
// which the browser caches, rather than with every page's messages (messages/catalog.ts, CLIENT_GROUPS).
const MESSAGES = { vi: { errorPage: vi }, en: { errorPage: en } } as const;

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = parseLocale(useLocale());
  return (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="Asia/Ho_Chi_Minh">
      <ErrorText {...props} />
    </NextIntlClientProvider>
  );
}

function ErrorText({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  const unavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <section role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6" data-testid={unavailable ? "database-unavailable" : undefined}>
      <h1 className="text-xl font-semibold text-red-800">{unavailable ? t("databaseTitle") : t("pageTitle")}</h1>
      <p className="mt-2 text-slate-700">
        {unavailable ? t("databaseText") : t("pageText")}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        {t("retry")}
      </button>
    </section>
  );
}
