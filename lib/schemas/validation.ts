import enValidation from "../../messages/en/validation.json";
import viValidation from "../../messages/vi/validation.json";
import type { z } from "zod";
import { fieldErrorsOf, type FieldErrors } from "./field-errors.ts";

// The validation messages forms show, as catalog entries (messages/<vi|en>/validation.json): the
// schemas write the Vietnamese text (V.noteMin, the very string they wrote before), and the action
// transport (lib/requests/action.ts) turns the messages of a refused form into the reader's
// language by finding their key. Static sentences only (no placeholders), so a message is found
// by its text. A message that is not in the catalog is shown as it is (Vietnamese).

/** The Vietnamese validation messages, by key: what the schemas write. */
export const V = viValidation;

export type ValidationLocale = "vi" | "en";

const CATALOGS: Readonly<Record<ValidationLocale, Readonly<Record<string, string>>>> = { vi: viValidation, en: enValidation };
const KEY_OF_TEXT: ReadonlyMap<string, string> = new Map(Object.entries(viValidation).map(([key, text]) => [text, key]));

/** A Vietnamese validation message in `locale`; unchanged when it is not in the catalog. */
export function localizeValidation(message: string, locale: ValidationLocale): string {
  if (locale === "vi") return message;
  const key = KEY_OF_TEXT.get(message);
  return key === undefined ? message : (CATALOGS[locale][key] ?? message);
}

/** Every field's messages in `locale` (localizeValidation). */
export function localizeFieldErrors(errors: FieldErrors | undefined, locale: ValidationLocale): FieldErrors | undefined {
  if (errors === undefined || locale === "vi") return errors;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages?.map((m) => localizeValidation(m, locale))]));
}

/** A form's own check in the browser: the zod error's field messages in the reader's language. */
export function localFieldErrors(error: z.ZodError, locale: ValidationLocale): FieldErrors {
  return localizeFieldErrors(fieldErrorsOf(error), locale) ?? {};
}
