// `npm run admin:create -- USERNAME [--name "Họ tên"]`: creates an administrator on the server's
// shell, e.g. the first one of a database started without the demo (WARDWATCH_SEED_DEMO=0).
// The password is asked twice on a terminal, without echo; when stdin is not a terminal it is read
// from it (first line; a second line, if any, must repeat it):
//     printf '%s\n' "$MAT_KHAU" | npm run admin:create -- nguyenvana --name "Nguyễn Văn A"
// Same rules as the app's forms (lib/schemas/user.ts: 10–128 characters, not containing the
// username). Refuses a username that exists. Audited (user.create, no actor: the shell).
// Uses the app's database: DATABASE_URL, else the embedded one in WARDWATCH_DATA_DIR (which a
// running server holds: stop it first, or use the setup link that `npm start` prints).
//
// Exit status: 0 created, 1 refused (rules, username taken, passwords differ), 2 usage.
import { openDatabase } from "../lib/db/open.ts";
import { dataDirectory, readEnv } from "../lib/env.ts";
import { createAdminFromShell } from "../lib/auth/first-run.ts";
import { NewAdminSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../lib/schemas/user.ts";

const USAGE = `Cách dùng: npm run admin:create -- TÊN_ĐĂNG_NHẬP [--name "Họ tên"]
  TÊN_ĐĂNG_NHẬP  3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới
  --name         tên hiển thị (mặc định "Quản trị viên")
Mật khẩu (${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} ký tự, không chứa tên đăng nhập) được hỏi hai lần, không hiện trên màn hình;
hoặc đọc từ stdin khi không chạy trong terminal: printf '%s\\n' "$MAT_KHAU" | npm run admin:create -- TÊN_ĐĂNG_NHẬP`;

class UsageError extends Error {}
class Refused extends Error {}

function parseArgs(argv: readonly string[]): { username: string; displayName: string } {
  const positional: string[] = [];
  let displayName = "Quản trị viên";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === "--name") displayName = argv[++i] ?? "";
    else if (arg.startsWith("--name=")) displayName = arg.slice("--name=".length);
    else if (arg.startsWith("-")) throw new UsageError(`tham số không hợp lệ: ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError("cần đúng một tham số: TÊN_ĐĂNG_NHẬP");
  return { username: positional[0] ?? "", displayName };
}

/** Reads one line from the terminal without echoing it (raw mode; backspace works; Ctrl-C aborts). */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done(null);
        if (ch === "\u0003") return done(new Refused("Đã huỷ."));
        if (ch === "\u0004") return done(value === "" ? new Refused("Đã huỷ.") : null);
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    // a password is at most a few hundred bytes: do not read a whole file by mistake
    if (size > 64 * 1024) throw new Refused("stdin quá dài: chỉ cần một dòng mật khẩu.");
    chunks.push(buf);
  }
  const lines = Buffer.concat(chunks).toString("utf8").split(/\r?\n/);
  const [first = "", second = ""] = lines;
  if (first === "") throw new Refused("Không đọc được mật khẩu từ stdin (dòng đầu trống).");
  if (second !== "" && second !== first) throw new Refused("Hai lần nhập mật khẩu không khớp.");
  return first;
}

async function readPassword(username: string): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await askHidden(`Mật khẩu cho ${username} (ít nhất ${PASSWORD_MIN_LENGTH} ký tự): `);
  const second = await askHidden("Nhập lại mật khẩu: ");
  if (first !== second) throw new Refused("Hai lần nhập mật khẩu không khớp.");
  return first;
}

function issuesText(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const label: Record<string, string> = { username: "Tên đăng nhập", displayName: "Tên hiển thị (--name)", password: "Mật khẩu" };
  return issues.map((i) => `  - ${label[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join("\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Check the name before asking for a password, then everything again with it.
  const early = NewAdminSchema.safeParse({ ...args, password: "x".repeat(PASSWORD_MIN_LENGTH) });
  const nameIssues = early.success ? [] : early.error.issues.filter((i) => i.path[0] !== "password");
  if (nameIssues.length > 0) throw new Refused(`Chưa tạo được quản trị viên:\n${issuesText(nameIssues)}`);
  const password = await readPassword(args.username.trim().toLowerCase());
  const parsed = NewAdminSchema.safeParse({ ...args, password });
  if (!parsed.success) throw new Refused(`Chưa tạo được quản trị viên:\n${issuesText(parsed.error.issues)}`);

  const env = readEnv();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: dataDirectory(env), connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS });
  try {
    const result = await createAdminFromShell(db.prisma, parsed.data);
    if (!result.ok) {
      const why = "fieldErrors" in result ? Object.values(result.fieldErrors).flat().join("; ") : result.refused;
      throw new Refused(`Chưa tạo được quản trị viên ${parsed.data.username}: ${why}.`);
    }
    console.log(`[admin:create] Đã tạo quản trị viên ${result.username} trong ${db.kind === "embedded" ? "cơ sở dữ liệu nhúng" : "PostgreSQL"} ${db.location}.`);
    console.log("[admin:create] Đăng nhập tại /login rồi tạo tài khoản cán bộ ở Quản trị → Tài khoản.");
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`[admin:create] ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`[admin:create] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
