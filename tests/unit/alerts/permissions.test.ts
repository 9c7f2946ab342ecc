import { describe, expect, it } from "vitest";
import { canAcknowledgeAlert, canViewAllAlerts, canViewDistrictAlerts, canViewWardAlerts } from "../../../lib/domain/alerts/permissions.ts";
import type { SessionUser, UnitRef } from "../../../lib/permissions.ts";

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
const phucTan: UnitRef = { code: "00037", level: "WARD", parentCode: "002" };
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

  it("concern wards only, and only admins see every district at once", () => {
    expect(canViewWardAlerts(admin, district)).toBe(false);
    expect(canAcknowledgeAlert(admin, district)).toBe(false);
    expect(canViewAllAlerts(admin)).toBe(true);
    expect(canViewAllAlerts(official)).toBe(false);
    expect(canViewAllAlerts(chair)).toBe(false);
  });
});
