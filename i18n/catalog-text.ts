import { renderMessage, type Translate } from "@/lib/domain/message";
import { CATALOGS } from "@/messages/catalog";
import type { DomainText } from "./domain-text";
import { requestLocale, type Locale } from "./locales";
import { createSharedTranslator } from "./translator";

/**
 * The sentences lib code hands over as messages, rendered in `locale` from the catalogs
 * themselves: for route handlers (whose answers are not rendered inside next-intl's request) and
 * tests. Pages use getDomainText() (i18n/domain-text.ts), which gives the same.
 */
export function catalogText(locale: Locale): DomainText {
  const all = createSharedTranslator({ locale, messages: CATALOGS[locale] });
  const t: Translate = (key, values) => all(key as never, values as never);
  return { locale, t, text: (m) => renderMessage(m, t, locale) };
}

export { requestLocale };
