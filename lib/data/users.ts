import "server-only";
import { getPrisma } from "../db.ts";
import os from "node:os";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { BULK_MAX_ERRORS, parseBulkUsersCsv, type BulkUserError } from "../auth/bulk-users.ts";
import { generateInitialPassword } from "../auth/initial-password.ts";
import { logAttempt, type AttemptOutcome } from "../auth/attempt-log.ts";
import { checkLoginAllowed, recordLoginAttempt, retryMinutes } from "../auth/rate-limit.ts";
import {
  canChangeUser,
  canManageUsers,
  ROLE_UNIT_LEVEL,
  type Role,
  type SessionUser,
  type UserChange,
} from "../permissions.ts";
import {
  PASSWORD_CONTAINS_USERNAME,
  passwordContainsUsername,
  type BulkRole,
  type ChangePasswordInput,
  type CreateUserInput,
  type UpdateUserInput,
} from "../schemas/user.ts";
import type { FieldErrors } from "../schemas/field-errors.ts";
import { writeAudit } from "../figures/audit-log.ts";

// The admin's user management. Reads select explicit fields: a password hash is never read here
// (the sign-in store is lib/auth/accounts-store.ts).

// ---------------------------------------------------------------------------------------------
// User management (admins)

export type UserListItem = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  phone: string | null;
  email: string | null;
  disabled: boolean;
  /** still has the password an admin set (bulk creation or reset) */
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export async function listUsers(actor: SessionUser): Promise<UserListItem[]> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const prisma = await getPrisma();
  const rows = await prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      unitCode: true,
      phone: true,
      email: true,
      disabled: true,
      mustChangePassword: true,
      lastSignInAt: true,
      createdAt: true,
      unit: { select: { name: true } },
    },
  });
  return rows.map(({ unit, ...r }) => ({ ...r, unitName: unit?.name ?? null }));
}

export type AssignableUnit = { code: string; name: string; level: "COUNTRY" | "PROVINCE" | "DISTRICT" | "WARD"; parentCode: string | null };

/**
 * The country (for national officials), provinces that have districts (for city officials),
 * districts that have wards, and wards: the units an account can be attached to.
 */
export async function listAssignableUnits(actor: SessionUser): Promise<AssignableUnit[]> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const prisma = await getPrisma();
  const rows = await prisma.unit.findMany({
    where: {
      OR: [
        { level: "COUNTRY" },
        { level: "WARD" },
        { level: "DISTRICT", children: { some: {} } },
        { level: "PROVINCE", children: { some: { level: "DISTRICT" } } },
      ],
    },
    orderBy: { code: "asc" },
    select: { code: true, name: true, level: true, parentCode: true },
  });
  return rows;
}

export type UserMutation = { ok: true; userId: number } | { ok: false; fieldErrors: FieldErrors };

/** What the unit of each role must be, as the refusal says it. */
export const ROLE_UNIT_RULE: { readonly [R in Exclude<Role, "ADMIN">]: string } = {
  NATIONAL_OFFICIAL: "Cán bộ Ban Chỉ đạo quốc gia phải gắn với đơn vị cả nước",
  CITY_OFFICIAL: "Cán bộ thành phố phải gắn với một tỉnh, thành phố có quận, huyện",
  DISTRICT_OFFICIAL: "Cán bộ quận phải gắn với một quận",
  WARD_CHAIR: "Chủ tịch UBND phường phải gắn với một phường",
};

async function checkUnitForRole(prisma: PrismaClient, role: Role, unitCode: string | null): Promise<FieldErrors | null> {
  const level = ROLE_UNIT_LEVEL[role];
  if (role === "ADMIN" || level === null) return unitCode === null ? null : { unitCode: ["Quản trị viên không gắn với đơn vị nào"] };
  if (unitCode === null) return { unitCode: ["Chọn đơn vị"] };
  const unit = await prisma.unit.findUnique({
    where: { code: unitCode },
    select: { level: true, _count: { select: { children: { where: { level: "DISTRICT" } } } } },
  });
  // A city official reads the districts of the province: one without any would see nothing.
  const fits = unit !== null && unit.level === level && (level !== "PROVINCE" || unit._count.children > 0);
  return fits ? null : { unitCode: [ROLE_UNIT_RULE[role]] };
}

function assertCan(actor: SessionUser, change: UserChange, target: { id: number } | null): void {
  if (!canChangeUser(actor, change, target)) {
    throw new ForbiddenError(
      target !== null && target.id === actor.id
        ? "Bạn không thể tự khoá, đổi vai trò hay đơn vị của chính mình; hãy nhờ một quản trị viên khác."
        : undefined,
    );
  }
}

export async function createUser(actor: SessionUser, input: CreateUserInput): Promise<UserMutation> {
  assertCan(actor, "create", null);
  const prisma = await getPrisma();
  const unitErrors = await checkUnitForRole(prisma, input.role, input.unitCode);
  if (unitErrors) return { ok: false, fieldErrors: unitErrors };
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await prisma.$transaction(async (tx) => {
      const contact = { phone: input.phone ?? null, email: input.email ?? null };
      const created = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          unitCode: input.unitCode,
          ...contact,
          mustChangePassword: input.mustChangePassword,
          passwordHash,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        userId: actor.id,
        action: "user.create",
        entity: "user",
        entityKey: input.username,
        unitCode: input.unitCode,
        before: null,
        after: {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          unitCode: input.unitCode,
          ...(contact.phone ? { phone: contact.phone } : {}),
          ...(contact.email ? { email: contact.email } : {}),
          ...(input.mustChangePassword ? { mustChangePassword: true } : {}),
        },
      });
      return created.id;
    });
    return { ok: true, userId: id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return { ok: false, fieldErrors: { username: ["Tên đăng nhập này đã có"] } };
    }
    throw err;
  }
}

const editableSelect = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  unitCode: true,
  phone: true,
  email: true,
  disabled: true,
} as const;

async function findUserOrThrow(prisma: Pick<PrismaClient, "user">, userId: number) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: editableSelect });
  if (!user) throw new NotFoundError("Không tìm thấy tài khoản.");
  return user;
}

/** An account's new details; phone and email left out stay as they are. */
export type UserUpdate = Omit<UpdateUserInput, "phone" | "email"> & { phone?: string | null; email?: string | null };

export async function updateUser(actor: SessionUser, input: UserUpdate): Promise<UserMutation> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const prisma = await getPrisma();
  const current = await findUserOrThrow(prisma, input.userId);
  const accessChanged = current.role !== input.role || current.unitCode !== input.unitCode;
  // Renaming oneself is harmless; changing one's own role or unit is not allowed.
  assertCan(actor, accessChanged ? "update" : "reset-password", current);
  if (accessChanged) {
    const unitErrors = await checkUnitForRole(prisma, input.role, input.unitCode);
    if (unitErrors) return { ok: false, fieldErrors: unitErrors };
  }
  // phone and email absent from the input: left as they are
  const next = { ...input, phone: input.phone === undefined ? current.phone : input.phone, email: input.email === undefined ? current.email : input.email };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of ["displayName", "role", "unitCode", "phone", "email"] as const) {
    if (current[key] !== next[key]) {
      before[key] = current[key];
      after[key] = next[key];
    }
  }
  if (Object.keys(after).length === 0) return { ok: true, userId: current.id };
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: current.id },
      data: {
        displayName: next.displayName,
        role: next.role,
        unitCode: next.unitCode,
        phone: next.phone,
        email: next.email,
        // a new role or unit takes effect at once: older sessions must sign in again
        ...(accessChanged ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      userId: actor.id,
      action: "user.update",
      entity: "user",
      entityKey: current.username,
      unitCode: input.unitCode ?? current.unitCode,
      before,
      after,
    });
  });
  return { ok: true, userId: current.id };
}

// ---------------------------------------------------------------------------------------------
// The signed-in user's own contact details (/account)

export async function getOwnContact(user: SessionUser): Promise<{ phone: string | null }> {
  const prisma = await getPrisma();
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { phone: true } });
  if (!row) throw new NotFoundError("Không tìm thấy tài khoản của bạn.");
  return row;
}

/** Sets (or removes, null) the caller's own phone, audited as "user.update"; returns the stored value. */
export async function updateOwnContact(user: SessionUser, input: { phone: string | null }): Promise<string | null> {
  const prisma = await getPrisma();
  const current = await prisma.user.findUnique({ where: { id: user.id }, select: { username: true, unitCode: true, phone: true } });
  if (!current) throw new NotFoundError("Không tìm thấy tài khoản của bạn.");
  if (current.phone === input.phone) return current.phone;
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { phone: input.phone }, select: { id: true } });
    await writeAudit(tx, {
      userId: user.id,
      action: "user.update",
      entity: "user",
      entityKey: current.username,
      unitCode: current.unitCode,
      before: { phone: current.phone },
      after: { phone: input.phone },
    });
  });
  return input.phone;
}

export async function setUserDisabled(
  actor: SessionUser,
  input: { userId: number; disabled: boolean },
): Promise<UserMutation> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const prisma = await getPrisma();
  const current = await findUserOrThrow(prisma, input.userId);
  assertCan(actor, input.disabled ? "disable" : "enable", current);
  if (current.disabled === input.disabled) return { ok: true, userId: current.id };
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: current.id },
      data: { disabled: input.disabled, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await writeAudit(tx, {
      userId: actor.id,
      action: input.disabled ? "user.disable" : "user.enable",
      entity: "user",
      entityKey: current.username,
      unitCode: current.unitCode,
      before: { disabled: current.disabled },
      after: { disabled: input.disabled },
    });
  });
  return { ok: true, userId: current.id };
}

export async function resetPassword(
  actor: SessionUser,
  input: { userId: number; password: string; mustChangePassword?: boolean },
): Promise<UserMutation> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const prisma = await getPrisma();
  const current = await findUserOrThrow(prisma, input.userId);
  assertCan(actor, "reset-password", current);
  if (passwordContainsUsername(input.password, current.username)) {
    return { ok: false, fieldErrors: { password: [PASSWORD_CONTAINS_USERNAME] } };
  }
  const passwordHash = await hashPassword(input.password);
  // An admin's own new password is theirs to keep; anyone else's can be marked for a forced change.
  const mustChangePassword = current.id !== actor.id && input.mustChangePassword === true;
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: current.id },
      data: { passwordHash, mustChangePassword, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    // Never a hash in the log: only that it changed.
    await writeAudit(tx, {
      userId: actor.id,
      action: "user.password_reset",
      entity: "user",
      entityKey: current.username,
      unitCode: current.unitCode,
      before: null,
      after: null,
      fields: ["password"],
      reason: mustChangePassword ? "Phải đổi mật khẩu ở lần đăng nhập tới" : null,
    });
  });
  return { ok: true, userId: current.id };
}

// ---------------------------------------------------------------------------------------------
// The signed-in user's own password. `account` comes from the session (lib/auth/session.ts):
// nobody can name another account here. Forced after bulk creation or an admin's reset
// (mustChangePassword); anyone may use it at any time.

export type PasswordChange =
  | { ok: true }
  | { ok: false; fieldErrors: FieldErrors }
  | { ok: false; rateLimited: true; message: string };

/**
 * Checks the current password (wrong guesses count against the sign-in limits, so a stolen
 * session cannot be used to find the password), stores the new one, clears the forced change and
 * ends every session of the account (sign in again with the new password). Audited, no secrets.
 */
export async function changeOwnPassword(
  account: { id: number },
  input: ChangePasswordInput,
  request: { ip: string; now: Date },
): Promise<PasswordChange> {
  const prisma = await getPrisma();
  const current = await prisma.user.findUnique({
    where: { id: account.id },
    select: { id: true, username: true, passwordHash: true, disabled: true, mustChangePassword: true, unitCode: true },
  });
  if (!current || current.disabled) throw new ForbiddenError();
  const gate = await checkLoginAllowed(prisma, { username: current.username, ip: request.ip, now: request.now });
  const logged = (outcome: AttemptOutcome) => logAttempt(prisma, { kind: "password_change", username: current.username, ip: request.ip, outcome, at: request.now });
  if (!gate.allowed) {
    await logged("throttled");
    return {
      ok: false,
      rateLimited: true,
      message: `Đã nhập sai mật khẩu quá nhiều lần. Vì an toàn, vui lòng thử lại sau ${retryMinutes(gate.retryAfterSeconds)} phút.`,
    };
  }
  const ok = await verifyPassword(current.passwordHash, input.currentPassword);
  if (!ok) {
    await recordLoginAttempt(prisma, { username: current.username, ip: request.ip, success: false, now: request.now });
    await logged("wrong");
    return { ok: false, fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng"] } };
  }
  // the current password was right: its attempt is taken back, as a right sign-in's is
  await recordLoginAttempt(prisma, { username: current.username, ip: request.ip, success: true, now: request.now });
  await logged("success");
  if (passwordContainsUsername(input.newPassword, current.username)) {
    return { ok: false, fieldErrors: { newPassword: [PASSWORD_CONTAINS_USERNAME] } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: current.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await writeAudit(tx, {
      userId: current.id,
      action: "user.password_reset",
      entity: "user",
      entityKey: current.username,
      unitCode: current.unitCode,
      before: null,
      after: null,
      fields: ["password"],
      reason: current.mustChangePassword ? "Tự đổi mật khẩu ban đầu (bắt buộc ở lần đăng nhập đầu)" : "Tự đổi mật khẩu",
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Accounts in bulk (admins): city officials, district officials and ward chairs of a city from a CSV file
// (lib/auth/bulk-users.ts reads it). Checked row by row, all or nothing; a preview first; then
// created in one transaction with random initial passwords that are returned once and never
// stored in clear (argon2id, like every password), each account marked to change it at the first
// sign-in. Every account gets its own audit entry.

export type BulkPreviewRow = {
  line: number;
  username: string;
  displayName: string;
  role: BulkRole;
  unitCode: string;
  unitName: string;
  phone: string | null;
  email: string | null;
};

export type BulkCheck =
  | { ok: true; digest: string; rows: BulkPreviewRow[]; ignoredColumns: string[]; counts: Record<BulkRole, number> }
  | { ok: false; digest: string; errors: BulkUserError[]; errorCount: number };

export type BulkCreatedAccount = BulkPreviewRow & { password: string };

export type BulkCreation =
  | { ok: true; accounts: BulkCreatedAccount[]; hashSeconds: number; totalSeconds: number }
  | (BulkCheck & { ok: false })
  | { ok: false; changed: true };

const LEVEL_WORD = { WARD: "phường", DISTRICT: "quận", PROVINCE: "tỉnh, thành phố", COUNTRY: "cả nước" } as const;
/** What a code of that many digits names, for "no such unit". */
const CODE_LENGTH_WORD: Readonly<Record<number, string>> = { 2: "tỉnh, thành phố", 3: "quận", 5: "phường" };
const BULK_UNIT_RULE: { readonly [R in BulkRole]: string } = {
  CITY_OFFICIAL: "cán bộ thành phố phải gắn với một tỉnh, thành phố",
  DISTRICT_OFFICIAL: "cán bộ quận phải gắn với một quận",
  WARD_CHAIR: "chủ tịch UBND phường phải gắn với một phường",
};

async function checkBulkFile(prisma: PrismaClient, bytes: Uint8Array): Promise<BulkCheck> {
  const parsed = parseBulkUsersCsv(bytes);
  // A file that cannot be read row by row (encoding, quoting, header) stops here; otherwise the
  // rows that are good on their own are checked against the database too, so that one pass lists
  // every error of the file.
  if (!parsed.ok && parsed.rows.length === 0) return { ok: false, digest: parsed.digest, errors: parsed.errors, errorCount: parsed.errorCount };
  const [units, taken] = await Promise.all([
    prisma.unit.findMany({
      where: { code: { in: [...new Set(parsed.rows.map((r) => r.unitCode))] } },
      select: { code: true, name: true, level: true, _count: { select: { children: { where: { level: "DISTRICT" } } } } },
    }),
    prisma.user.findMany({ where: { username: { in: parsed.rows.map((r) => r.username) } }, select: { username: true } }),
  ]);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const takenNames = new Set(taken.map((u) => u.username));
  const errors: BulkUserError[] = [];
  const rows: BulkPreviewRow[] = [];
  for (const row of parsed.rows) {
    if (takenNames.has(row.username)) {
      errors.push({ line: row.line, column: "username", value: row.username, message: `Tên đăng nhập ${row.username} đã có trong WardWatch.` });
    }
    const unit = unitByCode.get(row.unitCode);
    const wanted = ROLE_UNIT_LEVEL[row.role];
    if (!unit) {
      errors.push({
        line: row.line,
        column: "unit_code",
        value: row.unitCode,
        message: `Không có ${CODE_LENGTH_WORD[row.unitCode.length] ?? "đơn vị"} nào mã ${row.unitCode} trong WardWatch (mã đơn vị hành chính của Tổng cục Thống kê).`,
      });
    } else if (unit.level !== wanted) {
      errors.push({
        line: row.line,
        column: "unit_code",
        value: row.unitCode,
        message: `Mã ${row.unitCode} là ${unit.name} (${LEVEL_WORD[unit.level]}): ${BULK_UNIT_RULE[row.role]}.`,
      });
    } else if (unit.level === "PROVINCE" && unit._count.children === 0) {
      errors.push({
        line: row.line,
        column: "unit_code",
        value: row.unitCode,
        message: `${unit.name} chưa có quận, huyện nào trong WardWatch: cán bộ thành phố sẽ không xem được gì.`,
      });
    }
    if (unit) rows.push({ ...row, phone: row.phone ?? null, email: row.email ?? null, unitName: unit.name });
  }
  if (!parsed.ok || errors.length > 0) {
    const all = [...(parsed.ok ? [] : parsed.errors), ...errors].sort((a, b) => a.line - b.line);
    return {
      ok: false,
      digest: parsed.digest,
      errors: all.slice(0, BULK_MAX_ERRORS),
      errorCount: (parsed.ok ? 0 : parsed.errorCount) + errors.length,
    };
  }
  const counts: Record<BulkRole, number> = { CITY_OFFICIAL: 0, DISTRICT_OFFICIAL: 0, WARD_CHAIR: 0 };
  for (const r of rows) counts[r.role] += 1;
  return { ok: true, digest: parsed.digest, rows, ignoredColumns: parsed.ignoredColumns, counts };
}

/** The preview: every error with its line and column, or the accounts the file would create. */
export async function previewBulkUsers(actor: SessionUser, bytes: Uint8Array): Promise<BulkCheck> {
  assertCan(actor, "create", null);
  const prisma = await getPrisma();
  return checkBulkFile(prisma, bytes);
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * argon2 runs on libuv's thread pool (4 threads by default): one hash per core keeps the machine
 * responsive for other requests while the batch runs.
 */
export const BULK_HASH_CONCURRENCY = Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * Creates the accounts of a file the admin previewed (`digest`: a different file is refused).
 * Everything is checked again (the database may have changed since the preview); then the
 * passwords are hashed outside the transaction, and the accounts and their audit entries are
 * written in one transaction: all or none.
 */
export async function createBulkUsers(
  actor: SessionUser,
  bytes: Uint8Array,
  digest: string,
  options: { concurrency?: number } = {},
): Promise<BulkCreation> {
  assertCan(actor, "create", null);
  const prisma = await getPrisma();
  const started = performance.now();
  const check = await checkBulkFile(prisma, bytes);
  if (check.digest !== digest) return { ok: false, changed: true };
  if (!check.ok) return check;

  const passwords = check.rows.map((r) => generateInitialPassword(r.username));
  const hashStarted = performance.now();
  const hashes = await mapLimited(passwords, options.concurrency ?? BULK_HASH_CONCURRENCY, (p) => hashPassword(p));
  const hashSeconds = (performance.now() - hashStarted) / 1000;
  const reason = `Tạo hàng loạt từ tệp CSV (${check.rows.length} tài khoản)`;
  try {
    await prisma.$transaction(
      async (tx) => {
        await tx.user.createMany({
          data: check.rows.map((r, i) => ({
            username: r.username,
            displayName: r.displayName,
            role: r.role,
            unitCode: r.unitCode,
            phone: r.phone,
            email: r.email,
            passwordHash: hashes[i] ?? "",
            mustChangePassword: true,
          })),
        });
        await tx.auditLog.createMany({
          data: check.rows.map((r) => {
            const after = {
              username: r.username,
              displayName: r.displayName,
              role: r.role,
              unitCode: r.unitCode,
              ...(r.phone ? { phone: r.phone } : {}),
              ...(r.email ? { email: r.email } : {}),
              mustChangePassword: true,
            };
            return {
              userId: actor.id,
              action: "user.create",
              entity: "user",
              entityKey: r.username,
              unitCode: r.unitCode,
              before: Prisma.DbNull,
              after,
              fields: Object.keys(after),
              reason,
            };
          }),
        });
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    // Someone took one of the usernames since the check: say which, create nothing.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const again = await checkBulkFile(prisma, bytes);
      if (!again.ok) return again;
    }
    throw err;
  }
  return {
    ok: true,
    accounts: check.rows.map((r, i) => ({ ...r, password: passwords[i] ?? "" })),
    hashSeconds,
    totalSeconds: (performance.now() - started) / 1000,
  };
}
