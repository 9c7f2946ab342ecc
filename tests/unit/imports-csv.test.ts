import { describe, expect, it } from "vitest";
import { CodeIndex, CodeIndexBuilder } from "@/lib/imports/code-index";
import {
  CsvRecordTooLongError,
  CsvTokenizer,
  detectDelimiter,
  MSG_QUOTE_IN_FIELD,
  MSG_TEXT_AFTER_QUOTE,
  MSG_UNCLOSED_QUOTE,
  type CsvDelimiter,
} from "@/lib/imports/csv";
import { prng } from "@/tests/factories/import-files";

type Out = { records: { line: number; fields: string[] }[]; errors: { line: number; message: string }[] };

function parse(text: string | Uint8Array, chunkSizes: number[] | null = null, delimiter: CsvDelimiter = ","): Out {
  const out: Out = { records: [], errors: [] };
  const tokenizer = new CsvTokenizer(delimiter, {
    onRecord: (r) => out.records.push({ line: r.line, fields: r.texts() }),
    onError: (line, message) => out.errors.push({ line, message }),
  });
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  if (chunkSizes === null) tokenizer.push(bytes);
  else {
    let pos = 0;
    let i = 0;
    while (pos < bytes.length) {
      const size = Math.max(1, chunkSizes[i++ % chunkSizes.length] ?? 1);
      tokenizer.push(bytes.subarray(pos, pos + size));
      pos += size;
    }
  }
  tokenizer.end();
  return out;
}

describe("CsvTokenizer", () => {
  it("reads plain records with their line numbers, LF or CRLF, with or without a final line break", () => {
    expect(parse("a,b\r\n1,2\n3,4").records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("skips blank lines but counts them", () => {
    expect(parse("a\n\n\r\nb\n").records).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
    ]);
  });

  it("keeps empty fields", () => {
    expect(parse("a,,c,\n").records[0]?.fields).toEqual(["a", "", "c", ""]);
  });

  it("reads quoted fields with delimiters, doubled quotes and line breaks, and numbers the next record after them", () => {
    const out = parse('code,name\n"A1","Chợ ""Hàng Da"", số 2"\n"B2","dòng 1\ndòng 2\r\ndòng 3"\nC3,x\n');
    expect(out.errors).toEqual([]);
    expect(out.records).toEqual([
      { line: 1, fields: ["code", "name"] },
      { line: 2, fields: ["A1", 'Chợ "Hàng Da", số 2'] },
      { line: 3, fields: ["B2", "dòng 1\ndòng 2\r\ndòng 3"] },
      { line: 6, fields: ["C3", "x"] },
    ]);
  });

  it("reports a quote in the middle of a field, text after a closing quote, and an unclosed quote", () => {
    const out = parse('ok,1\nab"c,2\n"x"y,3\nfine,4\n"never closed,5\n');
    expect(out.records.map((r) => r.fields[0])).toEqual(["ok", "fine"]);
    expect(out.errors).toEqual([
      { line: 2, message: MSG_QUOTE_IN_FIELD },
      { line: 3, message: MSG_TEXT_AFTER_QUOTE },
      { line: 5, message: MSG_UNCLOSED_QUOTE },
    ]);
  });

  it("reads UTF-8 split anywhere between chunks, including inside a character", () => {
    const text = "tên,địa chỉ\nPhường Phúc Tân,\"Số 1, phố Hàng Bạc\"\nĐồng Xuân,Chợ Đồng Xuân\n";
    const whole = parse(text);
    for (const size of [1, 2, 3, 5, 7]) expect(parse(text, [size])).toEqual(whole);
  });

  it("gives the same records and errors whatever the chunk sizes (random files)", () => {
    const random = prng(42);
    const pieces = ["a", "b,c", '"q,1"', '"x""y"', '"l1\nl2"', "", "đ", "\r", '"bad"x', 'm"id'];
    for (let round = 0; round < 40; round++) {
      const lines: string[] = [];
      for (let l = 0; l < 30; l++) {
        const n = 1 + Math.floor(random() * 4);
        const fields: string[] = [];
        for (let f = 0; f < n; f++) fields.push(pieces[Math.floor(random() * pieces.length)] ?? "");
        lines.push(fields.join(","));
      }
      const text = lines.join(random() < 0.5 ? "\n" : "\r\n") + (random() < 0.5 ? "\n" : "");
      const whole = parse(text);
      const sizes = Array.from({ length: 5 }, () => 1 + Math.floor(random() * 9));
      expect(parse(text, sizes)).toEqual(whole);
    }
  });

  it("uses the semicolon when asked", () => {
    expect(parse('a;"b;c";d\n', null, ";").records[0]?.fields).toEqual(["a", "b;c", "d"]);
  });

  it("stops on a record longer than the limit instead of filling the memory", () => {
    const tokenizer = new CsvTokenizer(",", { onRecord: () => undefined, onError: () => undefined }, 1024);
    tokenizer.push(new TextEncoder().encode("ok\n"));
    expect(() => tokenizer.push(new TextEncoder().encode(`"${"x".repeat(2000)}`))).toThrow(CsvRecordTooLongError);
  });
});

describe("detectDelimiter", () => {
  it("takes ';' only for a header with semicolons and no commas", () => {
    expect(detectDelimiter("venue_code;scanned_at")).toBe(";");
    expect(detectDelimiter("venue_code,scanned_at")).toBe(",");
    expect(detectDelimiter("a;b,c")).toBe(",");
  });
});

describe("CodeIndex", () => {
  it("finds codes by their bytes and by string, and nothing else", () => {
    const index = CodeIndex.fromStrings(["HK-00037-0001", "HK-00037-0002", "QR0000001", "Chợ-1", "HK-00037-0001"]);
    const bytes = new TextEncoder().encode("x,QR0000001,y");
    expect(index.find(bytes, 2, 11)).toBe(2);
    expect(index.findString("HK-00037-0002")).toBe(1);
    expect(index.findString("Chợ-1")).toBe(3);
    expect(index.findString("HK-00037-0001")).toBe(0);
    expect(index.findString("HK-00037-000")).toBe(-1);
    expect(index.findString("")).toBe(-1);
  });

  it("holds a city's 206.385 codes", () => {
    const builder = new CodeIndexBuilder();
    for (let i = 0; i < 206_385; i++) builder.add(`QR${String(i).padStart(7, "0")}`);
    const index = builder.build();
    expect(index.findString("QR0206384")).toBe(206_384);
    expect(index.findString("QR0206385")).toBe(-1);
  });

  it("finds every code of a table filled to its limit (long probe runs, same hash buckets), and codes that differ only in length", () => {
    // 12.288 codes: exactly 3/4 of 16.384 slots, the fullest the table gets.
    const codes = Array.from({ length: 12_288 }, (_, i) => (i % 3 === 0 ? `V${i}` : `V${i}-${"x".repeat(i % 7)}`));
    codes.push("", "V1-x", "V1-");
    const index = CodeIndex.fromStrings(codes);
    codes.forEach((code, i) => expect(index.findString(code)).toBe(codes.indexOf(code) === i ? i : codes.indexOf(code)));
    expect(index.findString("V1-xx")).toBe(-1);
    expect(index.findString("V12288")).toBe(-1);
  });
});
