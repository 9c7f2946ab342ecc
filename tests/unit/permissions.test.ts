import { describe, expect, it } from "vitest";
import {
  canApproveDistrictDay,
  canApproveReport,
  canExportProvince,
  canManagePolicyPhases,
  canViewCountry,
  canViewProvince,
  canViewWardContacts,
  NATIONAL_OFFICIAL_READ_ONLY,
  readOnlyRefusal,
  readsEveryUnit,
  canChangeSettings,
  canChangeUser,
  canEditReport,
  canExportDataset,
  canExportDistrictDocuments,
  canExportDistrictReport,
  canImport,
  canManageUsers,
  canSubmitReport,
  canUnlockReport,
  canViewAuditEntry,
  canViewAuditLog,
  canViewCity,
  canViewDistrict,
  canViewWardReport,
  ROLE_UNIT_LEVEL,
  ROLES,
  viewableDistrictCodes,
  type SessionUser,
  type UnitRef,
  type UserChange,
} from "../../lib/permissions.ts";

// Exhaustive: every user kind × every unit kind, against an explicit list of what is allowed.
// Anything not listed must be refused.

const USERS: Record<string, SessionUser> = {
  admin: { id: 1, username: "admin", displayName: "A", role: "ADMIN", unitCode: null, districtCode: null },
  official: { id: 2, username: "quan", displayName: "Q", role: "DISTRICT_OFFICIAL", unitCode: "002", districtCode: "002" },
  otherOfficial: { id: 3, username: "quan1", displayName: "Q1", role: "DISTRICT_OFFICIAL", unitCode: "001", districtCode: "001" },
  chair: { id: 4, username: "phuong.phuctan", displayName: "P", role: "WARD_CHAIR", unitCode: "00037", districtCode: "002" },
  neighbourChair: { id: 5, username: "phuong.dongxuan", displayName: "D", role: "WARD_CHAIR", unitCode: "00040", districtCode: "002" },
  farChair: { id: 6, username: "phuong.phucxa", displayName: "X", role: "WARD_CHAIR", unitCode: "00001", districtCode: "001" },
  chairWithoutUnit: { id: 7, username: "phuong.none", displayName: "N", role: "WARD_CHAIR", unitCode: null, districtCode: null },
  officialWithoutUnit: { id: 8, username: "quan.none", displayName: "N", role: "DISTRICT_OFFICIAL", unitCode: null, districtCode: null },
  // Hà Nội's city official, as the session loads it: the province's districts, Hoàn Kiếm to open on
  cityOfficial: {
    id: 9,
    username: "thanhpho.hanoi",
    displayName: "T",
    role: "CITY_OFFICIAL",
    unitCode: "01",
    districtCode: "002",
    provinceDistrictCodes: ["001", "002"],
  },
  // another province's (Hồ Chí Minh): Quận 1 only
  farCityOfficial: {
    id: 10,
    username: "thanhpho.hcm",
    displayName: "H",
    role: "CITY_OFFICIAL",
    unitCode: "79",
    districtCode: "760",
    provinceDistrictCodes: ["760"],
  },
  // a city official whose scope was not loaded: districtCode is where pages open, never a right
  cityOfficialWithoutScope: { id: 11, username: "thanhpho.none", displayName: "N", role: "CITY_OFFICIAL", unitCode: "01", districtCode: "002" },
  cityOfficialWithoutUnit: {
    id: 12,
    username: "thanhpho.nounit",
    displayName: "N",
    role: "CITY_OFFICIAL",
    unitCode: null,
    districtCode: "002",
    provinceDistrictCodes: ["001", "002"],
  },
  // the national steering committee (issue 18), attached to the country unit, as the session loads it
  national: { id: 13, username: "bcd.quocgia", displayName: "Q", role: "NATIONAL_OFFICIAL", unitCode: "VN", districtCode: null },
  // one whose unit was not set: reads the same (the scope is the role, not the unit)
  nationalWithoutUnit: { id: 14, username: "bcd.none", displayName: "N", role: "NATIONAL_OFFICIAL", unitCode: null, districtCode: null },
};

const UNITS: Record<string, UnitRef> = {
  ownWard: { code: "00037", level: "WARD", parentCode: "002" },
  neighbourWard: { code: "00040", level: "WARD", parentCode: "002" },
  farWard: { code: "00001", level: "WARD", parentCode: "001" },
  district: { code: "002", level: "DISTRICT", parentCode: "01" },
  otherDistrict: { code: "001", level: "DISTRICT", parentCode: "01" },
  city: { code: "01", level: "PROVINCE", parentCode: "VN" },
  farProvinceWard: { code: "26734", level: "WARD", parentCode: "760" },
  farProvinceDistrict: { code: "760", level: "DISTRICT", parentCode: "79" },
  farProvince: { code: "79", level: "PROVINCE", parentCode: "VN" },
};

const ADMIN_WARDS = ["admin→ownWard", "admin→neighbourWard", "admin→farWard", "admin→farProvinceWard"];
const NATIONALS = ["national", "nationalWithoutUnit"];
const WARD_NAMES = ["ownWard", "neighbourWard", "farWard", "farProvinceWard"];
/** Every ward, for each national official: what they read. */
const NATIONAL_WARDS = NATIONALS.flatMap((n) => WARD_NAMES.map((w) => `${n}→${w}`));

function allowedPairs(fn: (u: SessionUser, unit: UnitRef) => boolean): string[] {
  const out: string[] = [];
  for (const [userName, user] of Object.entries(USERS)) {
    for (const [unitName, unit] of Object.entries(UNITS)) if (fn(user, unit)) out.push(`${userName}→${unitName}`);
  }
  return out.sort();
}

const sorted = (xs: string[]) => [...xs].sort();

describe("permissions by unit (exhaustive)", () => {
  it("canViewWardReport: admin and national official any ward; official the district's wards; chair the own ward; city official the province's wards", () => {
    expect(allowedPairs(canViewWardReport)).toEqual(
      sorted([
        ...ADMIN_WARDS,
        ...NATIONAL_WARDS,
        "cityOfficial→ownWard",
        "cityOfficial→neighbourWard",
        "cityOfficial→farWard",
        "farCityOfficial→farProvinceWard",
        "official→ownWard",
        "official→neighbourWard",
        "otherOfficial→farWard",
        "chair→ownWard",
        "neighbourChair→neighbourWard",
        "farChair→farWard",
      ]),
    );
  });

  it("canSubmitReport: admin any ward; chair only the own ward; officials (district or city) never", () => {
    expect(allowedPairs(canSubmitReport)).toEqual(sorted([...ADMIN_WARDS, "chair→ownWard", "neighbourChair→neighbourWard", "farChair→farWard"]));
  });

  it("canEditReport: as submitting while submitted; nobody while approved", () => {
    expect(allowedPairs((u, w) => canEditReport(u, w, { status: "SUBMITTED" }))).toEqual(allowedPairs(canSubmitReport));
    expect(allowedPairs((u, w) => canEditReport(u, w, { status: null }))).toEqual(allowedPairs(canSubmitReport));
    expect(allowedPairs((u, w) => canEditReport(u, w, { status: "APPROVED" }))).toEqual([]);
  });

  it("canApproveReport / canUnlockReport: admin any ward; official the district's wards; never a city official", () => {
    const expected = sorted([...ADMIN_WARDS, "official→ownWard", "official→neighbourWard", "otherOfficial→farWard"]);
    expect(allowedPairs(canApproveReport)).toEqual(expected);
    expect(allowedPairs(canUnlockReport)).toEqual(expected);
  });

  it("canApproveDistrictDay: admin any district; official the own district; never a city official", () => {
    expect(allowedPairs(canApproveDistrictDay)).toEqual(
      sorted(["admin→district", "admin→otherDistrict", "admin→farProvinceDistrict", "official→district", "otherOfficial→otherDistrict"]),
    );
  });

  it("canViewDistrict: admin and national official any; official and chairs their own district; city official the province's districts", () => {
    expect(allowedPairs((u, unit) => canViewDistrict(u, unit.code))).toEqual(
      sorted([
        ...Object.keys(UNITS).map((k) => `admin→${k}`),
        ...NATIONALS.flatMap((n) => Object.keys(UNITS).map((k) => `${n}→${k}`)),
        "cityOfficial→district",
        "cityOfficial→otherDistrict",
        "farCityOfficial→farProvinceDistrict",
        "official→district",
        "otherOfficial→otherDistrict",
        "chair→district",
        "neighbourChair→district",
        "farChair→otherDistrict",
      ]),
    );
  });

  it("canViewAuditEntry: admin all (also entries without unit); official the district and its wards; city official the province, its districts and wards", () => {
    const withUnit = allowedPairs((u, unit) => canViewAuditEntry(u, unit, "daily_figure"));
    expect(withUnit).toEqual(
      sorted([
        ...Object.keys(UNITS).map((k) => `admin→${k}`),
        ...NATIONALS.flatMap((n) => Object.keys(UNITS).map((k) => `${n}→${k}`)),
        "cityOfficial→city",
        "cityOfficial→district",
        "cityOfficial→otherDistrict",
        "cityOfficial→ownWard",
        "cityOfficial→neighbourWard",
        "cityOfficial→farWard",
        "cityOfficialWithoutScope→city",
        "farCityOfficial→farProvince",
        "farCityOfficial→farProvinceDistrict",
        "farCityOfficial→farProvinceWard",
        "official→ownWard",
        "official→neighbourWard",
        "official→district",
        "otherOfficial→farWard",
        "otherOfficial→otherDistrict",
      ]),
    );
    const noUnit = Object.entries(USERS).filter(([, u]) => canViewAuditEntry(u, null, "setting")).map(([k]) => k);
    expect(noUnit).toEqual(["admin"]);
  });
});

describe("permissions by role (exhaustive)", () => {
  const byRole = (fn: (u: SessionUser) => boolean) => Object.entries(USERS).filter(([, u]) => fn(u)).map(([k]) => k).sort();

  const CITY_OFFICIALS = ["cityOfficial", "farCityOfficial", "cityOfficialWithoutScope", "cityOfficialWithoutUnit"];

  it("city figures: admins, district officials and city officials (the city of a district they may see)", () => {
    expect(byRole(canViewCity)).toEqual(sorted(["admin", "official", "otherOfficial", "officialWithoutUnit", ...CITY_OFFICIALS, ...NATIONALS]));
  });
  it("audit log: admins, district officials, city officials and national officials", () => {
    expect(byRole(canViewAuditLog)).toEqual(sorted(["admin", "official", "otherOfficial", "officialWithoutUnit", ...CITY_OFFICIALS, ...NATIONALS]));
  });
  it("users, settings and imports: admins only", () => {
    expect(byRole(canManageUsers)).toEqual(["admin"]);
    expect(byRole(canChangeSettings)).toEqual(["admin"]);
    expect(byRole(canImport)).toEqual(["admin"]);
  });
  it("datasets: every user attached to something they may read; the audit log as canViewAuditLog", () => {
    // a city official without a loaded scope or without a province reads no district, so downloads nothing
    expect(byRole((u) => canExportDataset(u, "daily-figures"))).toEqual(
      sorted(["admin", "official", "otherOfficial", "chair", "neighbourChair", "farChair", "cityOfficial", "farCityOfficial", ...NATIONALS]),
    );
    expect(byRole((u) => canExportDataset(u, "audit"))).toEqual(byRole(canViewAuditLog));
  });

  it("user changes: admins only; an admin cannot disable, demote or move their own account", () => {
    const changes: UserChange[] = ["create", "update", "disable", "enable", "reset-password"];
    const other = { id: 99 };
    const self = { id: USERS.admin!.id };
    for (const [name, user] of Object.entries(USERS)) {
      for (const change of changes) {
        const target = change === "create" ? null : other;
        expect(canChangeUser(user, change, target), `${name} ${change}`).toBe(name === "admin");
      }
    }
    const admin = USERS.admin!;
    expect(canChangeUser(admin, "disable", self)).toBe(false);
    expect(canChangeUser(admin, "update", self)).toBe(false);
    expect(canChangeUser(admin, "enable", self)).toBe(false);
    expect(canChangeUser(admin, "reset-password", self)).toBe(true);
    expect(canChangeUser(admin, "create", other)).toBe(false);
    expect(canChangeUser(admin, "disable", null)).toBe(false);
  });
});

describe("the city official (cán bộ thành phố, issue 12)", () => {
  const districtPairs = (fn: (u: SessionUser, code: string) => boolean) =>
    allowedPairs((u, unit) => unit.level === "DISTRICT" && fn(u, unit.code));

  it("is a role attached to a province", () => {
    expect(ROLES).toContain("CITY_OFFICIAL");
    expect(ROLE_UNIT_LEVEL.CITY_OFFICIAL).toBe("PROVINCE");
  });

  it("sees the districts of the province, nothing without the scope loaded with the session", () => {
    expect(viewableDistrictCodes(USERS.cityOfficial!)).toEqual(["001", "002"]);
    expect(viewableDistrictCodes(USERS.farCityOfficial!)).toEqual(["760"]);
    expect(viewableDistrictCodes(USERS.cityOfficialWithoutScope!)).toEqual([]);
    expect(viewableDistrictCodes(USERS.cityOfficialWithoutUnit!)).toEqual([]);
    expect(viewableDistrictCodes(USERS.admin!)).toBeNull();
    expect(viewableDistrictCodes(USERS.official!)).toEqual(["002"]);
    expect(viewableDistrictCodes(USERS.chair!)).toEqual(["002"]);
    expect(viewableDistrictCodes(USERS.officialWithoutUnit!)).toEqual([]);
  });

  it("issues no district document (draft dispatch, its template): admins and the district's own officials only", () => {
    expect(districtPairs(canExportDistrictDocuments)).toEqual(
      sorted(["admin→district", "admin→otherDistrict", "admin→farProvinceDistrict", "official→district", "otherOfficial→otherDistrict"]),
    );
  });

  it("downloads the district report PDF of every district of the province, and no other", () => {
    expect(districtPairs(canExportDistrictReport)).toEqual(
      sorted([
        ...districtPairs(canExportDistrictDocuments),
        "cityOfficial→district",
        "cityOfficial→otherDistrict",
        "farCityOfficial→farProvinceDistrict",
        ...NATIONALS.flatMap((n) => ["district", "otherDistrict", "farProvinceDistrict"].map((d) => `${n}→${d}`)),
      ]),
    );
  });

  it("changes nothing: no report, approval, unlock, day approval, settings, users or imports", () => {
    const cityOfficials = Object.values(USERS).filter((u) => u.role === "CITY_OFFICIAL");
    for (const u of cityOfficials) {
      for (const unit of Object.values(UNITS)) {
        expect(canSubmitReport(u, unit)).toBe(false);
        expect(canEditReport(u, unit, { status: null })).toBe(false);
        expect(canApproveReport(u, unit)).toBe(false);
        expect(canUnlockReport(u, unit)).toBe(false);
        expect(canApproveDistrictDay(u, unit)).toBe(false);
        expect(canExportDistrictDocuments(u, unit.code)).toBe(false);
      }
      expect(canManageUsers(u)).toBe(false);
      expect(canChangeSettings(u)).toBe(false);
      expect(canImport(u)).toBe(false);
      expect(canChangeUser(u, "create", null)).toBe(false);
      expect(canChangeUser(u, "update", { id: 1 })).toBe(false);
    }
  });
});

describe("the national official (cán bộ Ban Chỉ đạo quốc gia, issue 18)", () => {
  const nationals = NATIONALS.map((n) => USERS[n]!);
  const provinces = [
    { code: "01", districtCodes: ["001", "002"] },
    { code: "79", districtCodes: ["760"] },
    { code: "48", districtCodes: [] },
  ];

  it("is a role attached to the country unit", () => {
    expect(ROLES).toContain("NATIONAL_OFFICIAL");
    expect(ROLE_UNIT_LEVEL.NATIONAL_OFFICIAL).toBe("COUNTRY");
  });

  it("reads every unit: every district, the country, every province and its export, ward contacts", () => {
    for (const u of nationals) {
      expect(readsEveryUnit(u)).toBe(true);
      expect(viewableDistrictCodes(u)).toBeNull();
      expect(canViewCountry(u)).toBe(true);
      expect(canViewCity(u)).toBe(true);
      for (const p of provinces) {
        expect(canViewProvince(u, p)).toBe(true);
        expect(canExportProvince(u, p.code)).toBe(true);
      }
      for (const d of ["001", "002", "760"]) {
        expect(canViewWardContacts(u, d)).toBe(true);
        expect(canExportDistrictReport(u, d)).toBe(true);
      }
      for (const dataset of ["daily-figures", "venues", "completeness", "audit"]) expect(canExportDataset(u, dataset)).toBe(true);
      expect(canViewAuditLog(u)).toBe(true);
    }
  });

  it("does not see audit entries about settings (no unit) or accounts, whatever their unit", () => {
    for (const u of nationals) {
      expect(canViewAuditEntry(u, null, "setting")).toBe(false);
      expect(canViewAuditEntry(u, UNITS.ownWard!, "user")).toBe(false);
      expect(canViewAuditEntry(u, UNITS.farProvince!, "sign_in_block")).toBe(false);
      expect(canViewAuditEntry(u, UNITS.farProvinceWard!, "daily_figure")).toBe(true);
    }
  });

  it("changes nothing: no report, approval, unlock, day approval, district document, settings, phases, users or imports", () => {
    for (const u of nationals) {
      for (const unit of Object.values(UNITS)) {
        expect(canSubmitReport(u, unit)).toBe(false);
        expect(canEditReport(u, unit, { status: null })).toBe(false);
        expect(canEditReport(u, unit, { status: "SUBMITTED" })).toBe(false);
        expect(canApproveReport(u, unit)).toBe(false);
        expect(canUnlockReport(u, unit)).toBe(false);
        expect(canApproveDistrictDay(u, unit)).toBe(false);
        expect(canExportDistrictDocuments(u, unit.code)).toBe(false);
      }
      expect(canManageUsers(u)).toBe(false);
      expect(canManagePolicyPhases(u)).toBe(false);
      expect(canChangeSettings(u)).toBe(false);
      expect(canImport(u)).toBe(false);
      for (const change of ["create", "update", "disable", "enable", "reset-password"] as const) {
        expect(canChangeUser(u, change, change === "create" ? null : { id: 1 })).toBe(false);
        expect(canChangeUser(u, change, change === "create" ? null : { id: u.id })).toBe(false);
      }
    }
  });

  it("is told why a change is refused, as a city official is; the roles that change things are not", () => {
    expect(readOnlyRefusal(USERS.national!)).toBe(NATIONAL_OFFICIAL_READ_ONLY);
    expect(readOnlyRefusal(USERS.cityOfficial!)).not.toBeNull();
    for (const name of ["admin", "official", "chair"]) expect(readOnlyRefusal(USERS[name]!)).toBeNull();
    for (const name of ["admin", "national", "nationalWithoutUnit"]) expect(readsEveryUnit(USERS[name]!)).toBe(true);
    for (const name of ["official", "chair", "cityOfficial"]) expect(readsEveryUnit(USERS[name]!)).toBe(false);
  });
});
