import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { neutraliseFormula, percentFraction, percentText, vietnamIsoInstant } from "@/lib/documents/cells";
import { csvCell, csvStream, csvText } from "@/lib/documents/csv";
import { heldBody } from "@/lib/documents/held-body";
import { exportResponse } from "@/lib/http/downloads";
import { jsonCell, jsonStream } from "@/lib/documents/json";
import { assertFitsXlsx, XLSX_MAX_DATA_ROWS, xlsxCell, xlsxStream, XlsxTooLargeError } from "@/lib/documents/xlsx";
import type { ExportRow, ExportTable } from "@/lib/documents/table";
import { makeRatio, ratioToPercentHundredths } from "@/lib/domain/ratio";

// The writers of the downloads, on small tables: CSV (BOM, quoting, formula injection), XLSX
// (number formats, frozen header, filter sheet) and JSON (streamed document), read back.

const HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-5", "@SUM(A1)", "\tTab", "\rCR", "=1+1"];

function table(rows: ExportRow[], rowCount = rows.length): ExportTable {
  return {
    dataset: "test",
    title: "Bảng thử",
    fileBase: "bang-thu",
    columns: [
      { key: "name", header: "Tên phường", type: "text" },
      { key: "count", header: "Số máy", type: "integer" },
      { key: "rate", header: "Tỷ lệ (%)", type: "percent" },
      { key: "day", header: "Ngày", type: "day" },
    ],
    filters: [{ label: "Quận", value: "002 – Quận Hoàn Kiếm" }],
    rowCount,
    rows: (async function* () {
      for (const r of rows) yield r;
    })(),
  };
}

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("cells", () => {
  it("neutralises text that a spreadsheet would read as a formula, and nothing else", () => {
    for (const text of HOSTILE) expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(neutraliseFormula("Phường Phúc Tân")).toBe("Phường Phúc Tân");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula("")).toBe("");
  });

  it("writes rates from the app's half-up hundredths", () => {
    const h = ratioToPercentHundredths(makeRatio(10_229, 20_000));
    expect(h).toBe(5115);
    expect(percentText(5115)).toBe("51.15");
    expect(percentText(5)).toBe("0.05");
    expect(percentText(-130)).toBe("-1.30");
    expect(percentText(10_000)).toBe("100.00");
    // Excel shows round(value * 100, 2) with "0.00%": the same digits as the app.
    for (let v = 0; v <= 10_000; v++) expect((Math.round(percentFraction(v) * 1e4) / 1e2).toFixed(2)).toBe(percentText(v));
  });

  it("writes instants in Asia/Ho_Chi_Minh with the offset", () => {
    expect(vietnamIsoInstant(new Date("2021-08-14T17:00:00Z"))).toBe("2021-08-15T00:00:00+07:00");
  });

  it("keeps numbers numbers: a negative count is not a formula", () => {
    expect(csvCell("integer", -5)).toBe("-5");
    expect(csvCell("text", "-5")).toBe("'-5");
    expect(csvCell("integer", null)).toBe("");
    expect(jsonCell("percent", 5115)).toBe("51.15");
    expect(jsonCell("integer", null)).toBe("null");
    expect(xlsxCell("text", "=1+1")).toBe("=1+1");
    expect(xlsxCell("day", "2021-08-17")).toEqual(new Date("2021-08-17T00:00:00Z"));
  });
});

describe("CSV", () => {
  it("starts with a BOM, quotes what needs quoting and neutralises every hostile text cell", async () => {
    const rows: ExportRow[] = HOSTILE.map((t, i) => [t, -i, 5115, "2021-08-17"]);
    rows.push(['Tên có "ngoặc", dấu phẩy\nvà xuống dòng', 77_113, null, "2021-08-16"]);
    const text = await csvText(table(rows));
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("\r\n");
    const parsed: string[][] = parse(text.slice(1));
    expect(parsed[0]).toEqual(["Tên phường", "Số máy", "Tỷ lệ (%)", "Ngày"]);
    HOSTILE.forEach((t, i) => expect(parsed[i + 1]).toEqual([`'${t}`, String(-i), "51.15", "2021-08-17"]));
    expect(parsed.at(-1)).toEqual(['Tên có "ngoặc", dấu phẩy\nvà xuống dòng', "77113", "", "2021-08-16"]);
    // No cell of the file, once parsed, starts with a formula character.
    for (const row of parsed) for (const cell of row.filter((_, i) => i === 0)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("pulls rows only as the reader asks (a slow reader never makes the writer read ahead)", async () => {
    let produced = 0;
    const t: ExportTable = {
      ...table([]),
      rowCount: 100_000,
      rows: (async function* () {
        for (let i = 0; i < 100_000; i++) {
          produced++;
          yield ["x", i, null, "2021-08-17"];
        }
      })(),
    };
    const { csvStream } = await import("@/lib/documents/csv");
    const reader = csvStream(t).getReader();
    await reader.read();
    await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(produced).toBeLessThanOrEqual(5_000);
    await reader.cancel();
  });
});

describe("XLSX", () => {
  it("writes real numbers with formats, a frozen header, widths and the filter sheet", async () => {
    const at = new Date("2021-08-17T03:00:00Z");
    const buffer = await bytes(xlsxStream(table([["=1+1", 77_113, 5114, "2021-08-17"], ["Phường Phúc Tân", 0, null, "2021-08-16"]]), { at, by: "Quản trị (admin)" }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
    const [sheet, filters] = workbook.worksheets;
    expect(sheet?.name).toBe("Bảng thử");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getRow(1).values).toEqual([undefined, "Tên phường", "Số máy", "Tỷ lệ (%)", "Ngày"]);
    const row = sheet?.getRow(2);
    expect(row?.getCell(1).value).toBe("=1+1");
    expect(row?.getCell(1).formula).toBeUndefined();
    expect(row?.getCell(2).value).toBe(77_113);
    expect(row?.getCell(2).numFmt).toBe("#,##0");
    expect(row?.getCell(3).value).toBeCloseTo(0.5114, 12);
    expect(row?.getCell(3).numFmt).toBe("0.00%");
    expect(row?.getCell(4).value).toEqual(new Date("2021-08-17T00:00:00Z"));
    expect(sheet?.getRow(3).getCell(3).value).toBeNull();
    expect(sheet?.getColumn(1).width).toBeGreaterThan(5);
    expect(filters?.name).toBe("Bộ lọc");
    const info = new Map<string, unknown>();
    filters?.eachRow((r) => info.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(info.get("Quận")).toBe("002 – Quận Hoàn Kiếm");
    expect(info.get("Thời điểm xuất")).toBe("2021-08-17T10:00:00+07:00");
    expect(info.get("Người xuất")).toBe("Quản trị (admin)");
  });

  it("refuses more rows than one sheet holds, before writing anything", () => {
    expect(() => assertFitsXlsx({ rowCount: XLSX_MAX_DATA_ROWS })).not.toThrow();
    expect(() => assertFitsXlsx({ rowCount: XLSX_MAX_DATA_ROWS + 1 })).toThrow(XlsxTooLargeError);
    expect(() => xlsxStream(table([], 18_000_000), { at: new Date(), by: "x" })).toThrow(/vượt giới hạn 1\.048\.575 dòng/);
  });
});

describe("JSON", () => {
  it("streams one valid document with exact rates", async () => {
    const text = (await bytes(jsonStream(table([["Phúc Tân", 1, 5115, "2021-08-17"], ["=x", null, null, "2021-08-16"]]), { at: new Date(0), by: "a" }))).toString("utf8");
    const doc = JSON.parse(text);
    expect(doc.rowCount).toBe(2);
    expect(doc.rows).toEqual([
      { name: "Phúc Tân", count: 1, rate: 51.15, day: "2021-08-17" },
      { name: "=x", count: null, rate: null, day: "2021-08-16" },
    ]);
    expect(text).toContain('"rate":51.15');
  });

  it("is valid with no rows", async () => {
    const doc = JSON.parse((await bytes(jsonStream(table([]), { at: new Date(0), by: "a" }))).toString("utf8"));
    expect(doc.rows).toEqual([]);
  });
});

describe("a failure in the middle of a download (issue 14)", () => {
  /** A table whose rows fail after `good` rows, as a lost database connection would. */
  function failingTable(good: number): ExportTable {
    const base = table([]);
    return {
      ...base,
      rowCount: good + 5_000,
      rows: (async function* () {
        for (let i = 0; i < good; i++) yield [`Phường ${i}`, i, 5115, "2021-08-17"];
        throw new Error("kết nối cơ sở dữ liệu bị mất");
      })(),
    };
  }

  for (const format of ["csv", "xlsx", "json"] as const) {
    it(`${format}: the answer's body errors after the rows already sent, it never ends cleanly; the slot is settled once`, async () => {
      const settled: unknown[] = [];
      const response = exportResponse(failingTable(2_500), format, { at: new Date("2021-08-17T03:00:00Z"), by: "Người thử" }, true, (error) => settled.push(error));
      expect(response.status).toBe(200);
      const reader = response.body?.getReader();
      if (!reader) throw new Error("no body");
      let received = 0;
      const outcome = await (async () => {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) return "ended";
          received += chunk.value.byteLength;
        }
      })().catch((err: unknown) => err);
      expect(outcome).toBeInstanceOf(Error);
      expect(received).toBeGreaterThan(0); // part of the file had gone out: only the error tells it is partial
      expect(settled).toHaveLength(1);
      expect(settled[0]).toBeInstanceOf(Error);
    });
  }

  it("settles once when the client cancels, and once when the body is read to the end", async () => {
    const calls: string[] = [];
    const cancelled = heldBody(csvStream(table([["A", 1, 1, "2021-08-17"]])), () => calls.push("cancel"));
    const reader = cancelled.getReader();
    await reader.read();
    await reader.cancel();
    await reader.cancel().catch(() => undefined);
    const complete = heldBody(csvStream(table([["A", 1, 1, "2021-08-17"]])), (error) => calls.push(error === undefined ? "end" : "error"));
    expect((await bytes(complete)).length).toBeGreaterThan(0);
    expect(calls).toEqual(["cancel", "end"]);
  });
});
