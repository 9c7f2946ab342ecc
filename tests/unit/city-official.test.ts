import { describe, expect, it } from "vitest";
import { navLinksFor } from "../../components/auth/nav-links.ts";
import { parseBulkUsersCsv, type BulkUsersParse } from "../../lib/auth/bulk-users.ts";
import { CreateUserSchema, UpdateUserSchema } from "../../lib/schemas/user.ts";

// The city official (cán bộ thành phố, issue 12 part 5) outside the database: the forms' schema,
// the bulk CSV reader (a province code of 2 digits, told apart from a code Excel shortened) and
// the menu. The rights themselves: tests/unit/permissions.test.ts; the data layer:
// tests/integration/city-official.test.ts.

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "username,display_name,role,unit_code,phone,email";

function errorsOf(result: BulkUsersParse) {
  if (result.ok) throw new Error("expected errors");
  return result.errors.map(({ line, column, message }) => ({ line, column, message }));
}

describe("city officials in the user forms", () => {
  const create = { username: "thanhpho.hanoi", displayName: "Nguyễn Thị Hà", role: "CITY_OFFICIAL", unitCode: "01", password: "mật-khẩu-dài-đủ" };

  it("takes a province code (2 digits)", () => {
    expect(CreateUserSchema.parse(create)).toMatchObject({ role: "CITY_OFFICIAL", unitCode: "01" });
    expect(UpdateUserSchema.parse({ userId: 3, displayName: "Nguyễn Thị Hà", role: "CITY_OFFICIAL", unitCode: "01" })).toMatchObject({
      unitCode: "01",
    });
  });

  it("needs a unit, named for the role", () => {
    const result = CreateUserSchema.safeParse({ ...create, unitCode: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain("Chọn tỉnh, thành phố của cán bộ thành phố");
  });

  it("refuses codes of no GSO length", () => {
    for (const unitCode of ["1", "0001", "000001", "0a"]) {
      expect(CreateUserSchema.safeParse({ ...create, unitCode }).success, unitCode).toBe(false);
    }
  });
});

describe("city officials in the bulk CSV file", () => {
  it("reads CITY_OFFICIAL or 'Cán bộ thành phố' with a province code", () => {
    const file = [HEADER, "thanhpho.hanoi,Nguyễn Thị Hà,CITY_OFFICIAL,01,,", "thanhpho.b,Trần Văn B,Cán bộ thành phố,01,,", "quan.badinh,Lê C,DISTRICT_OFFICIAL,001,,"].join("\n");
    const result = parseBulkUsersCsv(utf8(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.role, r.unitCode])).toEqual([
      ["CITY_OFFICIAL", "01"],
      ["CITY_OFFICIAL", "01"],
      ["DISTRICT_OFFICIAL", "001"],
    ]);
  });

  it("says a 1-digit province code lost its 0 in Excel; a 2-digit code for anyone else is a shortened district or ward code", () => {
    const file = [HEADER, "thanhpho.hanoi,Nguyễn Thị Hà,CITY_OFFICIAL,1,,", "phuong.a,Người A,WARD_CHAIR,37,,", "thanhpho.c,Người C,CITY_OFFICIAL,,,"].join("\n");
    expect(errorsOf(parseBulkUsersCsv(utf8(file)))).toEqual([
      { line: 2, column: "unit_code", message: expect.stringContaining("mã tỉnh, thành phố gồm 2 chữ số (Excel có thể đã bỏ số 0 ở đầu, ví dụ 01") },
      { line: 3, column: "unit_code", message: expect.stringContaining("Excel có thể đã bỏ các số 0 ở đầu, ví dụ 002, 00037") },
      { line: 4, column: "unit_code", message: expect.stringContaining("mã tỉnh, thành phố (2 chữ số") },
    ]);
  });

  it("names the city official among the roles it accepts, and still refuses ADMIN", () => {
    const file = [HEADER, "a.b,Người A,CHU_TICH,00037,,", "a.c,Người C,ADMIN,,,"].join("\n");
    const errors = errorsOf(parseBulkUsersCsv(utf8(file)));
    expect(errors[0]?.message).toContain("CITY_OFFICIAL (cán bộ thành phố)");
    expect(errors.find((e) => e.line === 3 && e.column === "role")?.message).toContain("Không tạo quản trị viên bằng tệp");
  });
});

describe("the city official's menu", () => {
  it("has the city and country rankings, reports, alerts, exports and the audit log; no entry, settings or accounts", () => {
    const hrefs = navLinksFor("CITY_OFFICIAL").map((l) => l.href);
    expect(hrefs).toEqual(["/", "/city", "/country", "/reports", "/alerts", "/exports", "/admin/audit", "/account"]);
  });

  it("gives the country ranking to admins and city officials only (issue 18)", () => {
    expect(navLinksFor("ADMIN").map((l) => l.href)).toContain("/country");
    expect(navLinksFor("DISTRICT_OFFICIAL").map((l) => l.href)).not.toContain("/country");
    expect(navLinksFor("WARD_CHAIR").map((l) => l.href)).not.toContain("/country");
  });

  it("leaves the other roles' menus as they were", () => {
    expect(navLinksFor("DISTRICT_OFFICIAL").map((l) => l.href)).toEqual(["/", "/reports", "/alerts", "/exports", "/admin/audit", "/account"]);
    expect(navLinksFor("WARD_CHAIR").map((l) => l.href)).toEqual(["/", "/entry", "/reports", "/alerts", "/exports", "/account"]);
  });
});
