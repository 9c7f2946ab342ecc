import type { AlertSummary } from "../../data/alerts.ts";
import { SEVERITY_LABELS } from "../../domain/alerts/types.ts";
import { formatAmountNeeded } from "../../domain/dashboard-format.ts";
import type { DistrictDashboard } from "../../domain/district-dashboard.ts";
import { formatCount, formatDay, formatPercent, formatSignedCount, formatPercentPointChange, NOT_REPORTED_LABEL } from "../../domain/format.ts";
import { formatVietnamDateTime } from "../../domain/instant-format.ts";
import { TARGET_STATUS_LABELS } from "../../domain/targets.ts";
import { addPageNumbers, createPdf, FONT_BOLD, FONT_REGULAR, MM, pdfToBuffer } from "./document.ts";
import { columnBars, contentWidth, heading, horizontalBars, table } from "./draw.ts";

// The printable district report (A4): the overview of one day as the dashboard shows it (KPI
// figures, the wards ranked, the ranking / new installs / QR activity charts, the day's alerts),
// with the same labels, since everything comes from the same DistrictDashboard and chart data.
// Pages are numbered "Trang x/y".

export type DistrictReportInput = {
  readonly dashboard: DistrictDashboard;
  readonly alerts: AlertSummary | null;
  readonly generatedAt: Date;
  readonly generatedBy: string;
};

const MARGINS = { top: 18 * MM, bottom: 18 * MM, left: 18 * MM, right: 15 * MM };

export async function renderDistrictReportPdf(input: DistrictReportInput): Promise<Buffer> {
  const { dashboard, alerts } = input;
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

  // KPIs, as on the overview's cards.
  heading(doc, "1. Các chỉ số chính");
  const rank = district.rankInCity === null ? "—" : `hạng ${district.rankInCity}/${district.districtsRanked}`;
  const coverageTarget = dashboard.targets.coverage;
  const qrTarget = dashboard.targets.qrActive;
  table(
    doc,
    [
      { header: "Chỉ số", width: 0.42 },
      { header: "Giá trị", width: 0.2, align: "right" },
      { header: "Ghi chú", width: 0.38 },
    ],
    [
      ["Điện thoại thông minh", formatCount(district.figure?.smartphones ?? null), ""],
      ["Đã cài Bluezone", formatCount(district.figure?.installs ?? null), `${formatSignedCount(kpis.installsChangeDay)} so với hôm trước`],
      [
        "Tỷ lệ cài đặt",
        formatPercent(district.coverage),
        `${formatPercentPointChange(kpis.coverageChangeDay)} so với hôm trước${kpis.coverageStatus ? ` · ${TARGET_STATUS_LABELS[kpis.coverageStatus]}` : ""}`,
      ],
      [`Xếp hạng trong ${city.name}`, rank, "theo tỷ lệ cài đặt"],
      ...(coverageTarget
        ? [[`Còn thiếu để đạt mục tiêu ${formatPercent({ num: coverageTarget.basisPoints, den: 10_000 })}`, formatAmountNeeded(kpis.forecast?.gap ?? null, "lượt cài"), ""]]
        : []),
      ["Địa điểm tạo mã QR", formatCount(district.figure?.qrVenues ?? null), ""],
      ["Địa điểm có lượt quét", formatCount(district.figure?.activeVenues ?? null), ""],
      [
        "Tỷ lệ địa điểm có lượt quét",
        formatPercent(district.qrActive),
        qrTarget ? `Mục tiêu ${formatPercent({ num: qrTarget.basisPoints, den: 10_000 })}: còn thiếu ${formatAmountNeeded(kpis.activeVenuesToTarget, "địa điểm")}` : "",
      ],
      ["Lượt quét trong ngày", formatCount(district.figure?.scans ?? null), ""],
      ["Phường không có lượt quét", formatCount(overview.wardsWithZeroScans.length), overview.wardsWithZeroScans.map((w) => w.name).join(", ")],
      ["Phường chưa báo cáo", formatCount(overview.wardsNotReported.length), overview.wardsNotReported.map((w) => w.name).join(", ")],
      [`Toàn ${city.name}: lượt cài đặt`, formatCount(city.figure?.installs ?? null), `tỷ lệ ${formatPercent(city.coverage)}`],
      [`Toàn ${city.name}: địa điểm QR`, formatCount(city.figure?.qrVenues ?? null), `${formatCount(city.figure?.activeVenues ?? null)} địa điểm có lượt quét`],
    ],
    { size: 10 },
  );

  // The wards ranked by coverage.
  heading(doc, "2. Xếp hạng các phường theo tỷ lệ cài đặt");
  table(
    doc,
    [
      { header: "Hạng", width: 0.06, align: "center" },
      { header: "Phường", width: 0.18 },
      { header: "ĐTTM", width: 0.1, align: "right" },
      { header: "Đã cài", width: 0.1, align: "right" },
      { header: "Tỷ lệ cài", width: 0.09, align: "right" },
      { header: "Còn thiếu (mục tiêu)", width: 0.12, align: "right" },
      { header: "Địa điểm QR", width: 0.09, align: "right" },
      { header: "Có lượt quét", width: 0.09, align: "right" },
      { header: "Lượt quét", width: 0.08, align: "right" },
      { header: "Đánh giá", width: 0.09 },
    ],
    dashboard.wards.map((w) => [
      w.rank === null ? "—" : String(w.rank),
      w.name,
      formatCount(w.figure?.smartphones ?? null),
      formatCount(w.figure?.installs ?? null),
      w.figure === null ? NOT_REPORTED_LABEL : formatPercent(w.coverage),
      formatCount(w.installsToTarget),
      formatCount(w.figure?.qrVenues ?? null),
      formatCount(w.figure?.activeVenues ?? null),
      formatCount(w.figure?.scans ?? null),
      w.coverageStatus ? TARGET_STATUS_LABELS[w.coverageStatus] : "—",
    ]),
    { size: 8.5 },
  );

  // Charts, from the dashboard's chart data.
  heading(doc, "3. Biểu đồ");
  doc.font(FONT_BOLD).fontSize(10).text("Tỷ lệ cài đặt của các phường", left, doc.y, { width });
  doc.moveDown(0.3);
  horizontalBars(
    doc,
    charts.ranking.map((b) => ({ label: `${b.rankLabel}. ${b.name}`, value: b.value, valueLabel: b.valueLabel, highlighted: b.highlighted })),
    { max: 100, target: charts.rankingTarget },
  );
  doc.font(FONT_BOLD).fontSize(10).text("Lượt cài đặt mới mỗi ngày", left, doc.y + 6, { width });
  columnBars(
    doc,
    charts.newInstalls.map((p) => ({ label: p.dayShort, value: p.newInstalls, valueLabel: p.newInstallsLabel, highlighted: p.day === day })),
  );
  doc.font(FONT_BOLD).fontSize(10).text("Địa điểm có lượt quét mã QR mỗi ngày", left, doc.y + 6, { width });
  columnBars(
    doc,
    charts.qrActivity.map((p) => ({ label: p.dayShort, value: p.activeVenues, valueLabel: p.activeVenuesLabel, highlighted: p.day === day })),
  );

  // Alerts of the day.
  heading(doc, "4. Cảnh báo trong ngày");
  if (alerts === null || alerts.counts.total === 0) {
    doc.font(FONT_REGULAR).fontSize(10).text("Không có cảnh báo.", left, doc.y, { width });
  } else {
    const bySeverity = (Object.keys(SEVERITY_LABELS) as (keyof typeof SEVERITY_LABELS)[])
      .map((s) => `${SEVERITY_LABELS[s]}: ${formatCount(alerts.counts.bySeverity[s])}`)
      .join(" · ");
    doc.font(FONT_REGULAR).fontSize(10).text(`${formatCount(alerts.counts.total)} cảnh báo (${bySeverity}); ${formatCount(alerts.open)} chưa xác nhận.`, left, doc.y, { width });
    doc.moveDown(0.3);
    if (alerts.top.length > 0) {
      table(
        doc,
        [
          { header: "Mức", width: 0.14 },
          { header: "Phường", width: 0.2 },
          { header: "Nội dung", width: 0.66 },
        ],
        alerts.top.map((a) => [SEVERITY_LABELS[a.severity], a.ward.name, a.message]),
        { size: 9 },
      );
    }
  }

  addPageNumbers(doc);
  return pdfToBuffer(doc);
}
