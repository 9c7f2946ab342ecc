// The shape every download is written from: typed columns and rows of plain cells, whatever the
// format. The export datasets (lib/exports/datasets/, through the gate lib/data/exports.ts)
// produce it, the writers in this folder (CSV, XLSX, JSON) turn it into bytes. Rows are an async
// iterable so a large export is never held in memory.

/**
 * - text: any string (neutralised against formula injection in CSV; XLSX stores it as a string cell)
 * - integer: a count (or a signed change); written as a plain number
 * - percent: a rate in hundredths of a percent, already rounded half-up on the exact ratio
 *   (lib/domain/ratio.ts ratioToPercentHundredths): 5115 = 51,15 %
 * - day: "YYYY-MM-DD"
 * - instant: a moment, written as ISO 8601 in Asia/Ho_Chi_Minh ("2021-08-17T08:30:00+07:00")
 */
export type ColumnType = "text" | "integer" | "percent" | "day" | "instant";

export type ExportColumn = {
  /** the JSON key (camelCase, ASCII) */
  readonly key: string;
  /** the Vietnamese header of CSV and XLSX */
  readonly header: string;
  readonly type: ColumnType;
  /** XLSX column width in characters */
  readonly width?: number;
};

/** string for text/day/instant, number for integer/percent, null for "no value" (missing is not zero). */
export type ExportCell = string | number | null;
export type ExportRow = readonly ExportCell[];

export type ExportFilter = { readonly label: string; readonly value: string };

export type ExportTable = {
  /** the dataset id, e.g. "rankings" */
  readonly dataset: string;
  /** a Vietnamese title, e.g. "Xếp hạng phường" */
  readonly title: string;
  /** ASCII file name without extension, e.g. "xep-hang-phuong-002-2021-08-17" */
  readonly fileBase: string;
  readonly columns: readonly ExportColumn[];
  /** the filters the rows were selected with, in Vietnamese, for the XLSX "Bộ lọc" sheet and the JSON header */
  readonly filters: readonly ExportFilter[];
  /** how many rows there will be, when known before streaming (the XLSX row limit is checked on it) */
  readonly rowCount: number;
  readonly rows: AsyncIterable<ExportRow>;
};

/** Who exported and when: written into the XLSX filter sheet and the JSON header. */
export type ExportStamp = { readonly at: Date; readonly by: string };

/**
 * Rows that can also be handed on a batch at a time. A writer that takes `batches()` awaits once
 * per batch instead of once per row (a large export's rows come from the database in batches
 * anyway: one promise per row was ~5 % of the city-wide CSV's time, ADR 033). Iterating the rows
 * themselves still works: it flattens the batches. Like the rows, the batches can be read once.
 */
export type BatchedRows = AsyncIterable<ExportRow> & {
  readonly batches: () => AsyncIterator<readonly ExportRow[]>;
};

/** Rows read from `batches` (each non-empty or empty; order kept). */
export function batchedRows(batches: () => AsyncIterator<readonly ExportRow[]>): BatchedRows {
  return {
    batches,
    [Symbol.asyncIterator]: () => flatten(batches()),
  };
}

async function* flatten(batches: AsyncIterator<readonly ExportRow[]>): AsyncGenerator<ExportRow> {
  let ended = false;
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        ended = true;
        return;
      }
      yield* next.value;
    }
  } finally {
    // A reader that stops early: let the source release what it holds.
    if (!ended) await batches.return?.();
  }
}

function isBatched(rows: AsyncIterable<ExportRow>): rows is BatchedRows {
  return typeof (rows as Partial<BatchedRows>).batches === "function";
}

/**
 * The rows as batches: the source's own when it has them (BatchedRows), else up to `size` rows
 * at a time from its row iterator (no row is read before the writer asks for the batch).
 */
export function rowBatches(rows: AsyncIterable<ExportRow>, size: number): AsyncIterator<readonly ExportRow[]> {
  if (isBatched(rows)) return rows.batches();
  const iterator = rows[Symbol.asyncIterator]();
  return {
    async next() {
      const batch: ExportRow[] = [];
      while (batch.length < size) {
        const next = await iterator.next();
        if (next.done) break;
        batch.push(next.value);
      }
      return batch.length > 0 ? { done: false, value: batch } : { done: true, value: undefined };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
}
