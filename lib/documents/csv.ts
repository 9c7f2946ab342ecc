// CSV downloads: UTF-8 with a byte order mark (so Excel opens Vietnamese correctly), CRLF lines
// (RFC 4180), ISO dates, plain numbers with a dot as decimal separator, and every text cell that
// a spreadsheet could read as a formula neutralised (cells.ts). Streamed: rows are pulled from the
// table a batch at a time only when the consumer asks for more (ReadableStream pull = backpressure).
//
// The lines are written by csvField below, not csv-stringify: the same bytes as csv-stringify
// with our options (tests/unit/exports-writers.test.ts compares them), without its per-record
// machinery, which was ~14 % of the city-wide venue export's time (ADR 033).

import { neutraliseFormula, percentText } from "./cells.ts";
import { rowBatches, type ColumnType, type ExportCell, type ExportColumn, type ExportRow, type ExportTable } from "./table.ts";

const BOM = "\uFEFF";
/** Rows per chunk when the table's rows do not come in batches of their own: large enough to amortise the call, small enough to keep chunks ~100 KB. */
const ROWS_PER_CHUNK = 1000;

/** One cell as CSV text (before quoting). Null is an empty cell: missing, never 0. */
export function csvCell(type: ColumnType, value: ExportCell): string {
  if (value === null) return "";
  if (typeof value === "number") return type === "percent" ? percentText(value) : String(value);
  return type === "text" ? neutraliseFormula(value) : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field: quoted when it holds a double quote, a comma, a CR or an LF (RFC 4180: any line break
 * inside a field), with its double quotes doubled; as it is otherwise, the empty string included.
 * csv-stringify 6 with `record_delimiter: "windows"`, the writer before ADR 033, quoted only a
 * CRLF, so a name holding a lone LF split its row in two for every reader; the same bytes as
 * csv-stringify with `quoted_match: /[\r\n]/` (tests/unit/exports-csv-lines.test.ts compares them).
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes rows of `columns` as CSV lines (CRLF-terminated). A column's last cell and its text are
 * remembered: consecutive rows often repeat a cell (a venue's name on each of its days), which is
 * then neither neutralised nor quoted again.
 */
export function csvLineWriter(columns: readonly ExportColumn[]): (row: ExportRow) => string {
  const types = columns.map((c) => c.type);
  const n = types.length;
  const lastCell: (ExportCell | undefined)[] = Array.from({ length: n }, () => undefined);
  const lastText: string[] = Array.from({ length: n }, () => "");
  return (row) => {
    let line = "";
    for (let i = 0; i < n; i++) {
      const cell = row[i] ?? null;
      let text: string;
      if (cell === lastCell[i]) {
        text = lastText[i] ?? "";
      } else {
        text = csvField(csvCell(types[i] ?? "text", cell));
        lastCell[i] = cell;
        lastText[i] = text;
      }
      line = i === 0 ? text : `${line},${text}`;
    }
    return `${line}\r\n`;
  };
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

/** The CSV file of `table` as a byte stream: one chunk per batch of rows. */
export function csvStream(table: ExportTable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = rowBatches(table.rows, ROWS_PER_CHUNK);
  const { columns } = table;
  const line = csvLineWriter(columns);
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(BOM + columns.map((c) => csvField(neutraliseFormula(c.header))).join(",") + "\r\n"));
          return;
        }
        // A pull must enqueue or close (the stream does not pull again by itself): skip empty batches.
        for (;;) {
          const next = await batches.next();
          if (next.done) {
            controller.close();
            return;
          }
          let text = "";
          for (const row of next.value) text += line(row);
          if (text.length > 0) {
            controller.enqueue(encoder.encode(text));
            return;
          }
        }
      },
      async cancel() {
        // The client went away: let the source release its cursor / connection.
        await batches.return?.();
      },
    },
    { highWaterMark: 2 },
  );
}
