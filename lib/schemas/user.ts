import { z } from "zod";
import { ROLES } from "../permissions.ts";

// Accounts: sign-in credentials and the admin's user-management forms (shared by form and action).

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX_LENGTH = 128;

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới");

export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`)
  .max(PASSWORD_MAX_LENGTH, `Mật khẩu tối đa ${PASSWORD_MAX_LENGTH} ký tự`);

/** What the sign-in form posts. Lengths are capped so a huge body cannot be hashed. */
export const CredentialsSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

const unitCodeField = z
  .string()
  .trim()
  .max(12)
  .optional()
  .nullable()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^\d{3}(\d{2})?$/.test(v), "Mã đơn vị không hợp lệ");

const displayNameField = z.string().trim().min(2, "Họ tên cần ít nhất 2 ký tự").max(100, "Họ tên tối đa 100 ký tự");

const roleUnitRule = (v: { role: (typeof ROLES)[number]; unitCode: string | null }, ctx: z.RefinementCtx) => {
  if (v.role === "ADMIN" && v.unitCode !== null) {
    ctx.addIssue({ code: "custom", path: ["unitCode"], message: "Quản trị viên không gắn với đơn vị nào" });
  }
  if (v.role !== "ADMIN" && v.unitCode === null) {
    ctx.addIssue({
      code: "custom",
      path: ["unitCode"],
      message: v.role === "WARD_CHAIR" ? "Chọn phường của chủ tịch UBND phường" : "Chọn quận của cán bộ quận",
    });
  }
};

export const UserIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const CreateUserSchema = z
  .object({
    username: UsernameSchema,
    displayName: displayNameField,
    role: z.enum(ROLES, "Chọn vai trò"),
    unitCode: unitCodeField,
    password: NewPasswordSchema,
  })
  .superRefine(roleUnitRule)
  .superRefine((v, ctx) => {
    if (v.password.toLowerCase().includes(v.username)) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "Mật khẩu không được chứa tên đăng nhập" });
    }
  });

export const UpdateUserSchema = z
  .object({
    userId: UserIdSchema,
    displayName: displayNameField,
    role: z.enum(ROLES, "Chọn vai trò"),
    unitCode: unitCodeField,
  })
  .superRefine(roleUnitRule);

export const SetUserDisabledSchema = z.object({ userId: UserIdSchema, disabled: z.boolean() });

export const ResetPasswordSchema = z.object({ userId: UserIdSchema, password: NewPasswordSchema });

export type CreateUserInput = z.output<typeof CreateUserSchema>;
export type UpdateUserInput = z.output<typeof UpdateUserSchema>;
