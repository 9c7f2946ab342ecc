import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { hashPassword } from "../auth/password.ts";
import { ForbiddenError, NotFoundError } from "../auth/errors.ts";
import {
  canChangeUser,
  canManageUsers,
  ROLE_UNIT_LEVEL,
  type Role,
  type SessionUser,
  type UserChange,
} from "../permissions.ts";
import type { CreateUserInput, UpdateUserInput } from "../schemas/user.ts";
import type { FieldErrors } from "../schemas/report.ts";
import { writeAudit } from "./audit.ts";

// Accounts: the session's user as loaded on every request, and the admin's user management.
// Reads select explicit fields: a password hash never leaves this module (only signInCandidate,
// used by the sign-in check on the server, reads it).

const sessionSelect = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  unitCode: true,
  disabled: true,
  sessionVersion: true,
  unit: { select: { parentCode: true } },
} as const;

type SessionRow = Prisma.UserGetPayload<{ select: typeof sessionSelect }>;

function toSessionUser(row: SessionRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitCode: row.unitCode,
    districtCode:
      row.role === "WARD_CHAIR" ? (row.unit?.parentCode ?? null) : row.role === "DISTRICT_OFFICIAL" ? row.unitCode : null,
  };
}

/**
 * The user behind a session token, or null when the account is gone, disabled, or the session was
 * revoked (sign-out, password reset, role change and disable bump `sessionVersion`).
 */
export async function loadSessionUser(
  prisma: Pick<PrismaClient, "user">,
  userId: number,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: sessionSelect });
  if (!row || row.disabled || row.sessionVersion !== sessionVersion) return null;
  return toSessionUser(row);
}

/** For the sign-in check only: the hash and state of an account by username. */
export async function signInCandidate(prisma: Pick<PrismaClient, "user">, username: string) {
  return prisma.user.findUnique({
    where: { username },
    select: { id: true, displayName: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
}

export async function markSignedIn(prisma: Pick<PrismaClient, "user">, userId: number, at: Date): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { lastSignInAt: at }, select: { id: true } });
}

/** Sign-out ends every session of the account (the cookie cannot be revoked any other way). */
export async function revokeSessions(prisma: Pick<PrismaClient, "user">, userId: number, sessionVersion: number): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
}

// ---------------------------------------------------------------------------------------------
// User management (admins)

export type UserListItem = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  disabled: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export async function listUsers(prisma: PrismaClient, actor: SessionUser): Promise<UserListItem[]> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const rows = await prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      unitCode: true,
      disabled: true,
      lastSignInAt: true,
      createdAt: true,
      unit: { select: { name: true } },
    },
  });
  return rows.map(({ unit, ...r }) => ({ ...r, unitName: unit?.name ?? null }));
}

export type AssignableUnit = { code: string; name: string; level: "DISTRICT" | "WARD"; parentCode: string | null };

/** Districts that have wards, and their wards: the units an account can be attached to. */
export async function listAssignableUnits(prisma: PrismaClient, actor: SessionUser): Promise<AssignableUnit[]> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const rows = await prisma.unit.findMany({
    where: { OR: [{ level: "WARD" }, { level: "DISTRICT", children: { some: {} } }] },
    orderBy: { code: "asc" },
    select: { code: true, name: true, level: true, parentCode: true },
  });
  return rows.flatMap((r) => (r.level === "WARD" || r.level === "DISTRICT" ? [{ ...r, level: r.level }] : []));
}

export type UserMutation = { ok: true; userId: number } | { ok: false; fieldErrors: FieldErrors };

async function checkUnitForRole(prisma: PrismaClient, role: Role, unitCode: string | null): Promise<FieldErrors | null> {
  const level = ROLE_UNIT_LEVEL[role];
  if (level === null) return unitCode === null ? null : { unitCode: ["Quản trị viên không gắn với đơn vị nào"] };
  if (unitCode === null) return { unitCode: ["Chọn đơn vị"] };
  const unit = await prisma.unit.findUnique({ where: { code: unitCode }, select: { level: true } });
  if (!unit || unit.level !== level) {
    return { unitCode: [level === "WARD" ? "Chủ tịch UBND phường phải gắn với một phường" : "Cán bộ quận phải gắn với một quận"] };
  }
  return null;
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

export async function createUser(prisma: PrismaClient, actor: SessionUser, input: CreateUserInput): Promise<UserMutation> {
  assertCan(actor, "create", null);
  const unitErrors = await checkUnitForRole(prisma, input.role, input.unitCode);
  if (unitErrors) return { ok: false, fieldErrors: unitErrors };
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { username: input.username, displayName: input.displayName, role: input.role, unitCode: input.unitCode, passwordHash },
        select: { id: true },
      });
      await writeAudit(tx, {
        userId: actor.id,
        action: "user.create",
        entity: "user",
        entityKey: input.username,
        unitCode: input.unitCode,
        before: null,
        after: { username: input.username, displayName: input.displayName, role: input.role, unitCode: input.unitCode },
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

const editableSelect = { id: true, username: true, displayName: true, role: true, unitCode: true, disabled: true } as const;

async function findUserOrThrow(prisma: Pick<PrismaClient, "user">, userId: number) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: editableSelect });
  if (!user) throw new NotFoundError("Không tìm thấy tài khoản.");
  return user;
}

export async function updateUser(prisma: PrismaClient, actor: SessionUser, input: UpdateUserInput): Promise<UserMutation> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const current = await findUserOrThrow(prisma, input.userId);
  const accessChanged = current.role !== input.role || current.unitCode !== input.unitCode;
  // Renaming oneself is harmless; changing one's own role or unit is not allowed.
  assertCan(actor, accessChanged ? "update" : "reset-password", current);
  if (accessChanged) {
    const unitErrors = await checkUnitForRole(prisma, input.role, input.unitCode);
    if (unitErrors) return { ok: false, fieldErrors: unitErrors };
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of ["displayName", "role", "unitCode"] as const) {
    if (current[key] !== input[key]) {
      before[key] = current[key];
      after[key] = input[key];
    }
  }
  if (Object.keys(after).length === 0) return { ok: true, userId: current.id };
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: current.id },
      data: {
        displayName: input.displayName,
        role: input.role,
        unitCode: input.unitCode,
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

export async function setUserDisabled(
  prisma: PrismaClient,
  actor: SessionUser,
  input: { userId: number; disabled: boolean },
): Promise<UserMutation> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
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
  prisma: PrismaClient,
  actor: SessionUser,
  input: { userId: number; password: string },
): Promise<UserMutation> {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const current = await findUserOrThrow(prisma, input.userId);
  assertCan(actor, "reset-password", current);
  if (input.password.toLowerCase().includes(current.username)) {
    return { ok: false, fieldErrors: { password: ["Mật khẩu không được chứa tên đăng nhập"] } };
  }
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: current.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
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
    });
  });
  return { ok: true, userId: current.id };
}
