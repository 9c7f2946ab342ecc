import { describe, expect, it } from "vitest";
import {
  canApproveDistrictDay,
  canApproveReport,
  canChangeSettings,
  canChangeUser,
  canEditReport,
  canManageUsers,
  canSubmitReport,
  canUnlockReport,
  canViewAuditEntry,
  canViewAuditLog,
  canViewCity,
  canViewDistrict,
  canViewWardReport,
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
};

const UNITS: Record<string, UnitRef> = {
  ownWard: { code: "00037", level: "WARD", parentCode: "002" },
  neighbourWard: { code: "00040", level: "WARD", parentCode: "002" },
  farWard: { code: "00001", level: "WARD", parentCode: "001" },
  district: { code: "002", level: "DISTRICT", parentCode: "01" },
  otherDistrict: { code: "001", level: "DISTRICT", parentCode: "01" },
  city: { code: "01", level: "PROVINCE", parentCode: "VN" },
};

function allowedPairs(fn: (u: SessionUser, unit: UnitRef) => boolean): string[] {
  const out: string[] = [];
  for (const [userName, user] of Object.entries(USERS)) {
    for (const [unitName, unit] of Object.entries(UNITS)) if (fn(user, unit)) out.push(`${userName}→${unitName}`);
  }
  return out.sort();
}

const sorted = (xs: string[]) => [...xs].sort();

describe("permissions by unit (exhaustive)", () => {
  it("canViewWardReport: admin any ward; official the district's wards; chair the own ward", () => {
    expect(allowedPairs(canViewWardReport)).toEqual(
      sorted([
        "admin→ownWard",
        "admin→neighbourWard",
        "admin→farWard",
        "official→ownWard",
        "official→neighbourWard",
        "otherOfficial→farWard",
        "chair→ownWard",
        "neighbourChair→neighbourWard",
        "farChair→farWard",
      ]),
    );
  });

  it("canSubmitReport: admin any ward; chair only the own ward; officials never", () => {
    expect(allowedPairs(canSubmitReport)).toEqual(
      sorted(["admin→ownWard", "admin→neighbourWard", "admin→farWard", "chair→ownWard", "neighbourChair→neighbourWard", "farChair→farWard"]),
    );
  });

  it("canEditReport: as submitting while submitted; nobody while approved", () => {
    expect(allowedPairs((u, w) => canEditReport(u, w, { status: "SUBMITTED" }))).toEqual(allowedPairs(canSubmitReport));
    expect(allowedPairs((u, w) => canEditReport(u, w, { status: null }))).toEqual(allowedPairs(canSubmitReport));
    expect(allowedPairs((u, w) => canEditReport(u, w, { status: "APPROVED" }))).toEqual([]);
  });

  it("canApproveReport / canUnlockReport: admin any ward; official the district's wards", () => {
    const expected = sorted(["admin→ownWard", "admin→neighbourWard", "admin→farWard", "official→ownWard", "official→neighbourWard", "otherOfficial→farWard"]);
    expect(allowedPairs(canApproveReport)).toEqual(expected);
    expect(allowedPairs(canUnlockReport)).toEqual(expected);
  });

  it("canApproveDistrictDay: admin any district; official the own district", () => {
    expect(allowedPairs(canApproveDistrictDay)).toEqual(
      sorted(["admin→district", "admin→otherDistrict", "official→district", "otherOfficial→otherDistrict"]),
    );
  });

  it("canViewDistrict: admin any; official and chairs their own district", () => {
    expect(allowedPairs((u, unit) => canViewDistrict(u, unit.code))).toEqual(
      sorted([
        ...Object.keys(UNITS).map((k) => `admin→${k}`),
        "official→district",
        "otherOfficial→otherDistrict",
        "chair→district",
        "neighbourChair→district",
        "farChair→otherDistrict",
      ]),
    );
  });

  it("canViewAuditEntry: admin all (also entries without unit); official the district and its wards", () => {
    const withUnit = allowedPairs(canViewAuditEntry);
    expect(withUnit).toEqual(
      sorted([
        ...Object.keys(UNITS).map((k) => `admin→${k}`),
        "official→ownWard",
        "official→neighbourWard",
        "official→district",
        "otherOfficial→farWard",
        "otherOfficial→otherDistrict",
      ]),
    );
    const noUnit = Object.entries(USERS).filter(([, u]) => canViewAuditEntry(u, null)).map(([k]) => k);
    expect(noUnit).toEqual(["admin"]);
  });
});

describe("permissions by role (exhaustive)", () => {
  const byRole = (fn: (u: SessionUser) => boolean) => Object.entries(USERS).filter(([, u]) => fn(u)).map(([k]) => k).sort();

  it("city figures: admins and officials", () => {
    expect(byRole(canViewCity)).toEqual(sorted(["admin", "official", "otherOfficial", "officialWithoutUnit"]));
  });
  it("audit log: admins and officials", () => {
    expect(byRole(canViewAuditLog)).toEqual(sorted(["admin", "official", "otherOfficial", "officialWithoutUnit"]));
  });
  it("users and settings: admins only", () => {
    expect(byRole(canManageUsers)).toEqual(["admin"]);
    expect(byRole(canChangeSettings)).toEqual(["admin"]);
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
