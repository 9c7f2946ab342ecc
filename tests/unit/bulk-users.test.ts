import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BULK_MAX_ERRORS, fileDigest, parseBulkUsersCsv, type BulkUsersParse } from "../../lib/auth/bulk-users.ts";
import { generateInitialPassword, INITIAL_PASSWORD_BITS } from "../../lib/auth/initial-password.ts";
import { initialPasswordsCsv } from "../../lib/auth/passwords-csv.ts";
import { BULK_USER_MAX_ROWS, NewPasswordSchema } from "../../lib/schemas/user.ts";

// Reading a CSV file of accounts to create in bulk: every row checked, errors with line and
// column in Vietnamese, all or nothing. (Units and existing usernames: tests/integration/bulk-users.)

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "username,display_name,role,unit_code,phone,email";

function errorsOf(result: BulkUsersParse) {
  if (result.ok) throw new Error("expected errors");
  return result.errors.map(({ line, column, message }) => ({ line, column, message }));
}

describe("parseBulkUsersCsv", () => {
  it("reads a good file: BOM, header names in any case and order, CRLF, quotes, Vietnamese roles, contacts normalised", () => {
    const file = [
      "\uFEFFEmail,USERNAME, Display_Name ,Role,Unit_Code,Phone,ghi_chu",
      'an.nv@HANOI.gov.vn,quan.badinh,"Nguyễn Văn An, trưởng phòng",DISTRICT_OFFICIAL,001,+84 912 345 678,x',
      ",phuong.phucxa,Trần Thị Bình,Chủ tịch UBND phường,00001,,",
      "",
      ",phuong.phuctan,Lê Văn C,ward_chair,00037,024 3825 3536,",
    ].join("\r\n");
    const result = parseBulkUsersCsv(utf8(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ignoredColumns).toEqual(["ghi_chu"]);
    expect(result.rows).toEqual([
      {
        line: 2,
        username: "quan.badinh",
        displayName: "Nguyễn Văn An, trưởng phòng",
        role: "DISTRICT_OFFICIAL",
        unitCode: "001",
        phone: "0912345678",
        email: "an.nv@hanoi.gov.vn",
      },
      { line: 3, username: "phuong.phucxa", displayName: "Trần Thị Bình", role: "WARD_CHAIR", unitCode: "00001", phone: null, email: null },
      { line: 5, username: "phuong.phuctan", displayName: "Lê Văn C", role: "WARD_CHAIR", unitCode: "00037", phone: "02438253536", email: null },
    ]);
    expect(result.digest).toBe(fileDigest(utf8(file)));
  });

  it("accepts semicolons (Excel in vi-VN), lines ending in LF, no phone or email columns at all", () => {
    const result = parseBulkUsersCsv(utf8("username;display_name;role;unit_code\nquan.hk;Cán bộ HK;DISTRICT_OFFICIAL;002\n"));
    expect(result.ok && result.rows).toEqual([
      { line: 2, username: "quan.hk", displayName: "Cán bộ HK", role: "DISTRICT_OFFICIAL", unitCode: "002", phone: null, email: null },
    ]);
  });

  it("reports every bad cell with its line (where a multi-line record starts) and column, and creates nothing", () => {
    const file = [
      HEADER,
      'Phường Sai,"Tên có\nhai dòng",WARD_CHAIR,37,912345678,khong-phai-email', // lines 2–3
      "ok.user,A,ADMIN,00037,,",
      "ok.user2,Nguyễn B,CHU_TICH,2,0912345678,",
      "ok.user3,Nguyễn C,WARD_CHAIR,,,",
    ].join("\n");
    expect(errorsOf(parseBulkUsersCsv(utf8(file)))).toEqual([
      { line: 2, column: "username", message: expect.stringContaining("Tên đăng nhập gồm 3–64 ký tự") },
      { line: 2, column: "unit_code", message: expect.stringContaining("Excel có thể đã bỏ các số 0 ở đầu") },
      { line: 2, column: "phone", message: expect.stringContaining("Excel có thể đã bỏ số 0 ở đầu") },
      { line: 2, column: "email", message: expect.stringContaining("email không hợp lệ") },
      { line: 4, column: "display_name", message: "Họ tên cần ít nhất 2 ký tự" },
      { line: 4, column: "role", message: expect.stringContaining("Không tạo quản trị viên bằng tệp") },
      { line: 5, column: "role", message: expect.stringContaining("Vai trò phải là DISTRICT_OFFICIAL") },
      { line: 5, column: "unit_code", message: expect.stringContaining("quá ngắn") },
      { line: 6, column: "unit_code", message: expect.stringContaining("Thiếu mã đơn vị") },
    ]);
  });

  it("refuses a username twice in the file, naming the first line; usernames compare lower-cased", () => {
    const file = [HEADER, "phuong.a,Người A,WARD_CHAIR,00037,,", "phuong.b,Người B,WARD_CHAIR,00040,,", "Phuong.A,Người C,WARD_CHAIR,00043,,"].join("\n");
    const result = parseBulkUsersCsv(utf8(file));
    expect(errorsOf(result)).toEqual([{ line: 4, column: "username", message: "Tên đăng nhập phuong.a trùng với dòng 2." }]);
    // the rows that are good on their own go on to the database checks, so one pass lists every error
    expect(result.ok === false && result.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it("checks the header: required columns, a column twice", () => {
    expect(errorsOf(parseBulkUsersCsv(utf8("username,name,role\nx,y,z\n")))).toEqual([
      { line: 1, column: "display_name", message: expect.stringContaining("Thiếu cột display_name") },
      { line: 1, column: "unit_code", message: expect.stringContaining("Thiếu cột unit_code") },
    ]);
    expect(errorsOf(parseBulkUsersCsv(utf8(`${HEADER},Username\n`)))).toEqual([
      { line: 1, column: "username", message: "Cột username xuất hiện nhiều lần trong dòng tiêu đề." },
    ]);
  });

  it("refuses an empty file, a header alone, a row with too few or too many fields", () => {
    expect(errorsOf(parseBulkUsersCsv(utf8("")))[0]?.message).toMatch(/^Tệp trống/);
    expect(errorsOf(parseBulkUsersCsv(utf8("\n \n")))[0]?.message).toMatch(/^Tệp trống/);
    expect(errorsOf(parseBulkUsersCsv(utf8(`${HEADER}\n`)))).toEqual([{ line: 2, column: null, message: "Tệp chỉ có dòng tiêu đề, chưa có tài khoản nào." }]);
    expect(errorsOf(parseBulkUsersCsv(utf8(`${HEADER}\nphuong.a,Người A,WARD_CHAIR,00037\nphuong.b,Người B,WARD_CHAIR,00040,,,x\n`)))).toEqual([
      { line: 2, column: null, message: expect.stringContaining("Dòng có 4 trường nhưng dòng tiêu đề có 6 cột") },
      { line: 3, column: null, message: expect.stringContaining("Dòng có 7 trường") },
    ]);
  });

  it("refuses a file that is not UTF-8 (a Windows-1258 export), naming the line", () => {
    const bytes = new Uint8Array([...utf8(`${HEADER}\nphuong.a,`), 0xd0, 0xe0, 0x6f, ...utf8(",WARD_CHAIR,00037,,\n")]);
    expect(errorsOf(parseBulkUsersCsv(bytes))).toEqual([{ line: 2, column: null, message: expect.stringContaining("không phải văn bản UTF-8") }]);
  });

  it("refuses malformed CSV quoting with a Vietnamese message", () => {
    expect(errorsOf(parseBulkUsersCsv(utf8(`${HEADER}\nphuong.a,"Người A,WARD_CHAIR,00037,,\n`)))[0]?.message).toMatch(/Thiếu dấu ngoặc kép/);
    expect(errorsOf(parseBulkUsersCsv(utf8(`${HEADER}\nphuong.a,"Người" A,WARD_CHAIR,00037,,\n`)))).toEqual([
      { line: 2, column: null, message: expect.stringContaining("sau dấu đóng phải là dấu phân cách") },
    ]);
  });

  it(`refuses more than ${BULK_USER_MAX_ROWS} accounts in one file, and lists at most ${BULK_MAX_ERRORS} errors with the count`, () => {
    const many = [HEADER, ...Array.from({ length: BULK_USER_MAX_ROWS + 1 }, (_, i) => `phuong.${i},Người ${i},WARD_CHAIR,00037,,`)].join("\n");
    expect(errorsOf(parseBulkUsersCsv(utf8(many)))[0]?.message).toMatch(/nhiều hơn 2000/);
    const bad = [HEADER, ...Array.from({ length: 600 }, (_, i) => `phuong.${i},Người ${i},WARD_CHAIR,x,,`)].join("\n");
    const result = parseBulkUsersCsv(utf8(bad));
    expect(result.ok === false && [result.errors.length, result.errorCount]).toEqual([BULK_MAX_ERRORS, 600]);
  });
});

describe("initial passwords", () => {
  it("are random, pass the password rules, never contain the username, and are readable", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generateInitialPassword("abc");
      expect(NewPasswordSchema.safeParse(p).success).toBe(true);
      expect(p).toMatch(/^[a-zA-Z0-9]{4}-[a-zA-Z0-9]{4}-[a-zA-Z0-9]{4}$/);
      expect(p.toLowerCase()).not.toContain("abc");
      expect(p).not.toMatch(/[0O1lI5S2Z8B]/);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
    expect(INITIAL_PASSWORD_BITS).toBeGreaterThanOrEqual(64);
  });

  it("are handed over as a CSV file that a spreadsheet opens as text", () => {
    const csv = initialPasswordsCsv([
      { username: "phuong.a", displayName: "Nguyễn, Văn \"A\"", unitCode: "00037", password: "abcd-efgh-ijkm" },
      { username: "phuong.b", displayName: "=HYPERLINK(\"x\")", unitCode: "00040", password: "nopq-rstu-vwxy" },
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(parse(csv, { bom: true, columns: true })).toEqual([
      { username: "phuong.a", display_name: "Nguyễn, Văn \"A\"", unit_code: "00037", initial_password: "abcd-efgh-ijkm" },
      { username: "phuong.b", display_name: "'=HYPERLINK(\"x\")", unit_code: "00040", initial_password: "nopq-rstu-vwxy" },
    ]);
  });
});
