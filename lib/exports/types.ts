import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SessionUser } from "../permissions.ts";
import type { ExportDataset, ExportFilterKey, ExportFilters } from "../schemas/exports.ts";
import type { ExportColumn, ExportTable } from "../documents/table.ts";

// The shape of one export dataset (lib/exports/datasets/*.ts): what it is called, which filters
// it reads, who may download it, its columns and the reader that fills them. The registry
// (registry.ts) holds one per dataset; the gate (lib/data/exports.ts) is the only caller.

/** Filters as parsed by ExportFiltersSchema; every one optional. */
export type Filters = Partial<ExportFilters>;

export type DatasetContext = {
  /** the download's read snapshot (lib/exports/snapshot.ts): every query of the file sees the same data */
  readonly db: PrismaClient;
  readonly user: SessionUser;
  readonly filters: Filters;
  readonly now: Date;
};

/** What a reader returns; the gate adds the dataset id, the title and the columns. */
export type DatasetBody = Omit<ExportTable, "dataset" | "title" | "columns">;

export type ExportDatasetModule<D extends ExportDataset = ExportDataset> = {
  readonly id: D;
  /** Vietnamese title of the file and of the Exports page */
  readonly label: string;
  /** one sentence for the Exports page: what a row is */
  readonly description: string;
  /** the filters the reader reads; any other one is refused before anything is read */
  readonly filters: readonly ExportFilterKey[];
  /** who may download it at all (lib/permissions.ts); the reader still limits rows to the user's units */
  readonly permission: (user: SessionUser) => boolean;
  readonly columns: readonly ExportColumn[];
  /** checks the filters against the data and the user, then returns rows to be read lazily */
  readonly read: (context: DatasetContext) => Promise<DatasetBody>;
};
