import { z } from "zod";
import { VENUE_CATEGORIES, VENUE_STATUSES } from "../domain/imports/catalogue.ts";
import {
  DEFAULT_VENUE_SORT,
  VENUE_ACTIVITIES,
  VENUE_ACTIVITY_LABELS,
  VENUE_CATEGORY_LABELS,
  VENUE_SORTS,
  VENUE_STATUS_LABELS,
  type VenueQuery,
} from "../domain/venue-activity.ts";
import { WardParamsSchema } from "./dashboard-params.ts";
import { V, VV } from "./validation.ts";

// URL filters of the ward page, so a view of its venue list can be bookmarked and shared:
//   /wards/CODE?day=YYYY-MM-DD&q=TEXT&category=MARKET&status=ACTIVE&activity=dormant&sort=scans&page=2
// The list's form is a plain GET form: an empty field ("") means "all". Messages are Vietnamese:
// they are shown to the user as they are.

/** The longest search text accepted (a venue name or address is shorter). */
export const MAX_VENUE_SEARCH_LENGTH = 100;

/** The highest page number accepted (a ward has a few thousand venues at most). */
export const MAX_VENUE_PAGE = 10_000;

/** One optional value: "" is absent, a repeated parameter is an error. */
const optionalSingle = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .refine((v) => !Array.isArray(v), { message: V.singleValue })
  .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined));

function oneOf<const T extends readonly [string, ...string[]]>(values: T, labels: Readonly<Record<string, string>>, what: string) {
  const listed = values.map((v) => `${v} (${labels[v]})`).join(", ");
  return optionalSingle.pipe(z.enum(values, { error: `${what} phải là một trong: ${listed}` }).optional());
}

const q = optionalSingle
  .refine((v) => v === undefined || [...v].length <= MAX_VENUE_SEARCH_LENGTH, {
    message: VV("searchMax", { max: MAX_VENUE_SEARCH_LENGTH }),
  })
  .refine((v) => v === undefined || !/\p{Cc}/u.test(v), { message: V.searchControl })
  .transform((v) => v?.normalize("NFC"));

const sort = optionalSingle.pipe(
  z
    .enum(VENUE_SORTS, { error: `Cách sắp xếp phải là một trong: ${VENUE_SORTS.join(", ")}` })
    .optional()
    .transform((v) => v ?? DEFAULT_VENUE_SORT),
);

const page = optionalSingle.pipe(
  z
    .string()
    .regex(/^\d{1,6}$/, "Số trang phải là một số nguyên dương, ví dụ 2")
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_VENUE_PAGE, `Số trang phải từ 1 đến ${MAX_VENUE_PAGE.toLocaleString("vi-VN")}`)
    .optional()
    .transform((n) => n ?? 1),
);

export const VenueQuerySchema = z.object({
  q,
  category: oneOf(VENUE_CATEGORIES, VENUE_CATEGORY_LABELS, "Loại địa điểm"),
  status: oneOf(VENUE_STATUSES, VENUE_STATUS_LABELS, "Trạng thái đăng ký"),
  activity: oneOf(VENUE_ACTIVITIES, VENUE_ACTIVITY_LABELS, "Tình trạng quét"),
  sort,
  page,
}) satisfies z.ZodType<VenueQuery>;

export const WardPageParamsSchema = WardParamsSchema.extend(VenueQuerySchema.shape);
export type WardPageParams = z.infer<typeof WardPageParamsSchema>;

/** The venue query of parsed ward page parameters (without the day). */
export function venueQueryOf(params: WardPageParams): VenueQuery {
  const { q, category, status, activity, sort, page } = params;
  return { q, category, status, activity, sort, page };
}
