import { z } from "zod";
import { ROLES } from "../permissions.ts";
import { V, VV } from "./validation.ts";

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
  .max(PASSWORD_MAX_LENGTH, VV("passwordMax", { max: PASSWORD_MAX_LENGTH }));

export const PASSWORD_CONTAINS_USERNAME = V.passwordContainsUsername;
export const PASSWORDS_DIFFER = V.passwordsDiffer;

/** The rule every new password follows besides its length (same for forms, CLI and bulk). */
export function passwordContainsUsername(password: string, username: string): boolean {
  return username.length > 0 && password.normalize("NFC").toLowerCase().includes(username.toLowerCase());
}

/** NUL and the other C0/C1 control characters: no username or password has them (PostgreSQL text cannot even store NUL). */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
export const CONTROL_CHARACTERS_MESSAGE = V.controlCharacters;

/** True when a sign-in field holds a control character (the form's refusal names this case). */
export function hasControlCharacters(value: unknown): boolean {
  return typeof value === "string" && CONTROL_CHARACTERS.test(value);
}

/** What the sign-in form posts. Lengths are capped so a huge body cannot be hashed. */
export const CredentialsSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64).refine((v) => !hasControlCharacters(v), CONTROL_CHARACTERS_MESSAGE),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH).refine((v) => !hasControlCharacters(v), CONTROL_CHARACTERS_MESSAGE),
});

const unitCodeField = z
  .string()
  .trim()
  .max(12)
  .optional()
  .nullable()
  .transform((v) => (v ? v : null))
  // GSO codes: a province 2 digits, a district 3, a ward 5; the country unit (a national
  // official's) its ISO letters, "VN" (whether a code is of the role's level: lib/data/users.ts)
  .refine((v) => v === null || /^(\d{2}|\d{3}|\d{5}|[A-Z]{2})$/.test(v), "Mã đơn vị không hợp lệ");

const displayNameField = z.string().trim().min(2, V.displayNameMin).max(100, V.displayNameMax);

// Contact details, optional. A phone number is stored as 0 followed by 9 digits (mobile) or 10
// (landline with its area code): spaces, dots, dashes and brackets are dropped, +84 becomes 0.
export const PHONE_PATTERN = /^0\d{9,10}$/;

export function normalisePhone(raw: string): string {
  const compact = raw.trim().replace(/[\s.\-()]/g, "");
  return compact.startsWith("+84") ? `0${compact.slice(3)}` : compact;
}

const PHONE_MESSAGE = V.phone;

/** absent → undefined (unchanged), "" or null → null (none), otherwise a normalised number */
export const PhoneField = z
  .string()
  .max(30, PHONE_MESSAGE)
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    if (v === null || v.trim() === "") return null;
    const phone = normalisePhone(v);
    if (!PHONE_PATTERN.test(phone)) {
      ctx.addIssue({
        code: "custom",
        message: /^[1-9]\d{8,9}$/.test(phone) ? `${PHONE_MESSAGE} (Excel có thể đã bỏ số 0 ở đầu)` : PHONE_MESSAGE,
      });
      return z.NEVER;
    }
    return phone;
  });

const EMAIL_MESSAGE = V.email;
const EmailShape = z.email(EMAIL_MESSAGE);

/** absent → undefined (unchanged), "" or null → null (none); the domain is stored in lower case */
export const EmailField = z
  .string()
  .max(254, VV("emailMax", { max: 254 }))
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    if (v === null || v.trim() === "") return null;
    const email = v.trim();
    if (!EmailShape.safeParse(email).success) {
      ctx.addIssue({ code: "custom", message: EMAIL_MESSAGE });
      return z.NEVER;
    }
    const at = email.lastIndexOf("@");
    return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
  });

const roleUnitRule = (v: { role: (typeof ROLES)[number]; unitCode: string | null }, ctx: z.RefinementCtx) => {
  if (v.role === "ADMIN" && v.unitCode !== null) {
    ctx.addIssue({ code: "custom", path: ["unitCode"], message: V.adminNoUnit });
  }
  if (v.role !== "ADMIN" && v.unitCode === null) {
    ctx.addIssue({
      code: "custom",
      path: ["unitCode"],
      message:
        v.role === "WARD_CHAIR"
          ? "Chọn phường của chủ tịch UBND phường"
          : v.role === "CITY_OFFICIAL"
            ? "Chọn tỉnh, thành phố của cán bộ thành phố"
            : v.role === "NATIONAL_OFFICIAL"
              ? "Chọn đơn vị cả nước của cán bộ Ban Chỉ đạo quốc gia"
              : "Chọn quận của cán bộ quận",
    });
  }
};

export const UserIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

const passwordWithoutUsername = (v: { username: string; password: string }, ctx: z.RefinementCtx) => {
  if (passwordContainsUsername(v.password, v.username)) {
    ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_CONTAINS_USERNAME });
  }
};

export const CreateUserSchema = z
  .object({
    username: UsernameSchema,
    displayName: displayNameField,
    role: z.enum(ROLES, V.roleRequired),
    unitCode: unitCodeField,
    password: NewPasswordSchema,
    phone: PhoneField,
    email: EmailField,
    /** the user must replace this password at the first sign-in (the form ticks it by default) */
    mustChangePassword: z.boolean().optional().default(false),
  })
  .superRefine(roleUnitRule)
  .superRefine(passwordWithoutUsername);

/** phone and email: absent = unchanged, "" or null = removed */
export const UpdateUserSchema = z
  .object({
    userId: UserIdSchema,
    displayName: displayNameField,
    role: z.enum(ROLES, V.roleRequired),
    unitCode: unitCodeField,
    phone: PhoneField,
    email: EmailField,
  })
  .superRefine(roleUnitRule);

/** The user's own contact details (/account): the phone, "" removes it. */
export const OwnContactSchema = z.object({ phone: PhoneField });

export const SetUserDisabledSchema = z.object({ userId: UserIdSchema, disabled: z.boolean() });

export const ResetPasswordSchema = z.object({
  userId: UserIdSchema,
  password: NewPasswordSchema,
  mustChangePassword: z.boolean().optional().default(false),
});

export type CreateUserInput = z.output<typeof CreateUserSchema>;
export type UpdateUserInput = z.output<typeof UpdateUserSchema>;

// ---------------------------------------------------------------------------------------------
// A new administrator, from `npm run admin:create` or the one-time setup link (/setup).

export const NewAdminSchema = z
  .object({ username: UsernameSchema, displayName: displayNameField, password: NewPasswordSchema })
  .superRefine(passwordWithoutUsername);
export type NewAdminInput = z.output<typeof NewAdminSchema>;

/** The setup token: 32 random bytes, base64url (lib/auth/first-run.ts). */
export const SetupTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, V.setupLink);

export const FirstAdminSchema = z
  .object({
    token: SetupTokenSchema,
    username: UsernameSchema,
    displayName: displayNameField,
    password: NewPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX_LENGTH, "Mật khẩu nhập lại không khớp"),
  })
  .superRefine(passwordWithoutUsername)
  .superRefine((v, ctx) => {
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: PASSWORDS_DIFFER });
  });
export type FirstAdminInput = z.output<typeof FirstAdminSchema>;

// ---------------------------------------------------------------------------------------------
// The signed-in user's own password (forced at the first sign-in after bulk creation or a reset).

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, V.currentPasswordRequired).max(PASSWORD_MAX_LENGTH, V.currentPasswordWrong),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX_LENGTH, PASSWORDS_DIFFER),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: PASSWORDS_DIFFER });
    if (v.newPassword === v.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: V.newPasswordSame });
    }
  });
export type ChangePasswordInput = z.output<typeof ChangePasswordSchema>;

// ---------------------------------------------------------------------------------------------
// Accounts in bulk from a CSV file (lib/auth/bulk-users.ts reads the file; lib/data/users.ts
// checks units and usernames against the database). One row: the columns below, as text.

export const BULK_USER_COLUMNS = ["username", "display_name", "role", "unit_code", "phone", "email"] as const;
export type BulkUserColumn = (typeof BULK_USER_COLUMNS)[number];
export const BULK_USER_REQUIRED_COLUMNS: readonly BulkUserColumn[] = ["username", "display_name", "role", "unit_code"];
/** A city has a few hundred wards; a larger file is split in several. */
export const BULK_USER_MAX_ROWS = 2000;
/** Under the 1 MB body limit of server actions, with room for the form's other fields. */
export const BULK_USER_MAX_BYTES = 512 * 1024;
export const BULK_ROLES = ["CITY_OFFICIAL", "DISTRICT_OFFICIAL", "WARD_CHAIR"] as const;
export type BulkRole = (typeof BULK_ROLES)[number];

/** Roles a file cannot create: admins, and national officials (a few accounts that read the whole country, made one by one). */
type RefusedBulkRole = "ADMIN" | "NATIONAL_OFFICIAL";

const ROLE_WORDS: Readonly<Record<string, BulkRole | RefusedBulkRole>> = {
  city_official: "CITY_OFFICIAL",
  "cán bộ thành phố": "CITY_OFFICIAL",
  district_official: "DISTRICT_OFFICIAL",
  "cán bộ quận": "DISTRICT_OFFICIAL",
  ward_chair: "WARD_CHAIR",
  "chủ tịch ubnd phường": "WARD_CHAIR",
  admin: "ADMIN",
  "quản trị viên": "ADMIN",
  national_official: "NATIONAL_OFFICIAL",
  "cán bộ ban chỉ đạo quốc gia": "NATIONAL_OFFICIAL",
};

const BULK_ROLE_CHOICES = "DISTRICT_OFFICIAL (cán bộ quận), WARD_CHAIR (chủ tịch UBND phường) hoặc CITY_OFFICIAL (cán bộ thành phố)";

/** The role a cell names (any case, English or Vietnamese), or undefined. */
function bulkRoleWord(raw: string): BulkRole | RefusedBulkRole | undefined {
  return ROLE_WORDS[raw.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase()];
}

const bulkRoleField = z.string().transform((raw, ctx) => {
  const word = bulkRoleWord(raw);
  if (word === "ADMIN") {
    ctx.addIssue({ code: "custom", message: `Không tạo quản trị viên bằng tệp: vai trò chỉ được là ${BULK_ROLE_CHOICES}` });
    return z.NEVER;
  }
  if (word === "NATIONAL_OFFICIAL") {
    ctx.addIssue({
      code: "custom",
      message: `Không tạo cán bộ Ban Chỉ đạo quốc gia bằng tệp (tạo từng tài khoản ở trang Tài khoản): vai trò chỉ được là ${BULK_ROLE_CHOICES}`,
    });
    return z.NEVER;
  }
  if (!word) {
    ctx.addIssue({
      code: "custom",
      message: raw.trim() === "" ? `Thiếu vai trò: ${BULK_ROLE_CHOICES}` : `Vai trò phải là ${BULK_ROLE_CHOICES}`,
    });
    return z.NEVER;
  }
  return word;
});

/**
 * The unit code cell. A city official's is a province (2 digits, e.g. 01 Hà Nội); anyone else's a
 * district (3) or a ward (5), so that "37" for a chair is read as a code Excel shortened, not as
 * a province. Whether the unit exists at the role's level is checked against the database.
 */
const bulkUnitField = (cityOfficial: boolean) =>
  z.string().transform((raw, ctx) => {
    const v = raw.trim();
    if (v === "") {
      ctx.addIssue({
        code: "custom",
        message: cityOfficial
          ? "Thiếu mã đơn vị: mã tỉnh, thành phố (2 chữ số, ví dụ 01) của cán bộ thành phố"
          : "Thiếu mã đơn vị: mã quận (3 chữ số) hoặc mã phường (5 chữ số)",
      });
      return z.NEVER;
    }
    if (cityOfficial && /^\d$/.test(v)) {
      ctx.addIssue({
        code: "custom",
        message: `Mã đơn vị "${v}" quá ngắn: mã tỉnh, thành phố gồm 2 chữ số (Excel có thể đã bỏ số 0 ở đầu, ví dụ 01 cho Hà Nội)`,
      });
      return z.NEVER;
    }
    if (cityOfficial ? !/^(\d{2}|\d{3}|\d{5})$/.test(v) : !/^\d{3}(\d{2})?$/.test(v)) {
      ctx.addIssue({
        code: "custom",
        message: /^\d{1,4}$/.test(v)
          ? `Mã đơn vị "${v}" quá ngắn: mã quận gồm 3 chữ số, mã phường 5 chữ số (Excel có thể đã bỏ các số 0 ở đầu, ví dụ 002, 00037)`
          : cityOfficial
            ? "Mã đơn vị của cán bộ thành phố là mã tỉnh, thành phố: 2 chữ số (ví dụ 01 cho Hà Nội)"
            : "Mã đơn vị gồm 3 chữ số (quận, ví dụ 002) hoặc 5 chữ số (phường, ví dụ 00037)",
      });
      return z.NEVER;
    }
    return v;
  });

const bulkUserRowSchema = (cityOfficial: boolean) =>
  z.object({
    username: z.string().pipe(UsernameSchema),
    displayName: displayNameField,
    role: bulkRoleField,
    unitCode: bulkUnitField(cityOfficial),
    phone: PhoneField,
    email: EmailField,
  });
const BULK_ROW_SCHEMAS = { cityOfficial: bulkUserRowSchema(true), other: bulkUserRowSchema(false) } as const;

/** One row of the file; how the unit code is read depends on the row's role (see bulkUnitField). */
export const BulkUserRowSchema = {
  safeParse(raw: { role: string } & Record<string, unknown>) {
    return BULK_ROW_SCHEMAS[bulkRoleWord(raw.role) === "CITY_OFFICIAL" ? "cityOfficial" : "other"].safeParse(raw);
  },
};
export type BulkUserRow = z.output<ReturnType<typeof bulkUserRowSchema>> & { line: number };

/** The CSV column of each field of BulkUserRowSchema, for error messages. */
export const BULK_FIELD_COLUMN: Readonly<Record<keyof Omit<BulkUserRow, "line">, BulkUserColumn>> = {
  username: "username",
  displayName: "display_name",
  role: "role",
  unitCode: "unit_code",
  phone: "phone",
  email: "email",
};

/** A file handed to a server action: checked by shape, so any runtime's File class passes. */
const CsvFileField = z
  .custom<Blob>(
    (v) => typeof v === "object" && v !== null && typeof (v as Blob).arrayBuffer === "function" && typeof (v as Blob).size === "number",
    "Chọn một tệp CSV",
  )
  .refine((f) => f.size > 0, "Tệp trống")
  .refine((f) => f.size <= BULK_USER_MAX_BYTES, `Tệp lớn hơn ${BULK_USER_MAX_BYTES / 1024} KB; hãy chia thành nhiều tệp`);

export const BulkUsersPreviewSchema = z.object({ file: CsvFileField });
export const BulkUsersCreateSchema = z.object({
  file: CsvFileField,
  /** the SHA-256 of the file the admin saw in the preview: a different file is refused */
  digest: z.string().regex(/^[0-9a-f]{64}$/, "Hãy kiểm tra tệp trước khi tạo tài khoản"),
});
