import { z } from "zod";
import { parseIsoDay } from "../domain/days.ts";
import {
  DISPATCH_TEMPLATE_LABELS as L,
  PLACEHOLDERS,
  unknownPlaceholders,
  type DispatchTemplate,
  type DispatchTemplateOverride,
  type DispatchWording,
} from "../domain/dispatch-template.ts";
import { searchParamsObject } from "./exports.ts";
import { V } from "./validation.ts";

// Inputs of the draft dispatch and the district report: the download links' query strings, and
// the dispatch templates (the city's default, a district's own: one schema each for the form, the
// action and the stored JSON).
// Messages are Vietnamese: they are shown to the user as they are.

const single = z.union([z.string(), z.array(z.string())]).optional().refine((v) => !Array.isArray(v), {
  message: V.singleValue,
});
const blankToUndefined = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

const district = single
  .transform(blankToUndefined)
  .refine((v) => v === undefined || /^\d{3}$/.test(v), { message: V.districtCodeExample });

const day = (what: string) =>
  single
    .transform(blankToUndefined)
    .refine((v) => v === undefined || parseIsoDay(v) !== null, {
      message: `${what} phải có dạng YYYY-MM-DD và là một ngày có thật, ví dụ 2021-08-17`,
    });

export const DISPATCH_FORMATS = ["docx", "pdf"] as const;
export type DispatchFormat = (typeof DISPATCH_FORMATS)[number];

/** GET /api/exports/dispatch?district=CODE&installDay=YYYY-MM-DD&qrDay=YYYY-MM-DD&format=docx|pdf */
export const DispatchParamsSchema = z.object({
  district,
  installDay: day("Ngày số liệu Bluezone (installDay)"),
  qrDay: day("Ngày số liệu quét mã QR (qrDay)"),
  format: single
    .transform((v) => blankToUndefined(v) ?? "docx")
    .pipe(z.enum(DISPATCH_FORMATS, { error: V.docxOrPdf })),
});
export type DispatchParams = z.output<typeof DispatchParamsSchema>;

/** GET /api/exports/district-report?district=CODE&day=YYYY-MM-DD */
export const DistrictReportParamsSchema = z.object({ district, day: day("Ngày (day)") });
export type DistrictReportParams = z.output<typeof DistrictReportParamsSchema>;

/** Reads a URL's query string into a plain object (repeated keys become arrays, so they are refused). */
export function queryOf(url: string): Record<string, string | string[]> {
  return searchParamsObject(new URL(url).searchParams);
}

// ── the template ────────────────────────────────────────────────────────────────────────────
// Two schemas: the city's default wording (every field required but the signer's name), and a
// district's own template (every field optional: empty inherits), each used by its form, its
// action and for the JSON read back from the database. Text is NFC with single spaces; a
// placeholder other than {cấp huyện}, {cấp xã}, {cấp ủy} is refused, so a typo never reaches a
// letter as "{cap xa}".

const MAX_LINE = 300;
const MAX_PARAGRAPH = 3000;

const PLACEHOLDER_LIST = Object.keys(PLACEHOLDERS)
  .map((p) => `{${p}}`)
  .join(", ");

const clean = (v: string) => v.normalize("NFC").replace(/\s+/g, " ").trim();

function placeholderIssue(key: keyof DispatchTemplate, texts: readonly string[]): string | null {
  const unknown = texts.flatMap(unknownPlaceholders);
  const [first] = unknown;
  return first === undefined ? null : `${L[key]}: “${first}” không phải chỗ điền tự động; chỉ dùng ${PLACEHOLDER_LIST}`;
}

const checkPlaceholders =
  (key: keyof DispatchTemplate) =>
  (value: string | readonly string[] | undefined, ctx: z.RefinementCtx): void => {
    if (value === undefined) return;
    const message = placeholderIssue(key, typeof value === "string" ? [value] : value);
    if (message) ctx.addIssue({ code: "custom", message });
  };

const lengthChecked = (key: keyof DispatchTemplate, max: number, required: boolean) =>
  required
    ? z.string().min(1, `${L[key]}: không được để trống`).max(max, `${L[key]}: tối đa ${max} ký tự`)
    : z.string().max(max, `${L[key]}: tối đa ${max} ký tự`);

/** A required (or, for the city's signer, possibly empty) text of the city's wording. */
const text = (key: keyof DispatchTemplate, max: number, opts: { optional?: boolean } = {}) =>
  z
    .string({ error: `${L[key]}: bắt buộc` })
    .transform(clean)
    .pipe(lengthChecked(key, max, !opts.optional))
    .superRefine(checkPlaceholders(key));

const linesOf = (v: string | readonly string[]) => (typeof v === "string" ? v.split(/\r?\n/) : v).map(clean).filter((s) => s !== "");

const linesChecked = (key: keyof DispatchTemplate, maxItems: number, maxLength: number) =>
  z
    .array(z.string().max(maxLength, `${L[key]}: mỗi dòng tối đa ${maxLength} ký tự`))
    .min(1, `${L[key]}: cần ít nhất một dòng`)
    .max(maxItems, `${L[key]}: tối đa ${maxItems} dòng`);

/** A list edited in a textarea (one item per line) or given as an array; blank lines are dropped. */
const lines = (key: keyof DispatchTemplate, maxItems: number, maxLength: number) =>
  z
    .union([z.string(), z.array(z.string())], { error: `${L[key]}: bắt buộc` })
    .transform(linesOf)
    .pipe(linesChecked(key, maxItems, maxLength))
    .superRefine(checkPlaceholders(key));

/** A district's text: empty or absent inherits (undefined). */
const ownText = (key: keyof DispatchTemplate, max: number) =>
  z
    .union([z.string(), z.null(), z.undefined()], { error: `${L[key]}: phải là văn bản` })
    .transform((v) => (typeof v === "string" && clean(v) !== "" ? clean(v) : undefined))
    .pipe(lengthChecked(key, max, false).optional())
    .superRefine(checkPlaceholders(key))
    .optional();

/** A district's list: no line inherits (undefined). */
const ownLines = (key: keyof DispatchTemplate, maxItems: number, maxLength: number) =>
  z
    .union([z.string(), z.array(z.string()), z.null(), z.undefined()], { error: `${L[key]}: phải là văn bản` })
    .transform((v) => {
      const items = v === null || v === undefined ? [] : linesOf(v);
      return items.length > 0 ? items : undefined;
    })
    .pipe(linesChecked(key, maxItems, maxLength).optional())
    .superRefine(checkPlaceholders(key))
    .optional();

const NUMBER_RULE = [/^[0-9A-Za-z.-]*$/, `${L.documentNumber}: chỉ gồm chữ số, chữ cái không dấu, dấu chấm, gạch ngang`] as const;
const SYMBOL_RULE = [/^[0-9A-Za-zĐđ.\-/]+$/u, `${L.documentSymbol}: chỉ gồm chữ cái in, chữ số, dấu gạch ngang, ví dụ UBND-VHTT`] as const;

/** The city's default wording (admins): what every district uses unless it has its own. */
export const DispatchWordingSchema = z.object({
  authorityParent: text("authorityParent", 120),
  documentSymbol: text("documentSymbol", 60).pipe(z.string().regex(...SYMBOL_RULE)),
  subject: text("subject", 500),
  addressees: lines("addressees", 20, MAX_LINE),
  installSource: text("installSource", 200),
  directive: text("directive", MAX_PARAGRAPH),
  requests: lines("requests", 20, MAX_PARAGRAPH),
  closing: text("closing", MAX_PARAGRAPH),
  recipients: lines("recipients", 30, MAX_LINE),
  signerTitles: lines("signerTitles", 4, 120),
  signerName: text("signerName", 120, { optional: true }),
}) satisfies z.ZodType<DispatchWording, unknown>;

/** A district's own template: the fields it sets; an empty field inherits the city's or is derived. */
export const DispatchOverrideSchema = z.object({
  authorityParent: ownText("authorityParent", 120),
  authorityName: ownText("authorityName", 120),
  documentNumber: ownText("documentNumber", 20).pipe(z.string().regex(...NUMBER_RULE).optional()).optional(),
  documentSymbol: ownText("documentSymbol", 60).pipe(z.string().regex(...SYMBOL_RULE).optional()).optional(),
  place: ownText("place", 80),
  subject: ownText("subject", 500),
  addressees: ownLines("addressees", 20, MAX_LINE),
  installSource: ownText("installSource", 200),
  directive: ownText("directive", MAX_PARAGRAPH),
  requests: ownLines("requests", 20, MAX_PARAGRAPH),
  closing: ownText("closing", MAX_PARAGRAPH),
  recipients: ownLines("recipients", 30, MAX_LINE),
  signerTitles: ownLines("signerTitles", 4, 120),
  signerName: ownText("signerName", 120),
}) satisfies z.ZodType<DispatchTemplateOverride, unknown>;

const districtCode = z
  .string({ error: V.districtRequired })
  .trim()
  .regex(/^\d{3}$/, V.districtCodeExample);

/** The district template form: which district, and its fields. */
export const DistrictDispatchTemplateInputSchema = DispatchOverrideSchema.extend({ district: districtCode });
export type DistrictDispatchTemplateInput = z.output<typeof DistrictDispatchTemplateInputSchema>;

/** /admin/dispatch-template?district=CODE */
export const DispatchTemplatePageParamsSchema = z.object({ district });
