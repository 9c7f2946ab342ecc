import { z } from "zod";
import { TARGET_METRICS } from "../domain/targets.ts";
import { V } from "./validation.ts";

// A target as an admin types it: a percentage with at most two decimals, comma or dot ("60",
// "62,5", "62.50"), stored in basis points (6250). Empty means "no own target: inherit".

const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/** "62,5" → 6250; null for an empty string; undefined when it is not a percentage from 0 to 100. */
export function percentToBasisPoints(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/\s*%$/, "");
  if (trimmed === "") return null;
  const m = PERCENT.exec(trimmed);
  if (!m) return undefined;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : undefined;
}

const targetField = z
  .string()
  .max(10, "Tỷ lệ quá dài")
  .transform((text, ctx) => {
    const bp = percentToBasisPoints(text);
    if (bp === undefined) {
      ctx.addIssue({ code: "custom", message: V.targetPercent });
      return z.NEVER;
    }
    return bp;
  });

export const UnitTargetsInputSchema = z.object({
  unitCode: z.string().regex(/^(\d{2}|\d{3}|\d{5})$/, "Mã đơn vị không hợp lệ"),
  coverage: targetField,
  qrActive: targetField,
});
export type UnitTargetsInput = z.output<typeof UnitTargetsInputSchema>;

export const TargetsPageParamsSchema = z.object({
  district: z
    .string()
    .regex(/^\d{3}$/, "Mã quận gồm 3 chữ số")
    .optional(),
});

export const TARGET_METRIC_OF_FIELD = { coverage: "COVERAGE_RATE", qrActive: "QR_ACTIVE_RATE" } as const satisfies Record<
  "coverage" | "qrActive",
  (typeof TARGET_METRICS)[number]
>;
