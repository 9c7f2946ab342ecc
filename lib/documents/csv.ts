// CSV downloads: UTF-8 with a byte order mark (so Excel opens Vietnamese correctly), CRLF lines
// (RFC 4180), ISO dates, plain numbers with a dot as decimal separator, and every text cell that
// a spreadsheet could read as a formula neutralised (cells.ts). Streamed: rows are pulled from the
// table's iterator only when the consumer asks for more (ReadableStream pull = backpressure).

import { stringify } from "csv-stringify/sync";
import { neutraliseFormula, percentText } from "./cells.ts";
import type { ColumnType, ExportCell, ExportTable } from "./table.ts";

const BOM = "\uFEFF";
/** Rows stringified per pull: large enough to amortise the call, small enough to keep chunks ~100 KB. */
const ROWS_PER_CHUNK = 1000;

/** One cell as CSV text (before quoting). Null is an empty cell: missing, never 0. */
export function csvCell(type: ColumnType, value: ExportCell): string {
  if (value === null) return "";
  if (typeof value === "number") return type === "percent" ? percentText(value) : String(value);
  return type === "text" ? neutraliseFormula(value) : value;
}

function csvLines(rows: string[][]): string {
  return stringify(rows, { record_delimiter: "windows" });
}

/** The whole CSV text of a small table (tests, previews). */
export async function csvText(table: ExportTable): Promise<string> {
  const chunks: string[] = [];
  const reader = csvStream(table).getReader();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(decoder.decode(value, { stream: true }));
  }
  return chunks.join("") + decoder.decode();
}

/** The CSV file of `table` as a byte stream. */
export function csvStream(table: ExportTable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = table.rows[Symbol.asyncIterator]();
  const { columns } = table;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(BOM + csvLines([columns.map((c) => neutraliseFormula(c.header))])));
          return;
        }
        const batch: string[][] = [];
        while (batch.length < ROWS_PER_CHUNK) {
          const next = await iterator.next();
          if (next.done) break;
          batch.push(columns.map((c, i) => csvCell(c.type, next.value[i] ?? null)));
        }
        if (batch.length > 0) controller.enqueue(encoder.encode(csvLines(batch)));
        if (batch.length < ROWS_PER_CHUNK) controller.close();
      },
      async cancel() {
        // The client went away: let the source release its cursor / connection.
        await iterator.return?.();
      },
    },
    { highWaterMark: 2 },
  );
}
