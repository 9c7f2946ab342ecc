import { z } from "zod";
import { parseIsoDay } from "../domain/days.ts";
import { DISPATCH_TEMPLATE_LABELS as L, type DispatchTemplate } from "../domain/dispatch-template.ts";
import { searchParamsObject } from "./exports.ts";

// Inputs of the draft dispatch and the district report: the download links' query strings, and
// the dispatch template an admin edits (one schema for the form, the action and the stored JSON).
// Messages are Vietnamese: they are shown to the user as they are.

const single = z.union([z.string(), z.array(z.string())]).optional().refine((v) => !Array.isArray(v), {
  message: "chỉ được có một giá trị",
});
const blankToUndefined = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

const district = single
  .transform(blankToUndefined)
  .refine((v) => v === undefined || /^\d{3}$/.test(v), { message: "Mã quận/huyện gồm 3 chữ số, ví dụ 002" });

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
    .pipe(z.enum(DISPATCH_FORMATS, { error: "Định dạng (format) phải là docx hoặc pdf" })),
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

const MAX_LINE = 300;
const MAX_PARAGRAPH = 3000;

const text = (key: keyof DispatchTemplate, max: number, opts: { optional?: boolean } = {}) =>
  z
    .string({ error: `${L[key]}: bắt buộc` })
    .transform((v) => v.replace(/\s+/g, " ").trim())
    .pipe(
      opts.optional
        ? z.string().max(max, `${L[key]}: tối đa ${max} ký tự`)
        : z.string().min(1, `${L[key]}: không được để trống`).max(max, `${L[key]}: tối đa ${max} ký tự`),
    );

/** A list edited in a textarea (one item per line) or given as an array; blank lines are dropped. */
const lines = (key: keyof DispatchTemplate, maxItems: number, maxLength: number) =>
  z
    .union([z.string(), z.array(z.string())], { error: `${L[key]}: bắt buộc` })
    .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n/)).map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => s !== ""))
    .pipe(
      z
        .array(z.string().max(maxLength, `${L[key]}: mỗi dòng tối đa ${maxLength} ký tự`))
        .min(1, `${L[key]}: cần ít nhất một dòng`)
        .max(maxItems, `${L[key]}: tối đa ${maxItems} dòng`),
    );

export const DispatchTemplateSchema = z.object({
  authorityParent: text("authorityParent", 120),
  authorityName: text("authorityName", 120),
  documentNumber: text("documentNumber", 20, { optional: true }).pipe(
    z.string().regex(/^[0-9A-Za-z.-]*$/, `${L.documentNumber}: chỉ gồm chữ số, chữ cái không dấu, dấu chấm, gạch ngang`),
  ),
  documentSymbol: text("documentSymbol", 60).pipe(
    z.string().regex(/^[0-9A-Za-zĐđ.\-/]+$/u, `${L.documentSymbol}: chỉ gồm chữ cái in, chữ số, dấu gạch ngang, ví dụ UBND-VHTT`),
  ),
  place: text("place", 80),
  subject: text("subject", 500),
  addressees: lines("addressees", 20, MAX_LINE),
  installSource: text("installSource", 200),
  directive: text("directive", MAX_PARAGRAPH),
  requests: lines("requests", 20, MAX_PARAGRAPH),
  closing: text("closing", MAX_PARAGRAPH),
  recipients: lines("recipients", 30, MAX_LINE),
  signerTitles: lines("signerTitles", 4, 120),
  signerName: text("signerName", 120),
}) satisfies z.ZodType<DispatchTemplate, unknown>;
