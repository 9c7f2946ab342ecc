import { z } from "zod";
import enOverview from "../../messages/en/overview.json";
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
import { oneOfMessage, V, VV } from "./validation.ts";

// URL filters of the ward page, so a view of its venue list can be bookmarked and shared:
//   /wards/CODE?day=YYYY-MM-DD&q=TEXT&category=MARKET&status=ACTIVE&activity=dormant&sort=scans&page=2
// The list's form is a plain GET form: an empty field ("") means "all". Messages are Vietnamese,
// from the validation catalogs (ParamError shows them in the reader's language).

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

/** The allowed values with their names in each language: "MARKET (Chợ), …" / "MARKET (Market), …". */
function listed(values: readonly string[], vi: Readonly<Record<string, string>>, en: Readonly<Record<string, string>>) {
  return {
    vi: values.map((v) => `${v} (${vi[v]})`).join(", "),
    en: values.map((v) => `${v} (${en[v] ?? vi[v]})`).join(", "),
  };
}

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Readonly<Record<string, string>>,
  english: Readonly<Record<string, string>>,
  what: string,
) {
  const error = VV("oneOf", { label: { label: what }, values: listed(values, labels, english) });
  return optionalSingle.pipe(z.enum(values, { error }).optional());
}

const q = optionalSingle
  .refine((v) => v === undefined || [...v].length <= MAX_VENUE_SEARCH_LENGTH, {
    message: VV("searchMax", { max: MAX_VENUE_SEARCH_LENGTH }),
  })
  .refine((v) => v === undefined || !/\p{Cc}/u.test(v), { message: V.searchControl })
  .transform((v) => v?.normalize("NFC"));

const sort = optionalSingle.pipe(
  z
    .enum(VENUE_SORTS, { error: oneOfMessage("Cách sắp xếp", VENUE_SORTS) })
    .optional()
    .transform((v) => v ?? DEFAULT_VENUE_SORT),
);

const page = optionalSingle.pipe(
  z
    .string()
    .regex(/^\d{1,6}$/, V.pageNumberExample)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_VENUE_PAGE, VV("pageNumberMax", { max: { count: MAX_VENUE_PAGE } }, "fixed"))
    .optional()
    .transform((n) => n ?? 1),
);

export const VenueQuerySchema = z.object({
  q,
  category: oneOf(VENUE_CATEGORIES, VENUE_CATEGORY_LABELS, enOverview.venues.categories, "Loại địa điểm"),
  status: oneOf(VENUE_STATUSES, VENUE_STATUS_LABELS, enOverview.venues.status, "Trạng thái đăng ký"),
  activity: oneOf(VENUE_ACTIVITIES, VENUE_ACTIVITY_LABELS, enOverview.venues.activity, "Tình trạng quét"),
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
