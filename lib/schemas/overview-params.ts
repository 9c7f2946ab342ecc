import { z } from "zod";
import { parseIsoDay } from "../domain/days.ts";
import { V } from "./validation.ts";

// URL filters of the overview, so a view can be bookmarked and shared: ?day=YYYY-MM-DD&district=CODE.
// Next gives each search param as string | string[] | undefined; a repeated parameter is an error.

const single = z.union([z.string(), z.array(z.string())]).optional().refine((v) => !Array.isArray(v), {
  message: V.singleValue,
});

export const OverviewParamsSchema = z.object({
  day: single
    .transform((v) => (typeof v === "string" && v !== "" ? v : undefined))
    .refine((v) => v === undefined || parseIsoDay(v) !== null, {
      message: V.dayFormatExample,
    }),
  district: single
    .transform((v) => (typeof v === "string" && v !== "" ? v : undefined))
    .refine((v) => v === undefined || /^\d{3}$/.test(v), { message: V.districtCodeExample }),
});

export type OverviewParams = z.infer<typeof OverviewParamsSchema>;
