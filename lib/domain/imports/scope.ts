import { z } from "zod";
import type { IsoDay } from "../days.ts";
import { formatCount, formatDay } from "../format.ts";
import { msg, type Message } from "../message.ts";

// What a file replaces (its scope), in words and as data. Pure: shared by the pipeline, the CLI,
// the upload route (zod at the boundary) and the admin page.
//
// A scan log replaces the figures of (ward, day) cells:
// - by default, every ward of each district that has a venue with scans in the file, on the days
//   that district has scans in the file ("the (day × district) pairs of the venues in the file");
// - or a scope the admin chooses: the whole city, one district or one ward, on every day of the
//   file. Every venue of the file must then lie inside it.
// Inside the scope a ward with no scan in the file gets 0 scans and 0 active venues; outside it,
// nothing changes.

export type ImportScope =
  | { kind: "file" }
  | { kind: "city" }
  | { kind: "district"; code: string }
  | { kind: "ward"; code: string };

/** GSO codes: districts have 3 digits, wards 5. */
const DISTRICT_CODE = /^[0-9]{3}$/;
const WARD_CODE = /^[0-9]{5}$/;

export const SCOPE_FORMAT_MESSAGE =
  "Phạm vi không hợp lệ: dùng city (toàn thành phố), district:MÃ (một quận, huyện, mã 3 chữ số, ví dụ district:002) " +
  "hoặc ward:MÃ (một phường, xã, mã 5 chữ số, ví dụ ward:00037); để trống là theo các quận, huyện có trong tệp.";

/** Parses `city`, `district:002`, `ward:00037`; "", `file` and `auto` mean the default scope. */
export function parseImportScope(value: string): ImportScope | null {
  const v = value.trim();
  if (v === "" || v === "file" || v === "auto") return { kind: "file" };
  if (v === "city") return { kind: "city" };
  const colon = v.indexOf(":");
  const kind = colon < 0 ? v : v.slice(0, colon);
  const code = colon < 0 ? "" : v.slice(colon + 1);
  if (kind === "district" && DISTRICT_CODE.test(code)) return { kind: "district", code };
  if (kind === "ward" && WARD_CODE.test(code)) return { kind: "ward", code };
  return null;
}

/** The text form parseImportScope reads (CLI, query string). */
export function formatImportScope(scope: ImportScope): string {
  switch (scope.kind) {
    case "file":
      return "file";
    case "city":
      return "city";
    default:
      return `${scope.kind}:${scope.code}`;
  }
}

export const ImportScopeSchema = z
  .string()
  .max(20, SCOPE_FORMAT_MESSAGE)
  .transform((v, ctx) => {
    const scope = parseImportScope(v);
    if (scope === null) {
      ctx.addIssue({ code: "custom", message: SCOPE_FORMAT_MESSAGE });
      return z.NEVER;
    }
    return scope;
  });

/** One query-string value (a repeated parameter is refused). */
const single = z
  .union([z.string(), z.array(z.string())])
  .refine((v) => !Array.isArray(v), { message: "chỉ được có một giá trị" })
  .transform((v) => (Array.isArray(v) ? (v[0] ?? "") : v));

/** The extra query parameters of POST /api/imports: `scope` and `replaceApproved=1`. */
export const UploadScopeQuerySchema = z.object({
  scope: single.pipe(ImportScopeSchema).optional(),
  replaceApproved: single.pipe(z.enum(["0", "1"], { message: "replaceApproved phải là 0 hoặc 1" })).optional(),
});

// ---------------------------------------------------------------------------------------------
// Words for units

const PREFIXES = ["Thành phố", "Thị xã", "Thị trấn", "Quận", "Huyện", "Phường", "Xã"] as const;

/** "Quận Hoàn Kiếm" → "quận"; null when the name starts with no known unit type. */
export function unitTypeWord(name: string): string | null {
  const prefix = PREFIXES.find((p) => name.startsWith(`${p} `));
  return prefix ? prefix.toLowerCase() : null;
}

/**
 * The word for a set of units of one level: their common type ("quận", "phường") or, when they
 * mix types, the level's usual pair ("quận, huyện"; "phường, xã").
 */
export function unitWordFor(names: readonly string[], level: "DISTRICT" | "WARD"): string {
  const generic = level === "DISTRICT" ? "quận, huyện" : "phường, xã";
  if (names.length === 0) return generic;
  const words = new Set(names.map(unitTypeWord));
  const [only] = [...words];
  return words.size === 1 && only ? only : generic;
}

/** "18/08/2021", "13/08/2021 và 14/08/2021", "từ 13/08/2021 đến 20/08/2021". */
export function formatDayList(days: readonly IsoDay[]): string {
  const sorted = [...days].sort();
  if (sorted.length === 0) return "";
  if (sorted.length === 1) return formatDay(sorted[0] ?? "");
  if (sorted.length <= 3) return `${sorted.slice(0, -1).map((d) => formatDay(d)).join(", ")} và ${formatDay(sorted[sorted.length - 1] ?? "")}`;
  return `từ ${formatDay(sorted[0] ?? "")} đến ${formatDay(sorted[sorted.length - 1] ?? "")}`;
}

// ---------------------------------------------------------------------------------------------
// What an import replaced, as data and in words

export type ScopeSummary = {
  /** what the admin chose (file = the default, from the file's venues) */
  chosen: "file" | "city" | "district" | "ward";
  /** the chosen unit's name (district or ward scope) */
  chosenName: string | null;
  level: "DISTRICT" | "WARD";
  /** units (districts, or wards for a ward scope) whose figures were replaced */
  replaced: number;
  /** units of the same level left as they were */
  kept: number;
  replacedWord: string;
  keptWord: string;
  days: IsoDay[];
  /** one sentence, e.g. "Thay số liệu quét của 1 quận × 1 ngày (18/08/2021); giữ nguyên 29 quận, huyện." */
  text: string;
  /** the same sentence as a message (scopeSentenceText), for the interface's language */
  message?: Message;
};

/** What a scope sentence says was replaced: the scan figures, the registered venues' figures. */
export const SCOPE_WHAT = { scans: "số liệu quét", venues: "số địa điểm đăng ký" } as const;
export type ScopeWhat = keyof typeof SCOPE_WHAT;

const S = "domain.importSummary.scope";

/** formatDayList as a message: "18/08/2021", "13/08/2021 và 14/08/2021", "từ 13/08/2021 đến 20/08/2021". */
export function dayListText(days: readonly IsoDay[]): Message {
  const sorted = [...days].sort();
  const day = (i: number) => ({ day: sorted[i] ?? "" });
  if (sorted.length === 0) return msg("domain.plain", { value: "" });
  if (sorted.length === 1) return msg(`${S}.daysOne`, { first: day(0) });
  if (sorted.length === 2) return msg(`${S}.daysTwo`, { first: day(0), last: day(1) });
  if (sorted.length === 3) return msg(`${S}.daysThree`, { first: day(0), second: day(1), last: day(2) });
  return msg(`${S}.daysSpan`, { first: day(0), last: day(sorted.length - 1) });
}

/** scopeSentence as a message (keys domain.importSummary.scope.*): the same Vietnamese. */
export function scopeSentenceText(s: Omit<ScopeSummary, "text" | "message">, what: ScopeWhat): Message {
  const none = { list: [], join: "space" } as const;
  const chosen =
    s.chosen === "city"
      ? { message: msg(`${S}.chosenCity`) }
      : s.chosenName && s.chosen !== "file"
        ? { message: msg(`${S}.chosenUnit`, { name: s.chosenName }) }
        : none;
  const kept = s.kept > 0 ? { message: msg(`${S}.kept`, { count: { count: s.kept }, noun: { noun: s.keptWord } }) } : none;
  return msg(`${S}.sentence`, {
    what: { message: msg(`${S}.what.${what}`) },
    replaced: { count: s.replaced },
    noun: { noun: s.replacedWord },
    days: { count: s.days.length },
    dayCount: s.days.length,
    dayList: { message: dayListText(s.days) },
    chosen,
    kept,
  });
}

export function scopeSentence(s: Omit<ScopeSummary, "text">, what: string): string {
  const chosen =
    s.chosen === "city" ? " (phạm vi đã chọn: toàn thành phố)" : s.chosenName && s.chosen !== "file" ? ` (phạm vi đã chọn: ${s.chosenName})` : "";
  const replaced = `${formatCount(s.replaced)} ${s.replacedWord} × ${formatCount(s.days.length)} ngày (${formatDayList(s.days)})`;
  const kept = s.kept > 0 ? `; giữ nguyên ${formatCount(s.kept)} ${s.keptWord}` : "";
  return `Thay ${what} của ${replaced}${chosen}${kept}.`;
}

// ---------------------------------------------------------------------------------------------
// Approved figures an import replaces

export const FIGURE_FIELD_LABELS = {
  smartphones: "số điện thoại thông minh",
  installs: "số lượt cài",
  qr_venues: "số địa điểm đăng ký",
  active_venues: "số địa điểm có lượt quét",
  scans: "số lượt quét",
} as const;
export type FigureField = keyof typeof FIGURE_FIELD_LABELS;

export type ApprovedChange = {
  unitCode: string;
  unitName: string;
  day: IsoDay;
  changes: { field: FigureField; before: number | null; after: number | null }[];
};

const A = "domain.importSummary.approved";

/** approvedChangeText as a message (keys domain.importSummary.approved.*): the same Vietnamese. */
export function approvedChangeMessage(c: ApprovedChange): Message {
  const changes = c.changes.map((x) =>
    msg(`${A}.change`, { field: { message: msg(`${A}.fields.${x.field}`) }, before: { count: x.before }, after: { count: x.after } }),
  );
  return msg(`${A}.item`, { unit: c.unitName, day: { day: c.day }, changes: { list: changes, join: "comma" } });
}

export function approvedChangeText(c: ApprovedChange): string {
  const parts = c.changes.map((x) => `${FIGURE_FIELD_LABELS[x.field]} ${formatCount(x.before)} → ${formatCount(x.after)}`);
  return `${c.unitName}, ngày ${formatDay(c.day)}: ${parts.join(", ")}`;
}

// ---------------------------------------------------------------------------------------------
// The parts of an import's result beyond ImportResultSchema (lib/schemas/imports.ts), parsed by the
// upload page from the same JSON.

const IsoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ScopeSummarySchema = z.object({
  chosen: z.enum(["file", "city", "district", "ward"]),
  chosenName: z.string().nullable(),
  level: z.enum(["DISTRICT", "WARD"]),
  replaced: z.number().int(),
  kept: z.number().int(),
  replacedWord: z.string(),
  keptWord: z.string(),
  days: z.array(IsoDaySchema),
  text: z.string(),
});

export const ApprovedReplacementSchema = z.object({
  /** ward-days whose approved report has a figure the import changes */
  count: z.number().int(),
  /** the first of them */
  items: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      day: IsoDaySchema,
      changes: z.array(
        z.object({
          field: z.enum(["smartphones", "installs", "qr_venues", "active_venues", "scans"]),
          before: z.number().nullable(),
          after: z.number().nullable(),
        }),
      ),
    }),
  ),
  /** false: nothing was written, the admin must confirm; true: written with the admin's confirmation */
  confirmed: z.boolean(),
});
export type ApprovedReplacement = z.output<typeof ApprovedReplacementSchema>;

export const ImportResultExtrasSchema = z.object({
  scope: ScopeSummarySchema.nullable().default(null),
  approved: ApprovedReplacementSchema.nullable().default(null),
});
export type ImportResultExtras = z.output<typeof ImportResultExtrasSchema>;
