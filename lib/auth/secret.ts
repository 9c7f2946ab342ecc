import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// The key that signs and encrypts session cookies. NEXTAUTH_SECRET when set (required when several
// servers share one database: they must share the key); otherwise a random key generated once and
// kept in <WARDWATCH_DATA_DIR>/auth-secret (mode 0600), so `npm ci && npm start` works with no
// configuration and sessions survive a restart. Deleting the file signs everybody out.

export const SECRET_FILE_NAME = "auth-secret";
export const MIN_SECRET_LENGTH = 32;

export class AuthSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthSecretError";
  }
}

export type ResolvedSecret = { secret: string; source: "env" | "file"; file?: string };

export function resolveAuthSecret(options: { envSecret: string | undefined; dataDir: string }): ResolvedSecret {
  const fromEnv = options.envSecret?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new AuthSecretError(
        `NEXTAUTH_SECRET quá ngắn (${fromEnv.length} ký tự, cần ít nhất ${MIN_SECRET_LENGTH}). ` +
          "Tạo một khoá bằng: openssl rand -base64 48",
      );
    }
    return { secret: fromEnv, source: "env" };
  }
  return { secret: readOrCreateKeyFile(options.dataDir), source: "file", file: path.join(options.dataDir, SECRET_FILE_NAME) };
}

function readSecretFile(file: string): string {
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AuthSecretError(
      `Tệp khoá phiên ${file} bị hỏng (quá ngắn). Xoá tệp này để tạo khoá mới (mọi người sẽ phải đăng nhập lại), ` +
        "hoặc đặt NEXTAUTH_SECRET.",
    );
  }
  return secret;
}

/** Reads the random key kept in <dataDir>/<name> (mode 0600), creating it once. Also used for the backup token. */
export function readOrCreateKeyFile(dataDir: string, name: string = SECRET_FILE_NAME): string {
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return readSecretFile(file);
  fs.mkdirSync(dataDir, { recursive: true });
  // Write the whole key to a temporary file, then link it into place: the link fails if another
  // process got there first, so two processes starting together still end up with one key.
  const tmp = path.join(dataDir, `.${name}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`);
  fs.writeFileSync(tmp, `${crypto.randomBytes(48).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return readSecretFile(file);
}
