import { describe, expect, it } from "vitest";
import { CreateUserSchema, CredentialsSchema, ResetPasswordSchema, UpdateUserSchema } from "../../lib/schemas/user.ts";

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
});
