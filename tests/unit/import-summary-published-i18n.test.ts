import { describe, expect, it } from "vitest";
import { catalogText } from "@/i18n/catalog-text";
import {
  approvedChangeMessage,
  approvedChangeText,
  dayListText,
  formatDayList,
  SCOPE_WHAT,
  scopeSentence,
  scopeSentenceText,
  type ApprovedChange,
  type ScopeSummary,
} from "../../lib/domain/imports/scope.ts";
import { ABORT_REASONS, abortedMessage, abortedText } from "../../lib/imports/abort.ts";
import { formatBytes } from "../../lib/domain/imports/progress.ts";
import type { Message } from "../../lib/domain/message.ts";
import { PUBLISHED_TEXT, REFUSAL_TEXT } from "../../lib/imports/summary-text.ts";

// What a published import wrote and replaced, as messages (issue 16, part 9): in Vietnamese
// byte for byte the sentences lib/imports writes (the functions themselves, or their template
// literals repeated here), in English English.

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const vi = catalogText("vi");
const en = catalogText("en");

describe("the scope sentence", () => {
  const days = ["2021-08-13", "2021-08-14", "2021-08-15", "2021-08-16", "2021-08-17"] as const;
  it("renders the day lists as formatDayList writes them", () => {
    for (let n = 0; n <= days.length; n++) expect(vi.text(dayListText(days.slice(0, n)))).toBe(formatDayList(days.slice(0, n)));
    expect(en.text(dayListText(days.slice(0, 3)))).toBe("13 Aug 2021, 14 Aug 2021 and 15 Aug 2021");
    expect(en.text(dayListText(days))).toBe("from 13 Aug 2021 to 17 Aug 2021");
  });

  const base: Omit<ScopeSummary, "text"> = { chosen: "file", chosenName: null, level: "DISTRICT", replaced: 1, kept: 29, replacedWord: "quận", keptWord: "quận, huyện", days: ["2021-08-18"] };
  const cases: Omit<ScopeSummary, "text">[] = [
    base,
    { ...base, chosen: "city", replaced: 1234, kept: 0, days: [...days] },
    { ...base, chosen: "district", chosenName: "Quận Hoàn Kiếm", level: "WARD", replaced: 18, kept: 0, replacedWord: "phường", keptWord: "phường", days: days.slice(0, 2) },
    { ...base, chosen: "ward", chosenName: "Phường Phúc Tân", level: "WARD", replacedWord: "phường", keptWord: "phường, xã", kept: 1, days: [] },
  ];
  it("renders every case in Vietnamese as scopeSentence writes it", () => {
    for (const what of ["scans", "venues"] as const) {
      for (const c of cases) expect(vi.text(scopeSentenceText(c, what))).toBe(scopeSentence(c, SCOPE_WHAT[what]));
    }
  });
  it("reads in English", () => {
    expect(en.text(scopeSentenceText(base, "scans"))).toBe("Replaced the scan figures of 1 districts × 1 day (18 Aug 2021); kept 29 districts as they were.");
    const city = en.text(scopeSentenceText(cases[1] ?? base, "venues"));
    expect(city).toBe("Replaced the registered-venue figures of 1,234 districts × 5 days (from 13 Aug 2021 to 17 Aug 2021) (chosen scope: the whole city).");
    for (const c of cases) expect(en.text(scopeSentenceText(c, "scans")).replace(/Quận Hoàn Kiếm|Phường Phúc Tân/, "")).not.toMatch(VIETNAMESE);
  });
});

describe("approved reports replaced", () => {
  const change: ApprovedChange = {
    unitCode: "00037",
    unitName: "Phường Phúc Tân",
    day: "2021-08-17",
    changes: [
      { field: "smartphones", before: 12345, after: 12400 },
      { field: "installs", before: null, after: 5 },
    ],
  };
  it("renders an example as approvedChangeText writes it, and the sentence in both languages", () => {
    expect(vi.text(approvedChangeMessage(change))).toBe(approvedChangeText(change));
    const sentence = PUBLISHED_TEXT.approvedReplaced(4, [approvedChangeMessage(change)], true);
    expect(vi.text(sentence)).toBe(
      `Đã thay số liệu của 4 phường-ngày có báo cáo đã được duyệt, theo xác nhận của người nạp (${approvedChangeText(change)}; …).`,
    );
    expect(en.text(sentence)).toBe(
      "Replaced the figures of 4 ward-days with an approved report, as the uploader confirmed (Phường Phúc Tân, 17 Aug 2021: smartphones 12,345 → 12,400, installs — → 5; …).",
    );
  });
});

describe("what a published file wrote", () => {
  it("renders each kind's summary and details in Vietnamese as the kinds write them, and in English", () => {
    const cases: [ReturnType<(typeof PUBLISHED_TEXT)[keyof typeof PUBLISHED_TEXT]>, string, string][] = [
      [PUBLISHED_TEXT.installs(1234), "Đã nạp số điện thoại và lượt cài Bluezone của 1.234 đơn vị-ngày (chỉ thay các dòng đơn vị-ngày có trong tệp).", "Loaded smartphone and Bluezone install figures for 1,234 unit-days (only the unit-day rows in the file were replaced)."],
      [PUBLISHED_TEXT.installsReplaced(2), "Thay 2 số liệu đơn vị-ngày đã nhập trước đó.", "Replaced 2 unit-day figures loaded before."],
      [PUBLISHED_TEXT.installsKept(3), "Giữ nguyên 3 số liệu đơn vị-ngày đã nhập của các ngày này không có trong tệp.", "Kept 3 unit-day figures of these days that were loaded before and are not in the file."],
      [
        PUBLISHED_TEXT.scans(12000, 40, 2, [["2021-08-16", 5000], ["2021-08-17", 7000]]),
        "Đã nạp 12.000 lượt quét tại 40 địa điểm-ngày; ghi số liệu quét cho 2 phường-ngày (lượt quét theo ngày: 16/08/2021: 5.000; 17/08/2021: 7.000).",
        "Loaded 12,000 scans at 40 venue-days; wrote scan figures for 2 ward-days (scans by day: 16 Aug 2021: 5,000; 17 Aug 2021: 7,000).",
      ],
      [PUBLISHED_TEXT.scansReplaced(1500), "Đã thay 1.500 dòng địa điểm-ngày có sẵn trong phạm vi này.", "Replaced 1,500 existing venue-day rows in this scope."],
      [
        PUBLISHED_TEXT.venues(1, 2, 1000, 36),
        "Đã nạp 1.003 địa điểm: 1 mới, 2 cập nhật, 1.000 không đổi; ghi số địa điểm đăng ký cho 36 phường-ngày.",
        "Loaded 1,003 venues: 1 new, 2 updated, 1,000 unchanged; wrote registered-venue figures for 36 ward-days.",
      ],
      [PUBLISHED_TEXT.appliesToDay("2021-08-17"), "Áp dụng cho ngày 17/08/2021.", "Applies to 17 Aug 2021."],
      [PUBLISHED_TEXT.appliesToDays("2021-08-16", "2021-08-17"), "Áp dụng cho các ngày 16/08/2021–17/08/2021.", "Applies to the days 16 Aug 2021–17 Aug 2021."],
      [PUBLISHED_TEXT.replacedWhole(7, "lan-1.csv"), "Thay thế toàn bộ lần nhập #7 (tệp lan-1.csv).", "Replaces the whole of import #7 (file lan-1.csv)."],
      [PUBLISHED_TEXT.replacedPart(8, "b.csv"), "Thay thế một phần lần nhập #8 (tệp b.csv): phần trong phạm vi của tệp này.", "Replaces part of import #8 (file b.csv): the part within this file's scope."],
    ];
    for (const [m, viText, enText] of cases) {
      expect(vi.text(m)).toBe(viText);
      expect(en.text(m)).toBe(enText);
    }
    expect(vi.text(PUBLISHED_TEXT.sentences([PUBLISHED_TEXT.installs(1), PUBLISHED_TEXT.appliesToDay("2021-08-17")]))).toBe(
      "Đã nạp số điện thoại và lượt cài Bluezone của 1 đơn vị-ngày (chỉ thay các dòng đơn vị-ngày có trong tệp). Áp dụng cho ngày 17/08/2021.",
    );
  });
});

describe("an import stopped or waiting for approval", () => {
  it("renders the stop in Vietnamese as abortedMessage writes it, the server's reasons in English", () => {
    for (const reason of [ABORT_REASONS.restart, ABORT_REASONS.stopped, "lý do khác"]) expect(vi.text(abortedText(reason))).toBe(abortedMessage(reason));
    expect(en.text(abortedText(ABORT_REASONS.restart))).toBe(
      "The import was stopped part way (the server is stopping to restart): no figures were written. Load the file again once the server is running again.",
    );
    expect(en.text(abortedText(ABORT_REASONS.stopped))).toContain("(the server stopped the import)");
  });
  it("renders the approval question in both languages", () => {
    const change: ApprovedChange = { unitCode: "00037", unitName: "Phường Phúc Tân", day: "2021-08-17", changes: [{ field: "scans", before: 10, after: 12 }] };
    const m = PUBLISHED_TEXT.approvalNeeded(1, [approvedChangeMessage(change)], false);
    expect(vi.text(m)).toBe(
      "Chưa ghi gì: tệp này sẽ thay số liệu của 1 phường-ngày có báo cáo đã được duyệt (Phường Phúc Tân, ngày 17/08/2021: số lượt quét 10 → 12). Kiểm tra lại tệp; nếu đúng, xác nhận thay số liệu đã duyệt rồi nạp lại.",
    );
    expect(en.text(m)).toBe(
      "Nothing written: this file would replace the figures of 1 ward-days with an approved report (Phường Phúc Tân, 17 Aug 2021: scans 10 → 12). Check the file; if it is right, confirm replacing approved figures and load it again.",
    );
  });
});

describe("the size limit and the kinds' own refusals", () => {
  it("render in Vietnamese as lib/imports writes them, and in English", () => {
    const cases: [Message, string, string][] = [
      [REFUSAL_TEXT.tooLarge(1_572_864), `Tệp lớn hơn giới hạn ${formatBytes(1_572_864)} của một lần nhập (WARDWATCH_IMPORT_MAX_BYTES). Hãy chia tệp theo ngày.`, "The file is larger than the limit of 1.5 MB for one import (WARDWATCH_IMPORT_MAX_BYTES). Split the file by day."],
      [REFUSAL_TEXT.noValidInstallRows, "Tệp không có dòng số liệu hợp lệ nào.", "The file has no valid data row."],
      [REFUSAL_TEXT.noValidScans, "Tệp không có lượt quét hợp lệ nào.", "The file has no valid scan."],
      [REFUSAL_TEXT.noValidVenues, "Tệp không có địa điểm hợp lệ nào.", "The file has no valid venue."],
      [REFUSAL_TEXT.noVenuesYet, "Chưa có địa điểm nào trong hệ thống: hãy nạp danh sách địa điểm có mã QR trước nhật ký quét.", "There are no venues in the system yet: load the list of venues with a QR code before the scan log."],
      [
        REFUSAL_TEXT.installDaysOver("2021-07-01", "2021-10-31", 92),
        "Số liệu trải từ 01/07/2021 đến 31/10/2021, quá 92 ngày của một lần nhập (WARDWATCH_IMPORT_MAX_DAYS).",
        "The figures span 1 Jul 2021 to 31 Oct 2021, more than the 92 days of one import (WARDWATCH_IMPORT_MAX_DAYS).",
      ],
      [
        REFUSAL_TEXT.scanDaysOver("2021-07-01", "2021-10-31", 92),
        "Các lượt quét trải từ 01/07/2021 đến 31/10/2021, quá 92 ngày của một lần nhập (WARDWATCH_IMPORT_MAX_DAYS). Kiểm tra các dòng có ngày bất thường hoặc chia tệp theo ngày.",
        "The scans span 1 Jul 2021 to 31 Oct 2021, more than the 92 days of one import (WARDWATCH_IMPORT_MAX_DAYS). Check the rows with unusual days or split the file by day.",
      ],
    ];
    for (const [m, viText, enText] of cases) {
      expect(vi.text(m)).toBe(viText);
      expect(en.text(m)).toBe(enText);
    }
  });
});
