import { createTranslator } from "next-intl";
import { renderMessage, type Translate } from "@/lib/domain/message";
import { CATALOGS } from "@/messages/catalog";
import type { DomainText } from "./domain-text";
import { LOCALE_COOKIE, parseLocale, type Locale } from "./locales";

/**
 * The sentences lib code hands over as messages, rendered in `locale` from the catalogs
 * themselves: for route handlers (whose answers are not rendered inside next-intl's request) and
 * tests. Pages use getDomainText() (i18n/domain-text.ts), which gives the same.
 */
export function catalogText(locale: Locale): DomainText {
  const all = createTranslator({ locale, messages: CATALOGS[locale] });
  const t: Translate = (key, values) => all(key as never, values as never);
  return { locale, t, text: (m) => renderMessage(m, t, locale) };
}

/** The reader's language, from the language cookie the request carries (as i18n/request.ts reads it for pages). */
export function requestLocale(request: Request): Locale {
  const cookie = (request.headers.get("cookie") ?? "").split(";").map((part) => part.trim().split("="));
  return parseLocale(cookie.find(([name]) => name === LOCALE_COOKIE)?.[1]);
}
