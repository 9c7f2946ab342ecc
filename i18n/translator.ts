import { _createCache, _createIntlFormatters, createTranslator } from "next-intl";
import { CATALOGS } from "@/messages/catalog";
import type { Locale } from "./locales";

// The translators of the whole process (issue 18, docs/decisions/032-shared-message-formats.md).
//
// next-intl compiles each ICU message it formats into an IntlMessageFormat, memoized in a cache
// that lives for one request (getTranslations) or one translator (createTranslator), under a key
// that is JSON.stringify of the message, the locale, every date/time format and the formatters:
// a kilobyte serialized and hashed on every t() call with values, and every message compiled
// again (resolving its locale) on every request. A profile of the national pages at c=10 put a
// fifth of the country ranking's CPU there (a ranking row formats a dozen messages).
//
// The catalogs are fixed at build time, so a message's compiled form is the same for every request:
// here each one is compiled once per process (by next-intl's own compiler) and found again under
// the key (locale, message). That key is exact for every message without a `number`, `date` or
// `time` argument (the only parts the formats and the time zone change); a message with one is
// compiled through next-intl's own memo, keyed on all of it, as before. Compiled messages hold
// no per-request state, so sharing them between requests changes no output.

/** next-intl's formatters, with the message compiler it installs on them (its own type). */
type Formatters = NonNullable<Parameters<typeof createTranslator>[0]["_formatters"]>;
type Compile = NonNullable<Formatters["getMessageFormat"]>;

/** The time zone of every request (i18n/request.ts): a day is a calendar day in Asia/Ho_Chi_Minh. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** A message whose output depends on the formats or the time zone (an ICU number, date or time argument). */
const USES_FORMATS = /,\s*(?:number|date|time)\b/;

/**
 * next-intl's own compiler (IntlMessageFormat with its formatters, memoized under the full key):
 * use-intl installs it on a formatters object that has none at the first message it compiles.
 */
function nextIntlCompiler(): Compile {
  const probe: Formatters = _createIntlFormatters(_createCache());
  createTranslator({ locale: "vi", messages: { probe: "{x}" }, _formatters: probe })("probe", { x: "" });
  const compile = probe.getMessageFormat;
  if (typeof compile !== "function") throw new Error("next-intl no longer compiles messages through formatters.getMessageFormat: update i18n/translator.ts");
  return compile;
}

let compileExactly: Compile | undefined;
const compiled = new Map<string, ReturnType<Compile>>();

/** The formatters every shared translator uses: Intl objects and compiled messages, kept for the process. */
const formatters: Formatters = _createIntlFormatters(_createCache());
formatters.getMessageFormat = (message, locale, formats, options) => {
  compileExactly ??= nextIntlCompiler();
  // (a message precompiled at build time arrives as its parsed form: none is, but it would not be keyed here)
  if (typeof message !== "string" || USES_FORMATS.test(message)) return compileExactly(message, locale, formats, options);
  const key = `${locale}\u0000${message}`;
  let found = compiled.get(key);
  if (found === undefined) {
    found = compileExactly(message, locale, formats, options);
    compiled.set(key, found);
  }
  return found;
};

/** How many messages have been compiled for the shared translators (tests). */
export function compiledMessageCount(): number {
  return compiled.size;
}

/**
 * What makes a translator share the process's compiled messages: spread into next-intl's
 * createTranslator (`createTranslator({ locale, messages, namespace, ...sharedFormatting })`).
 */
export const sharedFormatting = { timeZone: TIME_ZONE, _formatters: formatters } as const;

const translators = new Map<string, unknown>();

/**
 * The translator of `namespace` (the whole catalog when absent) in `locale`, created once for the
 * process (a translator holds no per-request state): for i18n/server.ts's getTranslations.
 */
export function sharedTranslator(locale: Locale, namespace?: string): unknown {
  const key = `${locale}\u0000${namespace ?? ""}`;
  let t = translators.get(key);
  if (t === undefined) {
    t = createTranslator({ locale, messages: CATALOGS[locale] as Record<string, unknown>, namespace: namespace as never, ...sharedFormatting });
    translators.set(key, t);
  }
  return t;
}
