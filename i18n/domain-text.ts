import "server-only";
import { getLocale, getTranslations } from "@/i18n/server";
import { renderMessage, type Message, type Translate } from "@/lib/domain/message";
import { parseLocale, type Locale } from "./locales";

/**
 * The request's language for the sentences lib code hands over as messages (lib/domain/message.ts):
 * `text(message)` renders one with the whole catalog's translator, figures and dates per language.
 */
export type DomainText = { readonly locale: Locale; readonly t: Translate; readonly text: (m: Message) => string };

export async function getDomainText(): Promise<DomainText> {
  const locale = parseLocale(await getLocale());
  const all = await getTranslations();
  const t: Translate = (key, values) => all(key as never, values as never);
  return { locale, t, text: (m) => renderMessage(m, t, locale) };
}
