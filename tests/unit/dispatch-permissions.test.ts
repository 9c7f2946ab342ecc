import { describe, expect, it } from "vitest";
import { canExportDistrictDocuments, type SessionUser } from "@/lib/permissions";

// Who may download a district's printable documents (the PDF report and the draft dispatch).

const user = (role: SessionUser["role"], unitCode: string | null, districtCode: string | null): SessionUser => ({
  id: 1,
  username: "u",
  displayName: "U",
  role,
  unitCode,
  districtCode,
});

describe("canExportDistrictDocuments", () => {
  it("admins: every district", () => {
    expect(canExportDistrictDocuments(user("ADMIN", null, null), "002")).toBe(true);
    expect(canExportDistrictDocuments(user("ADMIN", null, null), "001")).toBe(true);
  });

  it("district officials: their own district only", () => {
    const official = user("DISTRICT_OFFICIAL", "002", "002");
    expect(canExportDistrictDocuments(official, "002")).toBe(true);
    expect(canExportDistrictDocuments(official, "001")).toBe(false);
    expect(canExportDistrictDocuments(user("DISTRICT_OFFICIAL", null, null), "002")).toBe(false);
  });

  it("ward chairs: never, not even for their own district", () => {
    expect(canExportDistrictDocuments(user("WARD_CHAIR", "00037", "002"), "002")).toBe(false);
  });
});
