import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CodeIndex } from "@/lib/imports/code-index";
import { CsvTokenizer } from "@/lib/imports/csv";
import { csvCell, ImportErrors, type ImportRowError } from "@/lib/imports/errors";
import { readErrorReport } from "@/lib/imports/error-report";
import { readHeader } from "@/lib/imports/header";
import { InstallStatsReader, INSTALL_MESSAGES } from "@/lib/imports/install-stats";
import { parseImportKind, parseVenueCategory, parseVenueStatus, type ImportKind } from "@/lib/domain/imports/catalogue";
import { IMPORT_COLUMNS } from "@/lib/imports/kinds";
import { registrationPayload, SCAN_MESSAGES, ScanLogReader, type VenueLookup } from "@/lib/imports/scan-log";
import { SCAN_TEXT } from "@/lib/imports/error-text";
import { copyTextValue, type StageValue, type StageWriter } from "@/lib/imports/staging";
import { epochDayOfIsoDay, isoDayOfEpochDay } from "@/lib/imports/values";
import { prng } from "@/tests/factories/import-files";
import { REGISTER_MESSAGES, VenueRegisterReader } from "@/lib/imports/venue-register";

// The row checks of each kind of file, without a database: what is accepted, what is refused and
// the Vietnamese reason given, with the line and column.

class MemoryStage implements StageWriter {
  rows: StageValue[][] = [];
  add(values: readonly StageValue[]): void {
    this.rows.push([...values]);
  }
  async flushIfFull(): Promise<void> {}
  async finish(): Promise<number> {
    return this.rows.length;
  }
}

type Reader = { row(r: import("@/lib/imports/csv").CsvRecord): void };

function feed(kind: ImportKind, text: string, make: (header: import("@/lib/imports/header").HeaderMap, errors: ImportErrors) => Reader): ImportErrors {
  const errors = new ImportErrors(null);
  let reader: Reader | null = null;
  const tokenizer = new CsvTokenizer(",", {
    onRecord(r) {
      if (reader === null) {
        const header = readHeader(r.texts(), IMPORT_COLUMNS[kind]);
        if (!header.ok) throw new Error(header.errors.map((e) => e.reason).join(" "));
        reader = make(header.header, errors);
        return;
      }
      reader.row(r);
    },
    onError(line, message) {
      errors.add({ line, column: null, value: null, reason: message });
    },
  });
  tokenizer.push(new TextEncoder().encode(text));
  tokenizer.end();
  return errors;
}

const VENUES = ["HK-00037-0001", "HK-00040-0001", "HK-00040-0002"];
const REGISTERED = [epochDayOfIsoDay("2021-07-01"), epochDayOfIsoDay("2021-08-15"), epochDayOfIsoDay("2021-07-01")];
const lookup = {
  index: CodeIndex.fromStrings(VENUES),
  ids: Int32Array.from([11, 12, 13]),
  registeredDay: Int32Array.from(REGISTERED),
};
/** The same venues as the import loads them: each code's registration day in its index slot. */
const lookupWithPayloads = { ...lookup, index: CodeIndex.fromStrings(VENUES, REGISTERED.map(registrationPayload)) };

describe("scan log rows", () => {
  it("counts valid scans per venue and Vietnam day (23:59:59+07:00 on the 14th, 17:00:00Z on the 15th)", () => {
    let reader: ScanLogReader | null = null;
    const errors = feed(
      "QR_SCAN_LOG",
      [
        "venue_code,scanned_at,device_hash",
        "HK-00037-0001,2021-08-14T23:59:59+07:00,abc",
        "HK-00037-0001,2021-08-14T17:00:00Z,abc",
        "HK-00040-0002,2021-08-14T10:00:00+07:00,",
        " HK-00040-0002 ,2021-08-14T16:59:59Z,def",
      ].join("\n"),
      (h, e) => (reader = new ScanLogReader(lookup, h, e, 31)),
    );
    expect(errors.count).toBe(0);
    const r = reader as ScanLogReader | null;
    expect(r?.accepted).toBe(4);
    expect([...(r?.aggregates() ?? [])].map(([id, day, n]) => [id, isoDayOfEpochDay(day), n])).toEqual([
      [11, "2021-08-14", 1],
      [13, "2021-08-14", 2],
      [11, "2021-08-15", 1],
    ]);
    expect(r?.dayRange()).toEqual({ from: epochDayOfIsoDay("2021-08-14"), to: epochDayOfIsoDay("2021-08-15") });
  });

  it.each([
    ["registration days from the venue list", lookup],
    ["registration days from the index's payloads", lookupWithPayloads],
  ])("reports each bad value with its line, column and reason (%s)", (_, lookup) => {
    const errors = feed(
      "QR_SCAN_LOG",
      [
        "venue_code,scanned_at,device_hash",
        "HK-00037-0001,2021-08-14T08:00:00+07:00,ok",
        "KHONG-CO,2021-08-14T08:00:00+07:00,ok",
        "HK-00037-0001,2021-08-14 08:00:00,ok",
        "HK-00037-0001,14/08/2021 08:00,ok",
        "HK-00040-0001,2021-08-14T08:00:00+07:00,ok",
        "HK-00037-0001,2021-08-14T08:00:00+07:00,có dấu",
        ",2021-02-30T08:00:00Z,ok",
        "HK-00037-0001,2021-08-14T08:00:00+07:00",
      ].join("\n"),
      (h, e) => new ScanLogReader(lookup, h, e, 31),
    );
    const byLine = (line: number) => errors.shown.filter((e) => e.line === line).map((e) => [e.column, e.value, e.reason]);
    expect(byLine(3)).toEqual([["venue_code", "KHONG-CO", SCAN_MESSAGES.unknownCode]]);
    expect(byLine(4)).toEqual([["scanned_at", "2021-08-14 08:00:00", SCAN_MESSAGES.noOffset]]);
    expect(byLine(5)).toEqual([["scanned_at", "14/08/2021 08:00", SCAN_MESSAGES.badTime]]);
    expect(byLine(6)).toEqual([["scanned_at", "2021-08-14T08:00:00+07:00", SCAN_MESSAGES.beforeRegistration("2021-08-14", "2021-08-15")]]);
    expect(byLine(7)).toEqual([["device_hash", "có dấu", SCAN_MESSAGES.badDevice]]);
    expect(byLine(8)).toEqual([
      ["venue_code", "", SCAN_MESSAGES.noCode],
      ["scanned_at", "2021-02-30T08:00:00Z", SCAN_MESSAGES.badRange],
    ]);
    expect(byLine(9)[0]?.[2]).toContain("Dòng có 2 cột nhưng dòng tiêu đề có 3 cột");
    expect(errors.rejectedRows).toBe(7);
    expect(SCAN_MESSAGES.beforeRegistration("2021-08-14", "2021-08-15")).toBe(
      "Lượt quét thuộc ngày 14/08/2021, trước ngày đăng ký của địa điểm (15/08/2021).",
    );
  });

  it("reads rows before the venue list arrives and then reports exactly what it would have (same errors, order, counts)", () => {
    const random = prng(99);
    const codes = [...VENUES, "KHONG-CO", " HK-00040-0002 ", ""];
    const times = ["2021-08-14T10:00:00+07:00", "2021-08-14T17:00:00Z", "2021-08-14T08:00:00", "14/08/2021", "2021-08-16T09:00:00+07:00", '"2021-08-14T09:00:00+07:00"'];
    const lines = ["venue_code,scanned_at,device_hash"];
    for (let i = 0; i < 400; i++) {
      const code = codes[Math.floor(random() * codes.length)] ?? "";
      const time = times[Math.floor(random() * times.length)] ?? "";
      const device = random() < 0.05 ? "có dấu" : `d${i}`;
      lines.push(random() < 0.02 ? `${code},${time}` : `${code},${time},${device}`);
    }
    const text = `${lines.join("\n")}\n`;
    const run = (resolveAfter: number | null, lookup: VenueLookup) => {
      const errors = new ImportErrors(null);
      let reader: ScanLogReader | null = null;
      let seen = 0;
      const tokenizer = new CsvTokenizer(",", {
        onRecord(r) {
          if (reader === null) {
            const header = readHeader(r.texts(), IMPORT_COLUMNS.QR_SCAN_LOG);
            if (!header.ok) throw new Error("header");
            reader = new ScanLogReader(resolveAfter === null ? lookup : null, header.header, errors, 2);
            return;
          }
          reader.row(r);
          seen += 1;
          if (resolveAfter !== null && seen === resolveAfter) reader.resolve(lookup);
        },
        onError(line, message) {
          errors.add({ line, column: null, value: null, reason: message });
        },
      });
      tokenizer.push(new TextEncoder().encode(text));
      tokenizer.end();
      const r = reader as ScanLogReader | null;
      if (r?.waiting) r.resolve(lookup);
      return { shown: errors.shown, count: errors.count, rejected: errors.rejectedRows, accepted: r?.accepted, aggregates: [...(r?.aggregates() ?? [])] };
    };
    const direct = run(null, lookup);
    expect(direct.count).toBeGreaterThan(50);
    expect(direct.accepted).toBeGreaterThan(50);
    expect(direct.shown.some((e) => e.reason === SCAN_MESSAGES.beforeRegistration("2021-08-14", "2021-08-15"))).toBe(true);
    for (const after of [1, 37, 200, 399, 10_000]) expect(run(after, lookup), `resolved after ${after} rows`).toEqual(direct);
    // The registration check read from the index slot (the import's lookup) decides every row alike.
    expect(run(null, lookupWithPayloads)).toEqual(direct);
    for (const after of [1, 200]) expect(run(after, lookupWithPayloads), `payloads, resolved after ${after} rows`).toEqual(direct);
  });

  it("refuses scans on more distinct days than allowed", () => {
    const lines = ["venue_code,scanned_at"];
    for (let d = 1; d <= 4; d++) lines.push(`HK-00037-0001,2021-08-0${d}T08:00:00+07:00`);
    const errors = feed("QR_SCAN_LOG", lines.join("\n"), (h, e) => new ScanLogReader(lookup, h, e, 3));
    expect(errors.shown).toEqual([{ line: 5, column: "scanned_at", value: "2021-08-04T08:00:00+07:00", reason: SCAN_MESSAGES.tooManyDays(3), text: SCAN_TEXT.tooManyDays(3) }]);
  });
});

const units = {
  levels: new Map([
    ["VN", "COUNTRY"],
    ["01", "PROVINCE"],
    ["002", "DISTRICT"],
    ["00037", "WARD"],
    ["00040", "WARD"],
  ]),
};
const today = epochDayOfIsoDay("2021-08-20");

describe("venue register rows", () => {
  it("stages valid venues with categories and statuses given as codes or in Vietnamese", () => {
    const stage = new MemoryStage();
    const errors = feed(
      "VENUE_REGISTER",
      [
        "Venue_Code, name ,address,category,ward_code,registered_on,status,ghi_chu",
        'V1,"Chợ ""Đồng Xuân""","Đồng Xuân, Hoàn Kiếm",Chợ,00040,2021-07-20,,x',
        "V2,Trạm y tế,,HEALTH_FACILITY,00037,2021-07-21,Tạm dừng,y",
      ].join("\n"),
      (h, e) => new VenueRegisterReader(h, units, e, stage, today),
    );
    expect(errors.count).toBe(0);
    expect(stage.rows).toEqual([
      [2, "V1", 'Chợ "Đồng Xuân"', "Đồng Xuân, Hoàn Kiếm", "MARKET", "00040", "2021-07-20", "ACTIVE"],
      [3, "V2", "Trạm y tế", null, "HEALTH_FACILITY", "00037", "2021-07-21", "SUSPENDED"],
    ]);
  });

  it("refuses duplicates, unknown or non-ward units, bad categories, days and statuses", () => {
    const stage = new MemoryStage();
    const errors = feed(
      "VENUE_REGISTER",
      [
        "venue_code,name,address,category,ward_code,registered_on,status",
        "V1,Một,,BUSINESS,00037,2021-07-20,ACTIVE",
        "V1,Hai,,BUSINESS,00037,2021-07-20,ACTIVE",
        "V3,,,quán,99999,2021-13-01,mở",
        "V4,Bốn,,OTHER,002,2021-08-21,CLOSED",
      ].join("\n"),
      (h, e) => new VenueRegisterReader(h, units, e, stage, today),
    );
    const reasons = errors.shown.map((e) => [e.line, e.column, e.reason]);
    expect(reasons).toEqual([
      [3, "venue_code", REGISTER_MESSAGES.duplicateCode(2)],
      [4, "name", REGISTER_MESSAGES.noName],
      [4, "category", REGISTER_MESSAGES.badCategory],
      [4, "ward_code", REGISTER_MESSAGES.unknownWard],
      [4, "registered_on", REGISTER_MESSAGES.badDay],
      [4, "status", REGISTER_MESSAGES.badStatus],
      [5, "ward_code", REGISTER_MESSAGES.notWard],
      [5, "registered_on", REGISTER_MESSAGES.futureDay("2021-08-20")],
    ]);
    expect(stage.rows.map((r) => r[1])).toEqual(["V1"]);
  });
});

describe("install statistics rows", () => {
  it("stages units of any level and refuses impossible figures", () => {
    const stage = new MemoryStage();
    const errors = feed(
      "INSTALL_STATS",
      [
        "unit_code,day,smartphones,installs",
        "00037,2021-08-17,12387,4687",
        "002,2021-08-17,150788,77113",
        "VN,2021-08-17,1000,1001",
        "00040,2021-08-17,9.383,4072",
        "00037,2021-08-17,1,1",
        "XX,2021-08-17,1,1",
      ].join("\n"),
      (h, e) => new InstallStatsReader(h, units, e, stage, today, 31),
    );
    expect(stage.rows).toEqual([
      [2, "00037", "2021-08-17", 12387, 4687],
      [3, "002", "2021-08-17", 150788, 77113],
    ]);
    expect(errors.shown.map((e) => [e.line, e.column, e.reason])).toEqual([
      [4, "installs", INSTALL_MESSAGES.installsAboveSmartphones(1001, 1000)],
      [5, "smartphones", INSTALL_MESSAGES.badCount],
      [6, "unit_code", INSTALL_MESSAGES.duplicate(2)],
      [7, "unit_code", INSTALL_MESSAGES.unknownUnit],
    ]);
    expect(INSTALL_MESSAGES.installsAboveSmartphones(1001, 1000)).toBe("Số lượt cài (1.001) lớn hơn số điện thoại thông minh (1.000).");
  });
});

describe("headers", () => {
  it("accepts any order and case, ignores unknown columns and names missing or repeated ones", () => {
    const ok = readHeader([" Scanned_At ", "VENUE_CODE", "nguồn"], IMPORT_COLUMNS.QR_SCAN_LOG);
    expect(ok.ok && [...ok.header.index.entries()]).toEqual([
      ["scanned_at", 0],
      ["venue_code", 1],
    ]);
    expect(ok.ok && ok.header.ignored).toEqual(["nguồn"]);
    const bad = readHeader(["venue_code", "venue_code"], IMPORT_COLUMNS.QR_SCAN_LOG);
    expect(bad.ok ? [] : bad.errors.map((e) => e.reason)).toEqual([
      'Cột "venue_code" xuất hiện hai lần trong dòng tiêu đề.',
      expect.stringContaining('Thiếu cột bắt buộc "scanned_at" (thời điểm quét)'),
    ]);
  });
});

describe("kinds, categories and statuses", () => {
  it("parses kind names from the command line and the API", () => {
    expect(parseImportKind("qr-scan-log")).toBe("QR_SCAN_LOG");
    expect(parseImportKind("VENUE_REGISTER")).toBe("VENUE_REGISTER");
    expect(parseImportKind("installs")).toBe("INSTALL_STATS");
    expect(parseImportKind("users")).toBeNull();
  });

  it("reads Vietnamese category and status names without regard to case and diacritics", () => {
    expect(parseVenueCategory("Cơ sở y tế")).toBe("HEALTH_FACILITY");
    expect(parseVenueCategory("CHỢ")).toBe("MARKET");
    expect(parseVenueCategory("school")).toBe("SCHOOL");
    expect(parseVenueCategory("quán")).toBeNull();
    expect(parseVenueStatus("")).toBe("ACTIVE");
    expect(parseVenueStatus("Đã đóng")).toBe("CLOSED");
  });
});

describe("error reports", () => {
  it("writes every error to a CSV that spreadsheets open safely, and reads the first ones back", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ww-errors-"));
    const file = path.join(dir, "import-1-loi.csv");
    const errors = new ImportErrors(file);
    const all: ImportRowError[] = [];
    for (let i = 0; i < 1500; i++) {
      const e = { line: i + 2, column: "venue_code", value: i === 0 ? '=HYPERLINK("x")' : `V${i},"q"\n`, reason: "Không có địa điểm" };
      all.push(e);
      errors.add(e);
    }
    expect(errors.shown).toHaveLength(1000);
    expect(errors.count).toBe(1500);
    await errors.close();
    const text = fs.readFileSync(file, "utf8");
    expect(text.startsWith("\uFEFFdòng,cột,giá trị,lý do\r\n")).toBe(true);
    expect(text).toContain(`2,venue_code,"'=HYPERLINK(""x"")",Không có địa điểm`);
    const back = await readErrorReport(file);
    expect(back).toHaveLength(1000);
    expect(back?.[0]).toEqual(all[0]);
    expect(back?.[1]).toEqual(all[1]);
    expect(await readErrorReport(file, 5000)).toHaveLength(1500);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("protects cells against formulas and quotes what needs it", () => {
    expect(csvCell("+84 912")).toBe("'+84 912");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("ok")).toBe("ok");
  });

  it("escapes COPY text values", () => {
    expect(copyTextValue("a\tb\\c\nd")).toBe("a\\tb\\\\c\\nd");
    expect(copyTextValue(null)).toBe("\\N");
    expect(copyTextValue(12)).toBe("12");
  });
});
