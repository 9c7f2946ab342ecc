"use server";

import { createUser, resetPassword, setUserDisabled, updateUser, type UserMutation } from "../data/users.ts";
import { CreateUserSchema, ResetPasswordSchema, SetUserDisabledSchema, UpdateUserSchema } from "../schemas/user.ts";
import { failure, type ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// Server actions of user management (admins only; the data layer checks again).

type UserResult = ActionResult<{ userId: number }>;

function toResult(m: UserMutation): UserResult {
  return m.ok ? { ok: true, data: { userId: m.userId } } : failure(400, "Dữ liệu chưa hợp lệ, hãy xem các ô được đánh dấu.", m.fieldErrors);
}

const create = authedAction({ schema: CreateUserSchema, roles: ["ADMIN"] }, async ({ user, input, prisma }) =>
  toResult(await createUser(prisma, user, input)),
);
export async function createUserAction(raw: unknown): Promise<UserResult> {
  return create(raw);
}

const update = authedAction({ schema: UpdateUserSchema, roles: ["ADMIN"] }, async ({ user, input, prisma }) =>
  toResult(await updateUser(prisma, user, input)),
);
export async function updateUserAction(raw: unknown): Promise<UserResult> {
  return update(raw);
}

const setDisabled = authedAction({ schema: SetUserDisabledSchema, roles: ["ADMIN"] }, async ({ user, input, prisma }) =>
  toResult(await setUserDisabled(prisma, user, input)),
);
export async function setUserDisabledAction(raw: unknown): Promise<UserResult> {
  return setDisabled(raw);
}

const reset = authedAction({ schema: ResetPasswordSchema, roles: ["ADMIN"] }, async ({ user, input, prisma }) =>
  toResult(await resetPassword(prisma, user, input)),
);
export async function resetPasswordAction(raw: unknown): Promise<UserResult> {
  return reset(raw);
}
