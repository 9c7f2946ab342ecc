// Who may do what: pure functions of the signed-in user and the unit (or record) concerned.
// The data layer calls them before every read or write, and every server action and route handler
// goes through the data layer, so hiding a button or a menu entry is a convenience, never the gate.
//
// Roles:
// - ADMIN: everything, including user management and settings.
// - DISTRICT_OFFICIAL: reads everything of the own district and the city's figures; approves and
//   unlocks the district's ward reports; does not enter figures.
// - WARD_CHAIR: reads the own district's rankings and completeness; writes only the own ward's
//   report, and only while it is not approved.
// - CITY_OFFICIAL (the city's steering committee, Sở TT&TT): attached to a province;
//   reads every district of it (overview, ward pages, completeness, reports, alerts, exports, the
//   district report PDF, the audit log) and the city ranking. Changes nothing: does not enter,
//   approve or unlock reports, acknowledge alerts, or change targets, settings, users or imports;
//   does not issue a district's own documents (the draft dispatch and its template).
// - NATIONAL_OFFICIAL (the national steering committee, Ban Chỉ đạo quốc gia / Bộ TT&TT, issue 18):
//   attached to the country unit; reads what an admin reads (the country, every province, district
//   and ward, alerts, reports, exports of any scope, the audit log's entries about units) and, like
//   a city official, changes nothing: no entry, approval, unlock, acknowledgement, target, setting,
//   account, unit, import or district document. ADR 030.

export const ROLES = ["ADMIN", "NATIONAL_OFFICIAL", "CITY_OFFICIAL", "DISTRICT_OFFICIAL", "WARD_CHAIR"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: { readonly [R in Role]: string } = {
  ADMIN: "Quản trị viên",
  NATIONAL_OFFICIAL: "Cán bộ Ban Chỉ đạo quốc gia",
  CITY_OFFICIAL: "Cán bộ thành phố",
  DISTRICT_OFFICIAL: "Cán bộ quận",
  WARD_CHAIR: "Chủ tịch UBND phường",
};

/** The unit level each role is attached to (admins have none). */
export const ROLE_UNIT_LEVEL: { readonly [R in Role]: UnitLevel | null } = {
  ADMIN: null,
  NATIONAL_OFFICIAL: "COUNTRY",
  CITY_OFFICIAL: "PROVINCE",
  DISTRICT_OFFICIAL: "DISTRICT",
  WARD_CHAIR: "WARD",
};

/** Why a city official is refused any change (the data layer's ForbiddenError message). */
export const CITY_OFFICIAL_READ_ONLY = "Cán bộ thành phố chỉ được xem số liệu, báo cáo và cảnh báo, không được sửa, duyệt hay thay đổi cài đặt.";

/** Why a national official is refused any change (the data layer's ForbiddenError message). */
export const NATIONAL_OFFICIAL_READ_ONLY =
  "Cán bộ Ban Chỉ đạo quốc gia chỉ được xem số liệu, báo cáo và cảnh báo của cả nước, không được sửa, duyệt hay thay đổi cài đặt.";

/** The read-only roles' refusal of a change they could see (null for the roles that change things). */
export function readOnlyRefusal(user: SessionUser): string | null {
  if (user.role === "CITY_OFFICIAL") return CITY_OFFICIAL_READ_ONLY;
  if (user.role === "NATIONAL_OFFICIAL") return NATIONAL_OFFICIAL_READ_ONLY;
  return null;
}

/** The signed-in user as the server knows it (loaded from the database on every request). */
export type SessionUser = {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /**
   * the ward of a ward chair, the district of a district official, the province of a city
   * official, the country unit of a national official (not a scope: it reads every unit), null
   * for an admin
   */
  readonly unitCode: string | null;
  /**
   * The district the user belongs to: the ward's parent for a ward chair, the own unit for an
   * official. For a city official, only the district pages open on when none is named (the
   * district of the province's first ward with figures, else its first district): not a scope.
   * Null for an admin and a national official, whose district pages open on the default district.
   */
  readonly districtCode: string | null;
  /**
   * A city official's scope: every district of the province (`unitCode`), loaded from the unit
   * table with the session on every request (lib/auth/accounts-store.ts). Absent for the other roles; a
   * city official without it (or with it empty) may see no district.
   */
  readonly provinceDistrictCodes?: readonly string[];
};

export type UnitLevel = "COUNTRY" | "PROVINCE" | "DISTRICT" | "WARD";
export type UnitRef = { readonly code: string; readonly level: UnitLevel; readonly parentCode: string | null };

export type ReportRef = { readonly status: "SUBMITTED" | "APPROVED" | null };

const isAdmin = (user: SessionUser) => user.role === "ADMIN";

/**
 * Reads every unit of the country: admins and national officials. The read scope only: what a
 * national official may change is decided by each canX, and it is nothing.
 */
export function readsEveryUnit(user: SessionUser): boolean {
  return user.role === "ADMIN" || user.role === "NATIONAL_OFFICIAL";
}

function isOwnWard(user: SessionUser, ward: UnitRef): boolean {
  return user.role === "WARD_CHAIR" && ward.level === "WARD" && user.unitCode !== null && ward.code === user.unitCode;
}

function isOfficialOfWard(user: SessionUser, ward: UnitRef): boolean {
  return (
    user.role === "DISTRICT_OFFICIAL" && ward.level === "WARD" && user.unitCode !== null && ward.parentCode === user.unitCode
  );
}

/** A district of the city official's province (the scope loaded with the session). */
export function isCityOfficialOfDistrict(user: SessionUser, districtCode: string | null): boolean {
  return (
    user.role === "CITY_OFFICIAL" &&
    user.unitCode !== null &&
    districtCode !== null &&
    (user.provinceDistrictCodes ?? []).includes(districtCode)
  );
}

function isCityOfficialOfWard(user: SessionUser, ward: UnitRef): boolean {
  return ward.level === "WARD" && isCityOfficialOfDistrict(user, ward.parentCode);
}

/**
 * The districts a user may see: null for every district (admins, national officials), else the codes (a city
 * official's province, an official's or chair's own district). For lists and pickers; single
 * checks use canViewDistrict.
 */
export function viewableDistrictCodes(user: SessionUser): readonly string[] | null {
  if (readsEveryUnit(user)) return null;
  if (user.role === "CITY_OFFICIAL") return user.unitCode === null ? [] : (user.provinceDistrictCodes ?? []);
  return user.districtCode === null ? [] : [user.districtCode];
}

/** District pages: overview, rankings, completeness of the district's wards. */
export function canViewDistrict(user: SessionUser, districtCode: string): boolean {
  if (readsEveryUnit(user)) return true;
  if (user.role === "CITY_OFFICIAL") return isCityOfficialOfDistrict(user, districtCode);
  return user.districtCode !== null && user.districtCode === districtCode;
}

/**
 * The city's figures and the ranking of its districts (the city of a district the user may see:
 * the data layer checks that district with canViewDistrict).
 */
export function canViewCity(user: SessionUser): boolean {
  return readsEveryUnit(user) || user.role === "DISTRICT_OFFICIAL" || user.role === "CITY_OFFICIAL";
}

/**
 * The country's figures and the ranking of its provinces (issue 18): admins, national officials
 * (the page they land on), and a city official (their province picked out, as a district official
 * sees the city's ranking).
 */
export function canViewCountry(user: SessionUser): boolean {
  return readsEveryUnit(user) || user.role === "CITY_OFFICIAL";
}

/**
 * One province's figures and the ranking of its districts: admins, national officials, the province's city
 * officials, and the officials of one of its districts (`districtCodes`: the province's districts,
 * loaded by the data layer) — who see that ranking on the city page already.
 */
export function canViewProvince(user: SessionUser, province: { readonly code: string; readonly districtCodes: readonly string[] }): boolean {
  if (readsEveryUnit(user)) return true;
  if (user.role === "CITY_OFFICIAL") return user.unitCode !== null && user.unitCode === province.code;
  if (user.role === "DISTRICT_OFFICIAL") return user.districtCode !== null && province.districtCodes.includes(user.districtCode);
  return false;
}

/**
 * A download of one whole province (every ward of its districts, issue 18): admins, national
 * officials (any province), and the province's city officials. A district official downloads the own district only, even though
 * the province's ranking is open to them.
 */
export function canExportProvince(user: SessionUser, provinceCode: string): boolean {
  if (readsEveryUnit(user)) return true;
  return user.role === "CITY_OFFICIAL" && user.unitCode !== null && user.unitCode === provinceCode && (user.provinceDistrictCodes ?? []).length > 0;
}

/**
 * The ward chairs' names and phone numbers on the completeness page ("who to chase", issue 16):
 * those who oversee the district's reporting (admins, its officials, the province's city
 * officials, national officials); a ward chair sees the other wards' status, not their chairs' phones.
 */
export function canViewWardContacts(user: SessionUser, districtCode: string): boolean {
  return user.role !== "WARD_CHAIR" && canViewDistrict(user, districtCode);
}

/** A ward's report as a record: figures entered, note, warnings, who submitted and approved it. */
export function canViewWardReport(user: SessionUser, ward: UnitRef): boolean {
  if (ward.level !== "WARD") return false;
  return readsEveryUnit(user) || isOwnWard(user, ward) || isOfficialOfWard(user, ward) || isCityOfficialOfWard(user, ward);
}

/** Create a ward's report for a day (admins may enter on a ward's behalf; never a city or national official). */
export function canSubmitReport(user: SessionUser, ward: UnitRef): boolean {
  if (ward.level !== "WARD") return false;
  return isAdmin(user) || isOwnWard(user, ward);
}

/** Change an existing report: as for submitting, and only while it is not approved (unlock first). */
export function canEditReport(user: SessionUser, ward: UnitRef, report: ReportRef): boolean {
  return canSubmitReport(user, ward) && report.status !== "APPROVED";
}

export function canApproveReport(user: SessionUser, ward: UnitRef): boolean {
  if (ward.level !== "WARD") return false;
  return isAdmin(user) || isOfficialOfWard(user, ward);
}

/** Unlock an approved report so that it can be corrected (always with a reason). */
export function canUnlockReport(user: SessionUser, ward: UnitRef): boolean {
  return canApproveReport(user, ward);
}

/** Approve every submitted report of a district for a day. */
export function canApproveDistrictDay(user: SessionUser, district: UnitRef): boolean {
  if (district.level !== "DISTRICT") return false;
  return isAdmin(user) || (user.role === "DISTRICT_OFFICIAL" && user.unitCode === district.code);
}

/** Browse the audit log at all (entries are then filtered by canViewAuditEntry). */
export function canViewAuditLog(user: SessionUser): boolean {
  return readsEveryUnit(user) || user.role === "DISTRICT_OFFICIAL" || user.role === "CITY_OFFICIAL";
}

/**
 * Audit entities about account management (accounts created, changed, disabled, passwords reset,
 * sign-in blocks cleared): admins' business only, whatever unit the account belongs to.
 */
export const ACCOUNT_AUDIT_ENTITIES: readonly string[] = ["user", "sign_in_block"];

/**
 * One audit entry: admins see all; a district official sees entries about the own district or its
 * wards; a city official entries about the province, its districts and their wards; a national
 * official entries about any unit. None of them sees entries about settings, which have no unit,
 * nor account management (ACCOUNT_AUDIT_ENTITIES), which carries the account's unit but is about
 * the account, not the unit.
 */
export function canViewAuditEntry(user: SessionUser, entryUnit: UnitRef | null, entity: string): boolean {
  if (isAdmin(user)) return true;
  if (ACCOUNT_AUDIT_ENTITIES.includes(entity)) return false;
  if (user.role === "NATIONAL_OFFICIAL") return entryUnit !== null;
  if (user.unitCode === null || entryUnit === null) return false;
  if (user.role === "CITY_OFFICIAL") {
    if (entryUnit.level === "PROVINCE") return entryUnit.code === user.unitCode;
    if (entryUnit.level === "DISTRICT") return isCityOfficialOfDistrict(user, entryUnit.code);
    return isCityOfficialOfWard(user, entryUnit);
  }
  if (user.role !== "DISTRICT_OFFICIAL") return false;
  return entryUnit.code === user.unitCode || (entryUnit.level === "WARD" && entryUnit.parentCode === user.unitCode);
}

export function canManageUsers(user: SessionUser): boolean {
  return isAdmin(user);
}

/** Record and remove policy phases (the bands on the time charts): admins. */
export function canManagePolicyPhases(user: SessionUser): boolean {
  return isAdmin(user);
}

/** Settings such as the report deadline. */
export function canChangeSettings(user: SessionUser): boolean {
  return isAdmin(user);
}

export type UserChange = "create" | "update" | "disable" | "enable" | "reset-password";

/**
 * A change an admin makes to an account. An admin cannot disable, demote or re-attach their own
 * account (so the district is never left without an admin by mistake); another admin must do it.
 */
export function canChangeUser(actor: SessionUser, change: UserChange, target: { id: number } | null): boolean {
  if (!isAdmin(actor)) return false;
  if (change === "create") return target === null;
  if (target === null) return false;
  if (target.id === actor.id) return change === "reset-password";
  return true;
}

/** Import national systems' exports, list the imports and roll one back: admins only. */
export function canImport(user: SessionUser): boolean {
  return user.role === "ADMIN";
}

/**
 * The documents a district issues (the draft dispatch, and the district's dispatch template):
 * admins for any district, district officials for their own. Ward chairs and city officials do
 * not issue a district's documents (a city official reads the district report: canExportDistrictReport).
 */
export function canExportDistrictDocuments(user: SessionUser, districtCode: string): boolean {
  if (isAdmin(user)) return true;
  return user.role === "DISTRICT_OFFICIAL" && user.unitCode !== null && user.unitCode === districtCode;
}

/**
 * The printable district report of a day (PDF: the overview as a document, nothing to sign):
 * whoever issues the district's documents, city officials for every district of the province, and
 * national officials for every district.
 */
export function canExportDistrictReport(user: SessionUser, districtCode: string): boolean {
  return canExportDistrictDocuments(user, districtCode) || isCityOfficialOfDistrict(user, districtCode) || user.role === "NATIONAL_OFFICIAL";
}

/**
 * Download a table (CSV, XLSX, the JSON API). Every role may, within what it may read: the data
 * layer (lib/data/exports.ts) limits the rows to the user's district (a city official's: the
 * province's districts; a national official's: every district) or, for a ward chair, the own
 * ward. The audit log follows canViewAuditLog.
 */
export function canExportDataset(user: SessionUser, dataset: string): boolean {
  if (dataset === "audit") return canViewAuditLog(user);
  if (user.role === "NATIONAL_OFFICIAL") return true;
  if (user.role === "CITY_OFFICIAL") return (viewableDistrictCodes(user) ?? []).length > 0;
  return user.role === "ADMIN" || user.districtCode !== null;
}
