import { z } from "zod";
import { V, VV } from "./validation.ts";

// The admin's choice of which of a ward's two sources the pages use (lib/data/settings.ts).
export const PreferredSourceSchema = z.object({
  preferred: z.enum(["IMPORT", "WARD_REPORT"], { error: "Hãy chọn một nguồn số liệu" }),
});
export type PreferredSourceInput = z.output<typeof PreferredSourceSchema>;

/** Bounds of the raw scan retention (months, this month included): the stored setting's (RawScanRetentionSchema). */
export const RAW_SCAN_MONTHS_MIN = 1;
export const RAW_SCAN_MONTHS_MAX = 1200;

// The months of raw scan partitions kept (lib/data/settings.ts, setRawScanRetention): a whole
// number from the form's text field, or empty to keep everything.
export const RawScanRetentionFormSchema = z.object({
  months: z
    .string({ error: V.retentionRequired })
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, VV("retentionMonths", { min: RAW_SCAN_MONTHS_MIN, max: RAW_SCAN_MONTHS_MAX }))
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(RAW_SCAN_MONTHS_MIN, VV("retentionMin", { min: RAW_SCAN_MONTHS_MIN }))
            .max(RAW_SCAN_MONTHS_MAX, VV("retentionMax", { max: RAW_SCAN_MONTHS_MAX })),
        )
        .nullable(),
    ),
});
export type RawScanRetentionInput = z.output<typeof RawScanRetentionFormSchema>;
