import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { dayRange } from "../../lib/domain/days.ts";
import { buildDistrictDashboard } from "../../lib/domain/district-dashboard.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";
import type { UnitTargets } from "../../lib/domain/targets.ts";
import { buildFigureTable } from "../../lib/domain/figure-table.ts";
import { renderDistrictReportPdf, reportDataNotes } from "../../lib/documents/pdf/district-report.ts";
import { fig, table } from "./dashboard-fixtures.ts";

// The district report's PDF writer on a small made-up district, read back as text: the figures as
// the dashboard formats them, a ward that did not report shown as such (not as 0), page numbers.

const city = { code: "01", name: "Thành phố Hà Nội" };
const district = { code: "002", name: "Quận Hoàn Kiếm" };
const wards = [
  { code: "W1", name: "Phường Lý Thái Tổ" },
  { code: "W2", name: "Phường Phúc Tân" },
  { code: "W3", name: "Phường Đồng Xuân" },
];
const DAY = "2021-08-17";
const days = dayRange("2021-08-10", DAY);
const rows: [string, string, Partial<FigureValues>][] = [];
days.forEach((day, i) => {
  rows.push(["002", day, { smartphones: 150_788, installs: 77_113 - 300 * (7 - i), qrVenues: 8_439, activeVenues: 621, scans: 7_917 }]);
  rows.push(["01", day, { smartphones: 6_844_000, installs: 3_220_382, qrVenues: 206_385, activeVenues: 14_698 }]);
  rows.push(["W1", day, { smartphones: 5_378, installs: 3_264, qrVenues: 415, activeVenues: 37, scans: 418 }]);
  rows.push(["W2", day, { smartphones: 12_387, installs: 4_413, qrVenues: 350, activeVenues: 0, scans: 0 }]);
  if (day !== DAY) rows.push(["W3", day, { smartphones: 9_383, installs: 3_862 }]);
});
const sixty: UnitTargets = { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } };
const dashboard = buildDistrictDashboard({
  district,
  city,
  cityDistricts: [district],
  wards,
  table: table(rows),
  day: DAY,
  window: days.slice(1),
  metric: "coverage",
  compare: [],
  targets: new Map([city, district, ...wards].map((u) => [u.code, sixty])),
});

describe("district report PDF", () => {
  it("prints the day's figures, every ward, 'chưa báo cáo' for a silent ward, and numbered pages", async () => {
    const bytes = await renderDistrictReportPdf({ dashboard, alerts: null, generatedAt: new Date("2021-08-18T01:00:00Z"), generatedBy: "Cán bộ quận" });
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text: pages } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
    const flat = pages.map((p) => p.replace(/\s+/g, " "));
    const text = flat.join(" ");
    for (const expected of [
      "BÁO CÁO CÀI ĐẶT BLUEZONE VÀ QUÉT MÃ QR",
      "QUẬN HOÀN KIẾM",
      "Số liệu ngày 17/08/2021 · Thành phố Hà Nội",
      "Lập lúc 08:00 18/08/2021 bởi Cán bộ quận",
      "150.788",
      "77.113",
      "51,14%",
      "hạng 1/1",
      "206.385",
      "14.698",
      "Phường Phúc Tân",
      "Phường Đồng Xuân",
      "chưa báo cáo",
      "Mục tiêu 60,00%",
      "Không có cảnh báo.",
    ]) {
      expect(text).toContain(expected);
    }
    flat.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${flat.length}`));
  });
});

describe("district report PDF on a partial day (issue 11)", () => {
  // 18/8: the district's sum counts 1 of its 3 wards; W2 has only QR figures (a scan log), W3
  // reported 0 smartphones. The report is made and says so; the district is not ranked.
  const PARTIAL = "2021-08-18";
  const sum = (counted: number) => ({ kind: "sum", counted, total: 3 }) as const;
  const partialTable = buildFigureTable([
    { unitCode: "W1", day: PARTIAL, ...fig({ smartphones: 5_378, installs: 3_264, qrVenues: 415, activeVenues: 37, scans: 418 }) },
    { unitCode: "W2", day: PARTIAL, ...fig({ qrVenues: 350, activeVenues: 0, scans: 0 }) },
    { unitCode: "W3", day: PARTIAL, ...fig({ smartphones: 0, installs: 0, qrVenues: 0, activeVenues: 0, scans: 0 }) },
    {
      unitCode: "002",
      day: PARTIAL,
      ...fig({ smartphones: 5_378, installs: 3_264, qrVenues: 765, activeVenues: 37, scans: 418 }),
      parts: { coverage: sum(2), qr: sum(3), scans: sum(3) },
    },
  ]);
  const partialDashboard = buildDistrictDashboard({
    district,
    city,
    cityDistricts: [district],
    wards,
    table: partialTable,
    day: PARTIAL,
    window: [PARTIAL],
    metric: "coverage",
    compare: [],
    targets: new Map([city, district, ...wards].map((u) => [u.code, sixty])),
  });

  it("names what is missing in a paragraph of its own", () => {
    expect(reportDataNotes(partialDashboard)).toEqual([
      "Số liệu chưa đầy đủ (2/3 phường): Quận Hoàn Kiếm không được xếp hạng trong Thành phố Hà Nội và không đánh giá theo mục tiêu; các tổng chỉ gồm những phường đã có số liệu.",
      // this made-up city has no figure that day: 0 of its 1 district
      "Số liệu của Thành phố Hà Nội chưa đầy đủ (0/1 quận, huyện).",
      "Phường chưa báo cáo (1/3): Phường Phúc Tân.",
      "Phường không có điện thoại thông minh, không có tỷ lệ và không xếp hạng (1): Phường Đồng Xuân.",
    ]);
    // the whole day of the first test: nothing partial, every ward but one reported
    expect(reportDataNotes(dashboard)).toEqual(["Phường chưa báo cáo (1/3): Phường Đồng Xuân."]);
  });

  it("prints the day with 'số liệu chưa đầy đủ (k/n phường)', no rank, no verdict for the silent and the phoneless ward", async () => {
    const bytes = await renderDistrictReportPdf({ dashboard: partialDashboard, alerts: null, generatedAt: new Date("2021-08-18T12:00:00Z"), generatedBy: "Cán bộ quận" });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Số liệu chưa đầy đủ (2/3 phường)");
    expect(flat).toContain("chưa xếp hạng: chưa đủ số liệu (2/3 phường)");
    expect(flat).toContain("Phường chưa báo cáo (1/3): Phường Phúc Tân.");
    expect(flat).toContain("không có điện thoại thông minh");
    expect(flat).not.toMatch(/hạng \d+\/\d+/);
    expect(flat).not.toContain("Chưa đạt");
    expect(flat).not.toContain("Đã đạt");
  });
});
