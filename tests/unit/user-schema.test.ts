import { describe, expect, it } from "vitest";
import {
  ChangePasswordSchema,
  CreateUserSchema,
  CredentialsSchema,
  FirstAdminSchema,
  NewAdminSchema,
  normalisePhone,
  ResetPasswordSchema,
  UpdateUserSchema,
} from "../../lib/schemas/user.ts";

describe("user schemas", () => {
  const create = { username: "Phuong.PhucTan ", displayName: "Nguyễn Văn A", role: "WARD_CHAIR", unitCode: "00037", password: "mật-khẩu-dài-đủ" };

  it("normalises the username and accepts a ward chair with a ward", () => {
    expect(CreateUserSchema.parse(create)).toMatchObject({ username: "phuong.phuctan", unitCode: "00037" });
  });

  it("requires a unit for chairs and officials and none for admins", () => {
    expect(CreateUserSchema.safeParse({ ...create, unitCode: "" }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...create, role: "ADMIN" }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...create, role: "ADMIN", unitCode: null }).success).toBe(true);
    expect(CreateUserSchema.safeParse({ ...create, role: "SUPERUSER" }).success).toBe(false);
  });

  it("enforces password length and not containing the username", () => {
    expect(CreateUserSchema.safeParse({ ...create, password: "ngan" }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...create, password: "phuong.phuctan123" }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...create, password: "x".repeat(129) }).success).toBe(false);
    expect(ResetPasswordSchema.safeParse({ userId: 3, password: "đủ-mười-ký-tự" }).success).toBe(true);
  });

  it("rejects usernames with spaces, diacritics or odd characters", () => {
    for (const username of ["ph", "phường", "a b c", "<script>", "-abc"]) {
      expect(CreateUserSchema.safeParse({ ...create, username }).success, username).toBe(false);
    }
  });

  it("update needs a positive user id", () => {
    expect(UpdateUserSchema.safeParse({ userId: "0", displayName: "AB", role: "ADMIN", unitCode: null }).success).toBe(false);
    expect(UpdateUserSchema.parse({ userId: "7", displayName: "AB", role: "ADMIN", unitCode: "" })).toMatchObject({ userId: 7, unitCode: null });
  });

  it("caps sign-in input so a huge password is never hashed", () => {
    expect(CredentialsSchema.safeParse({ username: "admin", password: "x".repeat(10_000) }).success).toBe(false);
    expect(CredentialsSchema.parse({ username: " ADMIN ", password: "p" })).toEqual({ username: "admin", password: "p" });
  });

  it("phone numbers: optional, normalised to 0 + 9–10 digits, +84 accepted; a stripped leading zero is explained", () => {
    expect(normalisePhone(" +84 912.345-678 ")).toBe("0912345678");
    expect(CreateUserSchema.parse({ ...create, phone: "0912 345 678" })).toMatchObject({ phone: "0912345678" });
    expect(CreateUserSchema.parse({ ...create, phone: "(024) 3825 3536" })).toMatchObject({ phone: "02438253536" });
    expect(CreateUserSchema.parse({ ...create, phone: "" })).toMatchObject({ phone: null });
    expect(CreateUserSchema.parse(create).phone).toBeUndefined();
    for (const phone of ["12345", "091234567a", "0912345678901", "+1 555 123 4567"]) {
      expect(CreateUserSchema.safeParse({ ...create, phone }).success, phone).toBe(false);
    }
    const stripped = CreateUserSchema.safeParse({ ...create, phone: "912345678" });
    expect(stripped.success === false && stripped.error.issues[0]?.message).toMatch(/Excel/);
  });

  it("email: optional, checked, domain in lower case; update leaves absent contact fields alone", () => {
    expect(CreateUserSchema.parse({ ...create, email: " An.NV@HaNoi.Gov.VN " })).toMatchObject({ email: "An.NV@hanoi.gov.vn" });
    expect(CreateUserSchema.parse({ ...create, email: null })).toMatchObject({ email: null });
    for (const email of ["an", "an@", "@hanoi.gov.vn", "an nv@hanoi.gov.vn", `${"a".repeat(250)}@x.vn`]) {
      expect(CreateUserSchema.safeParse({ ...create, email }).success, email).toBe(false);
    }
    const update = UpdateUserSchema.parse({ userId: 7, displayName: "AB", role: "ADMIN", unitCode: null });
    expect(update.phone).toBeUndefined();
    expect(update.email).toBeUndefined();
    expect(UpdateUserSchema.parse({ userId: 7, displayName: "AB", role: "ADMIN", unitCode: null, phone: "", email: "" })).toMatchObject({ phone: null, email: null });
  });

  it("the forced change flag is off unless asked for", () => {
    expect(CreateUserSchema.parse(create).mustChangePassword).toBe(false);
    expect(CreateUserSchema.parse({ ...create, mustChangePassword: true }).mustChangePassword).toBe(true);
    expect(ResetPasswordSchema.parse({ userId: 3, password: "đủ-mười-ký-tự" }).mustChangePassword).toBe(false);
  });

  it("a new admin (command line, setup link) follows the same password rules; the link's form needs the token and a matching repeat", () => {
    const admin = { username: "quantri", displayName: "Quản trị", password: "mot-mat-khau-dai" };
    expect(NewAdminSchema.parse(admin)).toEqual(admin);
    expect(NewAdminSchema.safeParse({ ...admin, password: "ngan" }).success).toBe(false);
    expect(NewAdminSchema.safeParse({ ...admin, password: "QuanTri-2021-abc" }).success).toBe(false);
    const token = "A".repeat(43);
    expect(FirstAdminSchema.safeParse({ ...admin, token, confirmPassword: admin.password }).success).toBe(true);
    const differ = FirstAdminSchema.safeParse({ ...admin, token, confirmPassword: "khac-mat-khau-1" });
    expect(differ.success === false && differ.error.issues.map((i) => i.path[0])).toEqual(["confirmPassword"]);
    for (const bad of ["", "short", `${"A".repeat(42)}!`, "A".repeat(44)]) {
      expect(FirstAdminSchema.safeParse({ ...admin, token: bad, confirmPassword: admin.password }).success, bad).toBe(false);
    }
  });

  it("a password change needs the current password, a new one that differs, typed twice", () => {
    const ok = { currentPassword: "mat-khau-ban-dau", newPassword: "mat-khau-moi-cua-toi", confirmPassword: "mat-khau-moi-cua-toi" };
    expect(ChangePasswordSchema.safeParse(ok).success).toBe(true);
    const paths = (v: Record<string, string>) => {
      const r = ChangePasswordSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.path[0]);
    };
    expect(paths({ ...ok, currentPassword: "" })).toEqual(["currentPassword"]);
    expect(paths({ ...ok, confirmPassword: "khac" })).toEqual(["confirmPassword"]);
    expect(paths({ ...ok, newPassword: "ngan", confirmPassword: "ngan" })).toEqual(["newPassword"]);
    expect(paths({ currentPassword: ok.currentPassword, newPassword: ok.currentPassword, confirmPassword: ok.currentPassword })).toEqual(["newPassword"]);
  });
});
