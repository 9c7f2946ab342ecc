import { z } from "zod";
import { DEFAULT_RANK_METRIC, RANK_METRICS } from "../domain/rank-metric.ts";
import { OverviewParamsSchema } from "./overview-params.ts";
import { oneOfMessage, V, VV } from "./validation.ts";

// URL filters of the dashboard pages, so every view can be bookmarked and shared:
//   /            ?day=YYYY-MM-DD&district=CODE&sort=METRIC&compare=WARD&compare=WARD
//   /city        ?day=YYYY-MM-DD&district=CODE&sort=METRIC   (district = the one picked out)
//   /wards/CODE  ?day=YYYY-MM-DD
//   /country     ?day=YYYY-MM-DD&province=CODE&sort=METRIC   (province = the one picked out)
//   /provinces/CODE ?day=YYYY-MM-DD&sort=METRIC
// Messages are Vietnamese: they are shown to the user as they are.

/** How many wards the trend chart may compare at once (more lines stop being readable). */
export const MAX_COMPARED_WARDS = 6;

const WARD_CODE = /^\d{5}$/;
const WARD_CODE_MESSAGE = V.wardCodeExample;

const sort = z.preprocess(
  (v) => (v === undefined || v === "" ? DEFAULT_RANK_METRIC : v),
  z.enum(RANK_METRICS, { error: oneOfMessage("Chỉ số xếp hạng", RANK_METRICS) }),
);

// A GET form with checkboxes repeats the parameter (compare=a&compare=b); a single value is a string.
const compare = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((code) => code !== ""))
  .pipe(
    z
      .array(z.string().regex(WARD_CODE, WARD_CODE_MESSAGE))
      .max(MAX_COMPARED_WARDS, VV("compareMax", { max: MAX_COMPARED_WARDS })),
  )
  .transform((codes) => [...new Set(codes)]);

export const DashboardParamsSchema = OverviewParamsSchema.extend({ sort, compare });
export type DashboardParams = z.infer<typeof DashboardParamsSchema>;

export const CityParamsSchema = OverviewParamsSchema.extend({ sort });
export type CityParams = z.infer<typeof CityParamsSchema>;

const PROVINCE_CODE = /^\d{2}$/;

export const CountryParamsSchema = OverviewParamsSchema.pick({ day: true }).extend({
  sort,
  province: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .refine((v) => !Array.isArray(v), { message: V.singleValue })
    .transform((v) => (typeof v === "string" && v !== "" ? v : undefined))
    .refine((v) => v === undefined || PROVINCE_CODE.test(v), { message: V.provinceCode }),
});
export type CountryParams = z.infer<typeof CountryParamsSchema>;

export const ProvinceParamsSchema = OverviewParamsSchema.pick({ day: true }).extend({ sort });
export type ProvinceParams = z.infer<typeof ProvinceParamsSchema>;

/** A province code from the path; anything else is a 404. */
export function isProvinceCode(value: string): boolean {
  return PROVINCE_CODE.test(value);
}

export const WardParamsSchema = OverviewParamsSchema.pick({ day: true });
export type WardParams = z.infer<typeof WardParamsSchema>;

/** A ward code from the path; anything else is a 404, not a validation message. */
export function isWardCode(value: string): boolean {
  return WARD_CODE.test(value);
}
