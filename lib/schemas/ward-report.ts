import { z } from "zod";
import { isIsoDay, type IsoDay } from "../domain/days.ts";
import { FIGURE_FIELDS, type FigureField } from "../domain/figures.ts";
import { REPORT_FIELD_LABELS, type ReportWarning } from "../domain/report-checks.ts";
import { MessageSchema } from "./message.ts";
import { V, VV } from "./validation.ts";

// The ward chair's daily report: one schema for the form (client) and the server action, so the
// hard rules live in one place. Hard errors block the save: a malformed or negative number,
// installs above smartphones, venues with scans above venues registered (or above the scans), a day
// in the future. Warnings (lib/domain/report-checks.ts) need the ward's history and a confirmation.
//
// Numbers come from text inputs: "150788", "150.788" and "150 788" are the same count (a dot
// groups thousands in Vietnamese). An empty field means "not known", never 0.

export const MAX_COUNT = 2_147_483_647; // the database column is a 4-byte integer
export const NOTE_MAX_LENGTH = 1000;

const GROUPED = /^\d{1,3}([. ]\d{3})+$/;
const PLAIN = /^\d+$/;

export type CountParse = { ok: true; value: number | null } | { ok: false; message: string };

/** Parses one count as typed by a person. */
export function parseCount(raw: unknown, label: string): CountParse {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === "number") {
    if (!Number.isInteger(raw)) return { ok: false, message: VV("notAnInteger", { label: { label } }) };
    if (raw < 0) return { ok: false, message: VV("negative", { label: { label } }) };
    if (raw > MAX_COUNT) return { ok: false, message: VV("tooLarge", { label: { label } }) };
    return { ok: true, value: raw };
  }
  if (typeof raw !== "string") return { ok: false, message: VV("notANumber", { label: { label } }) };
  const text = raw.trim().replace(/\u00a0/g, " ");
  if (text === "") return { ok: true, value: null };
  if (/^[-−]\s*\d/.test(text)) return { ok: false, message: VV("negative", { label: { label } }) };
  if (!PLAIN.test(text) && !GROUPED.test(text)) {
    return { ok: false, message: VV("notAGroupedInteger", { label: { label } }) };
  }
  const digits = text.replace(/[. ]/g, "");
  if (digits.length > 10 || Number(digits) > MAX_COUNT) return { ok: false, message: VV("tooLarge", { label: { label } }) };
  return { ok: true, value: Number(digits) };
}

function countField(field: FigureField) {
  return z
    .union([z.string().max(32), z.number(), z.null()])
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseCount(raw, REPORT_FIELD_LABELS[field]);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    });
}

export const WARD_CODE_PATTERN = /^\d{5}$/;

export const WardCodeSchema = z.string().trim().regex(WARD_CODE_PATTERN, V.wardCodeExample);

function daySchema(today: IsoDay) {
  return z
    .string()
    .trim()
    .refine(isIsoDay, V.dayFormat)
    .refine((d) => !isIsoDay(d) || d <= today, V.dayFuture);
}

/**
 * The report as submitted. `today` is the current day in Asia/Ho_Chi_Minh (the server passes its
 * own; the form passes the browser's, for early feedback only).
 */
export function reportInputSchema(today: IsoDay) {
  return z
    .object({
      wardCode: WardCodeSchema,
      day: daySchema(today),
      smartphones: countField("smartphones"),
      installs: countField("installs"),
      qrVenues: countField("qrVenues"),
      activeVenues: countField("activeVenues"),
      scans: countField("scans"),
      note: z
        .string()
        .max(NOTE_MAX_LENGTH, VV("noteMax", { max: NOTE_MAX_LENGTH }))
        .optional()
        .transform((v) => (v && v.trim() ? v.trim() : null)),
      /** the version the form was loaded with; 0 when there was no report yet */
      expectedVersion: z.coerce.number().int().min(0).max(MAX_COUNT),
      /** the warnings (warningKey) the ward chair has seen and confirmed */
      confirmedWarnings: z.array(z.string().max(64)).max(20).default([]),
    })
    .superRefine(
      (r, ctx) => {
        // Also runs when some fields failed on their own (see `when`): those are not numbers then.
        const n = (v: unknown): number | null => (typeof v === "number" ? v : null);
        const smartphones = n(r.smartphones);
        const installs = n(r.installs);
        const qrVenues = n(r.qrVenues);
        const activeVenues = n(r.activeVenues);
        const scans = n(r.scans);
        if (FIGURE_FIELDS.every((f) => r[f] === null)) {
          ctx.addIssue({ code: "custom", path: ["smartphones"], message: V.figuresRequired });
        }
        if (installs !== null && smartphones !== null && installs > smartphones) {
          ctx.addIssue({
            code: "custom",
            path: ["installs"],
            message: VV("installsOverSmartphones", { installs: { count: installs }, smartphones: { count: smartphones } }),
          });
        }
        if (activeVenues !== null && qrVenues !== null && activeVenues > qrVenues) {
          ctx.addIssue({
            code: "custom",
            path: ["activeVenues"],
            message: VV("activeOverQrVenues", { activeVenues: { count: activeVenues }, qrVenues: { count: qrVenues } }),
          });
        }
        if (activeVenues !== null && scans !== null && activeVenues > scans) {
          ctx.addIssue({
            code: "custom",
            path: ["activeVenues"],
            message: VV("activeOverScans", { activeVenues: { count: activeVenues }, scans: { count: scans } }),
          });
        }
      },
      // Show every error at once: the cross-field rules run even when another field is invalid
      // (but not when the input is not an object at all).
      { when: (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value) },
    );
}

export type ReportInput = z.output<ReturnType<typeof reportInputSchema>>;

// Approval and unlock of a ward's day; approval of a district's day.

export const ApproveReportSchema = z.object({
  wardCode: WardCodeSchema,
  day: z.string().trim().refine(isIsoDay, V.dayInvalid),
  expectedVersion: z.coerce.number().int().min(1).max(MAX_COUNT),
});

export const UnlockReportSchema = ApproveReportSchema.extend({
  reason: z.string().trim().min(5, V.unlockReasonMin).max(500, V.unlockReasonMax),
});

export const ApproveDistrictDaySchema = z.object({
  districtCode: z.string().trim().regex(/^\d{3}$/, V.districtCode),
  day: z.string().trim().refine(isIsoDay, V.dayInvalid),
});

export const ReportDeadlineSchema = z.object({
  daysAfter: z.coerce.number().int().min(0, V.deadlineDays).max(7, V.deadlineDays),
  hour: z.coerce.number().int().min(0, V.deadlineHour).max(23, V.deadlineHour),
  minute: z.coerce.number().int().min(0, V.deadlineMinute).max(59, V.deadlineMinute),
});

// Warnings as stored on a report (JSON in daily_figure.warnings): checked on the way out of the
// database; anything malformed reads as none.
const StoredWarningsSchema = z
  .array(
    z.object({
      code: z.enum(["INSTALLS_DECREASED", "UNUSUAL_VALUE"]),
      field: z.enum(FIGURE_FIELDS),
      value: z.number(),
      reference: z.number(),
      message: z.string(),
      text: MessageSchema.optional(),
    }),
  )
  .catch([]);

export function parseStoredWarnings(value: unknown): ReportWarning[] {
  return value === null || value === undefined ? [] : StoredWarningsSchema.parse(value);
}
