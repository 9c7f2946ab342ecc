import { z } from "zod";
import { daysBetween, isIsoDay } from "../domain/days.ts";
import { V, VV } from "./validation.ts";

// URL parameters of the report pages (bookmarkable): /entry?ward=&day= (an admin or a city official
// without a ward: /entry?district=&day=), /reports?district=&day= or
// &from=&to=. Next gives each as string | string[] | undefined; a repeated parameter is an error.

const single = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .refine((v) => !Array.isArray(v), { message: V.singleValue })
  .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined));

const optionalDay = single.refine((v) => v === undefined || isIsoDay(v), {
  message: V.dayFormatExample,
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
      ctx.addIssue({ code: "custom", path: ["from"], message: V.bothDays });
    }
    if (v.from && v.to && isIsoDay(v.from) && isIsoDay(v.to)) {
      const span = daysBetween(v.from, v.to);
      if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: V.toAfterFrom });
      if (span >= MAX_RANGE_DAYS) {
        ctx.addIssue({ code: "custom", path: ["to"], message: VV("rangeDaysMax", { max: MAX_RANGE_DAYS }) });
      }
    }
  });

export type CompletenessParams = z.output<typeof CompletenessParamsSchema>;
