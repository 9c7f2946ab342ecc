// XLSX downloads through exceljs's streaming writer (never hand-written XML): Vietnamese headers,
// real numbers with number formats (thousands, percentages with two decimals), days as real dates,
// a frozen header row, column widths, and a second sheet "Bộ lọc" with the filters used, the time
// of export and who exported it. Rows are committed one by one, so the workbook is not held in
// memory; the writer waits whenever the consumer is slower than the zip stream (backpressure).

import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { isoDayToUtcDate } from "../domain/days.ts";
import { formatCount } from "../domain/format.ts";
import { percentFraction, vietnamIsoInstant } from "./cells.ts";
import type { ColumnType, ExportCell, ExportStamp, ExportTable } from "./table.ts";

/** Rows a worksheet can hold (Excel's limit), the header row included. */
export const XLSX_MAX_SHEET_ROWS = 1_048_576;
/** Data rows one XLSX download may hold: one sheet, under its header row. */
export const XLSX_MAX_DATA_ROWS = XLSX_MAX_SHEET_ROWS - 1;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Thrown before anything is written when a table has more rows than one sheet can hold. */
export class XlsxTooLargeError extends Error {
  readonly status = 413;
  constructor(rows: number) {
    super(
      `Bảng có ${formatCount(rows)} dòng, vượt giới hạn ${formatCount(XLSX_MAX_DATA_ROWS)} dòng của một trang tính Excel. ` +
        "Hãy chọn khoảng ngày ngắn hơn hoặc một quận/phường, hoặc tải tệp CSV hay JSON (không giới hạn số dòng).",
    );
    this.name = "XlsxTooLargeError";
  }
}

export function assertFitsXlsx(table: Pick<ExportTable, "rowCount">): void {
  if (table.rowCount > XLSX_MAX_DATA_ROWS) throw new XlsxTooLargeError(table.rowCount);
}

const NUMBER_FORMATS: { readonly [T in ColumnType]: string | undefined } = {
  text: "@",
  integer: "#,##0",
  percent: "0.00%",
  day: "dd/mm/yyyy",
  instant: "@",
};

/** One cell as exceljs takes it: text stays text (a string is never a formula in XLSX). */
export function xlsxCell(type: ColumnType, value: ExportCell): string | number | Date | null {
  if (value === null) return null;
  if (typeof value === "number") return type === "percent" ? percentFraction(value) : value;
  if (type === "day") return isoDayToUtcDate(value);
  return value;
}

const SHEET_NAME_MAX = 31;

/** The XLSX file of `table` as a byte stream. Call assertFitsXlsx first (before sending headers). */
export function xlsxStream(table: ExportTable, stamp: ExportStamp): ReadableStream<Uint8Array> {
  assertFitsXlsx(table);
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = stamp.by;
  workbook.created = stamp.at;
  const iterator = table.rows[Symbol.asyncIterator]();
  let cancelled = false;

  const write = async () => {
    const sheet = workbook.addWorksheet(table.title.slice(0, SHEET_NAME_MAX), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(10, Math.min(40, c.header.length + 2)),
      style: { numFmt: NUMBER_FORMATS[c.type] },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "top" };
    header.commit();
    for (;;) {
      if (cancelled) return;
      const next = await iterator.next();
      if (next.done) break;
      sheet.addRow(table.columns.map((c, i) => xlsxCell(c.type, next.value[i] ?? null))).commit();
      // The zip stream is piped into `out`; wait while the reader has not taken what is there.
      if (out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();

    const filters = workbook.addWorksheet("Bộ lọc");
    filters.columns = [
      { header: "Mục", key: "label", width: 28 },
      { header: "Giá trị", key: "value", width: 60 },
    ];
    filters.getRow(1).font = { bold: true };
    const info: [string, string][] = [
      ["Dữ liệu", table.title],
      ...table.filters.map((f): [string, string] => [f.label, f.value]),
      ["Số dòng", String(table.rowCount)],
      ["Thời điểm xuất", vietnamIsoInstant(stamp.at)],
      ["Người xuất", stamp.by],
    ];
    for (const [label, value] of info) filters.addRow([label, value]).commit();
    filters.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));

  const web = Readable.toWeb(out) as ReadableStream<Uint8Array>;
  const reader = web.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      cancelled = true;
      await reader.cancel(reason);
      await iterator.return?.();
    },
  });
}
