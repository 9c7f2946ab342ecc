import { describe, expect, it } from "vitest";
import { navLinksFor } from "../../components/auth/nav-links.ts";
import { parseBulkUsersCsv } from "../../lib/auth/bulk-users.ts";
import { landingPath } from "../../lib/auth/redirect.ts";
import { CreateUserSchema, UpdateUserSchema } from "../../lib/schemas/user.ts";

// The national official (cán bộ Ban Chỉ đạo quốc gia, issue 18, ADR 030) outside the database: the
// forms' schema, the bulk CSV (refused), the menu and where sign-in lands. The rights themselves:
// tests/unit/permissions.test.ts; the data layer and the handlers: tests/integration/national-official.test.ts.

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "username,display_name,role,unit_code,phone,email";

describe("national officials in the user forms", () => {
  const create = { username: "bcd.quocgia", displayName: "Phạm Văn Quốc", role: "NATIONAL_OFFICIAL", unitCode: "VN", password: "mật-khẩu-dài-đủ" };

  it("takes the country unit's code", () => {
    expect(CreateUserSchema.parse(create)).toMatchObject({ role: "NATIONAL_OFFICIAL", unitCode: "VN" });
    expect(UpdateUserSchema.parse({ userId: 3, displayName: "Phạm Văn Quốc", role: "NATIONAL_OFFICIAL", unitCode: "VN" })).toMatchObject({
      role: "NATIONAL_OFFICIAL",
      unitCode: "VN",
    });
  });

  it("needs a unit, named for the role", () => {
    const result = CreateUserSchema.safeParse({ ...create, unitCode: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain("Chọn đơn vị cả nước của cán bộ Ban Chỉ đạo quốc gia");
  });

  it("still refuses codes that are neither GSO digits nor two capital letters", () => {
    for (const unitCode of ["V", "VNM", "vn1", "0a"]) expect(CreateUserSchema.safeParse({ ...create, unitCode }).success, unitCode).toBe(false);
  });
});

describe("national officials in the bulk CSV file", () => {
  it("are refused, in English or Vietnamese, with the way to create them one by one", () => {
    const file = [HEADER, "bcd.a,Người A,NATIONAL_OFFICIAL,VN,,", "bcd.b,Người B,Cán bộ Ban Chỉ đạo quốc gia,VN,,", "quan.badinh,Lê C,DISTRICT_OFFICIAL,001,,"].join("\n");
    const result = parseBulkUsersCsv(utf8(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const roleErrors = result.errors.filter((e) => e.column === "role");
    expect(roleErrors.map((e) => e.line)).toEqual([2, 3]);
    for (const e of roleErrors) expect(e.message).toContain("Không tạo cán bộ Ban Chỉ đạo quốc gia bằng tệp (tạo từng tài khoản ở trang Tài khoản)");
    expect(result.rows.map((r) => r.username)).toEqual(["quan.badinh"]);
  });
});

describe("the national official's menu and landing", () => {
  it("starts from the country ranking; overview, reports, alerts, exports and the audit log; no entry, city, admin pages or accounts", () => {
    const hrefs = navLinksFor("NATIONAL_OFFICIAL").map((l) => l.href);
    expect(hrefs).toEqual(["/country", "/", "/reports", "/alerts", "/exports", "/admin/audit", "/account"]);
    // the audit log is not grouped under the admin's menu
    expect(navLinksFor("NATIONAL_OFFICIAL").every((l) => l.group === undefined)).toBe(true);
  });

  it("lands on /country after signing in with nothing asked for, and keeps a path asked for", () => {
    expect(landingPath("NATIONAL_OFFICIAL", "/")).toBe("/country");
    expect(landingPath("NATIONAL_OFFICIAL", "/provinces/79")).toBe("/provinces/79");
    expect(landingPath("WARD_CHAIR", "/")).toBe("/entry");
    expect(landingPath("CITY_OFFICIAL", "/")).toBe("/");
    expect(landingPath("ADMIN", "/")).toBe("/");
  });
});
