// The three kinds of files WardWatch imports, their columns and the words used for them.
// Pure: shared by the import pipeline, the CLI, the admin page and docs/imports.md.

export const IMPORT_KINDS = ["QR_SCAN_LOG", "VENUE_REGISTER", "INSTALL_STATS"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "DUPLICATE", "ROLLED_BACK"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_KIND_LABELS: { readonly [K in ImportKind]: string } = {
  QR_SCAN_LOG: "Nhật ký quét mã QR",
  VENUE_REGISTER: "Danh sách địa điểm có mã QR",
  INSTALL_STATS: "Thống kê cài đặt Bluezone",
};

export const IMPORT_STATUS_LABELS: { readonly [S in ImportStatus]: string } = {
  RUNNING: "Đang nạp",
  SUCCEEDED: "Đã nạp",
  FAILED: "Thất bại",
  DUPLICATE: "Trùng tệp đã nạp",
  ROLLED_BACK: "Không còn hiệu lực",
};

/** Names accepted on the command line (`npm run import -- qr-scan-log file.csv`). */
export const IMPORT_KIND_SLUGS: { readonly [slug: string]: ImportKind } = {
  "qr-scan-log": "QR_SCAN_LOG",
  scans: "QR_SCAN_LOG",
  "venue-register": "VENUE_REGISTER",
  venues: "VENUE_REGISTER",
  "install-stats": "INSTALL_STATS",
  installs: "INSTALL_STATS",
};

export function parseImportKind(value: string): ImportKind | null {
  const upper = value.trim().toUpperCase().replace(/-/g, "_");
  if ((IMPORT_KINDS as readonly string[]).includes(upper)) return upper as ImportKind;
  return IMPORT_KIND_SLUGS[value.trim().toLowerCase()] ?? null;
}

export type ColumnSpec = {
  /** the header name (lower case; matched case-insensitively, surrounding spaces ignored) */
  readonly name: string;
  readonly required: boolean;
  /** Vietnamese name, used in messages */
  readonly label: string;
  /** type and rule, for the docs */
  readonly type: string;
  readonly example: string;
};

export const IMPORT_COLUMNS: { readonly [K in ImportKind]: readonly ColumnSpec[] } = {
  QR_SCAN_LOG: [
    { name: "venue_code", required: true, label: "mã địa điểm", type: "chuỗi, mã của một địa điểm đã có trong danh sách", example: "HK-00049-0007" },
    {
      name: "scanned_at",
      required: true,
      label: "thời điểm quét",
      type: "ISO 8601 có múi giờ: YYYY-MM-DDTHH:MM[:SS[.mmm]](Z hoặc +07:00)",
      example: "2021-08-14T08:30:00+07:00",
    },
    { name: "device_hash", required: false, label: "mã thiết bị ẩn danh", type: "tuỳ chọn; ký tự ASCII in được, tối đa 128", example: "9f2c4e1a" },
  ],
  VENUE_REGISTER: [
    { name: "venue_code", required: true, label: "mã địa điểm", type: "chuỗi 1–40 ký tự, không trùng trong tệp", example: "HK-00049-0007" },
    { name: "name", required: true, label: "tên địa điểm", type: "chuỗi 1–300 ký tự", example: "Chợ Hàng Da" },
    { name: "address", required: false, label: "địa chỉ", type: "chuỗi tối đa 500 ký tự, có thể trống", example: "2 Hàng Da, Hoàn Kiếm" },
    {
      name: "category",
      required: true,
      label: "loại địa điểm",
      type: "AGENCY, BUSINESS, MARKET, SCHOOL, HEALTH_FACILITY, WARD_OFFICE, OTHER (hoặc tên tiếng Việt)",
      example: "MARKET",
    },
    { name: "ward_code", required: true, label: "mã phường", type: "mã phường, xã (Tổng cục Thống kê) đã có trong hệ thống", example: "00049" },
    { name: "registered_on", required: true, label: "ngày đăng ký", type: "ngày YYYY-MM-DD", example: "2021-07-20" },
    { name: "status", required: false, label: "trạng thái", type: "ACTIVE, SUSPENDED, CLOSED (hoặc tên tiếng Việt); trống = ACTIVE", example: "ACTIVE" },
  ],
  INSTALL_STATS: [
    { name: "unit_code", required: true, label: "mã đơn vị", type: "mã đơn vị hành chính ở bất kỳ cấp nào (VN, 01, 002, 00049)", example: "00049" },
    { name: "day", required: true, label: "ngày", type: "ngày YYYY-MM-DD", example: "2021-08-17" },
    { name: "smartphones", required: true, label: "số điện thoại thông minh", type: "số nguyên ≥ 0, viết liền", example: "8412" },
    { name: "installs", required: true, label: "số lượt cài Bluezone (luỹ kế)", type: "số nguyên ≥ 0, không lớn hơn số điện thoại", example: "4310" },
  ],
};

export const VENUE_CATEGORIES = ["AGENCY", "BUSINESS", "MARKET", "SCHOOL", "HEALTH_FACILITY", "WARD_OFFICE", "OTHER"] as const;
export type VenueCategory = (typeof VENUE_CATEGORIES)[number];

export const VENUE_STATUSES = ["ACTIVE", "SUSPENDED", "CLOSED"] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

/** Vietnamese names accepted for categories (compared without case and diacritics). */
const CATEGORY_NAMES: { readonly [name: string]: VenueCategory } = {
  "co quan": "AGENCY",
  "co quan nha nuoc": "AGENCY",
  "doanh nghiep": "BUSINESS",
  "co so kinh doanh": "BUSINESS",
  "kinh doanh": "BUSINESS",
  cho: "MARKET",
  "truong hoc": "SCHOOL",
  truong: "SCHOOL",
  "co so y te": "HEALTH_FACILITY",
  "y te": "HEALTH_FACILITY",
  "tru so ubnd phuong": "WARD_OFFICE",
  "ubnd phuong": "WARD_OFFICE",
  khac: "OTHER",
};

const STATUS_NAMES: { readonly [name: string]: VenueStatus } = {
  "hoat dong": "ACTIVE",
  "dang hoat dong": "ACTIVE",
  "tam dung": "SUSPENDED",
  "tam ngung": "SUSPENDED",
  "da dong": "CLOSED",
  "dong cua": "CLOSED",
  "ngung hoat dong": "CLOSED",
};

/** "Cơ sở y tế" → "co so y te" */
export function foldVietnamese(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function parseVenueCategory(value: string): VenueCategory | null {
  const upper = value.trim().toUpperCase();
  if ((VENUE_CATEGORIES as readonly string[]).includes(upper)) return upper as VenueCategory;
  return CATEGORY_NAMES[foldVietnamese(value)] ?? null;
}

export function parseVenueStatus(value: string): VenueStatus | null {
  const trimmed = value.trim();
  if (trimmed === "") return "ACTIVE";
  const upper = trimmed.toUpperCase();
  if ((VENUE_STATUSES as readonly string[]).includes(upper)) return upper as VenueStatus;
  return STATUS_NAMES[foldVietnamese(value)] ?? null;
}
