import { describe, expect, it } from "vitest";
import { stringify } from "csv-stringify/sync";
import { csvCell, csvField, csvLineWriter } from "@/lib/documents/csv";
import { batchedRows, rowBatches, type ExportColumn, type ExportRow } from "@/lib/documents/table";

// The CSV writer's own escaping (ADR 033) against csv-stringify, which wrote the files before:
// every field and every line must be the same bytes. And the batches the writers read.

/** A small deterministic generator (mulberry32): the same strings on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The characters that matter to CSV and to formula neutralisation, and some that do not. */
const ALPHABET = ['"', ",", "\r", "\n", "\t", "=", "+", "-", "@", " ", "'", ";", "a", "Ư", "ệ", "0", "9", "\uFF1D", "\u2028"];

function randomText(next: () => number): string {
  const length = Math.floor(next() * 7);
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

// csv-stringify quotes a line break only as the record delimiter (CRLF): a lone CR or LF is quoted too (RFC 4180).
const CSV_OPTIONS = { record_delimiter: "windows", quoted_match: /[\r\n]/ } as const;
const stringifyLine = (fields: string[]): string => stringify([fields], CSV_OPTIONS);

describe("csvField", () => {
  it("writes every field as csv-stringify does", () => {
    const next = random(33);
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const text = randomText(next);
      seen.add(text);
      expect(csvField(text) + "\r\n").toBe(stringifyLine([text]));
    }
    expect(seen.size).toBeGreaterThan(5_000);
  });

  it("quotes a quote, a comma and a line break (CRLF, a lone CR or LF), and nothing else", () => {
    expect(csvField("")).toBe("");
    expect(csvField("Phường Phúc Tân")).toBe("Phường Phúc Tân");
    expect(csvField('a "b"')).toBe('"a ""b"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("a;b\tc")).toBe("a;b\tc");
  });
});

describe("csvLineWriter", () => {
  const columns: ExportColumn[] = [
    { key: "day", header: "Ngày", type: "day" },
    { key: "name", header: "Tên", type: "text" },
    { key: "note", header: "Ghi chú", type: "text" },
    { key: "count", header: "Số", type: "integer" },
    { key: "rate", header: "Tỷ lệ", type: "percent" },
  ];

  it("writes rows as csv-stringify wrote the cells, repeated cells included", () => {
    const next = random(7);
    const names = Array.from({ length: 6 }, () => randomText(next));
    const rows: ExportRow[] = [];
    for (let i = 0; i < 5_000; i++) {
      // Runs of rows sharing cells (as a venue's days do), and cells changing between any two rows.
      const name = names[Math.floor(next() * names.length)] ?? "";
      const cell = (): number | null => (next() < 0.2 ? null : Math.floor((next() - 0.3) * 20_000));
      rows.push([next() < 0.1 ? "2021-08-17" : "2021-08-16", name, next() < 0.5 ? name : randomText(next), cell(), cell()]);
    }
    const line = csvLineWriter(columns);
    const expected = stringify(
      rows.map((r) => columns.map((c, i) => csvCell(c.type, r[i] ?? null))),
      CSV_OPTIONS,
    );
    expect(rows.map(line).join("")).toBe(expected);
    // the formula characters were neutralised, as before
    expect(line(["2021-08-17", "=1+1", "-5", -5, null])).toBe("2021-08-17,'=1+1,'-5,-5,\r\n");
  });

  it("writes a short row's missing cells empty", () => {
    expect(csvLineWriter(columns)(["2021-08-17", "a"])).toBe("2021-08-17,a,,,\r\n");
  });
});

describe("row batches", () => {
  it("groups a row iterator into batches, reading no row before its batch is asked for", async () => {
    let produced = 0;
    const rows = (async function* () {
      for (let i = 0; i < 2_500; i++) {
        produced++;
        yield [i] as ExportRow;
      }
    })();
    const batches = rowBatches(rows, 1_000);
    expect(produced).toBe(0);
    const sizes: number[] = [];
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      sizes.push(next.value.length);
      expect(produced).toBe(sizes.reduce((a, b) => a + b, 0));
    }
    expect(sizes).toEqual([1_000, 1_000, 500]);
  });

  it("hands on a batched source's own batches, and flattens them for a reader of rows", async () => {
    const source = batchedRows(async function* () {
      yield [[1], [2]];
      yield [];
      yield [[3]];
    });
    const batches = rowBatches(source, 1_000);
    const seen: (readonly ExportRow[])[] = [];
    for (let next = await batches.next(); !next.done; next = await batches.next()) seen.push(next.value);
    expect(seen).toEqual([[[1], [2]], [], [[3]]]);

    const again = batchedRows(async function* () {
      yield [[1], [2]];
      yield [[3]];
    });
    const rows: ExportRow[] = [];
    for await (const row of again) rows.push(row);
    expect(rows).toEqual([[1], [2], [3]]);
  });

  it("lets the source release what it holds when a reader of rows stops early", async () => {
    let released = false;
    const source = batchedRows(async function* () {
      try {
        for (let i = 0; ; i++) yield [[i], [i + 0.5]];
      } finally {
        released = true;
      }
    });
    for await (const row of source) if (row[0] === 3) break;
    expect(released).toBe(true);
  });
});
