import "server-only";
import type { ExportDataset } from "../schemas/exports.ts";
import type { ExportDatasetModule } from "./types.ts";
import { alerts } from "./datasets/alerts.ts";
import { audit } from "./datasets/audit.ts";
import { completeness } from "./datasets/completeness.ts";
import { dailyFigures } from "./datasets/daily-figures.ts";
import { rankings } from "./datasets/rankings.ts";
import { venueActivity } from "./datasets/venue-activity.ts";

// Every export dataset, one module each. The mapped type makes the compiler check the registry
// against the one list of datasets (EXPORT_DATASETS in lib/schemas/exports.ts): a dataset without
// a module, a module under the wrong key or an extra key does not compile. Adding a dataset is
// one file in datasets/ and one line here (docs/exports.md, "Adding an export dataset").

export const EXPORT_DATASET_REGISTRY: { readonly [D in ExportDataset]: ExportDatasetModule<D> } = {
  rankings,
  "daily-figures": dailyFigures,
  "venue-activity": venueActivity,
  completeness,
  alerts,
  audit,
};

export function exportDatasetModule<D extends ExportDataset>(dataset: D): ExportDatasetModule<D> {
  return EXPORT_DATASET_REGISTRY[dataset];
}
