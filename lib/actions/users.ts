"use server";

import { headers } from "next/headers";
import { authSettingsFromEnv } from "../auth/config.ts";
import { SETUP_REFUSALS } from "../auth/first-run.ts";
import { clientAddress, retryMinutes } from "../auth/rate-limit.ts";
import { createFirstAdminFromLink } from "../auth/setup-link.ts";
import type { BulkUserError } from "../auth/bulk-users.ts";
import {
  changeOwnPassword,
  createBulkUsers,
  createUser,
  previewBulkUsers,
  resetPassword,
  setUserDisabled,
  updateUser,
  type BulkCheck,
  type BulkCreatedAccount,
  type UserMutation,
} from "../data/users.ts";
import { action, formFields } from "../requests/action.ts";
import { accountSession, anyone, session } from "../requests/guard.ts";
import { fieldErrorsOf } from "../schemas/field-errors.ts";
import {
  BulkUsersCreateSchema,
  BulkUsersPreviewSchema,
  ChangePasswordSchema,
  CreateUserSchema,
  FirstAdminSchema,
  ResetPasswordSchema,
  SetUserDisabledSchema,
  UpdateUserSchema,
} from "../schemas/user.ts";
import { failure, type ActionFailure, type ActionResult } from "./result.ts";

// Server actions of user management (admins only; the data layer checks again), the signed-in
// user's own password change, and the first administrator's creation through the setup link.

type UserResult = ActionResult<{ userId: number }>;

function toResult(m: UserMutation): UserResult {
  return m.ok ? { ok: true, data: { userId: m.userId } } : failure(400, "Dữ liệu chưa hợp lệ, hãy xem các ô được đánh dấu.", m.fieldErrors);
}

const admin = session().role("ADMIN");

export const createUserAction = action(admin.input(CreateUserSchema), async ({ user, input }) => toResult(await createUser(user, input)));
export const updateUserAction = action(admin.input(UpdateUserSchema), async ({ user, input }) => toResult(await updateUser(user, input)));
export const setUserDisabledAction = action(admin.input(SetUserDisabledSchema), async ({ user, input }) => toResult(await setUserDisabled(user, input)));
export const resetPasswordAction = action(admin.input(ResetPasswordSchema), async ({ user, input }) => toResult(await resetPassword(user, input)));

// ---------------------------------------------------------------------------------------------
// Accounts in bulk from a CSV file: a preview, then the creation of exactly the previewed file.
// The form posts the file as FormData (field "file", and "digest" from the preview).

/** The file's rows have errors: listed with line and column, nothing created. */
export type BulkFileRefusal = { ok: false; status: 422; message: string; errors: BulkUserError[]; errorCount: number };

export type BulkPreviewResult = { ok: true; data: Extract<BulkCheck, { ok: true }> } | BulkFileRefusal | ActionFailure;
export type BulkCreateResult = { ok: true; data: { accounts: BulkCreatedAccount[]; seconds: number } } | BulkFileRefusal | ActionFailure;

function refusal(check: Extract<BulkCheck, { ok: false }>): BulkFileRefusal {
  return {
    ok: false,
    status: 422,
    message: `Tệp có ${check.errorCount} lỗi; chưa tạo tài khoản nào. Hãy sửa tệp theo danh sách dưới đây rồi kiểm tra lại.`,
    errors: check.errors,
    errorCount: check.errorCount,
  };
}

export const previewBulkUsersAction = action(
  admin.input(BulkUsersPreviewSchema, { read: formFields("file") }),
  async ({ user, input }): Promise<BulkPreviewResult> => {
    const check = await previewBulkUsers(user, new Uint8Array(await input.file.arrayBuffer()));
    return check.ok ? { ok: true, data: check } : refusal(check);
  },
  { revalidate: false },
);

export const createBulkUsersAction = action(
  admin.input(BulkUsersCreateSchema, { read: formFields("file", "digest") }),
  async ({ user, input }): Promise<BulkCreateResult> => {
    const started = performance.now();
    const result = await createBulkUsers(user, new Uint8Array(await input.file.arrayBuffer()), input.digest);
    if (result.ok) return { ok: true, data: { accounts: result.accounts, seconds: (performance.now() - started) / 1000 } };
    if ("changed" in result) return failure(409, "Tệp đã thay đổi sau khi kiểm tra. Hãy kiểm tra lại tệp trước khi tạo tài khoản.");
    return refusal(result);
  },
);

// ---------------------------------------------------------------------------------------------
// The signed-in user's own password: an account that must change its password has no SessionUser
// (it can do nothing else), so the chain starts from the session's account (accountSession). The
// account is always the session's own. The current password counts on the sign-in throttle
// (lib/auth/throttle.ts, through lib/auth/rate-limit.ts): a wrong one stays counted, a right one is
// taken back (lib/data/users.ts changeOwnPassword).

async function requestAddress(): Promise<string> {
  return clientAddress((await headers()).get("x-forwarded-for"), authSettingsFromEnv().trustedProxies);
}

const NOT_CHANGED = "Chưa đổi được mật khẩu: hãy xem các ô được đánh dấu.";

export const changePasswordAction = action(
  accountSession().input(ChangePasswordSchema),
  async ({ account, input }): Promise<ActionResult<{ username: string }>> => {
    const ip = await requestAddress();
    const now = new Date();
    const result = await changeOwnPassword(account, input, { ip, now });
    if ("rateLimited" in result) return failure(429, result.message);
    if (result.ok) return { ok: true, data: { username: account.username } };
    return failure(400, NOT_CHANGED, result.fieldErrors);
  },
  {
    revalidate: false,
    wording: {
      invalid: (error) => ({ status: 400, message: NOT_CHANGED, fieldErrors: fieldErrorsOf(error) }),
      failed: "Đã có lỗi trên máy chủ, chưa đổi được mật khẩu. Vui lòng thử lại sau ít phút.",
    },
  },
);

// ---------------------------------------------------------------------------------------------
// The one-time setup link's form (/setup?token=…): creates the first administrator. Public (there
// is nobody to sign in as yet), so: same-origin only, zod-checked (a malformed token is the link's
// refusal, 403), the token compared in constant time (lib/auth/first-run.ts), and wrong tokens
// counted on the sign-in throttle under "setup:ADDRESS" (lib/auth/setup-link.ts).

const NO_ADMIN = "Chưa tạo được quản trị viên: hãy xem các ô được đánh dấu.";

export const createFirstAdminAction = action(
  anyone().input(FirstAdminSchema, {
    invalid: (error) => {
      const fieldErrors = fieldErrorsOf(error);
      return fieldErrors.token ? { status: 403, message: SETUP_REFUSALS.invalid } : { status: 400, message: NO_ADMIN, fieldErrors };
    },
  }),
  async ({ input }): Promise<ActionResult<{ username: string }>> => {
    const result = await createFirstAdminFromLink(input, { ip: await requestAddress(), now: new Date() });
    if (result.ok) return { ok: true, data: { username: result.username } };
    if ("rateLimited" in result) {
      return failure(429, `Đã thử quá nhiều lần. Vì an toàn, vui lòng thử lại sau ${retryMinutes(result.rateLimited.retryAfterSeconds)} phút.`);
    }
    if ("refused" in result) return failure(403, SETUP_REFUSALS[result.refused]);
    return failure(400, NO_ADMIN, result.fieldErrors);
  },
  {
    revalidate: false,
    wording: { tag: "setup", failed: "Đã có lỗi trên máy chủ, chưa tạo được quản trị viên. Vui lòng thử lại sau ít phút." },
  },
);
