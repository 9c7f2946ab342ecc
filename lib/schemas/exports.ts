import { z } from "zod";
import { daysBetween, isIsoDay } from "../domain/days.ts";
import { RANK_METRICS } from "../domain/rank-metric.ts";
import { oneOfMessage, unknownFiltersMessage, V, VV } from "./validation.ts";

// Filters of the downloads (/api/exports/DATASET?format=…, /api/v1/DATASET) and of the Exports
// page. Unknown parameters, repeated ones and malformed values are errors with a Vietnamese
// message: a download never silently ignores a filter and returns more (or less) than asked.

// The one list of export datasets. Each has its module in lib/exports/datasets/ (label, filters,
// permission, columns, reader), and lib/exports/registry.ts must name one for every entry here.
export const EXPORT_DATASETS = ["rankings", "daily-figures", "venue-activity", "completeness", "alerts", "audit"] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];


export const FILE_FORMATS = ["csv", "xlsx"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Longest day range of one download (the completeness page's limit, about a quarter). */
export const MAX_EXPORT_DAYS = 92;

export function isExportDataset(value: string): value is ExportDataset {
  return (EXPORT_DATASETS as readonly string[]).includes(value);
}

const single = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .refine((v) => !Array.isArray(v), { message: VV("labelSingleValue", { label: { label } }) })
    .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined));

const day = (label: string) =>
  single(label).refine((v) => v === undefined || isIsoDay(v), {
    message: VV("labelDayFormat", { label: { label } }),
  });

export const FILTER_KEYS = ["province", "district", "ward", "day", "from", "to", "sort"] as const;
export type ExportFilterKey = (typeof FILTER_KEYS)[number];

const filterShape = {
  province: single("Tỉnh/thành phố").refine((v) => v === undefined || /^\d{2}$/.test(v), { message: V.provinceCode }),
  district: single("Quận").refine((v) => v === undefined || /^\d{3}$/.test(v), { message: V.districtCodeExampleShort }),
  ward: single("Phường").refine((v) => v === undefined || /^\d{5}$/.test(v), { message: V.wardCodeExample }),
  day: day("Ngày"),
  from: day("Từ ngày"),
  to: day("Đến ngày"),
  sort: single("Chỉ số xếp hạng").pipe(
    z.enum(RANK_METRICS, { error: oneOfMessage("Chỉ số xếp hạng", RANK_METRICS) }).optional(),
  ),
};

function checkFilters(v: { province?: string; district?: string; ward?: string; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (v.province !== undefined && (v.district !== undefined || v.ward !== undefined)) {
    ctx.addIssue({ code: "custom", path: ["province"], message: V.provinceOrDistrict });
  }
  if (v.from && v.to && isIsoDay(v.from) && isIsoDay(v.to)) {
    const span = daysBetween(v.from, v.to);
    if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: V.toNotBeforeFrom });
    if (span >= MAX_EXPORT_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: VV("exportDaysMax", { max: MAX_EXPORT_DAYS }) });
    }
  }
}

const unknownKeys = (allowed: readonly string[]) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys" && issue.keys
    ? unknownFiltersMessage(issue.keys, allowed)
    : undefined;

/** Filters of the JSON API and of the Exports page. */
export const ExportFiltersSchema = z
  .strictObject(filterShape, { error: unknownKeys(FILTER_KEYS) })
  .superRefine(checkFilters);
export type ExportFilters = z.output<typeof ExportFiltersSchema>;

/** Filters of a file download: the same plus the format. */
export const ExportFileParamsSchema = z
  .strictObject(
    {
      ...filterShape,
      format: single("Định dạng").pipe(z.enum(FILE_FORMATS, { error: V.csvOrXlsx })),
    },
    { error: unknownKeys([...FILTER_KEYS, "format"]) },
  )
  .superRefine(checkFilters);
export type ExportFileParams = z.output<typeof ExportFileParamsSchema>;

/** URLSearchParams as the plain object the schemas read: a repeated key becomes an array (an error). */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return result;
}

/** The first issue's message, for a one-line error. */
export function firstIssueMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? V.filterInvalid;
}


export const FILTER_LABELS: { readonly [K in ExportFilterKey]: string } = {
  province: "Tỉnh/thành phố",
  district: "Quận",
  ward: "Phường",
  day: "Ngày",
  from: "Từ ngày",
  to: "Đến ngày",
  sort: "Chỉ số xếp hạng",
};
