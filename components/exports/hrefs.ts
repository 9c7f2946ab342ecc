import type { ExportDataset, ExportFilterKey } from "@/lib/schemas/exports";

// Download links of the Exports page: each dataset gets only the filters it reads (the routes
// refuse any other one), so the links always match what the page shows.

/** A dataset as the Exports page knows it (lib/data/exports.ts datasetEntry): its id and the filters it reads. */
export type DatasetLink = { readonly id: ExportDataset; readonly filters: readonly ExportFilterKey[] };

export type PageFilters = { district: string; ward: string | null; day: string | null; from: string | null; to: string | null };

/** A whole province's download: the province in place of the district and ward. */
export type ProvinceFilters = { province: string; from: string | null; to: string | null };

function query(dataset: DatasetLink, filters: PageFilters, extra: Record<string, string>): string {
  const params = new URLSearchParams(extra);
  const values: Record<string, string | null> = { district: filters.district, ward: filters.ward, day: filters.day, from: filters.from, to: filters.to };
  for (const key of dataset.filters) {
    const value = values[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

export function fileHref(dataset: DatasetLink, format: "csv" | "xlsx", filters: PageFilters): string {
  return `/api/exports/${dataset.id}?${query(dataset, filters, { format })}`;
}

export function apiHref(dataset: DatasetLink, filters: PageFilters): string {
  const q = query(dataset, filters, {});
  return `/api/v1/${dataset.id}${q ? `?${q}` : ""}`;
}

/** The datasets that take a whole province (their filters include "province"). */
export function takesProvince(dataset: DatasetLink): boolean {
  return dataset.filters.includes("province");
}

export function provinceFileHref(dataset: DatasetLink, format: "csv" | "xlsx", filters: ProvinceFilters): string {
  const params = new URLSearchParams({ format, province: filters.province });
  if (dataset.filters.includes("from") && filters.from && filters.to) {
    params.set("from", filters.from);
    params.set("to", filters.to);
  }
  return `/api/exports/${dataset.id}?${params.toString()}`;
}
