import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it, vi } from "vitest";
import type { AlertSummary } from "../../lib/figures/alerts.ts";
import { dayRange } from "../../lib/domain/days.ts";
import { buildDispatchDocument, runsText } from "../../lib/domain/dispatch-text.ts";
import { buildDistrictDashboard } from "../../lib/domain/district-dashboard.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";
import type { UnitTargets } from "../../lib/domain/targets.ts";
import { renderDispatchDocx } from "../../lib/documents/dispatch/docx.ts";
import { HEADER_LEFT_SHARE, HEADER_STYLE } from "../../lib/documents/dispatch/layout.ts";
import { renderDispatchPdf } from "../../lib/documents/dispatch/pdf.ts";
import { createPdf, FONT_BOLD, MM } from "../../lib/documents/pdf/document.ts";
import { alertsLeftOut, renderDistrictReportPdf } from "../../lib/documents/pdf/district-report.ts";
import { table } from "./dashboard-fixtures.ts";
import { FIGURES, HOAN_KIEM_TEMPLATE } from "./dispatch-fixtures.ts";

// Documents without layout slips (issue 16, part 8), checked on the files' structure and on the
// PDFs' text as pdf.js reads it back page by page and line by line (no office suite needed; the
// rendering through LibreOffice and pdftoppm is scripts/render-documents.sh, docs/dispatch.md):
// - the national title on one line: one DOCX paragraph in a fixed-width column wide enough for it
//   by the font's own metrics (Tinos = Times New Roman's metrics), and one line in the PDF;
// - the same emphasis in the DOCX and the PDF;
// - no heading alone at the foot of a page in the district report;
// - "và N cảnh báo khác" under a cut list of alerts.

// Rendering a PDF and reading it back takes a few seconds on a loaded machine: not a measure here.
vi.setConfig({ testTimeout: 60_000 });

const DOCUMENT = buildDispatchDocument(HOAN_KIEM_TEMPLATE, FIGURES);

type TextItem = { str: string; fontName: string; transform: number[] };

/** The text items of each page, as pdf.js reads them. */
async function pdfItems(bytes: Buffer): Promise<TextItem[][]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: TextItem[][] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push((content.items as TextItem[]).filter((item) => typeof item.str === "string" && item.str.trim() !== ""));
  }
  return pages;
}

/** A page's text line by line: items grouped by their baseline, left to right. */
function linesOf(items: readonly TextItem[]): string[] {
  const byY = new Map<number, TextItem[]>();
  for (const item of items) {
    const y = Math.round(item.transform[5]!);
    byY.set(y, [...(byY.get(y) ?? []), item]);
  }
  return [...byY.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) => row.sort((a, b) => a.transform[4]! - b.transform[4]!).map((i) => i.str).join("").replace(/\s+/g, " ").trim());
}

/** The DOCX's document.xml paragraphs, each as its runs (text and emphasis). */
async function docxParagraphs(bytes: Buffer): Promise<{ xml: string; runs: { text: string; bold: boolean; italic: boolean }[] }[]> {
  const xml = (await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => ({
    xml: p[0],
    runs: [...p[0].matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => ({
      text: [...(r[1] ?? "").matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
      bold: /<w:b\/>|<w:b [^>]*\/>/.test(r[1] ?? ""),
      italic: /<w:i\/>|<w:i [^>]*\/>/.test(r[1] ?? ""),
    })),
  }));
}

describe("the draft dispatch: the national title on one line", () => {
  it("DOCX: one paragraph, 12 pt bold, in a fixed right column its width fits with room to spare", async () => {
    const docx = await renderDispatchDocx(DOCUMENT);
    const paragraphs = await docxParagraphs(docx);
    const title = paragraphs.filter((p) => p.runs.map((r) => r.text).join("").includes("CỘNG HÒA"));
    expect(title).toHaveLength(1);
    expect(title[0]!.runs).toEqual([{ text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, italic: false }]);
    expect(title[0]!.xml).toContain(`<w:sz w:val="${HEADER_STYLE.nationalTitle.size * 2}"/>`);

    const xml = (await (await JSZip.loadAsync(docx)).file("word/document.xml")?.async("string")) ?? "";
    const header = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? "";
    expect(header).toContain('<w:tblLayout w:type="fixed"/>');
    const grid = [...header.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(2);
    const textWidthTwips = 11906 - Math.round(30 * (1440 / 25.4)) - Math.round(15 * (1440 / 25.4));
    expect(grid[0]! + grid[1]!).toBe(textWidthTwips);
    expect(grid[0]! / textWidthTwips).toBeCloseTo(HEADER_LEFT_SHARE, 3);
    // No cell margins: the column's whole width holds the text.
    expect(header).toMatch(/<w:tcMar>[\s\S]*?<w:left w:type="dxa" w:w="0"\/>[\s\S]*?<w:right w:type="dxa" w:w="0"\/>/);

    // By the font's metrics: the title at its size, bold, and the column it must fit in (mm).
    const doc = createPdf({ margins: { top: 0, bottom: 0, left: 0, right: 0 }, title: "x", author: "x" });
    const titleMm = doc.font(FONT_BOLD).fontSize(HEADER_STYLE.nationalTitle.size).widthOfString(DOCUMENT.nationalTitle) / MM;
    const columnMm = (grid[1]! / 1440) * 25.4;
    expect(titleMm).toBeLessThan(columnMm - 8);
    // At 13 pt in the old 60 % column less Word's default cell margins (2 × 1,9 mm) it did not fit.
    expect(doc.fontSize(13).widthOfString(DOCUMENT.nationalTitle) / MM).toBeGreaterThan(0.6 * (textWidthTwips / 1440) * 25.4 - 3.8);
  });

  it("PDF: the title and the motto each on a line of their own, whole", async () => {
    const [first] = await pdfItems(await renderDispatchPdf(DOCUMENT));
    const lines = linesOf(first!);
    expect(lines.some((l) => l.endsWith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))).toBe(true);
    expect(lines.some((l) => l.endsWith("Độc lập - Tự do - Hạnh phúc"))).toBe(true);
  });
});

describe("the draft dispatch: the same emphasis in the DOCX and the PDF", () => {
  it("every bold and italic run of the body is drawn in the bold and italic fonts of the PDF, and nothing else is", async () => {
    const docxBody = (await docxParagraphs(await renderDispatchDocx(DOCUMENT))).filter((p) => p.xml.includes('w:firstLine="'));
    expect(docxBody.map((p) => p.runs.map((r) => r.text).join(""))).toEqual(DOCUMENT.body.map(runsText));
    const emphasised = (key: "bold" | "italic") =>
      docxBody
        .flatMap((p) => p.runs.filter((r) => r[key] && !(key === "bold" && r.italic)))
        .flatMap((r) => r.text.split(/\s+/))
        .filter((w) => w !== "");
    const bold = emphasised("bold");
    const italic = emphasised("italic");
    expect(bold).toEqual(["3.220.382", "150.788", "77.113", "206.385", "14.698"]);
    expect(italic.join(" ")).toContain("đứng thứ 7 trên toàn quốc");

    const pages = await pdfItems(await renderDispatchPdf(DOCUMENT));
    const items = pages.flat();
    // The fonts as the PDF names them: the title is bold, the date line italic, "Kính gửi:" regular.
    const fontOf = (text: string) => items.find((i) => i.str.startsWith(text))?.fontName;
    const boldFont = fontOf("CỘNG HÒA");
    const italicFont = fontOf("Hoàn Kiếm, ngày");
    const regularFont = fontOf("Kính gửi");
    expect(new Set([boldFont, italicFont, regularFont]).size).toBe(3);
    // The body's words (drawn after "Kính gửi" and before "Nơi nhận"), by font.
    const start = items.findIndex((i) => i.str.startsWith("- Chủ tịch UBND"));
    const end = items.findIndex((i) => i.str.startsWith("Nơi nhận"));
    const body = items.slice(start + 1, end);
    const words = (font: string | undefined) => body.filter((i) => i.fontName === font).flatMap((i) => i.str.split(/\s+/)).filter((w) => w !== "");
    expect(words(boldFont)).toEqual(bold);
    expect(words(italicFont)).toEqual(italic);
  });
});

// ── the district report ─────────────────────────────────────────────────────────────────────

const DAY = "2021-08-17";
const DAYS = dayRange("2021-07-19", DAY);
const sixty: UnitTargets = { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } };

function reportDashboard(wardCount: number) {
  const city = { code: "01", name: "Thành phố Hà Nội" };
  const district = { code: "002", name: "Quận Hoàn Kiếm" };
  const wards = Array.from({ length: wardCount }, (_, i) => ({ code: `W${String(i).padStart(2, "0")}`, name: `Phường Số ${i + 1}` }));
  const rows: [string, string, Partial<FigureValues>][] = [];
  DAYS.forEach((day, d) => {
    let phones = 0;
    let installs = 0;
    wards.forEach((w, i) => {
      const p = 6000 + 500 * i;
      const n = Math.round(p * (0.3 + 0.01 * i + 0.005 * d));
      phones += p;
      installs += n;
      rows.push([w.code, day, { smartphones: p, installs: n, qrVenues: 400, activeVenues: 30 + i, scans: 300 + d }]);
    });
    rows.push(["002", day, { smartphones: phones, installs, qrVenues: 400 * wardCount, activeVenues: 40 * wardCount, scans: 300 * wardCount }]);
    rows.push(["01", day, { smartphones: 6_844_000, installs: 3_220_382, qrVenues: 206_385, activeVenues: 14_698 }]);
  });
  return buildDistrictDashboard({
    district,
    city,
    cityDistricts: [district],
    wards,
    table: table(rows),
    day: DAY,
    window: DAYS.slice(1),
    metric: "coverage",
    compare: [],
    targets: new Map([city, district, ...wards].map((u) => [u.code, sixty])),
  });
}

function alertSummary(total: number, listed: number): AlertSummary {
  const top = Array.from({ length: listed }, (_, i) => ({
    severity: "warning" as const,
    ward: { code: `W${String(i).padStart(2, "0")}`, name: `Phường Số ${i + 1}` },
    message: `Dưới mục tiêu tỷ lệ cài đặt ít nhất 30 ngày (cảnh báo ${i + 1}).`,
  }));
  return {
    day: DAY,
    counts: { total, bySeverity: { critical: 0, warning: total, info: 0 }, byRule: new Map() },
    open: total,
    top,
    scanDataGaps: [],
  } as unknown as AlertSummary;
}

const HEADINGS: readonly [RegExp, RegExp][] = [
  [/^1\. Các chỉ số chính$/, /^Chỉ số/],
  [/^2\. Xếp hạng các phường theo tỷ lệ cài đặt$/, /^Hạng/],
  [/^3\. Biểu đồ$/, /^Tỷ lệ cài đặt của các phường$/],
  [/^Lượt cài đặt mới mỗi ngày$/, /^\d/],
  [/^Địa điểm có lượt quét mã QR mỗi ngày$/, /^\d/],
  [/^4\. Cảnh báo trong ngày$/, /cảnh báo \(/],
];

describe("the district report: no heading alone at the foot of a page", () => {
  it("keeps every section heading and chart title on the page of what follows it, whatever the number of wards", async () => {
    // With 6, 8, 22 and 26 wards the old layout left a chart's title alone at a page's foot.
    for (const wards of [6, 8, 14, 18, 22, 26]) {
      const pages = (await pdfItems(await renderDistrictReportPdf({ dashboard: reportDashboard(wards), alerts: alertSummary(40, 10), generatedAt: new Date("2021-08-18T01:00:00Z"), generatedBy: "Cán bộ quận" }))).map(linesOf);
      for (const [heading, next] of HEADINGS) {
        const page = pages.findIndex((lines) => lines.some((l) => heading.test(l)));
        expect(page, `${wards} wards: ${heading}`).toBeGreaterThanOrEqual(0);
        const lines = pages[page]!;
        const after = lines.slice(lines.findIndex((l) => heading.test(l)) + 1).filter((l) => !/^Trang \d+\/\d+$/.test(l));
        expect(after.length, `${wards} wards: "${heading}" is the last line of page ${page + 1}`).toBeGreaterThan(0);
        expect(after[0], `${wards} wards: what follows "${heading}"`).toMatch(next);
      }
    }
  });
});

describe("the district report: a cut list of alerts says how many were left out", () => {
  it("prints 'và 65 cảnh báo khác' under 10 listed alerts of 75, and nothing when all are listed", async () => {
    expect(alertsLeftOut(75, 10)).toBe("và 65 cảnh báo khác (xem đầy đủ tại trang Cảnh báo của WardWatch).");
    expect(alertsLeftOut(10, 10)).toBeNull();
    const text = async (alerts: AlertSummary) =>
      (
        await extractText(
          await getDocumentProxy(new Uint8Array(await renderDistrictReportPdf({ dashboard: reportDashboard(18), alerts, generatedAt: new Date(), generatedBy: "x" }))),
          { mergePages: true },
        )
      ).text.replace(/\s+/g, " ");
    expect(await text(alertSummary(75, 10))).toContain("và 65 cảnh báo khác (xem đầy đủ tại trang Cảnh báo của WardWatch).");
    expect(await text(alertSummary(6, 6))).not.toContain("cảnh báo khác");
  });

  it("names the units by their type: a huyện's report says 'xã, thị trấn', not 'phường'", async () => {
    const bytes = await renderDistrictReportPdf({
      dashboard: reportDashboard(8),
      alerts: null,
      generatedAt: new Date(),
      generatedBy: "x",
      nouns: { wards: "xã, thị trấn", districts: "quận, huyện, thị xã" },
    });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("2. Xếp hạng các xã, thị trấn theo tỷ lệ cài đặt");
    expect(flat).toContain("Tất cả 8 xã, thị trấn đã báo cáo.");
    expect(flat).toContain("Tỷ lệ cài đặt của các xã, thị trấn");
    expect(flat).not.toMatch(/phường(?! Số)/i);
  });
});
