// A sentence written by lib code for the interface, as data: a message key of the catalogs
// (messages/<locale>/<namespace>.json, "alertText.zeroScans.sentence") and its values. lib/domain
// stays free of next-intl: the interface renders a Message with the page's translator
// (renderMessage), figures and dates through figureFormats(locale), so the same alert reads
// "77.113 … 51,14%" in Vietnamese and "77,113 … 51.14%" in English. Official documents do not go
// through here: they keep the Vietnamese strings lib code writes beside these messages.

import type { IsoDay } from "./days.ts";
import { dayOfInstant } from "./days.ts";
import { figureFormats, type FormatLocale } from "./format.ts";
import { formatBytes } from "./imports/progress.ts";
import { formatVietnamClock } from "./instant-format.ts";
import { isWardLevelNoun, nameInSentence } from "./unit-wording.ts";
import type { Ratio } from "./ratio.ts";

/** A value of a message, formatted per language when the message is rendered. */
export type MessageArg =
  /** as is (a name, a code) */
  | string
  /** a plain number for the message's own plural or ordinal ({days, plural, …}) */
  | number
  /** a count: "77.113" / "77,113"; null: "—" */
  | { readonly count: number | null }
  /** a signed count: "+788" / "-1.234" (en "-1,234"); null: "—" */
  | { readonly signed: number | null }
  /** a change of a rate in hundredths of a point: "+0,25 điểm %" / "+0.25 pp"; null: "—" */
  | { readonly pointChange: number | null }
  /** a rate: "51,14%" / "51.14%"; null or a zero denominator: "—" */
  | { readonly percent: Ratio | null }
  /** a target in basis points: 6000 → "60,00%" / "60.00%" */
  | { readonly basisPoints: number }
  /** a median of integers (an integer or x.5): "1.234,5" / "1,234.5" */
  | { readonly median: number }
  /** a size in bytes: "1,5 MB" / "1.5 MB" */
  | { readonly bytes: number }
  /** a day: "17/08/2021" / "17 Aug 2021" */
  | { readonly day: IsoDay }
  /** an instant in Asia/Ho_Chi_Minh inside a sentence: "10:00 ngày 16/08/2021" (key common.instantInSentence) */
  | { readonly instant: Date }
  /** a unit's name inside a sentence: Vietnamese lowers its type ("phường Phúc Tân"), English keeps the name */
  | { readonly name: string }
  /** a noun of units (unit-wording.ts, "xã, thị trấn"): Vietnamese as is, English by level ("wards", "districts") */
  | { readonly noun: string }
  /** another message, rendered first */
  | { readonly message: Message }
  /** messages joined: "and" ("a và b" / "a and b"), "semicolon" ("a; b"), "comma" ("a, b") */
  | { readonly list: readonly Message[]; readonly join: "and" | "semicolon" | "comma" | "space" };

export type Message = { readonly key: string; readonly values?: Readonly<Record<string, MessageArg>> };

/** A message with its values: msg("alertText.zeroScans.sentence", { ward }). */
export function msg(key: string, values?: Readonly<Record<string, MessageArg>>): Message {
  return values === undefined ? { key } : { key, values };
}

/** The translator of the whole catalog (next-intl's `getTranslations()` without a namespace, or createTranslator). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The keys renderMessage itself uses (in the "domain" namespace of both catalogs). */
export const MESSAGE_KEYS = {
  and: "domain.and",
  instant: "domain.instantInSentence",
  nouns: "domain.nouns",
  /** one value alone: "{value}" */
  plain: "domain.plain",
} as const;

/** The message in `t`'s language, its figures and dates formatted for `locale`. */
export function renderMessage(m: Message, t: Translate, locale: FormatLocale): string {
  const f = figureFormats(locale);
  const arg = (v: MessageArg): string | number => {
    if (typeof v === "string" || typeof v === "number") return v;
    if ("count" in v) return f.count(v.count);
    if ("percent" in v) return f.percent(v.percent);
    if ("signed" in v) return f.signedCount(v.signed);
    if ("pointChange" in v) return f.percentPointChange(v.pointChange);
    if ("basisPoints" in v) return f.percent({ num: v.basisPoints, den: 10_000 });
    if ("median" in v) return formatMedian(v.median, locale);
    if ("bytes" in v) return formatBytes(v.bytes, locale);
    if ("day" in v) return f.day(v.day);
    if ("instant" in v) return t(MESSAGE_KEYS.instant, { clock: formatVietnamClock(v.instant), day: f.day(dayOfInstant(v.instant)) });
    if ("name" in v) return locale === "vi" ? nameInSentence(v.name) : v.name;
    if ("noun" in v) return locale === "vi" ? v.noun : translateNoun(v.noun, t);
    if ("message" in v) return renderMessage(v.message, t, locale);
    const parts = v.list.map((p) => renderMessage(p, t, locale));
    if (v.join === "and") return parts.join(` ${t(MESSAGE_KEYS.and)} `);
    return parts.join(v.join === "semicolon" ? "; " : v.join === "space" ? " " : ", ");
  };
  const values = m.values === undefined ? undefined : Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, arg(v)]));
  return t(m.key, values);
}

/**
 * A sentence kept both ways (its Vietnamese as written, and as a message when it was kept), as the
 * interface shows it in `locale`: Vietnamese as written; another language from the message, or
 * the Vietnamese when no message was kept (a record stored before messages were).
 */
export function textIn(written: string, m: Message | undefined, locale: FormatLocale, render: (m: Message) => string): string {
  return locale === "vi" || m === undefined ? written : render(m);
}

/** A median of integers (an integer or x.5): 1234.5 → "1.234,5" (en "1,234.5"). */
export function formatMedian(n: number, locale: FormatLocale = "vi"): string {
  const f = figureFormats(locale);
  if (Number.isInteger(n)) return f.count(n);
  return `${n < 0 ? "-" : ""}${f.count(Math.floor(Math.abs(n)))}${locale === "en" ? "." : ","}5`;
}

/**
 * "xã, thị trấn" → "wards": English names the level only, as the pages do
 * (components/dashboard/local-noun.ts), since the GSO types have no settled English names.
 */
function translateNoun(noun: string, t: Translate): string {
  return t(`${MESSAGE_KEYS.nouns}.${isWardLevelNoun(noun) ? "wards" : "districts"}`);
}
