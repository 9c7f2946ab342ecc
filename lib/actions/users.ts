"use server";

import { headers } from "next/headers";
import { authSettingsFromEnv } from "../auth/config.ts";
import { ForbiddenError } from "../errors.ts";
import { SETUP_REFUSALS } from "../auth/first-run.ts";
import { isSameOriginRequest } from "../auth/origin.ts";
import { clientAddress, retryMinutes } from "../auth/rate-limit.ts";
import { createFirstAdminFromLink } from "../auth/setup-link.ts";
import { getPasswordChangeAccount } from "../auth/session.ts";
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
import { authedAction } from "./safe-action.ts";

// Server actions of user management (admins only; the data layer checks again), the signed-in
// user's own password change, and the first administrator's creation through the setup link.

type UserResult = ActionResult<{ userId: number }>;

function toResult(m: UserMutation): UserResult {
  return m.ok ? { ok: true, data: { userId: m.userId } } : failure(400, "Dữ liệu chưa hợp lệ, hãy xem các ô được đánh dấu.", m.fieldErrors);
}

const create = authedAction({ schema: CreateUserSchema, roles: ["ADMIN"] }, async ({ user, input }) =>
  toResult(await createUser(user, input)),
);
export async function createUserAction(raw: unknown): Promise<UserResult> {
  return create(raw);
}

const update = authedAction({ schema: UpdateUserSchema, roles: ["ADMIN"] }, async ({ user, input }) =>
  toResult(await updateUser(user, input)),
);
export async function updateUserAction(raw: unknown): Promise<UserResult> {
  return update(raw);
}

const setDisabled = authedAction({ schema: SetUserDisabledSchema, roles: ["ADMIN"] }, async ({ user, input }) =>
  toResult(await setUserDisabled(user, input)),
);
export async function setUserDisabledAction(raw: unknown): Promise<UserResult> {
  return setDisabled(raw);
}

const reset = authedAction({ schema: ResetPasswordSchema, roles: ["ADMIN"] }, async ({ user, input }) =>
  toResult(await resetPassword(user, input)),
);
export async function resetPasswordAction(raw: unknown): Promise<UserResult> {
  return reset(raw);
}

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

function formFields(form: unknown, names: readonly string[]): Record<string, unknown> {
  if (!(form instanceof FormData)) return {};
  return Object.fromEntries(names.map((n) => [n, form.get(n) ?? undefined]));
}

const previewBulk = authedAction(
  { schema: BulkUsersPreviewSchema, roles: ["ADMIN"], revalidate: false },
  async ({ user, input }): Promise<BulkPreviewResult> => {
    const check = await previewBulkUsers(user, new Uint8Array(await input.file.arrayBuffer()));
    return check.ok ? { ok: true, data: check } : refusal(check);
  },
);
export async function previewBulkUsersAction(form: FormData): Promise<BulkPreviewResult> {
  return previewBulk(formFields(form, ["file"]));
}

const createBulk = authedAction(
  { schema: BulkUsersCreateSchema, roles: ["ADMIN"] },
  async ({ user, input }): Promise<BulkCreateResult> => {
    const started = performance.now();
    const result = await createBulkUsers(user, new Uint8Array(await input.file.arrayBuffer()), input.digest);
    if (result.ok) return { ok: true, data: { accounts: result.accounts, seconds: (performance.now() - started) / 1000 } };
    if ("changed" in result) return failure(409, "Tệp đã thay đổi sau khi kiểm tra. Hãy kiểm tra lại tệp trước khi tạo tài khoản.");
    return refusal(result);
  },
);
export async function createBulkUsersAction(form: FormData): Promise<BulkCreateResult> {
  return createBulk(formFields(form, ["file", "digest"]));
}

// ---------------------------------------------------------------------------------------------
// The signed-in user's own password. Not through authedAction: an account that must change its
// password has no SessionUser (it can do nothing else), so this action reads the account from
// the session itself, with the same same-origin check. The account is always the session's own.

export async function changePasswordAction(raw: unknown): Promise<ActionResult<{ username: string }>> {
  try {
    const h = await headers();
    if (!isSameOriginRequest({ origin: h.get("origin"), host: h.get("host"), forwardedHost: h.get("x-forwarded-host") })) {
      return failure(403, "Yêu cầu không đến từ trang WardWatch nên đã bị từ chối.");
    }
    const account = await getPasswordChangeAccount();
    if (!account) return failure(401, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
    const parsed = ChangePasswordSchema.safeParse(raw);
    if (!parsed.success) return failure(400, "Chưa đổi được mật khẩu: hãy xem các ô được đánh dấu.", fieldErrorsOf(parsed.error));
    const ip = clientAddress(h.get("x-forwarded-for"), authSettingsFromEnv().trustedProxies);
    const result = await changeOwnPassword(account, parsed.data, { ip, now: new Date() });
    if (result.ok) return { ok: true, data: { username: account.username } };
    if ("rateLimited" in result) return failure(429, result.message);
    return failure(400, "Chưa đổi được mật khẩu: hãy xem các ô được đánh dấu.", result.fieldErrors);
  } catch (err) {
    if (err instanceof ForbiddenError) return failure(403, err.message);
    console.error("[action] password change", err);
    return failure(500, "Đã có lỗi trên máy chủ, chưa đổi được mật khẩu. Vui lòng thử lại sau ít phút.");
  }
}

// ---------------------------------------------------------------------------------------------
// The one-time setup link's form (/setup?token=…): creates the first administrator. Public (there
// is nobody to sign in as yet), so: same-origin only, zod-checked, the token compared in constant
// time (lib/auth/first-run.ts), and wrong tokens limited per client address with the sign-in
// limits (5 failures in 15 minutes, kept in login_attempt under "setup:ADDRESS").

export async function createFirstAdminAction(raw: unknown): Promise<ActionResult<{ username: string }>> {
  try {
    const h = await headers();
    if (!isSameOriginRequest({ origin: h.get("origin"), host: h.get("host"), forwardedHost: h.get("x-forwarded-host") })) {
      return failure(403, "Yêu cầu không đến từ trang WardWatch nên đã bị từ chối.");
    }
    const parsed = FirstAdminSchema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      if (fieldErrors.token) return failure(403, SETUP_REFUSALS.invalid);
      return failure(400, "Chưa tạo được quản trị viên: hãy xem các ô được đánh dấu.", fieldErrors);
    }
    const ip = clientAddress(h.get("x-forwarded-for"), authSettingsFromEnv().trustedProxies);
    const result = await createFirstAdminFromLink(parsed.data, { ip, now: new Date() });
    if (result.ok) return { ok: true, data: { username: result.username } };
    if ("rateLimited" in result) {
      return failure(429, `Đã thử quá nhiều lần. Vì an toàn, vui lòng thử lại sau ${retryMinutes(result.rateLimited.retryAfterSeconds)} phút.`);
    }
    if ("refused" in result) return failure(403, SETUP_REFUSALS[result.refused]);
    return failure(400, "Chưa tạo được quản trị viên: hãy xem các ô được đánh dấu.", result.fieldErrors);
  } catch (err) {
    console.error("[setup] first admin", err);
    return failure(500, "Đã có lỗi trên máy chủ, chưa tạo được quản trị viên. Vui lòng thử lại sau ít phút.");
  }
}
