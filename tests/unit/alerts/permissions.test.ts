import { describe, expect, it } from "vitest";
import {
  canAcknowledgeAlert,
  canViewAllAlerts,
  canViewDistrictAlerts,
  canViewWardAlerts,
  canWithdrawAlertAck,
} from "../../../lib/domain/alerts/permissions.ts";
import { canViewWardContacts, type SessionUser, type UnitRef } from "../../../lib/permissions.ts";

const user = (role: SessionUser["role"], unitCode: string | null, districtCode: string | null): SessionUser => ({
  id: 1,
  username: "u",
  displayName: "U",
  role,
  unitCode,
  districtCode,
});
const admin = user("ADMIN", null, null);
const official = user("DISTRICT_OFFICIAL", "002", "002");
const otherOfficial = user("DISTRICT_OFFICIAL", "001", "001");
const chair = user("WARD_CHAIR", "00037", "002");
const cityOfficial: SessionUser = { ...user("CITY_OFFICIAL", "01", "002"), provinceDistrictCodes: ["001", "002"] };
const farCityOfficial: SessionUser = { ...user("CITY_OFFICIAL", "79", "760"), provinceDistrictCodes: ["760"] };
const phucTan: UnitRef = { code: "00037", level: "WARD", parentCode: "002" };
const phucXa: UnitRef = { code: "00001", level: "WARD", parentCode: "001" };
const tanDinh: UnitRef = { code: "26734", level: "WARD", parentCode: "760" };
const hangBo: UnitRef = { code: "00052", level: "WARD", parentCode: "002" };
const district: UnitRef = { code: "002", level: "DISTRICT", parentCode: "01" };

describe("alert permissions", () => {
  it("let admins and the district's officials see and acknowledge its wards' alerts", () => {
    for (const u of [admin, official]) {
      expect(canViewWardAlerts(u, hangBo)).toBe(true);
      expect(canAcknowledgeAlert(u, hangBo)).toBe(true);
      expect(canViewDistrictAlerts(u, "002")).toBe(true);
    }
    expect(canViewWardAlerts(otherOfficial, hangBo)).toBe(false);
    expect(canAcknowledgeAlert(otherOfficial, hangBo)).toBe(false);
    expect(canViewDistrictAlerts(otherOfficial, "002")).toBe(false);
  });

  it("let a ward chair see the own ward's alerts only, and never acknowledge", () => {
    expect(canViewWardAlerts(chair, phucTan)).toBe(true);
    expect(canViewWardAlerts(chair, hangBo)).toBe(false);
    expect(canAcknowledgeAlert(chair, phucTan)).toBe(false);
    expect(canViewDistrictAlerts(chair, "002")).toBe(true);
  });

  it("let a national official see every ward's alerts and every district at once, and never acknowledge or withdraw (ADR 030)", () => {
    const national = user("NATIONAL_OFFICIAL", "VN", null);
    for (const ward of [phucTan, hangBo, phucXa, tanDinh]) {
      expect(canViewWardAlerts(national, ward)).toBe(true);
      expect(canAcknowledgeAlert(national, ward)).toBe(false);
      expect(canWithdrawAlertAck(national, ward)).toBe(false);
    }
    expect(canViewWardAlerts(national, district)).toBe(false);
    for (const d of ["001", "002", "760"]) expect(canViewDistrictAlerts(national, d)).toBe(true);
    expect(canViewAllAlerts(national)).toBe(true);
  });

  it("concern wards only, and only admins (and national officials, above) see every district at once", () => {
    expect(canViewWardAlerts(admin, district)).toBe(false);
    expect(canAcknowledgeAlert(admin, district)).toBe(false);
    expect(canViewAllAlerts(admin)).toBe(true);
    expect(canViewAllAlerts(official)).toBe(false);
    expect(canViewAllAlerts(chair)).toBe(false);
    expect(canViewAllAlerts(cityOfficial)).toBe(false);
  });

  it("let a city official see every district of the province's alerts, and never acknowledge one", () => {
    for (const ward of [phucTan, hangBo, phucXa]) {
      expect(canViewWardAlerts(cityOfficial, ward)).toBe(true);
      expect(canAcknowledgeAlert(cityOfficial, ward)).toBe(false);
    }
    expect(canViewDistrictAlerts(cityOfficial, "002")).toBe(true);
    expect(canViewDistrictAlerts(cityOfficial, "001")).toBe(true);
    // another province: neither its wards nor its districts
    expect(canViewWardAlerts(cityOfficial, tanDinh)).toBe(false);
    expect(canViewDistrictAlerts(cityOfficial, "760")).toBe(false);
    expect(canViewWardAlerts(farCityOfficial, tanDinh)).toBe(true);
    expect(canViewWardAlerts(farCityOfficial, phucTan)).toBe(false);
    expect(canViewDistrictAlerts(farCityOfficial, "002")).toBe(false);
    expect(canAcknowledgeAlert(farCityOfficial, tanDinh)).toBe(false);
    // the district pages open on is not a scope: without the province's districts, nothing
    const unscoped = user("CITY_OFFICIAL", "01", "002");
    expect(canViewDistrictAlerts(unscoped, "002")).toBe(false);
    expect(canViewWardAlerts(unscoped, phucTan)).toBe(false);
  });

  it("let admins and the ward's district officials withdraw an acknowledgement; nobody else (docs/alerts.md)", () => {
    expect([admin, official, otherOfficial, chair, cityOfficial].map((u) => canWithdrawAlertAck(u, hangBo))).toEqual([true, true, false, false, false]);
    expect(canWithdrawAlertAck(admin, district)).toBe(false);
  });

  it("show the chairs' phones on the completeness page to those who oversee the district, not to ward chairs", () => {
    expect([admin, official, otherOfficial, chair, cityOfficial, farCityOfficial].map((u) => canViewWardContacts(u, "002"))).toEqual([
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});
