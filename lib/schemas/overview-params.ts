import { z } from "zod";
import { parseIsoDay } from "../domain/days.ts";

// URL filters of the overview, so a view can be bookmarked and shared: ?day=YYYY-MM-DD&district=CODE.
// Next gives each search param as string | string[] | undefined; a repeated parameter is an error.

const single = z.union([z.string(), z.array(z.string())]).optional().refine((v) => !Array.isArray(v), {
  message: "chỉ được có một giá trị",
});

export const OverviewParamsSchema = z.object({
  day: single
    .transform((v) => (typeof v === "string" && v !== "" ? v : undefined))
    .refine((v) => v === undefined || parseIsoDay(v) !== null, {
      message: "Ngày phải có dạng YYYY-MM-DD và là một ngày có thật, ví dụ 2021-08-17",
    }),
  district: single
    .transform((v) => (typeof v === "string" && v !== "" ? v : undefined))
    .refine((v) => v === undefined || /^\d{3}$/.test(v), { message: "Mã quận/huyện gồm 3 chữ số, ví dụ 002" }),
});

export type OverviewParams = z.infer<typeof OverviewParamsSchema>;
