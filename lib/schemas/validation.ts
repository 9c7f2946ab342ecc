import enValidation from "../../messages/en/validation.json";
import enValidationValues from "../../messages/en/validationValues.json";
import viValidation from "../../messages/vi/validation.json";
import viValidationValues from "../../messages/vi/validationValues.json";
import type { z } from "zod";
import { formatCount } from "../domain/format.ts";
import { fieldErrorsOf, type FieldErrors } from "./field-errors.ts";

// The validation messages forms show, as catalog entries (messages/<vi|en>/validation.json): the
// schemas write the Vietnamese text (V.noteMin, the very string they wrote before), and the action
// transport (lib/requests/action.ts) turns the messages of a refused form into the reader's
// language by finding their key. The static sentences (no placeholders) are found by their text;
// the ones with values (validationValues.json) by what VV remembered. A message that is in neither
// is shown as it is (Vietnamese).

/** The Vietnamese validation messages, by key: what the schemas write. */
export const V = viValidation;

export type ValidationLocale = "vi" | "en";

const CATALOGS: Readonly<Record<ValidationLocale, Readonly<Record<string, string>>>> = { vi: viValidation, en: enValidation };
const KEY_OF_TEXT: ReadonlyMap<string, string> = new Map(Object.entries(viValidation).map(([key, text]) => [text, key]));

// ── messages with values ("Ghi chú tối đa 1000 ký tự", "Số ngày …: từ 1 đến 90") ──────────────
// A sentence with values cannot be found by its text alone: `VV(key, values)` writes the
// Vietnamese of messages/vi/validationValues.json with the values (byte for byte what the schemas
// wrote before) and remembers which key and values made that text, so localizeValidation can write
// the same message in the reader's language. Schemas call it when they are built (most messages)
// or while checking (a count above another): those with typed counts are kept the latest MAX_REMEMBERED.

/** A key of messages/<vi|en>/validationValues.json (its "labels" are values, not messages). */
export type ValuesKey = Exclude<keyof typeof viValidationValues, "labels">;

/**
 * A value of a message: a number or text as written ("1000", the same in both languages), a count
 * grouped per language ({ count: 150788 }: "150.788" / "150,788"), or a field's label given by its
 * Vietnamese text ({ label: "Số bậc tụt hạng" }), written in the reader's language when the
 * catalog's "labels" has it.
 */
export type ValidationValue =
  | number
  | string
  | { readonly count: number }
  | { readonly label: string }
  /** text written for each language by the schema (a list of allowed values with their names) */
  | { readonly vi: string; readonly en: string };

type ValueCatalog = { readonly labels: Readonly<Record<string, string>> } & Readonly<Record<ValuesKey, string>>;
const VALUE_CATALOGS: Readonly<Record<ValidationLocale, ValueCatalog>> = { vi: viValidationValues, en: enValidationValues };
const LABEL_KEY_OF_TEXT: ReadonlyMap<string, string> = new Map(Object.entries(viValidationValues.labels).map(([key, text]) => [text, key]));

type Remembered = { readonly key: ValuesKey; readonly values: Readonly<Record<string, ValidationValue>> };
/** Messages whose values come from code (bounds, lengths, labels): a fixed set, all kept. */
const FIXED = new Map<string, Remembered>();
/** Messages with counts a person typed (installs above smartphones): the latest MAX_REMEMBERED. */
const TYPED = new Map<string, Remembered>();
const MAX_REMEMBERED = 2000;

function valueText(value: ValidationValue, locale: ValidationLocale): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if ("count" in value) return formatCount(value.count, undefined, locale);
  if ("vi" in value) return value[locale];
  const key = LABEL_KEY_OF_TEXT.get(value.label);
  return key === undefined ? value.label : (VALUE_CATALOGS[locale].labels[key] ?? value.label);
}

/** The message `key` with `values` in `locale`. */
export function renderValidation(key: ValuesKey, values: Readonly<Record<string, ValidationValue>>, locale: ValidationLocale): string {
  return VALUE_CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole: string, name: string) => {
    const value = values[name];
    return value === undefined ? whole : valueText(value, locale);
  });
}

/**
 * A validation message with values, in Vietnamese (what a schema writes), remembered for
 * localizeValidation. `remember`: "fixed" for a message built from code (kept for good), "typed"
 * for one with values a person typed (the latest MAX_REMEMBERED); by default "typed" when a value
 * is a count.
 */
export function VV(key: ValuesKey, values: Readonly<Record<string, ValidationValue>>, remember?: "fixed" | "typed"): string {
  const text = renderValidation(key, values, "vi");
  const typed = remember === undefined ? Object.values(values).some((v) => typeof v === "object" && "count" in v) : remember === "typed";
  const memory = typed ? TYPED : FIXED;
  if (!memory.has(text)) {
    if (typed && memory.size >= MAX_REMEMBERED) memory.delete(memory.keys().next().value ?? "");
    memory.set(text, { key, values });
  }
  return text;
}

/** A Vietnamese validation message in `locale`; unchanged when it is not in the catalog. */
export function localizeValidation(message: string, locale: ValidationLocale): string {
  if (locale === "vi") return message;
  const key = KEY_OF_TEXT.get(message);
  if (key !== undefined) return CATALOGS[locale][key] ?? message;
  const withValues = FIXED.get(message) ?? TYPED.get(message);
  return withValues === undefined ? message : renderValidation(withValues.key, withValues.values, locale);
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

/** "{label} phải là một trong: a, b, c": a field's allowed values (listed as written in both languages). */
export function oneOfMessage(label: string, values: readonly string[]): string {
  return VV("oneOf", { label: { label }, values: values.join(", ") });
}

/**
 * The unknown parameters of a strict object ("Bộ lọc không được hỗ trợ: x (chỉ có day, …)"): the
 * keys are what a person typed, so the message is remembered among the latest only.
 */
export function unknownFiltersMessage(keys: readonly string[], allowed: readonly string[]): string {
  return VV("unknownFilters", { keys: keys.join(", "), allowed: allowed.join(", ") }, "typed");
}
