/**
 * The interface languages. Vietnamese is the default and the language of every official text
 * (dispatches, reports); English is a convenience for readers who need it. Pure: no framework.
 */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";

/** The cookie that remembers a reader's choice (a preference, not a secret). */
export const LOCALE_COOKIE = "ww_locale";

/** A cookie's value as a locale; anything unknown (or absent) is the default. */
export function parseLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/** The BCP 47 tag used for numbers and dates (77.113; 51,14% in Vietnamese, 77,113; 51.14% in English). */
export const NUMBER_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-US" };

/** The reader's language, from the language cookie a request carries (as i18n/request.ts reads it for pages). */
export function requestLocale(request: Request): Locale {
  const cookie = (request.headers.get("cookie") ?? "").split(";").map((part) => part.trim().split("="));
  return parseLocale(cookie.find(([name]) => name === LOCALE_COOKIE)?.[1]);
}
