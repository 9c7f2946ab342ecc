import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { FieldErrors } from "../schemas/field-errors.ts";
import type { FirstAdminInput, NewAdminInput } from "../schemas/user.ts";
import { hashPassword } from "./password.ts";

// The first administrator of a database without the demo (issue 12, first run). No account and no
// default password exist until someone creates one of these two ways:
// - on the server's shell: `npm run admin:create -- USERNAME` (scripts/admin-create.ts);
// - without a shell: `npm start` writes a one-time link /setup?token=… to its log when no admin
//   exists. The token is 32 random bytes; only its SHA-256 is stored (setting "setup.token"),
//   with its expiry (1 hour) and, once used, when. The link creates one admin, once: it is
//   refused after use, after expiry, and as soon as any enabled admin exists.
// Not 'server-only': the start and admin:create scripts run it outside Next.js.

export const SETUP_TOKEN_SETTING = "setup.token";
export const SETUP_TOKEN_TTL_MS = 60 * 60_000;
/** pg_advisory_xact_lock key: one first-admin creation at a time (link or command line). */
const FIRST_ADMIN_LOCK = 120_401;

type Db = Pick<PrismaClient, "user" | "setting">;
type Tx = Prisma.TransactionClient;

type StoredToken = { hash: string; expiresAt: string; usedAt: string | null };

function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

function readStoredToken(value: unknown): StoredToken | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.hash !== "string" || !/^[0-9a-f]{64}$/.test(v.hash) || typeof v.expiresAt !== "string") return null;
  return { hash: v.hash, expiresAt: v.expiresAt, usedAt: typeof v.usedAt === "string" ? v.usedAt : null };
}

/** Compares the token's hash with the stored one in constant time. */
function tokenMatches(storedHash: string, token: string): boolean {
  const expected = Buffer.from(storedHash, "hex");
  const actual = Buffer.from(sha256Hex(token), "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** An enabled administrator exists: the setup link is then refused. */
export async function hasActiveAdmin(db: Pick<PrismaClient, "user">): Promise<boolean> {
  return (await db.user.count({ where: { role: "ADMIN", disabled: false } })) > 0;
}

/**
 * A new setup token (replacing any earlier one: only the latest link works), valid for an hour.
 * Returns the token itself, which is not stored anywhere: print it once.
 */
export async function issueSetupToken(db: Pick<PrismaClient, "setting">, now: Date = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_TTL_MS);
  const value: StoredToken = { hash: sha256Hex(token), expiresAt: expiresAt.toISOString(), usedAt: null };
  await db.setting.upsert({ where: { key: SETUP_TOKEN_SETTING }, create: { key: SETUP_TOKEN_SETTING, value }, update: { value } });
  return { token, expiresAt };
}

export type SetupRefusal = "admin-exists" | "invalid" | "expired" | "used";
export type SetupTokenState = "valid" | SetupRefusal;

/** What the setup page says when it refuses (Vietnamese, for the person holding the link). */
export const SETUP_REFUSALS: { readonly [R in SetupRefusal]: string } = {
  "admin-exists":
    "WardWatch đã có quản trị viên, nên liên kết thiết lập không còn dùng được. Hãy đăng nhập, hoặc nhờ quản trị viên tạo tài khoản cho bạn.",
  invalid:
    "Liên kết thiết lập không đúng. Hãy mở đúng liên kết in trong nhật ký khi máy chủ khởi động (npm start); mỗi lần khởi động lại sẽ có liên kết mới và liên kết cũ hết hiệu lực.",
  expired:
    "Liên kết thiết lập đã hết hạn (chỉ dùng được trong 1 giờ). Hãy khởi động lại máy chủ để có liên kết mới, hoặc chạy npm run admin:create -- TÊN_ĐĂNG_NHẬP trên máy chủ.",
  used: "Liên kết thiết lập này đã được dùng để tạo quản trị viên và không dùng lại được. Hãy đăng nhập bằng tài khoản đã tạo.",
};

/** Whether `token` may create the first admin now. Expiry and use are told only to the token's holder. */
export async function checkSetupToken(db: Db, token: string, now: Date = new Date()): Promise<SetupTokenState> {
  if (await hasActiveAdmin(db)) return "admin-exists";
  const row = await db.setting.findUnique({ where: { key: SETUP_TOKEN_SETTING }, select: { value: true } });
  const stored = row ? readStoredToken(row.value) : null;
  if (!stored || !tokenMatches(stored.hash, token)) return "invalid";
  if (stored.usedAt !== null) return "used";
  if (now.getTime() >= Date.parse(stored.expiresAt)) return "expired";
  return "valid";
}

export type AdminCreation =
  | { ok: true; userId: number; username: string }
  | { ok: false; fieldErrors: FieldErrors }
  | { ok: false; refused: SetupRefusal };

const USERNAME_TAKEN: FieldErrors = { username: ["Tên đăng nhập này đã có"] };

async function lockFirstAdmin(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK}::bigint)`;
}

async function insertAdmin(
  tx: Tx,
  input: NewAdminInput,
  passwordHash: string,
  audit: { actor: "self" | null; reason: string },
): Promise<{ id: number } | null> {
  if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) return null;
  const created = await tx.user.create({
    data: { username: input.username, displayName: input.displayName, role: "ADMIN", unitCode: null, passwordHash, mustChangePassword: false },
    select: { id: true },
  });
  // The same entry lib/figures/audit-log.ts writes for an admin's "create account", without the password.
  const after = { username: input.username, displayName: input.displayName, role: "ADMIN", unitCode: null };
  await tx.auditLog.create({
    data: {
      userId: audit.actor === "self" ? created.id : null,
      action: "user.create",
      entity: "user",
      entityKey: input.username,
      unitCode: null,
      before: Prisma.DbNull,
      after,
      fields: Object.keys(after),
      reason: audit.reason,
    },
    select: { id: true },
  });
  return created;
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/**
 * `npm run admin:create`: an administrator with the password typed on the server's shell. Works
 * whether or not admins exist (it is also the way back in when nobody can sign in); refuses a
 * username that exists. Audited with no actor (the shell) and ends any pending setup link.
 */
export async function createAdminFromShell(prisma: PrismaClient, input: NewAdminInput): Promise<AdminCreation> {
  const passwordHash = await hashPassword(input.password);
  try {
    const created = await prisma.$transaction(async (tx) => {
      await lockFirstAdmin(tx);
      const user = await insertAdmin(tx, input, passwordHash, { actor: null, reason: "Tạo bằng lệnh npm run admin:create trên máy chủ" });
      if (user) await tx.setting.deleteMany({ where: { key: SETUP_TOKEN_SETTING } });
      return user;
    });
    return created ? { ok: true, userId: created.id, username: input.username } : { ok: false, fieldErrors: USERNAME_TAKEN };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, fieldErrors: USERNAME_TAKEN };
    throw err;
  }
}

/**
 * The setup link: creates the first administrator when the token is valid, and marks the token
 * used in the same transaction. Two people submitting at once: the advisory lock makes the second
 * wait and then see "admin-exists".
 */
export async function createFirstAdmin(prisma: PrismaClient, input: FirstAdminInput, now: Date = new Date()): Promise<AdminCreation> {
  // Cheap refusals first, so a wrong token costs no password hashing.
  const before = await checkSetupToken(prisma, input.token, now);
  if (before !== "valid") return { ok: false, refused: before };
  const passwordHash = await hashPassword(input.password);
  try {
    const result = await prisma.$transaction(async (tx): Promise<AdminCreation> => {
      await lockFirstAdmin(tx);
      const state = await checkSetupToken(tx, input.token, now);
      if (state !== "valid") return { ok: false, refused: state };
      const user = await insertAdmin(tx, input, passwordHash, { actor: "self", reason: "Tạo bằng liên kết thiết lập lần đầu (/setup)" });
      if (!user) return { ok: false, fieldErrors: USERNAME_TAKEN };
      const row = await tx.setting.findUniqueOrThrow({ where: { key: SETUP_TOKEN_SETTING }, select: { value: true } });
      const stored = readStoredToken(row.value);
      if (!stored) throw new Error("setup token vanished inside its transaction");
      const used: StoredToken = { ...stored, usedAt: now.toISOString() };
      await tx.setting.update({ where: { key: SETUP_TOKEN_SETTING }, data: { value: used }, select: { key: true } });
      return { ok: true, userId: user.id, username: input.username };
    });
    return result;
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, fieldErrors: USERNAME_TAKEN };
    throw err;
  }
}

/**
 * The lines `npm start` prints when no admin exists (the link's token is shown only here). On the
 * embedded database the running server holds the data folder (lib/db/embedded-lock.ts), so the
 * shell's way says to stop it first.
 */
export function firstRunInstructions(link: { url: string; expiresAt: Date }, database: "postgres" | "embedded" = "postgres"): string[] {
  const until = new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    hour: "2-digit",
    minute: "2-digit",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(link.expiresAt);
  return [
    "Chưa có quản trị viên nào. Tạo quản trị viên đầu tiên bằng một trong hai cách:",
    database === "embedded"
      ? "  1. Trên máy chủ: dừng WardWatch (Ctrl+C), chạy npm run admin:create -- TÊN_ĐĂNG_NHẬP, rồi npm start lại (cơ sở dữ liệu nhúng chỉ cho một tiến trình mở)"
      : "  1. Trên máy chủ (khuyên dùng): npm run admin:create -- TÊN_ĐĂNG_NHẬP",
    "     (hỏi mật khẩu hai lần, không hiện ra màn hình; hoặc đọc từ stdin: printf '%s\\n' \"$MAT_KHAU\" | npm run admin:create -- TÊN_ĐĂNG_NHẬP)",
    `  2. Không có quyền vào máy chủ: mở liên kết dùng một lần sau (hết hạn lúc ${until}, giờ Việt Nam):`,
    `     ${link.url}`,
    "     Liên kết chỉ tạo được một quản trị viên; mỗi lần khởi động lại có liên kết mới. Đừng gửi liên kết qua kênh không an toàn.",
  ];
}
