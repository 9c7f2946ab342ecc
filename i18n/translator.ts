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

// What next-intl still does on every t() call with values, even with the compiled message found
// again above (a profile of the national pages at c=10, issue 18, ADR 036): it merges every
// date and time format with the time zone into a new formats object, copies the formatters and
// the values, and walks the key path, before formatting; that was three quarters of a ranking
// row's formatting. A message that the shared compiler keys exactly (no number, date or time
// argument) and that has no rich-text tag does not use any of it: the shared translators format
// it with its compiled form directly, the same call (IntlMessageFormat's `format` with the same
// values) next-intl ends with. Anything else goes through next-intl as before: the first call of
// a message (which compiles it), rich text, formats or a fallback passed in, values that are not
// plain strings or numbers, a missing key, and a message whose formatting throws (next-intl then
// reports it and gives its fallback, as it would have).

/**
 * A message the fast path may format itself, with its compiled form once next-intl has compiled it
 * (kept here: looking it up by its text would hash the text on every call); null: next-intl's whole path.
 */
type FastEntry = { readonly message: string; format?: ReturnType<Compile> } | null;

/** What next-intl returns untouched when called without values (use-intl's format-message). */
const NEEDS_FORMATTING = /'[{}<#|']/;

type BaseTranslator = ((key: string, values?: Record<string, unknown>, formats?: unknown, fallback?: unknown) => unknown) & Record<"rich" | "markup" | "raw" | "has", unknown>;

/** The catalog's entry at a dotted path (a namespace, a key), as next-intl walks it; undefined when absent. */
function at(tree: unknown, path: string | undefined): unknown {
  if (path === undefined || path === "") return tree;
  let node = tree;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function plainValues(values: Record<string, unknown> | undefined): boolean {
  if (values === undefined) return true;
  for (const key in values) {
    const type = typeof values[key];
    if (type !== "string" && type !== "number") return false;
  }
  return true;
}

function withFastPath(locale: Locale, namespace: string | undefined, base: BaseTranslator): BaseTranslator {
  const root = at(CATALOGS[locale], namespace);
  const entries = new Map<string, FastEntry>();
  const entryOf = (key: string): FastEntry => {
    let entry = entries.get(key);
    if (entry === undefined) {
      const message = at(root, key);
      entry = typeof message === "string" && !USES_FORMATS.test(message) && !message.includes("<") ? { message } : null;
      entries.set(key, entry);
    }
    return entry;
  };
  const t = (key: string, values?: Record<string, unknown>, formats?: unknown, fallback?: unknown): unknown => {
    const entry = formats === undefined && fallback === undefined ? entryOf(key) : null;
    if (entry !== null && plainValues(values)) {
      if (values === undefined && !NEEDS_FORMATTING.test(entry.message)) return entry.message;
      const format = (entry.format ??= compiled.get(`${locale}\u0000${entry.message}`));
      if (format !== undefined) {
        try {
          const out: unknown = format.format(values);
          if (typeof out === "string") return out;
        } catch {
          // next-intl formats it again below, reports the error and gives its fallback
        }
      }
    }
    return base(key, values, formats, fallback);
  };
  return Object.assign(t, { rich: base.rich, markup: base.markup, raw: base.raw, has: base.has });
}

const translators = new Map<string, unknown>();

/**
 * The translator of `namespace` (the whole catalog when absent) in `locale`, created once for the
 * process (a translator holds no per-request state): for i18n/server.ts's getTranslations.
 */
export function sharedTranslator(locale: Locale, namespace?: string): unknown {
  const key = `${locale}\u0000${namespace ?? ""}`;
  let t = translators.get(key);
  if (t === undefined) {
    const base = createTranslator({ locale, messages: CATALOGS[locale] as Record<string, unknown>, namespace: namespace as never, ...sharedFormatting });
    t = withFastPath(locale, namespace, base as unknown as BaseTranslator);
    translators.set(key, t);
  }
  return t;
}

/**
 * next-intl's createTranslator (same options and types) for server code that formats outside a
 * request's getTranslations (tables, route handlers): the process's shared translator when the
 * messages are the locale's catalog, else a translator of its own that shares the compiled messages.
 */
export const createSharedTranslator = ((options: { locale: Locale; messages: unknown; namespace?: string }) =>
  options.messages === CATALOGS[options.locale]
    ? sharedTranslator(options.locale, options.namespace)
    : createTranslator({ ...(options as Parameters<typeof createTranslator>[0]), ...sharedFormatting })) as typeof createTranslator;
