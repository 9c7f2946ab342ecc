import { z } from "zod";
import { isIsoDay } from "../domain/days.ts";
import { FIGURE_FIELDS } from "../domain/figures.ts";
import { UNIT_AUDIT_ACTION_LABELS, UNIT_AUDIT_ACTIONS, UNIT_AUDIT_FIELD_LABELS } from "./units.ts";
import { V } from "./validation.ts";

// Filters of the audit log page, kept in the URL: /admin/audit?action=&unit=&user=&field=&from=&to=&before=

const single = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .refine((v) => !Array.isArray(v), { message: V.singleValue })
  .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined));

export const AUDIT_ACTIONS = [
  "figure.create",
  "figure.update",
  "figure.approve",
  "figure.unlock",
  "user.create",
  "user.update",
  "user.disable",
  "user.enable",
  "user.password_reset",
  "signin.unblock",
  "setting.update",
  "target.update",
  "alert.acknowledge",
  "alert.withdraw_acknowledgement",
  "import.publish",
  "import.rollback",
  "policy_phase.create",
  "policy_phase.delete",
  ...UNIT_AUDIT_ACTIONS,
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: { readonly [A in AuditAction]: string } = {
  "figure.create": "Gửi báo cáo",
  "figure.update": "Sửa báo cáo",
  "figure.approve": "Duyệt báo cáo",
  "figure.unlock": "Mở khoá báo cáo",
  "user.create": "Tạo tài khoản",
  "user.update": "Sửa tài khoản",
  "user.disable": "Khoá tài khoản",
  "user.enable": "Mở lại tài khoản",
  "user.password_reset": "Đặt lại mật khẩu",
  "signin.unblock": "Gỡ chặn đăng nhập",
  "setting.update": "Đổi cài đặt",
  "target.update": "Đổi mục tiêu",
  "alert.acknowledge": "Xác nhận cảnh báo",
  "alert.withdraw_acknowledgement": "Rút lại xác nhận cảnh báo",
  "import.publish": "Nạp tệp dữ liệu",
  "import.rollback": "Hoàn tác lần nhập",
  "policy_phase.create": "Thêm giai đoạn chính sách",
  "policy_phase.delete": "Xoá giai đoạn chính sách",
  ...UNIT_AUDIT_ACTION_LABELS,
};

const optionalDay = single.refine((v) => v === undefined || isIsoDay(v), { message: V.dayFormatShort });

export const AuditParamsSchema = z.object({
  action: single.refine((v) => v === undefined || (AUDIT_ACTIONS as readonly string[]).includes(v), { message: V.actionInvalid }),
  unit: single.refine((v) => v === undefined || /^(\d{2}|\d{3}|\d{5})$/.test(v), { message: V.unitPick }),
  user: single.refine((v) => v === undefined || /^[a-z0-9._-]{1,64}$/.test(v), { message: V.usernameInvalid }),
  field: single.refine((v) => v === undefined || /^[a-zA-Z]{1,40}$/.test(v), { message: V.fieldInvalid }),
  from: optionalDay,
  to: optionalDay,
  /** keyset pagination: entries with an id below this one */
  before: single.refine((v) => v === undefined || /^\d{1,18}$/.test(v), { message: V.pageInvalid }),
});

export type AuditParams = z.output<typeof AuditParamsSchema>;

export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(FIGURE_FIELDS.map((f) => [f, f])),
  smartphones: "Điện thoại thông minh",
  installs: "Lượt cài Bluezone",
  qrVenues: "Địa điểm tạo mã QR",
  activeVenues: "Địa điểm có lượt quét",
  scans: "Lượt quét",
  note: "Ghi chú",
  warnings: "Cảnh báo đã xác nhận",
  status: "Trạng thái",
  displayName: "Họ tên",
  role: "Vai trò",
  unitCode: "Đơn vị",
  disabled: "Đã khoá",
  password: "Mật khẩu",
  value: "Giá trị",
  name: "Tên",
  startDay: "Từ ngày",
  endDay: "Đến ngày",
  ...UNIT_AUDIT_FIELD_LABELS,
};
