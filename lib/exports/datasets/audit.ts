import "server-only";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { ExportRequestError, ForbiddenError } from "../../errors.ts";
import { canExportDataset, canViewAuditLog, canViewDistrict, readsEveryUnit } from "../../permissions.ts";
import { addDays, type IsoDay } from "../../domain/days.ts";
import { AUDIT_ACTION_LABELS, type AuditAction } from "../../schemas/audit-params.ts";
import { FILTER_LABELS } from "../../schemas/exports.ts";
import { vietnamIsoInstant } from "../../documents/cells.ts";
import type { ExportColumn, ExportRow } from "../../documents/table.ts";
import { listAuditEntries } from "../../data/audit.ts";
import { fromArray } from "../scope.ts";
import type { DatasetBody, DatasetContext, ExportDatasetModule } from "../types.ts";

const columns: readonly ExportColumn[] = [
  { key: "id", header: "Mã", type: "text", width: 8 },
  { key: "at", header: "Thời điểm", type: "instant", width: 26 },
  { key: "username", header: "Tài khoản", type: "text", width: 16 },
  { key: "userDisplayName", header: "Người thực hiện", type: "text", width: 24 },
  { key: "action", header: "Thao tác", type: "text", width: 20 },
  { key: "unitCode", header: "Mã đơn vị", type: "text", width: 10 },
  { key: "unitName", header: "Tên đơn vị", type: "text", width: 24 },
  { key: "day", header: "Ngày số liệu", type: "day", width: 12 },
  { key: "fields", header: "Trường thay đổi", type: "text", width: 24 },
  { key: "before", header: "Trước", type: "text", width: 40 },
  { key: "after", header: "Sau", type: "text", width: 40 },
  { key: "reason", header: "Lý do", type: "text", width: 30 },
];

// Audit log (admins; district officials: the own district and its wards; city officials: the province)

function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

async function read({ db: prisma, user, filters }: DatasetContext): Promise<DatasetBody> {
  if (!canViewAuditLog(user)) throw new ForbiddenError("Bạn không có quyền xem nhật ký thay đổi.");
  if (filters.district !== undefined && !canViewDistrict(user, filters.district)) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của quận mình.");
  if ((filters.from === undefined) !== (filters.to === undefined)) throw new ExportRequestError("Cần cả ngày bắt đầu (from) và ngày kết thúc (to).");
  const to = filters.to ?? (await latestAuditDay(prisma));
  const from = filters.from ?? addDays(to, -6);
  const unit = filters.ward;
  // A district means the district and its wards (the audit filter itself takes one unit code).
  const inDistrict =
    filters.district !== undefined && filters.ward === undefined
      ? new Set([filters.district, ...(await prisma.unit.findMany({ where: { parentCode: filters.district }, select: { code: true } })).map((u) => u.code)])
      : null;
  const rows: ExportRow[] = [];
  let before: string | undefined;
  do {
    const page = await listAuditEntries(user, { action: undefined, unit, user: undefined, field: undefined, from, to, before });
    for (const e of page.entries) {
      if (inDistrict !== null && (e.unitCode === null || !inDistrict.has(e.unitCode))) continue;
      rows.push([
        e.id,
        vietnamIsoInstant(e.at),
        e.username,
        e.userDisplayName,
        isAuditAction(e.action) ? AUDIT_ACTION_LABELS[e.action] : e.action,
        e.unitCode,
        e.unitName,
        e.day,
        e.fields.join(", "),
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
        e.reason,
      ]);
    }
    before = page.nextBefore ?? undefined;
  } while (before !== undefined);
  return {
    fileBase: `nhat-ky-thay-doi-${unit ?? filters.district ?? "tat-ca"}-${from}-${to}`,
    filters: [
      {
        label: FILTER_LABELS.district,
        value:
          filters.district ??
          (readsEveryUnit(user) ? "Tất cả" : user.role === "CITY_OFFICIAL" ? "Tất cả (tỉnh, thành phố của bạn)" : (user.districtCode ?? "")),
      },
      { label: FILTER_LABELS.ward, value: filters.ward ?? "Tất cả" },
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
    ],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

async function latestAuditDay(prisma: PrismaClient): Promise<IsoDay> {
  const [row] = await prisma.$queryRaw<{ last: string | null }[]>(Prisma.sql`
    SELECT to_char(max(at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS last FROM audit_log`);
  if (!row?.last) throw new ExportRequestError("Nhật ký thay đổi chưa có mục nào.");
  return row.last;
}

export const audit: ExportDatasetModule<"audit"> = {
  id: "audit",
  label: "Nhật ký thay đổi",
  description:
    "Mọi thay đổi số liệu, tài khoản, cài đặt trong khoảng ngày đã chọn.",
  filters: ["district", "ward", "from", "to"],
  permission: (user) => canExportDataset(user, "audit"),
  columns,
  read,
};
