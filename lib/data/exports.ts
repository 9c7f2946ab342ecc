import "server-only";
import { getPrisma, withBoundClient } from "../db.ts";
import { getReadDatabase } from "../db-read.ts";
import { canExportDistrictDocuments, canExportDistrictReport, canExportProvince, readsEveryUnit, type SessionUser, viewableDistrictCodes } from "../permissions.ts";
import { ExportRequestError, ForbiddenError } from "../errors.ts";
import { addDays, compareIsoDays, type IsoDay } from "../domain/days.ts";
import { exportProblems } from "../domain/export-problems.ts";
import type { Message } from "../domain/message.ts";
import { EXPORT_DATASETS, type ExportDataset, type ExportFilterKey } from "../schemas/exports.ts";
import { batchedRows, rowBatches, type BatchedRows, type ExportRow, type ExportTable } from "../documents/table.ts";
import { loadDayRange } from "../figures/dashboard-reads.ts";
import { unitCodeExpr } from "../figures/dashboard-sql.ts";
import { EXPORT_DATASET_REGISTRY } from "../exports/registry.ts";
import { dataRange, resolveScope, type Named } from "../exports/scope.ts";
import { beginReadSnapshot, type ReadSnapshot } from "../exports/snapshot.ts";
import type { Filters } from "../exports/types.ts";

// The gate of every download of a table (CSV, XLSX, the JSON API): the user against the
// dataset's permission, the filters against the ones the dataset reads, then one read snapshot
// (lib/exports/snapshot.ts) in which the dataset's module (lib/exports/registry.ts) checks the
// filters against the data and the user against each district and ward. Everything that can be
// refused is refused before the first byte is sent, so a bad request never yields an empty or
// partial file. The dataset modules are not exported from here: this is the only way in.

export type ExportRequest = { dataset: ExportDataset; filters: Filters };

/** A table ready to stream, holding its snapshot until the rows are read to the end or `close` is called. */
export type OpenExport = ExportTable & {
  /** Ends the snapshot (idempotent): call it when the rows will not be read to the end. */
  readonly close: () => Promise<void>;
};

/** Builds and checks a download for `user`; throws ExportRequestError / ForbiddenError / NotFoundError / OverloadedError. */
export async function openExport(user: SessionUser, request: ExportRequest, now: Date = new Date()): Promise<OpenExport> {
  const { dataset, filters } = request;
  const definition = EXPORT_DATASET_REGISTRY[dataset];
  if (!definition.permission(user)) throw new ForbiddenError("Bạn không có quyền tải dữ liệu này.");
  for (const key of Object.keys(filters) as (keyof Filters)[]) {
    if (filters[key] !== undefined && !definition.filters.includes(key)) {
      throw new ExportRequestError(`Bộ lọc "${key}" không dùng cho "${definition.label}" (chỉ có: ${definition.filters.join(", ")}).`);
    }
  }
  // On the replica when DATABASE_READ_URL is set (lib/db-read.ts): a download reads, never writes.
  const snapshot = await beginReadSnapshot(await getReadDatabase());
  try {
    const body = await withBoundClient(snapshot.db, () => definition.read({ db: snapshot.db, user, filters, now }));
    const table: ExportTable = { dataset, title: definition.label, columns: definition.columns, ...body };
    if (!snapshot.streams) {
      const batches: (readonly ExportRow[])[] = [];
      const source = rowBatches(table.rows, ROWS_PER_BATCH);
      for (let next = await source.next(); !next.done; next = await source.next()) batches.push(next.value);
      await snapshot.end();
      const rows = batchedRows(async function* () {
        yield* batches;
      });
      return { ...table, rows, close: async () => undefined };
    }
    return { ...table, rows: rowsInSnapshot(table.rows, snapshot), close: () => snapshot.end() };
  } catch (err) {
    await snapshot.end(err);
    throw err;
  }
}

/** Rows per batch handed to the writers when a dataset's rows do not come in batches of their own. */
const ROWS_PER_BATCH = 1000;

/**
 * The rows, ending the snapshot when they end: committed after the last row, rolled back when a
 * read fails (the error goes on to the writer, which errors the stream) or the reader stops early.
 * Handed on in batches (the dataset's own, or ROWS_PER_BATCH rows at a time).
 */
function rowsInSnapshot(rows: AsyncIterable<ExportRow>, snapshot: ReadSnapshot): BatchedRows {
  return batchedRows(() => {
    const inner = rowBatches(rows, ROWS_PER_BATCH);
    return {
      async next() {
        let next: IteratorResult<readonly ExportRow[]>;
        try {
          next = await inner.next();
        } catch (err) {
          await snapshot.end(err);
          throw err;
        }
        if (next.done) await snapshot.end();
        return next;
      },
      async return() {
        try {
          await inner.return?.();
        } finally {
          await snapshot.end();
        }
        return { done: true, value: undefined };
      },
    };
  });
}

export type ExportDatasetEntry = { id: ExportDataset; label: string; description: string; filters: readonly ExportFilterKey[] };

/** What a client of the API or the Exports page needs to know of a dataset. */
export function datasetEntry(dataset: ExportDataset): ExportDatasetEntry {
  const { label, description, filters } = EXPORT_DATASET_REGISTRY[dataset];
  return { id: dataset, label, description, filters };
}

/** The datasets `user` may download (the /api/v1 index). */
export function listExportDatasets(user: SessionUser): ExportDatasetEntry[] {
  return EXPORT_DATASETS.filter((d) => EXPORT_DATASET_REGISTRY[d].permission(user)).map((d) => datasetEntry(d));
}

// The Exports page: what the user may download with the current filters

export type ExportOptions = {
  /** districts the user can pick: an admin every one, a city official the province's, a district official or ward chair the own one only */
  districts: Named[];
  district: Named;
  /**
   * the province whose whole export the page offers (the `province` filter, else the district's
   * province), when the user may download it (canExportProvince): admins, the province's city officials
   */
  province: Named | null;
  /** wards the user may pick (a ward chair: the own ward) */
  wards: Named[];
  ward: Named | null;
  /** days with figures of those wards */
  range: { from: IsoDay; to: IsoDay } | null;
  day: IsoDay | null;
  from: IsoDay | null;
  to: IsoDay | null;
  /** the datasets the user may download, with the filters each reads (the page links carry only those) */
  datasets: ExportDatasetEntry[];
  /** the district's own documents (the draft dispatch): admins and the district's officials */
  documents: boolean;
  /** the printable district report (PDF): as `documents`, and city officials for their province's districts */
  districtReport: boolean;
  /** filters that name days outside the data: the page says so instead of offering empty files (lib/domain/export-problems.ts) */
  problems: Message[];
};

/** Default range of the page: the last 7 days with data. */
const DEFAULT_PAGE_DAYS = 7;

export async function getExportOptions(user: SessionUser, filters: Filters): Promise<ExportOptions> {
  const prisma = await getPrisma();
  // A province asked for (checked like its download): the rest of the page opens on its first district.
  const { province: provinceCode, ...districtFilters } = filters;
  const provinceScope = provinceCode === undefined ? null : await resolveScope(prisma, user, { province: provinceCode }, { allowEveryDistrict: true });
  const scope = await resolveScope(
    prisma,
    user,
    provinceScope ? { ...districtFilters, district: provinceScope.wards[0]?.districtCode } : districtFilters,
    { allowEveryDistrict: false },
  );
  const district = scope.district;
  if (!district) throw new ExportRequestError("Cần chọn một quận.");
  const province = provinceScope?.province ?? (await provinceOf(prisma, user, district.code));
  const viewable = viewableDistrictCodes(user);
  const [districts, allWards, range, districtDays] = await Promise.all([
    readsEveryUnit(user) || user.role === "CITY_OFFICIAL"
      ? prisma.unit.findMany({
          where: { level: "DISTRICT", children: { some: { level: "WARD" } }, ...(viewable === null ? {} : { code: { in: [...viewable] } }) },
          orderBy: { code: "asc" },
          select: { code: true, name: true },
        })
      : Promise.resolve([district]),
    resolveScope(prisma, user, { district: district.code }, { allowEveryDistrict: false }).then((s) => s.wards),
    dataRange(
      prisma,
      scope.wards.map((w) => w.code),
    ),
    loadDayRange(prisma, unitCodeExpr(district.code)),
  ]);
  const inRange = (day: IsoDay) => range !== null && compareIsoDays(day, range.from) >= 0 && compareIsoDays(day, range.to) <= 0;
  // The ranking opens, like the overview, on the latest day whose district figure is whole.
  const lastComplete = districtDays?.lastComplete ?? null;
  const day = filters.day ?? (lastComplete !== null && inRange(lastComplete) ? lastComplete : (range?.to ?? null));
  const to = filters.to ?? range?.to ?? null;
  let from = filters.from ?? (to !== null ? addDays(to, -(DEFAULT_PAGE_DAYS - 1)) : null);
  if (filters.from === undefined && from !== null && range !== null && compareIsoDays(from, range.from) < 0) from = range.from;
  return {
    districts,
    district,
    province,
    wards: allWards.map(({ code, name }) => ({ code, name })),
    ward: scope.ward,
    range,
    day,
    from,
    to,
    datasets: listExportDatasets(user),
    documents: canExportDistrictDocuments(user, district.code),
    districtReport: canExportDistrictReport(user, district.code),
    problems: exportProblems({ range, day, from, to }),
  };
}

/** The province of `districtCode`, when `user` may download it whole. */
async function provinceOf(prisma: Awaited<ReturnType<typeof getPrisma>>, user: SessionUser, districtCode: string): Promise<Named | null> {
  const unit = await prisma.unit.findUnique({ where: { code: districtCode }, select: { parent: { select: { code: true, name: true, level: true } } } });
  const parent = unit?.parent;
  return parent && parent.level === "PROVINCE" && canExportProvince(user, parent.code) ? { code: parent.code, name: parent.name } : null;
}
