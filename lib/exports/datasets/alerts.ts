import "server-only";
import { canExportDataset } from "../../permissions.ts";
import { ALERT_RULES } from "../../domain/alerts/registry.ts";
import { SEVERITY_LABELS } from "../../domain/alerts/types.ts";
import { FILTER_LABELS } from "../../schemas/exports.ts";
import type { ExportColumn, ExportRow } from "../../documents/table.ts";
import { getAlertCentre } from "../../data/alerts.ts";
import { fromArray, resolveScope, scopeFilters, scopeSlug } from "../scope.ts";
import type { DatasetBody, DatasetContext, ExportDatasetModule } from "../types.ts";

const columns: readonly ExportColumn[] = [
  { key: "day", header: "Ngày", type: "day", width: 12 },
  { key: "districtCode", header: "Mã quận", type: "text", width: 8 },
  { key: "wardCode", header: "Mã phường", type: "text", width: 10 },
  { key: "wardName", header: "Tên phường", type: "text", width: 24 },
  { key: "severity", header: "Mức độ", type: "text", width: 12 },
  { key: "rule", header: "Loại cảnh báo", type: "text", width: 28 },
  { key: "message", header: "Nội dung", type: "text", width: 60 },
  { key: "daysInLast30", header: "Số ngày trong 30 ngày qua", type: "integer", width: 12 },
  { key: "acknowledged", header: "Xác nhận", type: "text", width: 14 },
  { key: "acknowledgedBy", header: "Người xác nhận", type: "text", width: 20 },
  { key: "ackNote", header: "Ghi chú xác nhận", type: "text", width: 40 },
];

// Alerts of a day (every page of the alert centre)

async function read({ db: prisma, user, filters, now }: DatasetContext): Promise<DatasetBody> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: true });
  const params = { day: filters.day, district: scope.district?.code, ward: scope.ward?.code, rule: undefined, severity: undefined, status: undefined };
  const first = await getAlertCentre(user, { ...params, page: 1 }, now);
  const alerts = [...first.alerts];
  for (let page = 2; page <= first.pageCount; page++) {
    alerts.push(...(await getAlertCentre(user, { ...params, day: first.day, page }, now)).alerts);
  }
  const labels = new Map(ALERT_RULES.map((r) => [r.id, r.label]));
  const rows: ExportRow[] = alerts.map((a) => [
    a.day,
    a.ward.districtCode,
    a.ward.code,
    a.ward.name,
    SEVERITY_LABELS[a.severity],
    labels.get(a.ruleId) ?? a.ruleId,
    a.message,
    a.streak === null ? null : a.daysInLast30,
    a.ack ? "Đã xác nhận" : "Chưa xác nhận",
    a.ack?.by.displayName ?? null,
    a.ack?.note ?? null,
  ]);
  return {
    fileBase: `canh-bao-${scopeSlug(scope)}-${first.day}`,
    filters: [...scopeFilters(scope), { label: FILTER_LABELS.day, value: first.day }],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

export const alerts: ExportDatasetModule<"alerts"> = {
  id: "alerts",
  label: "Cảnh báo",
  description:
    "Các cảnh báo của ngày đã chọn và việc xác nhận.",
  filters: ["district", "ward", "day"],
  permission: (user) => canExportDataset(user, "alerts"),
  columns,
  read,
};
