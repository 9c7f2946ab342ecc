import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { catalogText } from "@/i18n/catalog-text";
import { runImport } from "@/lib/imports/run";
import type { ImportDatabase } from "@/lib/imports/session";
import { parseSummaryParts, summaryIn } from "@/lib/imports/summary-text";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { importRow, importTarget, importText, tempReportDir } from "../setup/imports";
import { registerText, registerVenues, scanLogText } from "../factories/import-files";
import { PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";

// An import's summary in both languages (docs/i18n.md), on PGlite and PostgreSQL (the migration
// that adds import.message_text runs on both): whatever a file ends with, the summary stored
// sentence by sentence renders in Vietnamese to exactly the `message` stored beside it, and in
// English without Vietnamese where a sentence has its message.

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýĐ]/i;
const vi = catalogText("vi");
const en = catalogText("en");

describeOnBothDatabases("import summaries in both languages", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;

  beforeAll(async () => {
    db = await open();
    target = importTarget(db);
    reportDir = tempReportDir();
    await seedUnits(db.prisma);
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  /** The stored summary of import `id` in both languages, checked against its `message`. */
  async function stored(id: number): Promise<{ vi: string; en: string }> {
    const row = await importRow(db.prisma, id);
    const parts = parseSummaryParts(row.messageText);
    expect(parts, `import #${id}`).not.toBeNull();
    const both = { vi: summaryIn(parts ?? [], "vi", vi.text), en: summaryIn(parts ?? [], "en", en.text) };
    expect(both.vi).toBe(row.message);
    return both;
  }

  const installs = (rows: string[]) => `unit_code,day,smartphones,installs\n${rows.join("\n")}\n`;

  it("stores why a file failed, with the columns it ignored, and renders it in English", async () => {
    const result = await importText(target, "INSTALL_STATS", `unit_code,day,smartphones,installs,ghi_chu\n${PHUC_TAN},2021-08-17,10,11,x\n`, { reportDir });
    expect(result.status).toBe("FAILED");
    const text = await stored(result.id);
    expect(text.vi).toBe("1 trong 1 dòng có lỗi (1 lỗi): không có số liệu nào được ghi. Sửa tệp rồi nạp lại. Bỏ qua các cột không dùng: ghi_chu.");
    expect(text.en).toBe("1 of 1 rows have errors (1 errors): no figures were written. Correct the file and load it again. Unused columns skipped: ghi_chu.");
  });

  it("stores a header that does not fit, an empty file and a file without data rows", async () => {
    const header = await importText(target, "INSTALL_STATS", "unit_code,day,day\n", { reportDir });
    const headerText = await stored(header.id);
    expect(headerText.en).toMatch(/^The header line does not fit "Bluezone install statistics": Column "day" appears twice/);
    expect(headerText.en).toContain('Required column "smartphones" (smartphones) is missing.');
    expect(headerText.en).not.toMatch(VIETNAMESE);

    for (const [text, english] of [
      ["", "The file is empty: there is no header line."],
      ["unit_code,day,smartphones,installs\n", "The file has no data rows (only the header line)."],
    ] as const) {
      const result = await importText(target, "INSTALL_STATS", text, { reportDir, fileName: `f${text.length}.csv` });
      expect(result.status).toBe("FAILED");
      expect((await stored(result.id)).en).toBe(english);
    }
  });

  it("stores a file in the wrong encoding", async () => {
    const utf16 = Buffer.from(`\uFEFF${installs([`${PHUC_TAN},2021-08-17,10,5`])}`, "utf16le");
    const result = await runImport(
      target,
      { kind: "INSTALL_STATS", fileName: "unicode.csv", source: (async function* () { yield new Uint8Array(utf16); })(), bytesTotal: utf16.length },
      { today: "2021-08-31", config: { reportDir } },
    );
    expect(result.status).toBe("FAILED");
    const text = await stored(result.id);
    expect(text.en).toMatch(/^The file is saved as UTF-16 LE \(Unicode\), not UTF-8/);
    expect(text.en).not.toMatch(VIETNAMESE);
  });

  it("stores a duplicate, and a published file's summary, what it wrote and replaced", async () => {
    const file = installs([`${PHUC_TAN},2021-08-17,10,5`]);
    const first = await importText(target, "INSTALL_STATS", file, { reportDir, fileName: "lan-1.csv" });
    expect(first.status, first.message).toBe("SUCCEEDED");
    expect((await stored(first.id)).en).toBe(
      "Loaded smartphone and Bluezone install figures for 1 unit-days (only the unit-day rows in the file were replaced). Applies to 17 Aug 2021.",
    );
    const again = await importText(target, "INSTALL_STATS", file, { reportDir, fileName: "lan-2.csv" });
    expect(again.status).toBe("DUPLICATE");
    const text = await stored(again.id);
    expect(text.en).toMatch(new RegExp(`^This file is identical to the file "lan-1\\.csv" loaded successfully in import #${first.id} \\(\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d\\): nothing changed\\.$`));
    // The answer of the upload route is made from the same parts.
    expect(summaryIn(again.parts, "en", en.text)).toBe(text.en);
    // A second file of the same day replaces the first one's figure and the first import.
    const second = await importText(target, "INSTALL_STATS", installs([`${PHUC_TAN},2021-08-17,10,6`]), { reportDir, fileName: "lan-3.csv" });
    expect(second.status, second.message).toBe("SUCCEEDED");
    const replaced = await stored(second.id);
    expect(replaced.en).toMatch(/^Loaded smartphone and Bluezone install figures for 1 unit-days .*\. Applies to 17 Aug 2021\. Replaced 1 unit-day figures loaded before\./);
    expect(replaced.en).toContain(`import #${first.id} (file lan-1.csv)`);
    expect(replaced.en).not.toMatch(VIETNAMESE);
  });

  it("stores a venue register's and a scan log's summaries with their scope sentences", async () => {
    const venues = registerVenues({ wardCodes: [PHUC_TAN, PHUC_XA], count: 40, prefix: "I-", firstDay: "2021-07-01", lastDay: "2021-08-10", seed: 5 });
    const register = await importText(target, "VENUE_REGISTER", registerText(venues), { reportDir, fileName: "dia-diem.csv" });
    expect(register.status, register.message).toBe("SUCCEEDED");
    const registered = await stored(register.id);
    expect(registered.en).toMatch(/^Loaded 40 venues: 40 new, 0 updated, 0 unchanged; wrote registered-venue figures for [\d,]+ ward-days\. Replaced the registered-venue figures of /);
    expect(registered.en).not.toMatch(VIETNAMESE);
    const scans = scanLogText({ venueCodes: venues.map((v) => v.code), day: "2021-08-18", rows: 300, seed: 9 });
    const log = await importText(target, "QR_SCAN_LOG", scans.text, { reportDir, fileName: "quet.csv" });
    expect(log.status, log.message).toBe("SUCCEEDED");
    const logText = await stored(log.id);
    expect(logText.en).toMatch(/^Loaded 300 scans at \d+ venue-days; wrote scan figures for \d+ ward-days \(scans by day: 18 Aug 2021: 300\)\. Replaced the scan figures of .* × 1 day \(18 Aug 2021\)/);
    expect(logText.en).not.toMatch(VIETNAMESE);
  });
});
