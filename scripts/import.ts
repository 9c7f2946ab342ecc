// `npm run import -- KIND FILE [--scope city|district:CODE|ward:CODE] [--replace-approved] [--user USERNAME] [--json]`:
// imports a national system's export from the command line, for files too large to upload
// comfortably. KIND is qr-scan-log, venue-register or install-stats. A scan log replaces the
// districts of its venues on its days, or the --scope given; an import that would change figures of
// approved ward reports is refused unless --replace-approved confirms it. Uses the same database as the app (DATABASE_URL, else the embedded database in
// WARDWATCH_DATA_DIR, which must not be open in a running server) and the same pipeline as the
// admin page: streamed, checked row by row, all or nothing, a file loaded twice counts once.
//
// Exit status: 0 loaded (or already loaded: duplicate), 1 refused (errors in the file, or approved
// figures without --replace-approved), 2 usage.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import pg from "pg";
import { migratePostgres, openEmbeddedEngine, type EmbeddedEngine } from "../lib/db/open.ts";
import { dataDirectory, readEnv } from "../lib/env.ts";
import { formatCount, formatDay } from "../lib/domain/format.ts";
import { readImportConfig } from "../lib/imports/config.ts";
import { IMPORT_KIND_LABELS, parseImportKind, type ImportKind } from "../lib/domain/imports/catalogue.ts";
import { formatBytes, formatDuration, phaseLabel, progressView, type ImportProgress } from "../lib/domain/imports/progress.ts";
import { errorReportPath, runImport, type ImportResult } from "../lib/imports/run.ts";
import { readerThreads, type PieceWorkers } from "../lib/imports/pieces.ts";
import { approvedChangeText, ImportScopeSchema, type ImportScope } from "../lib/domain/imports/scope.ts";
import type { ImportDatabase } from "../lib/imports/session.ts";

const USAGE = `Cách dùng: npm run import -- LOẠI TỆP [--scope PHẠM_VI] [--replace-approved] [--user TÊN_ĐĂNG_NHẬP] [--json]
  LOẠI  qr-scan-log (nhật ký quét mã QR) | venue-register (danh sách địa điểm) | install-stats (thống kê cài đặt Bluezone)
  TỆP   tệp CSV (UTF-8), định dạng xem docs/imports.md
  --scope  chỉ cho qr-scan-log: phạm vi thay thế, city (toàn thành phố) | district:MÃ (ví dụ district:002) | ward:MÃ (ví dụ ward:00037);
           mặc định: các quận, huyện có địa điểm trong tệp, trong các ngày của tệp. Phường trong phạm vi không có lượt quét được ghi 0.
  --replace-approved  xác nhận thay số liệu của các báo cáo phường đã được duyệt (không có: lần nhập như vậy bị từ chối, không ghi gì)
  --user  ghi lần nhập dưới tên một tài khoản (mặc định: không gắn tài khoản, ghi là "dòng lệnh")
  --json  in kết quả dạng JSON (cho máy đọc) thay cho bản tóm tắt`;

const ArgsSchema = z.object({
  kind: z.string().transform((v, ctx) => {
    const kind = parseImportKind(v);
    if (kind === null) {
      ctx.addIssue({ code: "custom", message: `loại tệp không hợp lệ: ${v}` });
      return z.NEVER;
    }
    return kind;
  }),
  file: z.string().min(1),
  scope: ImportScopeSchema.optional(),
  replaceApproved: z.boolean(),
  user: z.string().min(1).max(64).optional(),
  json: z.boolean(),
});

type Args = { kind: ImportKind; file: string; scope?: ImportScope; replaceApproved: boolean; user?: string; json: boolean };

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  let user: string | undefined;
  let scope: string | undefined;
  let json = false;
  let replaceApproved = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === "--json") json = true;
    else if (arg === "--replace-approved") replaceApproved = true;
    else if (arg === "--scope") scope = argv[++i] ?? "";
    else if (arg.startsWith("--scope=")) scope = arg.slice("--scope=".length);
    else if (arg === "--user") user = argv[++i];
    else if (arg.startsWith("--user=")) user = arg.slice("--user=".length);
    else if (arg.startsWith("-")) throw new UsageError(`tham số không hợp lệ: ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 2) throw new UsageError("cần đúng hai tham số: LOẠI và TỆP");
  const parsed = ArgsSchema.safeParse({ kind: positional[0], file: positional[1], scope, replaceApproved, user, json });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
  if (parsed.data.scope && parsed.data.scope.kind !== "file" && parsed.data.kind !== "QR_SCAN_LOG") {
    throw new UsageError("--scope chỉ dùng với qr-scan-log");
  }
  return parsed.data;
}

class UsageError extends Error {}

/** shared_buffers of the embedded database in this process (PostgreSQL's default: 128MB). */
const EMBEDDED_SHARED_BUFFERS = "16MB";

/** A one-line progress bar, redrawn in place on a terminal, printed every few seconds otherwise. */
function progressPrinter(enabled: boolean): { update(p: ImportProgress): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  let drawn = false;
  return {
    update(p) {
      if (!enabled) return;
      const now = Date.now();
      if (!tty && now - lastLine < 2000 && p.phase === "reading") return;
      lastLine = now;
      const view = progressView(p);
      const width = 28;
      const filled = view.percent === null ? 0 : Math.round((view.percent / 100) * width);
      const bar = view.percent === null ? "" : `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(view.percent).padStart(3)}% `;
      const bytes = p.bytesTotal === null ? formatBytes(p.bytesRead) : `${formatBytes(p.bytesRead)}/${formatBytes(p.bytesTotal)}`;
      const rate = view.rowsPerSecond === null ? "" : ` · ${formatCount(view.rowsPerSecond)} dòng/s`;
      const left = view.secondsLeft === null || p.phase !== "reading" ? "" : ` · còn ${formatDuration(view.secondsLeft)}`;
      const rejected = p.rowsRejected > 0 ? ` · ${formatCount(p.rowsRejected)} dòng lỗi` : "";
      const line = p.phase === "reading"
        ? `${bar}${bytes} · ${formatCount(p.rows)} dòng${rate}${left}${rejected}`
        : `${bar}${phaseLabel(p)}${p.phase === "done" ? "" : "…"}`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else {
        process.stderr.write(`${line}\n`);
      }
    },
    done() {
      if (tty && drawn) process.stderr.write("\r\x1b[2K");
    },
  };
}

function printResult(result: ImportResult, reportDir: string): void {
  const title = { SUCCEEDED: "ĐÃ NẠP", FAILED: "KHÔNG NẠP", DUPLICATE: "TRÙNG TỆP ĐÃ NẠP" }[result.status];
  console.log(`${title} · lần nhập #${result.id} · ${IMPORT_KIND_LABELS[result.kind]} · ${result.fileName}`);
  console.log(result.message);
  for (const line of result.details) console.log(`  ${line}`);
  if (result.approved && !result.approved.confirmed) {
    console.log(`\nBáo cáo đã duyệt sẽ bị thay (${formatCount(result.approved.count)} phường-ngày):`);
    for (const item of result.approved.items.slice(0, 20)) console.log(`  ${approvedChangeText(item)}`);
    console.log("Nếu đúng, chạy lại với --replace-approved.");
  }
  if (result.dayFrom && result.dayTo) {
    console.log(`  Ngày: ${formatDay(result.dayFrom)}${result.dayTo !== result.dayFrom ? ` – ${formatDay(result.dayTo)}` : ""}`);
  }
  if (result.errorCount > 0) {
    console.log(`\n${formatCount(result.errorCount)} lỗi${result.errorCount > 20 ? " (20 lỗi đầu)" : ""}:`);
    for (const e of result.errors.slice(0, 20)) {
      const where = [e.line === null ? null : `dòng ${e.line}`, e.column === null ? null : `cột ${e.column}`].filter(Boolean).join(", ");
      console.log(`  ${where}${e.value === null ? "" : ` «${e.value}»`}: ${e.reason}`);
    }
    if (result.hasErrorReport) console.log(`\nToàn bộ lỗi: ${errorReportPath(reportDir, result.id)}`);
  }
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`Lỗi: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  const file = path.resolve(args.file);
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error("không phải tệp");
    size = stat.size;
  } catch {
    console.error(`Lỗi: không đọc được tệp ${file}`);
    return 2;
  }
  const env = readEnv();
  const config = readImportConfig();
  // No Prisma client here (issue 15): the import runs its SQL through node-postgres or PGlite
  // directly, so this process never loads Prisma's query compiler, nor its schema engine unless a
  // migration is pending. On PostgreSQL, PGlite is never loaded either.
  let target: ImportDatabase;
  let embedded: EmbeddedEngine | null = null;
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    await migratePostgres({ connectionString: url, connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS });
    target = { kind: "postgres", url, connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS };
  } else {
    // A small buffer cache: PGlite's memory grows to hold shared_buffers as the import reads and
    // writes, and never shrinks; this process lives for one import (issue 15: a 1M-row scan log
    // peaked ~490-620 MB with the default 128 MB).
    embedded = await openEmbeddedEngine(dataDirectory(env), { settings: [`shared_buffers=${EMBEDDED_SHARED_BUFFERS}`] });
    target = { kind: "embedded", pglite: embedded.pglite };
  }
  try {
    let userId: number | null = null;
    if (args.user) {
      const user = await findActiveAdmin(target, args.user.toLowerCase());
      if (user === null) {
        console.error(`Lỗi: không có tài khoản quản trị đang hoạt động tên "${args.user}"`);
        return 2;
      }
      userId = user;
    }
    const printer = progressPrinter(!args.json);
    const workers = args.kind === "QR_SCAN_LOG" ? pieceWorkers(config.threads, size) : undefined;
    const result = await runImport(
      target,
      {
        kind: args.kind,
        fileName: path.basename(file),
        source: readChunks(file),
        bytesTotal: size,
        userId,
        scope: args.scope,
        replaceApproved: args.replaceApproved,
      },
      { onProgress: (p) => printer.update(p), progressIntervalMs: 100, pieceWorkers: workers },
    );
    printer.done();
    if (args.json) {
      const usage = process.resourceUsage();
      console.log(JSON.stringify({ ...result, errors: result.errors.slice(0, 20), maxRssBytes: usage.maxRSS * 1024, threads: workers?.threads ?? 0,
        // CPU of the whole process (every thread) and of its main thread (benchmarks, ADR 035).
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), mainThreadCpuMs: mainThreadCpuMs() }));
    } else {
      printResult(result, config.reportDir);
    }
    return result.status === "FAILED" ? 1 : 0;
  } finally {
    await embedded?.close();
  }
}

/**
 * Worker threads for a large scan log (lib/imports/pieces.ts, ADR 035). Their code is the bundle
 * scripts/import-launch.mjs builds beside this one (scan-log-worker.mjs); run without the bundle
 * (through tsx), the import reads in one thread.
 */
function pieceWorkers(setting: number | null, size: number): PieceWorkers | undefined {
  const file = fileURLToPath(new URL("./scan-log-worker.mjs", import.meta.url));
  if (!fs.existsSync(file)) return undefined;
  return { threads: readerThreads(setting, size), spawn: () => new Worker(file) };
}

/** CPU milliseconds of this process's main thread (Linux: /proc), null elsewhere. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The file's bytes, 1 MB at a time, read into one buffer used again for every chunk: the pipeline
 * is done with a chunk (it copies what it keeps) before it asks for the next. A stream's new buffer
 * per chunk stayed allocated until the next garbage collection, tens of MB at the peak of an
 * embedded import (issue 15).
 */
async function* readChunks(file: string): AsyncGenerator<Uint8Array> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = new Uint8Array(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The id of the active admin account `username`, or null. */
async function findActiveAdmin(target: ImportDatabase, username: string): Promise<number | null> {
  const sql = `SELECT id FROM app_user WHERE username = $1 AND role = 'ADMIN' AND NOT disabled`;
  if (target.kind === "embedded") {
    const rows = target.pglite ? (await target.pglite.query<{ id: number }>(sql, [username])).rows : [];
    return rows[0]?.id ?? null;
  }
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: target.connectTimeoutMs });
  await client.connect();
  try {
    return (await client.query<{ id: number }>(sql, [username])).rows[0]?.id ?? null;
  } finally {
    await client.end();
  }
}

/**
 * Exits as soon as the work is done and what was printed has reached the OS (stdout may be a pipe,
 * written asynchronously): the database is closed by then, but a closed PostgreSQL connection's
 * socket can keep the process alive another 0,5–1 s while the server ends its backend.
 */
function exitWhenFlushed(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main()
  .then(exitWhenFlushed)
  .catch((err: unknown) => {
    console.error(`[import] Lỗi: ${err instanceof Error ? err.message : String(err)}`);
    exitWhenFlushed(1);
  });
