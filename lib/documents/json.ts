// JSON of the read-only API (/api/v1/...): one JSON document, streamed row by row so that a large
// export never sits in memory:
//   {"dataset":…,"title":…,"filters":[…],"exportedAt":…,"exportedBy":…,"columns":[…],"rowCount":N,"rows":[{…},…]}
// Rates are JSON numbers of percent written from integer arithmetic (51.15, exactly the app's
// half-up rounding), next to the exact numerator and denominator columns.

import { percentText, vietnamIsoInstant } from "./cells.ts";
import { rowBatches, type ColumnType, type ExportCell, type ExportStamp, type ExportTable } from "./table.ts";

/** Rows per chunk when the table's rows do not come in batches of their own. */
const ROWS_PER_CHUNK = 500;

/** One cell as JSON text. */
export function jsonCell(type: ColumnType, value: ExportCell): string {
  if (value === null) return "null";
  if (typeof value === "number") return type === "percent" ? percentText(value) : String(value);
  return JSON.stringify(value);
}

export function jsonStream(table: ExportTable, stamp: ExportStamp): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = rowBatches(table.rows, ROWS_PER_CHUNK);
  const keys = table.columns.map((c) => JSON.stringify(c.key));
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          const head = {
            dataset: table.dataset,
            title: table.title,
            filters: table.filters,
            exportedAt: vietnamIsoInstant(stamp.at),
            exportedBy: stamp.by,
            columns: table.columns.map(({ key, header, type }) => ({ key, header, type })),
            rowCount: table.rowCount,
          };
          controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"rows":[`));
          return;
        }
        const parts: string[] = [];
        // A pull must enqueue or close (the stream does not pull again by itself): skip empty batches.
        while (parts.length === 0) {
          const next = await batches.next();
          if (next.done) {
            controller.enqueue(encoder.encode("\n]}\n"));
            controller.close();
            return;
          }
          for (const row of next.value) {
            const fields = table.columns.map((c, i) => `${keys[i]}:${jsonCell(c.type, row[i] ?? null)}`);
            parts.push(`${first ? "" : ","}\n{${fields.join(",")}}`);
            first = false;
          }
        }
        controller.enqueue(encoder.encode(parts.join("")));
      },
      async cancel() {
        await batches.return?.();
      },
    },
    { highWaterMark: 2 },
  );
}
