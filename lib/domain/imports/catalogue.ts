// The kinds of files WardWatch imports and the words used for them: the one list of kinds
// (IMPORT_KINDS, matching the "ImportKind" enum of prisma/schema.prisma). Pure, so that client
// components can show the names; what each kind does is in its module (lib/imports/kinds/).

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

/**
 * Names accepted on the command line (`npm run import -- qr-scan-log file.csv`). A Map, not an
 * object: a name typed by someone ("constructor", "__proto__") must not find Object.prototype's.
 */
export const IMPORT_KIND_SLUGS: ReadonlyMap<string, ImportKind> = new Map<string, ImportKind>([
  ["qr-scan-log", "QR_SCAN_LOG"],
  ["scans", "QR_SCAN_LOG"],
  ["venue-register", "VENUE_REGISTER"],
  ["venues", "VENUE_REGISTER"],
  ["install-stats", "INSTALL_STATS"],
  ["installs", "INSTALL_STATS"],
]);

export function parseImportKind(value: string): ImportKind | null {
  const upper = value.trim().toUpperCase().replace(/-/g, "_");
  const kind = IMPORT_KINDS.find((k) => k === upper);
  if (kind) return kind;
  return IMPORT_KIND_SLUGS.get(value.trim().toLowerCase()) ?? null;
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
