import "server-only";
import { getLocale, type getTranslations as nextIntlGetTranslations } from "next-intl/server";
import { parseLocale } from "./locales";
import { sharedTranslator } from "./translator";

// The server's translations: next-intl's getTranslations, with the request's language as next-intl
// reads it (i18n/request.ts, the language cookie) and the same catalogs and time zone, but the
// process's shared translators (i18n/translator.ts): each message is compiled once per process
// instead of once per request. Server components and route code import getTranslations from here
// (eslint: no-restricted-imports).

export { getLocale };

async function translations(namespaceOrOptions?: string | { locale?: string; namespace?: string }): Promise<unknown> {
  const options = typeof namespaceOrOptions === "string" ? { namespace: namespaceOrOptions } : (namespaceOrOptions ?? {});
  const locale = parseLocale(options.locale ?? (await getLocale()));
  return sharedTranslator(locale, options.namespace);
}

/** next-intl's getTranslations (the same signatures and translator), served by the shared translators. */
export const getTranslations = translations as typeof nextIntlGetTranslations;
