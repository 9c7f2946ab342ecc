import type { AlertSummary } from "../../figures/alerts.ts";
import { SEVERITY_LABELS } from "../../domain/alerts/types.ts";
import { formatAmountNeeded } from "../../domain/dashboard-format.ts";
import type { FigurePart } from "../../domain/completeness.ts";
import { hasReported, isPartComplete } from "../../domain/completeness.ts";
import type { DistrictDashboard } from "../../domain/district-dashboard.ts";
import { formatCount, formatDay, formatPercent, formatSignedCount, formatPercentPointChange } from "../../domain/format.ts";
import type { UnitDay } from "../../domain/overview.ts";
import { formatVietnamDateTime } from "../../domain/instant-format.ts";
import { TARGET_STATUS_LABELS } from "../../domain/targets.ts";
import { NO_SMARTPHONES_LABEL, noVerdictReason, NOT_REPORTED_LABEL, partCounts } from "../../domain/figure-status.ts";
import { addPageNumbers, createPdf, FONT_BOLD, FONT_REGULAR, MM, pdfToBuffer } from "./document.ts";
import { capitalizeNoun } from "../../domain/dashboard-format.ts";
import { chartTitle, columnBars, columnBarsHeight, contentWidth, heading, horizontalBars, horizontalBarsHeight, table, tableStartHeight, type Column } from "./draw.ts";

// The printable district report (A4): the overview of one day as the dashboard shows it (KPI
// figures, the wards ranked, the ranking / new installs / QR activity charts, the day's alerts),
// with the same labels, since everything comes from the same DistrictDashboard and chart data.
// Pages are numbered "Trang x/y".
//
// A partial day (the district's figure sums only some of its wards) is printed, not refused: the
// report is how an official sees who is missing. It says so under the title ("Số liệu chưa đầy
// đủ (1/18 phường)"), beside every figure that is a partial sum, and gives the district no rank
// and no verdict against its target (docs/dispatch.md). The wards that did not report, and those
// with 0 smartphones, are named in a paragraph of their own.

export type DistrictReportInput = {
  readonly dashboard: DistrictDashboard;
  readonly alerts: AlertSummary | null;
  readonly generatedAt: Date;
  readonly generatedBy: string;
  /**
   * What the district's wards and the city's districts are called, from their types ("phường",
   * "xã, thị trấn"; "quận, huyện, thị xã": lib/domain/unit-wording.ts); "phường" and "quận, huyện"
   * when not told.
   */
  readonly nouns?: ReportNouns;
};

export type ReportNouns = { readonly wards: string; readonly districts: string };

const DEFAULT_NOUNS: ReportNouns = { wards: "phường", districts: "quận, huyện" };

/** "và 65 cảnh báo khác …" under a list of alerts cut to its first rows; null when nothing was cut. */
export function alertsLeftOut(total: number, listed: number): string | null {
  const rest = total - listed;
  return rest > 0 ? `và ${formatCount(rest)} cảnh báo khác (xem đầy đủ tại trang Cảnh báo của WardWatch).` : null;
}

const MARGINS = { top: 18 * MM, bottom: 18 * MM, left: 18 * MM, right: 15 * MM };

/** "k/n phường" of a part of a unit's figure when it is a partial sum; null when whole (or own). */
function partialCount(unit: UnitDay, part: FigurePart, childWord: string, children: number): string | null {
  if (isPartComplete(unit.figure, part)) return null;
  const counts = partCounts(unit.figure, part);
  return counts ? `${counts.counted}/${counts.total} ${childWord}` : `0/${children} ${childWord}`;
}

/** "chưa đủ số liệu (17/18 phường)" beside a partial figure; "" otherwise. */
function partialNote(unit: UnitDay, part: FigurePart, childWord: string, children: number): string {
  const count = partialCount(unit, part, childWord, children);
  return count === null ? "" : `chưa đủ số liệu (${count})`;
}

/**
 * The paragraph under the title: whether the day's figures are whole, which wards did not report
 * ("chưa báo cáo": no install figures from any source) and which have no smartphones. Exported for
 * the tests; every sentence ends with a full stop so the PDF's text can be read back.
 */
export function reportDataNotes(dashboard: DistrictDashboard, nouns: ReportNouns = DEFAULT_NOUNS): string[] {
  const { district, city, wards, wardsNotReported, wardsWithoutSmartphones } = dashboard.overview;
  const n = wards.length;
  const lines: string[] = [];
  const ward = nouns.wards;
  const Ward = capitalizeNoun(ward);
  const coverage = partialCount(district, "coverage", ward, n);
  if (coverage !== null) {
    lines.push(
      `Số liệu chưa đầy đủ (${coverage}): ${district.name} không được xếp hạng trong ${city.name} và không đánh giá theo mục tiêu; các tổng chỉ gồm những ${ward} đã có số liệu.`,
    );
  }
  for (const [part, what] of [
    ["qr", "điểm QR"],
    ["scans", "lượt quét"],
  ] as const) {
    const count = partialCount(district, part, ward, n);
    if (count !== null && count !== coverage) lines.push(`Số liệu ${what} chưa đầy đủ (${count}).`);
  }
  const cityCount = partialCount(city, "coverage", nouns.districts, city.districtCount);
  if (cityCount !== null) lines.push(`Số liệu của ${city.name} chưa đầy đủ (${cityCount}).`);
  lines.push(
    wardsNotReported.length === 0
      ? `Tất cả ${formatCount(n)} ${ward} đã báo cáo.`
      : `${Ward} chưa báo cáo (${formatCount(wardsNotReported.length)}/${formatCount(n)}): ${wardsNotReported.map((w) => w.name).join(", ")}.`,
  );
  if (wardsWithoutSmartphones.length > 0) {
    lines.push(
      `${Ward} không có điện thoại thông minh, không có tỷ lệ và không xếp hạng (${formatCount(wardsWithoutSmartphones.length)}): ${wardsWithoutSmartphones.map((w) => w.name).join(", ")}.`,
    );
  }
  return lines;
}

/** Why the district has no rank in the city, in the report's words. */
function noRankReason(dashboard: DistrictDashboard, nouns: ReportNouns): string {
  const { district, wards } = dashboard.overview;
  switch (district.standing) {
    case "partial":
      return `chưa xếp hạng: ${partialNote(district, "coverage", nouns.wards, wards.length)}`;
    case "no-denominator":
      return `chưa xếp hạng: ${NO_SMARTPHONES_LABEL}`;
    case "missing":
      return "chưa xếp hạng: chưa có số liệu";
    case "ranked":
      return "theo tỷ lệ cài đặt";
  }
}

export async function renderDistrictReportPdf(input: DistrictReportInput): Promise<Buffer> {
  const { dashboard, alerts } = input;
  const nouns = input.nouns ?? DEFAULT_NOUNS;
  const ward = nouns.wards;
  const Ward = capitalizeNoun(ward);
  const { overview, kpis, day, charts } = dashboard;
  const { district, city } = overview;
  const title = `Báo cáo ${district.name} ngày ${formatDay(day)}`;
  const doc = createPdf({ margins: MARGINS, title, author: "WardWatch", subject: "Báo cáo cài đặt Bluezone và quét mã QR" });
  const left = MARGINS.left;
  const width = contentWidth(doc);

  doc.font(FONT_BOLD).fontSize(16).text("BÁO CÁO CÀI ĐẶT BLUEZONE VÀ QUÉT MÃ QR", left, MARGINS.top, { width, align: "center" });
  doc.fontSize(14).text(district.name.toUpperCase(), { width, align: "center" });
  doc.font(FONT_REGULAR).fontSize(11).text(`Số liệu ngày ${formatDay(day)} · ${city.name}`, { width, align: "center" });
  doc.fontSize(9).fillColor("#4b5563").text(`Lập lúc ${formatVietnamDateTime(input.generatedAt)} bởi ${input.generatedBy} (WardWatch)`, { width, align: "center" });
  doc.fillColor("#111827");

  // Whether the figures are whole, and who did not report, before any figure is read.
  const partialDay = !district.coverageComplete;
  doc.moveDown(0.6);
  for (const [i, line] of reportDataNotes(dashboard, nouns).entries()) {
    const alarm = partialDay && i === 0;
    doc
      .font(alarm ? FONT_BOLD : FONT_REGULAR)
      .fontSize(10)
      .fillColor(alarm ? "#b91c1c" : "#111827")
      .text(line, left, doc.y, { width });
  }
  doc.fillColor("#111827");
  const n = overview.wards.length;
  const districtNote = (part: FigurePart) => partialNote(district, part, ward, n);
  const cityNote = (part: FigurePart) => partialNote(city, part, nouns.districts, city.districtCount);
  const join = (...notes: string[]) => notes.filter((x) => x !== "").join(" · ");

  // KPIs, as on the overview's cards.
  const rank = district.rankInCity === null ? "—" : `hạng ${district.rankInCity}/${district.districtsRanked}`;
  const coverageTarget = dashboard.targets.coverage;
  const qrTarget = dashboard.targets.qrActive;
  const kpiColumns: Column[] = [
    { header: "Chỉ số", width: 0.42 },
    { header: "Giá trị", width: 0.2, align: "right" },
    { header: "Ghi chú", width: 0.38 },
  ];
  const kpiRows: string[][] = [
      ["Điện thoại thông minh", formatCount(district.figure?.smartphones ?? null), districtNote("coverage")],
      [
        "Đã cài Bluezone",
        formatCount(district.figure?.installs ?? null),
        join(districtNote("coverage"), partialDay ? "" : `${formatSignedCount(kpis.installsChangeDay)} so với hôm trước`),
      ],
      [
        "Tỷ lệ cài đặt",
        formatPercent(district.coverage),
        join(
          districtNote("coverage"),
          partialDay ? "" : `${formatPercentPointChange(kpis.coverageChangeDay)} so với hôm trước`,
          kpis.coverageStatus ? TARGET_STATUS_LABELS[kpis.coverageStatus] : "",
        ),
      ],
      [`Xếp hạng trong ${city.name}`, rank, noRankReason(dashboard, nouns)],
      ...(coverageTarget
        ? [[`Còn thiếu để đạt mục tiêu ${formatPercent({ num: coverageTarget.basisPoints, den: 10_000 })}`, formatAmountNeeded(kpis.forecast?.gap ?? null, "lượt cài"), ""]]
        : []),
      ["Địa điểm tạo mã QR", formatCount(district.figure?.qrVenues ?? null), districtNote("qr")],
      ["Địa điểm có lượt quét", formatCount(district.figure?.activeVenues ?? null), districtNote("qr")],
      [
        "Tỷ lệ địa điểm có lượt quét",
        formatPercent(district.qrActive),
        join(
          districtNote("qr"),
          qrTarget && isPartComplete(district.figure, "qr")
            ? `Mục tiêu ${formatPercent({ num: qrTarget.basisPoints, den: 10_000 })}: còn thiếu ${formatAmountNeeded(kpis.activeVenuesToTarget, "địa điểm")}`
            : "",
        ),
      ],
      ["Lượt quét trong ngày", formatCount(district.figure?.scans ?? null), districtNote("scans")],
      [`${Ward} không có lượt quét`, formatCount(overview.wardsWithZeroScans.length), overview.wardsWithZeroScans.map((w) => w.name).join(", ")],
      [`${Ward} chưa báo cáo`, formatCount(overview.wardsNotReported.length), overview.wardsNotReported.map((w) => w.name).join(", ")],
      [
        `${Ward} không có điện thoại thông minh`,
        formatCount(overview.wardsWithoutSmartphones.length),
        overview.wardsWithoutSmartphones.map((w) => w.name).join(", "),
      ],
      [`Toàn ${city.name}: lượt cài đặt`, formatCount(city.figure?.installs ?? null), join(`tỷ lệ ${formatPercent(city.coverage)}`, cityNote("coverage"))],
      [
        `Toàn ${city.name}: địa điểm QR`,
        formatCount(city.figure?.qrVenues ?? null),
        join(`${formatCount(city.figure?.activeVenues ?? null)} địa điểm có lượt quét`, cityNote("qr")),
      ],
  ];
  heading(doc, "1. Các chỉ số chính", { keepWithNext: tableStartHeight(doc, kpiColumns, kpiRows, 10) });
  table(doc, kpiColumns, kpiRows, { size: 10 });

  // The wards ranked by coverage.
  const rankingColumns: Column[] = [
      { header: "Hạng", width: 0.06, align: "center" },
      { header: Ward, width: 0.18 },
      { header: "ĐTTM", width: 0.1, align: "right" },
      { header: "Đã cài", width: 0.1, align: "right" },
      { header: "Tỷ lệ cài", width: 0.09, align: "right" },
      { header: "Còn thiếu (mục tiêu)", width: 0.12, align: "right" },
      { header: "Địa điểm QR", width: 0.09, align: "right" },
      { header: "Có lượt quét", width: 0.09, align: "right" },
      { header: "Lượt quét", width: 0.08, align: "right" },
      { header: "Đánh giá", width: 0.09 },
  ];
  const rankingRows = dashboard.wards.map((w) => [
      w.rank === null ? "—" : String(w.rank),
      w.name,
      formatCount(w.figure?.smartphones ?? null),
      formatCount(w.figure?.installs ?? null),
      hasReported(w.figure) ? formatPercent(w.coverage) : NOT_REPORTED_LABEL,
      formatCount(w.installsToTarget),
      formatCount(w.figure?.qrVenues ?? null),
      formatCount(w.figure?.activeVenues ?? null),
      formatCount(w.figure?.scans ?? null),
      // No verdict without a rate: a ward that did not report or has no smartphones says why.
      w.coverageStatus ? TARGET_STATUS_LABELS[w.coverageStatus] : (noVerdictReason(w.figure) ?? "—"),
  ]);
  heading(doc, `2. Xếp hạng các ${ward} theo tỷ lệ cài đặt`, { keepWithNext: tableStartHeight(doc, rankingColumns, rankingRows, 8.5) });
  table(doc, rankingColumns, rankingRows, { size: 8.5 });

  // Charts, from the dashboard's chart data.
  // The heading stays with the first chart's title and plot: never alone at the foot of a page.
  const rankingBarsHeight = horizontalBarsHeight(charts.ranking.length);
  heading(doc, "3. Biểu đồ", { keepWithNext: 14 + 4 + rankingBarsHeight });
  chartTitle(doc, `Tỷ lệ cài đặt của các ${ward}`, 4 + rankingBarsHeight, 0);
  doc.moveDown(0.3);
  horizontalBars(
    doc,
    charts.ranking.map((b) => ({ label: `${b.rankLabel}. ${b.name}`, value: b.value, valueLabel: b.valueLabel, highlighted: b.highlighted })),
    { max: 100, target: charts.rankingTarget },
  );
  chartTitle(doc, "Lượt cài đặt mới mỗi ngày", columnBarsHeight());
  columnBars(
    doc,
    charts.newInstalls.map((p) => ({ label: p.dayShort, value: p.newInstalls, valueLabel: p.newInstallsLabel, highlighted: p.day === day })),
  );
  chartTitle(doc, "Địa điểm có lượt quét mã QR mỗi ngày", columnBarsHeight());
  columnBars(
    doc,
    charts.qrActivity.map((p) => ({ label: p.dayShort, value: p.activeVenues, valueLabel: p.activeVenuesLabel, highlighted: p.day === day })),
  );

  // Alerts of the day.
  const alertColumns: Column[] = [
    { header: "Mức", width: 0.14 },
    { header: Ward, width: 0.2 },
    { header: "Nội dung", width: 0.66 },
  ];
  const alertRows = (alerts?.top ?? []).map((a) => [SEVERITY_LABELS[a.severity], a.ward.name, a.message]);
  heading(doc, "4. Cảnh báo trong ngày", { keepWithNext: 30 + (alertRows.length > 0 ? tableStartHeight(doc, alertColumns, alertRows, 9, 1) : 0) });
  if (alerts === null || alerts.counts.total === 0) {
    doc.font(FONT_REGULAR).fontSize(10).text("Không có cảnh báo.", left, doc.y, { width });
  } else {
    const bySeverity = (Object.keys(SEVERITY_LABELS) as (keyof typeof SEVERITY_LABELS)[])
      .map((s) => `${SEVERITY_LABELS[s]}: ${formatCount(alerts.counts.bySeverity[s])}`)
      .join(" · ");
    doc.font(FONT_REGULAR).fontSize(10).text(`${formatCount(alerts.counts.total)} cảnh báo (${bySeverity}); ${formatCount(alerts.open)} chưa xác nhận.`, left, doc.y, { width });
    doc.moveDown(0.3);
    if (alertRows.length > 0) table(doc, alertColumns, alertRows, { size: 9 });
    // The list is cut to the most severe open alerts: say how many more there are.
    const rest = alertRows.length > 0 ? alertsLeftOut(alerts.counts.total, alertRows.length) : null;
    if (rest !== null) doc.font(FONT_BOLD).fontSize(10).fillColor("#111827").text(rest, left, doc.y + 4, { width });
  }

  addPageNumbers(doc);
  return pdfToBuffer(doc);
}
