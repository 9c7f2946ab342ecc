import { z } from "zod";

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
    .string({ error: "Hãy nhập số tháng, hoặc để trống để giữ toàn bộ" })
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, `Số tháng là một số nguyên từ ${RAW_SCAN_MONTHS_MIN} đến ${RAW_SCAN_MONTHS_MAX}, hoặc để trống`)
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(RAW_SCAN_MONTHS_MIN, `Giữ ít nhất ${RAW_SCAN_MONTHS_MIN} tháng (tháng này)`)
            .max(RAW_SCAN_MONTHS_MAX, `Giữ tối đa ${RAW_SCAN_MONTHS_MAX} tháng; để trống để giữ toàn bộ`),
        )
        .nullable(),
    ),
});
export type RawScanRetentionInput = z.output<typeof RawScanRetentionFormSchema>;
