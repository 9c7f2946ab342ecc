import type { Locale } from "@/i18n/locales";
import { textIn, type Message } from "@/lib/domain/message";
import type { ImportRowError } from "@/lib/imports/errors";
import type { ErrorRow } from "./error-table";

/**
 * An import's errors as the error table shows them: each reason in the reader's language, from
 * its message (`text`, rendered by the page's or the route's DomainText); a Vietnamese reader, or
 * an error stored before messages were kept, gets the reason as written.
 */
export function errorRows(errors: readonly ImportRowError[], locale: Locale, text: (m: Message) => string): ErrorRow[] {
  return errors.map((e) => ({ line: e.line, column: e.column, value: e.value, reason: textIn(e.reason, e.text, locale, text) }));
}
