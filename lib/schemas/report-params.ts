import { z } from "zod";
import { daysBetween, isIsoDay } from "../domain/days.ts";

// URL parameters of the report pages (bookmarkable): /entry?ward=&day= (an admin or a city official
// without a ward: /entry?district=&day=), /reports?district=&day= or
// &from=&to=. Next gives each as string | string[] | undefined; a repeated parameter is an error.

const single = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .refine((v) => !Array.isArray(v), { message: "chỉ được có một giá trị" })
  .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined));

const optionalDay = single.refine((v) => v === undefined || isIsoDay(v), {
  message: "Ngày phải có dạng YYYY-MM-DD và là một ngày có thật, ví dụ 2021-08-17",
});

const districtCode = single.refine((v) => v === undefined || /^\d{3}$/.test(v), { message: "Mã quận gồm 3 chữ số" });

export const EntryParamsSchema = z.object({
  ward: single.refine((v) => v === undefined || /^\d{5}$/.test(v), { message: "Mã phường gồm 5 chữ số" }),
  /** the district whose wards are listed (admins and city officials; the data layer checks it) */
  district: districtCode,
  day: optionalDay,
});

/** Longest range the completeness table shows at once. */
export const MAX_RANGE_DAYS = 92;

export const CompletenessParamsSchema = z
  .object({
    district: districtCode,
    day: optionalDay,
    from: optionalDay,
    to: optionalDay,
  })
  .superRefine((v, ctx) => {
    if ((v.from === undefined) !== (v.to === undefined)) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "Cần cả ngày bắt đầu và ngày kết thúc" });
    }
    if (v.from && v.to && isIsoDay(v.from) && isIsoDay(v.to)) {
      const span = daysBetween(v.from, v.to);
      if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "Ngày kết thúc phải sau ngày bắt đầu" });
      if (span >= MAX_RANGE_DAYS) {
        ctx.addIssue({ code: "custom", path: ["to"], message: `Chỉ xem được tối đa ${MAX_RANGE_DAYS} ngày một lần` });
      }
    }
  });

export type CompletenessParams = z.output<typeof CompletenessParamsSchema>;
