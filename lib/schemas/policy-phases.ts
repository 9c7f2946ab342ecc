import { z } from "zod";
import { compareIsoDays, isIsoDay, type IsoDay } from "../domain/days.ts";
import { V, VV } from "./validation.ts";

// A policy phase as an admin records it (/admin/policy-phases): a name, the city or district it
// applies to, its first day and, optionally, its last day, typed dd/MM/yyyy (24/07/2021) whatever
// the browser's language; YYYY-MM-DD is accepted too.

const VIETNAMESE_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** "24/07/2021" or "2021-07-24" → "2021-07-24"; null when it is not a real calendar day. */
export function parseTypedDay(text: string): IsoDay | null {
  const trimmed = text.trim();
  const m = VIETNAMESE_DAY.exec(trimmed);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : trimmed;
  return isIsoDay(iso) ? iso : null;
}

const day = (label: string) =>
  z
    .string()
    .max(20, `${label} không hợp lệ`)
    .transform((text, ctx) => {
      const parsed = parseTypedDay(text);
      if (parsed === null) {
        ctx.addIssue({ code: "custom", message: `${label} không hợp lệ: nhập ngày/tháng/năm, ví dụ 24/07/2021` });
        return z.NEVER;
      }
      return parsed;
    });

export const CreatePolicyPhaseSchema = z
  .object({
    name: z.string().trim().min(2, V.phaseNameMin).max(120, VV("phaseNameMax", { max: 120 })),
    unitCode: z.string().regex(/^(\d{2}|\d{3})$/, "Chọn thành phố hoặc một quận, huyện"),
    startDay: day("Ngày bắt đầu"),
    endDay: z
      .string()
      .max(20, "Ngày kết thúc không hợp lệ")
      .optional()
      .transform((text, ctx) => {
        if (text === undefined || text.trim() === "") return null;
        const parsed = parseTypedDay(text);
        if (parsed === null) {
          ctx.addIssue({ code: "custom", message: "Ngày kết thúc không hợp lệ: nhập ngày/tháng/năm, ví dụ 15/09/2021, hoặc để trống" });
          return z.NEVER;
        }
        return parsed;
      }),
  })
  .refine((v) => v.endDay === null || compareIsoDays(v.startDay, v.endDay) <= 0, {
    message: "Ngày kết thúc không được trước ngày bắt đầu",
    path: ["endDay"],
  });
export type CreatePolicyPhaseInput = z.output<typeof CreatePolicyPhaseSchema>;

export const DeletePolicyPhaseSchema = z.object({ id: z.coerce.number().int().positive("Giai đoạn không hợp lệ") });
export type DeletePolicyPhaseInput = z.output<typeof DeletePolicyPhaseSchema>;
