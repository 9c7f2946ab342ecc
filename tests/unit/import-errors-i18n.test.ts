import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogText } from "@/i18n/catalog-text";
import type { Message } from "@/lib/domain/message";
import { CsvRecordTooLongError, MSG_QUOTE_IN_FIELD, MSG_TEXT_AFTER_QUOTE, MSG_UNCLOSED_QUOTE } from "@/lib/imports/csv";
import { readErrorReport } from "@/lib/imports/error-report";
import { columnLabelText, csvProblemText, INSTALL_TEXT, recordTooLongText, REGISTER_TEXT, SCAN_TEXT } from "@/lib/imports/error-text";
import { errorMessagesPath, ImportErrors, type ImportRowError } from "@/lib/imports/errors";
import { readHeader, widthError } from "@/lib/imports/header";
import { INSTALL_MESSAGES } from "@/lib/imports/install-stats";
import { IMPORT_COLUMNS } from "@/lib/imports/kinds";
import { consistencyConflicts, registerConflicts } from "@/lib/imports/publish";
import { SCAN_MESSAGES } from "@/lib/imports/scan-log";
import type { Row, SqlExecutor } from "@/lib/imports/session";
import { outOfScopeReason, outOfScopeText, type UnitTree } from "@/lib/imports/scope-units";
import { REGISTER_MESSAGES } from "@/lib/imports/venue-register";
import { IMPORT_KINDS } from "@/lib/domain/imports/catalogue";
import { errorRows } from "@/components/imports/error-rows";
import { ENCODING_MESSAGES } from "@/lib/imports/encoding";
import { FAILURE_MESSAGES } from "@/lib/imports/failures";
import { SUMMARY_TEXT, summaryIn } from "@/lib/imports/summary-text";

// Import row errors in both languages (docs/i18n.md): every reason an import writes is also a
// message (lib/imports/error-text.ts) whose Vietnamese rendering is, byte for byte, the reason the
// command line and the CSV report print, and whose English rendering is English. The shown errors
// are stored with their messages beside the CSV report and read back for the import's page.

const vi = catalogText("vi");
const en = catalogText("en");

/** Letters only Vietnamese writes (the English renderings must have none, names aside). */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýÀÁĐ]/i;

/** Every (Vietnamese reason, message) pair of a kind's table, with sample values for those that take some. */
function pairs(messages: Record<string, unknown>, texts: Record<string, unknown>, args: Record<string, readonly unknown[]>): [string, string, Message][] {
  expect(Object.keys(texts).filter((k) => k in messages).sort()).toEqual(Object.keys(messages).sort());
  return Object.keys(messages).map((key) => {
    const m = messages[key];
    const t = texts[key];
    const a = args[key] ?? [];
    const reason = typeof m === "function" ? (m as (...x: unknown[]) => string)(...a) : String(m);
    const text = typeof t === "function" ? (t as (...x: unknown[]) => Message)(...a) : (t as Message);
    return [key, reason, text];
  });
}

const ALL: [string, string, Message][] = [
  ...pairs(SCAN_MESSAGES, { ...SCAN_TEXT, badDevice: SCAN_TEXT.badDevice(128) }, { beforeRegistration: ["2021-08-14", "2021-08-15"], tooManyDays: [31] }),
  ...pairs(REGISTER_MESSAGES, REGISTER_TEXT, { duplicateCode: [12_345], futureDay: ["2021-08-20"] }),
  ...pairs(INSTALL_MESSAGES, INSTALL_TEXT, { futureDay: ["2021-08-20"], installsAboveSmartphones: [1001, 1000], duplicate: [2], tooManyDays: [31] }),
  ["width", widthError(7, 3, 2).reason, widthError(7, 3, 2).text as Message],
  ["recordTooLong", new CsvRecordTooLongError(12, 1024 * 1024).message, recordTooLongText(12, 1024 * 1024)],
  ...[MSG_QUOTE_IN_FIELD, MSG_TEXT_AFTER_QUOTE, MSG_UNCLOSED_QUOTE].map((m): [string, string, Message] => [m, m, csvProblemText(m) as Message]),
];

describe("import row errors as messages", () => {
  it("render in Vietnamese byte for byte as the reason written for the command line and the CSV report", () => {
    expect(ALL.length).toBeGreaterThan(30);
    for (const [key, reason, text] of ALL) expect(vi.text(text), key).toBe(reason);
    // the check below for English finds Vietnamese letters where there are some
    expect(vi.text(SCAN_TEXT.noOffset)).toMatch(VIETNAMESE);
  });

  it("render in English, with no Vietnamese left", () => {
    for (const [key, , text] of ALL) {
      const english = en.text(text);
      expect(english, key).not.toMatch(VIETNAMESE);
      expect(english, key).not.toBe(vi.text(text));
    }
    expect(en.text(REGISTER_TEXT.duplicateCode(12_345))).toBe("The venue code repeats line 12345: each venue has one line only.");
    expect(en.text(REGISTER_TEXT.futureDay("2021-08-20"))).toBe("The registration day is after today (20 Aug 2021).");
    expect(en.text(INSTALL_TEXT.installsAboveSmartphones(150_789, 150_788))).toBe("Installs (150,789) are more than smartphones (150,788).");
    expect(vi.text(INSTALL_TEXT.installsAboveSmartphones(150_789, 150_788))).toBe("Số lượt cài (150.789) lớn hơn số điện thoại thông minh (150.788).");
    expect(en.text(SCAN_TEXT.beforeRegistration("2021-08-14", "2021-08-15"))).toBe("The scan is on 14 Aug 2021, before the venue was registered (15 Aug 2021).");
    expect(en.text(SCAN_TEXT.noOffset)).toBe("The scan time has no time zone (add +07:00 or Z), so its day cannot be told.");
    expect(en.text(widthError(7, 3, 2).text as Message)).toBe("The line has 3 columns but the header line has 2 (check the delimiter and the double quotes).");
  });

  it("cover the header's problems: a repeated and a missing column of every kind, the column named in each language", () => {
    for (const kind of IMPORT_KINDS) {
      const specs = IMPORT_COLUMNS[kind];
      for (const spec of specs) expect(vi.text(columnLabelText(spec.name)), spec.name).toBe(spec.label);
      const first = specs[0]?.name ?? "";
      const result = readHeader([first, ` ${first.toUpperCase()} `], specs);
      expect(result.ok).toBe(false);
      const errors = result.ok ? [] : result.errors;
      expect(errors.length).toBeGreaterThanOrEqual(2);
      for (const e of errors) {
        expect(vi.text(e.text as Message), e.reason).toBe(e.reason);
        expect(en.text(e.text as Message)).not.toMatch(VIETNAMESE);
      }
    }
    const missing = readHeader(["venue_code"], IMPORT_COLUMNS.QR_SCAN_LOG);
    const text = missing.ok ? null : (missing.errors[0]?.text ?? null);
    expect(text && en.text(text)).toBe(
      'Required column "scanned_at" (scan time) is missing. The first line of the file must be the header line: venue_code,scanned_at,device_hash.',
    );
  });

  it("cover a venue outside the chosen scope, names as recorded", () => {
    const tree = {
      wards: [{ name: "Phường Phúc Xá", district: 0 }, { name: "Phường Lẻ", district: 9 }],
      districts: [{ name: "Quận Ba Đình" }],
    } as unknown as UnitTree;
    for (const ward of [0, 1, 5]) {
      const text = outOfScopeText(tree, ward, "Quận Hoàn Kiếm");
      expect(vi.text(text)).toBe(outOfScopeReason(tree, ward, "Quận Hoàn Kiếm"));
    }
    expect(en.text(outOfScopeText(tree, 0, "Quận Hoàn Kiếm"))).toBe(
      "The venue is in Phường Phúc Xá, Quận Ba Đình, outside the chosen scope (Quận Hoàn Kiếm): the file may only have venues inside the scope. Remove this row or choose a wider scope.",
    );
    expect(en.text(outOfScopeText(tree, 5, "X"))).toContain("The venue is in another ward, outside the chosen scope (X)");
  });

  it("cover the checks made against stored figures (a register against scans, sums against priorities)", async () => {
    // Canned result rows in place of the database: what is tested is the wording of each row.
    const answers: Row[][] = [
      [{ line: 3, registered: "2021-08-10", first_scan: "2021-08-02" }],
      [{ line: 5, ward_code: "00040", old_ward: "00037" }],
      [
        { unit_code: "00037", name: "Phường Phúc Tân", day: "2021-08-14", smartphones: 10, installs: 11, qr_venues: 5, active_venues: 4 },
        { unit_code: "00040", name: "Phường Đồng Xuân", day: "2021-08-14", smartphones: 10, installs: 9, qr_venues: 5, active_venues: 6 },
      ],
    ];
    const tx: SqlExecutor = { execute: async () => 0, rows: async () => answers.shift() ?? [] };
    const errors = [...(await registerConflicts(tx)), ...(await consistencyConflicts(tx, ["WARD_REPORT", "IMPORT"], "2021-08-14", "2021-08-14"))];
    expect(errors).toHaveLength(4);
    for (const e of errors) {
      expect(e.text, e.reason).toBeDefined();
      expect(vi.text(e.text as Message)).toBe(e.reason);
      expect(en.text(e.text as Message).replace(/Phường (Phúc Tân|Đồng Xuân)/, "")).not.toMatch(VIETNAMESE);
    }
    expect(en.text(errors[0]?.text as Message)).toBe("The venue already has scans from 2 Aug 2021, before this registration day.");
    expect(en.text(errors[2]?.text as Message)).toMatch(/^Phường Phúc Tân \(00037\), 14 Aug 2021: installs are more than smartphones/);
  });
});

describe("import summaries as messages", () => {
  it("render the server failures and the encoding problems in Vietnamese byte for byte, and in English", () => {
    for (const failure of ["disk-full", "timeout", "check-violation"] as const) {
      expect(vi.text(SUMMARY_TEXT.failure[failure])).toBe(FAILURE_MESSAGES[failure]);
      expect(en.text(SUMMARY_TEXT.failure[failure])).not.toMatch(VIETNAMESE);
    }
    for (const order of ["LE", "BE"] as const) expect(vi.text(SUMMARY_TEXT.utf16(order))).toBe(ENCODING_MESSAGES.utf16(order));
    expect(vi.text(SUMMARY_TEXT.notUtf8(12_344))).toBe(ENCODING_MESSAGES.notUtf8(12_344));
    expect(en.text(SUMMARY_TEXT.notUtf8(12_344))).toMatch(/^The file is not UTF-8: from byte 12,345 on/);
    const parts = [{ text: FAILURE_MESSAGES.timeout, message: SUMMARY_TEXT.failure.timeout }, { text: "Câu chưa có thông điệp." }];
    expect(summaryIn(parts, "vi", vi.text)).toBe(`${FAILURE_MESSAGES.timeout} Câu chưa có thông điệp.`);
    expect(summaryIn(parts, "en", en.text)).toMatch(/^The database did not answer in time .* Câu chưa có thông điệp\.$/);
  });
});

describe("stored import errors", () => {
  const sample: ImportRowError[] = [
    { line: 4, column: "scanned_at", value: "2021-08-16 09:00:00", reason: SCAN_MESSAGES.noOffset, text: SCAN_TEXT.noOffset },
    { line: 9, column: "installs", value: "1001", reason: INSTALL_MESSAGES.installsAboveSmartphones(1001, 1000), text: INSTALL_TEXT.installsAboveSmartphones(1001, 1000) },
  ];

  it("keep their messages beside the CSV report and render in either language when read back", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ww-errors-i18n-"));
    try {
      const file = path.join(dir, "import-7-loi.csv");
      const errors = new ImportErrors(file);
      for (const e of sample) errors.add(e);
      await errors.close();
      // The CSV report stays Vietnamese (what an admin downloads).
      expect(fs.readFileSync(file, "utf8")).toContain(SCAN_MESSAGES.noOffset);
      const back = (await readErrorReport(file)) ?? [];
      expect(back).toEqual(sample);
      expect(errorRows(back, "vi", vi.text).map((r) => r.reason)).toEqual(sample.map((e) => e.reason));
      expect(errorRows(back, "en", en.text).map((r) => r.reason)).toEqual([
        "The scan time has no time zone (add +07:00 or Z), so its day cannot be told.",
        "Installs (1,001) are more than smartphones (1,000).",
      ]);

      // A report written before messages were kept (or whose messages are damaged): its text, as written.
      fs.writeFileSync(errorMessagesPath(file), '{"version":1,"errors":[{"line":"x"}]}');
      const old = (await readErrorReport(file)) ?? [];
      expect(old.map((e) => e.text)).toEqual([undefined, undefined]);
      expect(errorRows(old, "en", en.text).map((r) => r.reason)).toEqual(sample.map((e) => e.reason));
      fs.rmSync(errorMessagesPath(file));
      expect(((await readErrorReport(file)) ?? []).map((e) => e.reason)).toEqual(sample.map((e) => e.reason));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
