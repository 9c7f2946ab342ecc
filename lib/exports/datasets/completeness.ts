import "server-only";
import { ExportRequestError } from "../../errors.ts";
import { canExportDataset } from "../../permissions.ts";
import { TIMELINESS_LABELS } from "../../domain/timeliness.ts";
import { NO_SMARTPHONES_LABEL, NOT_REPORTED_LABEL, SOURCE_CELL_LABELS } from "../../domain/figure-status.ts";
import { FILTER_LABELS } from "../../schemas/exports.ts";
import { vietnamIsoInstant } from "../../documents/cells.ts";
import type { ExportColumn, ExportRow } from "../../documents/table.ts";
import { getCompleteness } from "../../data/completeness.ts";
import { chooseRange, fromArray, resolveScope, scopeFilters, scopeSlug } from "../scope.ts";
import type { DatasetBody, DatasetContext, ExportDatasetModule } from "../types.ts";

const columns: readonly ExportColumn[] = [
  { key: "day", header: "Ngày", type: "day", width: 12 },
  { key: "wardCode", header: "Mã phường", type: "text", width: 10 },
  { key: "wardName", header: "Tên phường", type: "text", width: 24 },
  { key: "status", header: "Tình trạng", type: "text", width: 30 },
  { key: "figuresSource", header: "Nguồn số liệu cài đặt", type: "text", width: 16 },
  { key: "timeliness", header: "Tình hình báo cáo", type: "text", width: 26 },
  { key: "reportStatus", header: "Trạng thái duyệt", type: "text", width: 12 },
  { key: "version", header: "Lần sửa", type: "integer", width: 8 },
  { key: "firstSubmittedAt", header: "Gửi lần đầu lúc", type: "instant", width: 26 },
  { key: "submittedAt", header: "Lưu lần cuối lúc", type: "instant", width: 26 },
];

// Completeness of the ward reports

const REPORT_STATUS_LABELS = { SUBMITTED: "Chờ duyệt", APPROVED: "Đã duyệt" } as const;

async function read({ db: prisma, user, filters, now }: DatasetContext): Promise<DatasetBody> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: false });
  const district = scope.district;
  if (!district) throw new ExportRequestError("Cần chọn một quận.");
  const { from, to } = await chooseRange(prisma, scope, filters);
  const view = await getCompleteness(user, { districtCode: district.code, from, to }, now);
  const visible = new Set(scope.wards.map((w) => w.code));
  const rows: ExportRow[] = [];
  for (const [i, day] of view.days.entries()) {
    for (const row of view.rows) {
      const cell = row.cells[i];
      if (!cell || !visible.has(row.ward.code)) continue;
      rows.push([
        day,
        row.ward.code,
        row.ward.name,
        !cell.reported ? NOT_REPORTED_LABEL : cell.noSmartphones ? NO_SMARTPHONES_LABEL : "",
        cell.figuresSource === null ? null : SOURCE_CELL_LABELS[cell.figuresSource],
        TIMELINESS_LABELS[cell.timeliness],
        cell.status ? REPORT_STATUS_LABELS[cell.status] : null,
        cell.version,
        cell.firstSubmittedAt ? vietnamIsoInstant(cell.firstSubmittedAt) : null,
        cell.submittedAt ? vietnamIsoInstant(cell.submittedAt) : null,
      ]);
    }
  }
  return {
    fileBase: `tinh-hinh-bao-cao-${scopeSlug(scope)}-${from}-${to}`,
    filters: [
      ...scopeFilters(scope),
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
      { label: "Hạn báo cáo", value: JSON.stringify(view.deadline) },
      {
        label: "Ghi chú",
        value:
          "“chưa báo cáo” = phường chưa có số điện thoại thông minh và số máy đã cài từ bất kỳ nguồn nào (số liệu điểm QR từ nhật ký quét không tính); " +
          "đúng hạn / nộp muộn theo lần gửi đầu tiên của phường; số liệu chỉ có từ dữ liệu nhập được tính là đúng hạn",
      },
    ],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

export const completeness: ExportDatasetModule<"completeness"> = {
  id: "completeness",
  label: "Tình hình báo cáo",
  description:
    "Phường đã báo cáo (có số liệu cài đặt từ bất kỳ nguồn nào) đúng hạn, muộn hay chưa báo cáo, theo ngày.",
  filters: ["district", "ward", "from", "to"],
  permission: (user) => canExportDataset(user, "completeness"),
  columns,
  read,
};
