import crypto from "node:crypto";
import path from "node:path";
import { Prisma } from "../generated/prisma/client.ts";
import { readSourcePriority } from "./settings-sql.ts";
import { dayOfInstant, todayInVietnam, type IsoDay } from "../domain/days.ts";
import { formatCount, formatDay } from "../domain/format.ts";
import { IMPORT_KIND_LABELS, type ImportKind } from "../domain/imports/catalogue.ts";
import { readImportConfig, type ImportConfig } from "./config.ts";
import { CsvRecordTooLongError, CsvTokenizer, detectDelimiter, type CsvDelimiter, type CsvRecord } from "./csv.ts";
import { PieceReader, type PieceWorkers } from "./pieces.ts";
import { ImportErrors, type ImportRowError } from "./errors.ts";
import { csvProblemText, recordTooLongText } from "./error-text.ts";
import { abortableSession, abortableSource, abortedMessage, abortedText, ImportAborted } from "./abort.ts";
import { detectUtf16, ENCODING_MESSAGES, Utf8Checker } from "./encoding.ts";
import { classifyServerFailure, FAILURE_MESSAGES } from "./failures.ts";
import { DatabaseReadError, FatalImportError } from "./fatal.ts";
import { ignoredColumnsMessage, ignoredColumnsText, readHeader, type HeaderMap } from "./header.ts";
import { PUBLISHED_TEXT, REFUSAL_TEXT, SUMMARY_TEXT, type SummaryPart } from "./summary-text.ts";
import type { Message } from "../domain/message.ts";
import { formatVietnamClock } from "../domain/instant-format.ts";
import { importKindModule, type ImportKindModule, type KindRun } from "./kinds/index.ts";
import { markActive, markInactive, queueBusy, runQueued, trackInFlight } from "./process-state.ts";
import { importQueue } from "./queue.ts";
import { takeClusterTurn } from "./cluster-turn.ts";
import { formatBytes, formatInstantVi, type ImportPhase, type ImportProgress } from "../domain/imports/progress.ts";
import {
  approvedChanges,
  auditSql,
  consistencyConflicts,
  IMPORT_LOCK_CLASS,
  lockImportRow,
  markReplaced,
  PublishConflict,
  takePublishLock,
  type PublishContext,
  type Replaced,
} from "./publish.ts";
import { refreshRollupsOn } from "./rollups-tx.ts";
import { approvedChangeMessage, approvedChangeText, formatImportScope, type ApprovedChange, type ApprovedReplacement, type ImportScope, type ScopeSummary } from "../domain/imports/scope.ts";
import { prepareCells } from "./undo.ts";
import { recoverStaleImportsOn } from "./recovery.ts";
import { intOf, numberOf, textOf } from "./rows.ts";
import { analyzeTables, IMPORT_WRITTEN_TABLES } from "../db/planner-statistics.ts";
import { openImportSession, openSideSession, type ImportDatabase, type ImportSession, type SqlSession } from "./session.ts";
import { epochDayOfIsoDay } from "./values.ts";

// One import, start to finish (what differs by kind is in its module, lib/imports/kinds/*):
//
//   wait for this process's turn (queue.ts)
//   → create the import row (RUNNING, pid, lock)
//   → stream the file: hash, count, tokenize, check every row, and either count scans per
//     venue-day (scan logs) or stage rows through COPY (registers, install statistics)
//   → a bad file stops here: FAILED, its errors reported, nothing written
//   → the same file already loaded: DUPLICATE, nothing written
//   → ONE transaction: record the cells the file replaces (its scope) with their figures before
//     (undo.ts), replace them, check consistency, stop if approved ward reports would change
//     without the admin's confirmation, mark replaced imports, SUCCEEDED (pid cleared), audit,
//     and refresh the district, city and country rollups of the days: the sums commit with the
//     figures they sum, so a crash can never leave them disagreeing (recovery.ts only finishes
//     imports committed by earlier versions, which refreshed the rollups after COMMIT)

export type RunImportInput = {
  kind: ImportKind;
  fileName: string;
  /** the file's bytes, in order (a file stream, an upload's body) */
  source: AsyncIterable<Uint8Array>;
  /** the size announced by the sender or the file system; checked against the bytes received */
  bytesTotal?: number | null;
  userId?: number | null;
  /** what a scan log replaces (default: the districts of its venues, on its days); see scope.ts */
  scope?: ImportScope;
  /** the admin confirmed replacing figures of approved ward reports */
  replaceApproved?: boolean;
};

export type RunImportHooks = {
  /** inside the publish transaction, just before COMMIT (rollups included; tests kill the process here) */
  beforeCommit?: () => Promise<void>;
  /** right after COMMIT */
  afterCommit?: () => Promise<void>;
};

export type RunImportOptions = {
  config?: Partial<ImportConfig>;
  onProgress?: (progress: ImportProgress) => void;
  /** minimum milliseconds between two progress reports in the reading phase (default 200) */
  progressIntervalMs?: number;
  hooks?: RunImportHooks;
  /** "today" for the checks that refuse future days (tests) */
  today?: IsoDay;
  /**
   * Worker threads that read pieces of a large scan log (pieces.ts, ADR 035); the command line
   * gives them (readerThreads decides how many), the server does not (its bundle has no worker file).
   */
  pieceWorkers?: PieceWorkers;
};

export type ImportOutcome = "SUCCEEDED" | "FAILED" | "DUPLICATE";

export type ImportResult = {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportOutcome;
  fileHash: string | null;
  bytes: number;
  rows: number;
  rowsRejected: number;
  dayFrom: IsoDay | null;
  dayTo: IsoDay | null;
  /** one sentence for people */
  message: string;
  /** further lines: what was replaced, created, ignored */
  details: string[];
  /** `message` and `details` sentence by sentence, with their messages when they have one (summary-text.ts) */
  parts: SummaryPart[];
  /** the first SHOWN_ERRORS errors */
  errors: ImportRowError[];
  errorCount: number;
  /** a CSV report with every error was written */
  hasErrorReport: boolean;
  durationMs: number;
  /** milliseconds spent in each step (for benchmarks and logs) */
  timings: Record<string, number>;
  duplicateOf: number | null;
  /** what was replaced (scan logs and registers; null when nothing was published) */
  scope: ScopeSummary | null;
  /** approved ward reports whose figures the import changes (or would: confirmed false) */
  approved: ApprovedReplacement | null;
};

const PLACEHOLDER_HASH = "0".repeat(64);

export function errorReportPath(reportDir: string, importId: number): string {
  return path.join(reportDir, `import-${importId}-loi.csv`);
}

/** The import would change figures of approved ward reports and the admin has not confirmed it. */
class ApprovalNeeded extends Error {
  constructor(readonly approved: { count: number; items: ApprovedChange[] }) {
    super("approval needed");
    this.name = "ApprovalNeeded";
  }
}

export async function runImport(db: ImportDatabase, input: RunImportInput, options: RunImportOptions = {}): Promise<ImportResult> {
  const config: ImportConfig = { ...readImportConfig(), ...options.config };
  const queued = (queuePosition: number | null): ImportProgress => queuedProgress(input, queuePosition);
  // This process's turn for imports (queue.ts): throws OverloadedError (503) when too many wait.
  const release = await importQueue().enter({
    limit: db.kind === "embedded" ? 1 : config.concurrency,
    bound: config.queueBound,
    onPosition: (position) => options.onProgress?.(queued(position)),
  });
  try {
    if (db.kind === "embedded") {
      // A rollback may hold the one connection (process-state.ts runs them one at a time).
      if (queueBusy()) options.onProgress?.(queued(null));
      return await runQueued(() => runImportNow(db, input, options, config));
    }
    return await runImportNow(db, input, options, config);
  } finally {
    release();
  }
}

function queuedProgress(input: RunImportInput, queuePosition: number | null): ImportProgress {
  return { phase: "queued", bytesRead: 0, bytesTotal: input.bytesTotal ?? null, rows: 0, rowsRejected: 0, elapsedMs: 0, importId: null, queuePosition };
}

async function runImportNow(db: ImportDatabase, input: RunImportInput, options: RunImportOptions, config: ImportConfig): Promise<ImportResult> {
  const started = performance.now();
  // Queries beside the import's own connection (recovery, duplicates, recording a failure). On
  // PostgreSQL both connections are opened at once (each is a server process to start: tens of ms
  // on a loaded machine, paid by every import).
  const [side, early] = await openSessions(db);
  const recover = (): Promise<void> =>
    recoverStaleImportsOn(side).then(
      () => undefined,
      (err: unknown) => console.error("[imports] kiểm tra lần nhập dở dang thất bại:", err),
    );
  // On PostgreSQL the recovery of other imports runs beside this one's start (its own row is locked
  // before anyone can see it); on the embedded database it must come first, since there an import
  // is live only once this process has marked it.
  let recovery: Promise<void> | undefined;
  let session: ImportSession | null = early;
  let importId: number | null = null;
  try {
    if (db.kind === "postgres") recovery = recover();
    else await recover();
    session ??= await openImportSession(db);
    // Several servers on one PostgreSQL: their imports take turns too (cluster-turn.ts); the lock
    // lives on this session's connection and goes when it closes.
    if (session.kind === "postgres") {
      await takeClusterTurn(session.exec, { slots: config.concurrency, onWaiting: () => options.onProgress?.(queuedProgress(input, null)) });
    }
    importId = await createImportRow(session, input);
    markActive(importId);
    // abortRunningImports (abort.ts): the file and every statement stop; on PostgreSQL the
    // connection closes at once, which rolls back a transaction waiting on the server.
    const controller = new AbortController();
    const signal = controller.signal;
    const guarded = abortableSession(session, signal);
    const run = new ImportRun(side, guarded, importId, { ...input, source: abortableSource(input.source, signal) }, options, config, started, recovery, signal);
    const done = run.run();
    const own = session;
    trackInFlight(importId, {
      abort(reason) {
        controller.abort(reason);
        if (own.kind === "postgres") void own.close();
      },
      done,
    });
    const result = await done;
    // The embedded database has no autovacuum: statistics for what the import wrote, so that the
    // pages reading it get sensible plans (lib/db/planner-statistics.ts).
    if (own.kind === "embedded" && result.status === "SUCCEEDED") {
      // Published already: a failure here only costs speed, so it is logged, never reported as the import's.
      await analyzeTables(async (sql) => own.exec.rows(Prisma.raw(sql)), IMPORT_WRITTEN_TABLES).catch((err: unknown) =>
        console.error("[imports] ANALYZE sau lần nhập thất bại:", err),
      );
    }
    return result;
  } finally {
    if (importId !== null) markInactive(importId);
    await session?.close();
    await recovery;
    await side.close();
  }
}

/**
 * The side session and, on PostgreSQL, the import's own (null on the embedded database, where it
 * is opened after the recovery), connected in parallel; neither is left open when one fails.
 */
async function openSessions(db: ImportDatabase): Promise<[SqlSession, ImportSession | null]> {
  const [side, own] = await Promise.allSettled([openSideSession(db), db.kind === "postgres" ? openImportSession(db) : Promise.resolve(null)]);
  if (side.status === "fulfilled" && own.status === "fulfilled") return [side.value, own.value];
  if (side.status === "fulfilled") await side.value.close();
  if (own.status === "fulfilled") await own.value?.close();
  throw side.status === "rejected" ? side.reason : (own as PromiseRejectedResult).reason;
}

async function createImportRow(session: ImportSession, input: RunImportInput): Promise<number> {
  const values = Prisma.sql`(${input.kind}::"ImportKind", ${input.fileName}, ${PLACEHOLDER_HASH}, 'RUNNING', ${input.userId ?? null}::int,
    ${process.pid}::int, ${input.bytesTotal ?? null}::bigint)`;
  const columns = Prisma.sql`(kind, file_name, file_hash, status, user_id, pid, bytes_total)`;
  if (session.kind === "postgres") {
    // The row becomes visible with its lock already held, so no one can take it for stale.
    const rows = await session.exec.rows(Prisma.sql`
      WITH created AS (INSERT INTO import ${columns} VALUES ${values} RETURNING id)
      SELECT id, pg_advisory_lock(${IMPORT_LOCK_CLASS}::int, id)::text AS locked FROM created`);
    return intOf(rows[0], "id");
  }
  const rows = await session.exec.rows(Prisma.sql`INSERT INTO import ${columns} VALUES ${values} RETURNING id`);
  return intOf(rows[0], "id");
}

class ImportRun {
  private readonly errors: ImportErrors;
  private readonly hash = crypto.createHash("sha256");
  private bytes = 0;
  private rows = 0;
  private phase: ImportPhase = "reading";
  private lastReport = 0;
  private header: HeaderMap | null = null;
  private readonly module: ImportKindModule;
  /** the kind's part of this import, once prepared */
  private kindRun: KindRun | null = null;
  private fatal: FatalImportError | null = null;
  private readonly details: string[] = [];
  /** the messages of the details that have one, by their text */
  private readonly detailText = new Map<string, Message>();
  private readonly timings: Record<string, number> = {};
  private scopeSummary: ScopeSummary | null = null;
  private approved: ApprovedReplacement | null = null;
  private mark: number;

  /** Records the time since the previous step under `step`. */
  private lap(step: string): void {
    const now = performance.now();
    this.timings[step] = Math.round(now - this.mark);
    this.mark = now;
  }

  constructor(
    /** for the queries beside the import's own connection (openSideSession) */
    private readonly side: SqlSession,
    private readonly session: ImportSession,
    private readonly id: number,
    private readonly input: RunImportInput,
    private readonly options: RunImportOptions,
    private readonly config: ImportConfig,
    /** when runImport started (connection and recovery included in the duration) */
    private readonly started: number,
    /** the recovery of stale imports, finished before this one publishes */
    private readonly recovery: Promise<void> | undefined,
    /** aborted by abortRunningImports (the server is stopping) */
    private readonly signal: AbortSignal,
  ) {
    this.errors = new ImportErrors(errorReportPath(config.reportDir, id));
    this.mark = started;
    this.module = importKindModule(input.kind);
  }

  private report(phase: ImportPhase, force = false): void {
    this.phase = phase;
    const now = performance.now();
    if (!force && now - this.lastReport < (this.options.progressIntervalMs ?? 200)) return;
    this.lastReport = now;
    this.options.onProgress?.({
      phase,
      bytesRead: this.bytes,
      bytesTotal: this.input.bytesTotal ?? null,
      rows: this.rows,
      rowsRejected: this.errors.rejectedRows,
      elapsedMs: now - this.started,
      importId: this.id,
    });
  }

  async run(): Promise<ImportResult> {
    try {
      this.report("reading", true);
      try {
        await this.prepare();
      } catch (err) {
        if (!(err instanceof FatalImportError)) throw err;
        await drainSource(this.input.source, this.config.maxBytes);
        return await this.fail(err.message, null, err.text);
      }
      this.lap("prepare");
      await this.read();
      this.lap("read");
      if (this.fatal) return await this.fail(this.fatal.message, null, this.fatal.text);
      const fileHash = this.hashOrNull() ?? PLACEHOLDER_HASH;
      await this.recovery;
      const duplicate = await this.findDuplicate(fileHash);
      if (duplicate) return await this.duplicate(duplicate, fileHash);
      if (this.errors.count > 0) {
        return await this.fail(
          `${formatCount(this.errors.rejectedRows)} trong ${formatCount(this.rows)} dòng có lỗi (${formatCount(this.errors.count)} lỗi): ` +
            `không có số liệu nào được ghi. Sửa tệp rồi nạp lại.`,
          fileHash,
          SUMMARY_TEXT.rowsWithErrors(this.errors.rejectedRows, this.rows, this.errors.count),
        );
      }
      if (this.rows === 0) return await this.fail("Tệp không có dòng số liệu nào (chỉ có dòng tiêu đề).", fileHash, SUMMARY_TEXT.noDataRows);
      return await this.publish(fileHash);
    } catch (err) {
      if (err instanceof PublishConflict) {
        for (const e of err.errors) this.errors.add(e);
        return this.fail(err.message, this.hashOrNull(), err.text);
      }
      if (err instanceof ApprovalNeeded) {
        this.approved = { ...err.approved, confirmed: false };
        this.scopeSummary = null;
        const examples = err.approved.items.slice(0, 3).map(approvedChangeText).join("; ");
        return this.fail(
          `Chưa ghi gì: tệp này sẽ thay số liệu của ${formatCount(err.approved.count)} phường-ngày có báo cáo đã được duyệt ` +
            `(${examples}${err.approved.count > 3 ? "; …" : ""}). Kiểm tra lại tệp; nếu đúng, xác nhận thay số liệu đã duyệt rồi nạp lại.`,
          this.hashOrNull(),
          PUBLISHED_TEXT.approvalNeeded(err.approved.count, err.approved.items.slice(0, 3).map(approvedChangeMessage), err.approved.count > 3),
        );
      }
      if (err instanceof FatalImportError) return this.fail(err.message, this.hashOrNull(), err.text);
      if (this.signal.aborted) {
        const reason = err instanceof ImportAborted ? err.reason : String(this.signal.reason);
        return this.fail(abortedMessage(reason), this.hashOrNull(), abortedText(reason));
      }
      console.error(`[imports] lần nhập #${this.id} lỗi:`, err);
      const failure = classifyServerFailure(err);
      return this.fail(
        failure
          ? FAILURE_MESSAGES[failure]
          : "Có lỗi trên máy chủ khi nạp tệp; không có số liệu nào được ghi. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị hệ thống.",
        this.hashOrNull(),
        failure ? SUMMARY_TEXT.failure[failure] : SUMMARY_TEXT.serverError,
      );
    }
  }

  private digest: string | null = null;
  private hashOrNull(): string | null {
    if (this.digest !== null) return this.digest;
    try {
      this.digest = this.hash.digest("hex");
      return this.digest;
    } catch {
      return null;
    }
  }

  /** Loads what rows are checked against and opens the staging table (the kind's module does both). */
  private async prepare(): Promise<void> {
    const scope = this.input.scope ?? { kind: "file" };
    if (this.module.fixedScope !== null && scope.kind !== "file") {
      throw new FatalImportError(`Chỉ chọn được phạm vi (${formatImportScope(scope)}) cho nhật ký quét mã QR; ${this.module.fixedScope}`);
    }
    this.kindRun = await this.module.open({
      session: this.session,
      scope,
      errors: this.errors,
      config: this.config,
      today: epochDayOfIsoDay(this.options.today ?? todayInVietnam()),
    });
  }

  private onHeader(names: string[]): void {
    const result = readHeader(names, this.module.columns);
    if (!result.ok) {
      for (const e of result.errors) this.errors.add(e);
      const reasons = result.errors.flatMap((e) => (e.text ? [e.text] : []));
      throw new FatalImportError(
        `Dòng tiêu đề không đúng mẫu "${IMPORT_KIND_LABELS[this.input.kind]}": ${result.errors.map((e) => e.reason).join(" ")}`,
        null,
        false,
        reasons.length === result.errors.length ? SUMMARY_TEXT.badHeader(this.input.kind, reasons) : undefined,
      );
    }
    this.header = result.header;
    const ignored = ignoredColumnsText(result.header);
    if (ignored !== "") this.details.push(ignored);
    const ignoredText = ignoredColumnsMessage(result.header);
    if (ignoredText !== null) this.detailText.set(ignored, ignoredText);
    this.kindRun?.start(result.header);
  }

  private async read(): Promise<void> {
    let tokenizer: CsvTokenizer | null = null;
    let first = true;
    const utf8 = new Utf8Checker();
    /** bytes of a UTF-8 BOM dropped from the start (offsets in messages count them) */
    let bom = 0;
    const handlers = {
      onRecord: (record: CsvRecord) => {
        if (this.header === null) {
          this.onHeader(record.texts());
          return;
        }
        this.rows += 1;
        if (this.rows > this.config.maxRows) {
          throw new FatalImportError(
            `Tệp có hơn ${formatCount(this.config.maxRows)} dòng số liệu, vượt giới hạn của một lần nhập ` +
              `(WARDWATCH_IMPORT_MAX_ROWS). Hãy chia tệp theo ngày.`,
            null,
            false,
            SUMMARY_TEXT.tooManyRows(this.config.maxRows),
          );
        }
        this.kindRun?.row(record);
      },
      onError: (line: number, message: string) => {
        const text = csvProblemText(message);
        const error: ImportRowError = { line, column: null, value: null, reason: message, ...(text && { text }) };
        if (this.header === null) {
          throw new FatalImportError(`Dòng tiêu đề không đọc được: ${message}`, error, false, text && SUMMARY_TEXT.headerUnreadable(text));
        }
        this.rows += 1;
        this.errors.add(error);
      },
    };
    const ordered = async (chunk: Uint8Array) => {
      tokenizer?.push(chunk);
      await this.kindRun?.afterChunk();
      await this.errors.drain();
    };
    let delimiter: CsvDelimiter = ",";
    const workers = this.options.pieceWorkers;
    const kindRun = this.kindRun;
    // Past the header and once the kind can, chunks go to worker threads in pieces (pieces.ts).
    const pieces =
      workers && workers.threads > 0 && kindRun?.pieces
        ? new PieceReader(workers, {
            kind: () => kindRun.pieces?.(delimiter) ?? null,
            ordered,
            fits: (rows) => this.rows + rows <= this.config.maxRows,
            counted: (rows, lines) => {
              this.rows += rows;
              tokenizer?.advance(lines);
            },
          })
        : null;
    const parse = async (chunk: Uint8Array) => {
      if (pieces !== null && tokenizer !== null && this.header !== null && pieces.ready(tokenizer)) await pieces.push(chunk);
      else await ordered(chunk);
    };
    try {
      for await (const piece of this.input.source) {
        let chunk = piece;
        this.bytes += chunk.length;
        if (this.bytes > this.config.maxBytes) {
          throw new FatalImportError(
            `Tệp lớn hơn giới hạn ${formatBytes(this.config.maxBytes)} của một lần nhập (WARDWATCH_IMPORT_MAX_BYTES). Hãy chia tệp theo ngày.`,
            null,
            true,
            REFUSAL_TEXT.tooLarge(this.config.maxBytes),
          );
        }
        const announced = this.input.bytesTotal;
        if (announced !== undefined && announced !== null && this.bytes > announced) {
          // A sender announcing a small file and streaming more is stopped here, not at the size limit.
          throw new FatalImportError(
            `Tệp gửi lên dài hơn kích thước đã báo (${formatCount(announced)} byte): đã dừng nhận ở ${formatCount(this.bytes)} byte. ` +
              `Không có số liệu nào được ghi; hãy nạp lại.`,
            null,
            true,
            SUMMARY_TEXT.longerThanAnnounced(announced, this.bytes),
          );
        }
        this.hash.update(chunk);
        if (first) {
          first = false;
          const utf16 = detectUtf16(chunk);
          if (utf16) throw new FatalImportError(ENCODING_MESSAGES.utf16(utf16), null, false, SUMMARY_TEXT.utf16(utf16));
          if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
            chunk = chunk.subarray(3);
            bom = 3;
          }
          const nl = chunk.indexOf(10);
          const headerLine = new TextDecoder().decode(chunk.subarray(0, nl === -1 ? Math.min(chunk.length, 4096) : nl));
          delimiter = detectDelimiter(headerLine);
          tokenizer = new CsvTokenizer(delimiter, handlers);
        }
        const invalid = utf8.push(chunk);
        if (invalid >= 0) throw new FatalImportError(ENCODING_MESSAGES.notUtf8(bom + invalid), null, false, SUMMARY_TEXT.notUtf8(bom + invalid));
        await parse(chunk);
        this.report("reading");
      }
      const cut = utf8.end();
      if (cut >= 0) throw new FatalImportError(ENCODING_MESSAGES.notUtf8(bom + cut), null, false, SUMMARY_TEXT.notUtf8(bom + cut));
      await pieces?.finish();
      tokenizer?.end();
      await this.kindRun?.endOfFile();
    } catch (err) {
      if (err instanceof FatalImportError) {
        this.fatal = err;
        if (err.error) this.errors.add(err.error);
        if (!err.oversize) await drainSource(this.input.source, this.config.maxBytes - this.bytes);
        return;
      }
      if (err instanceof DatabaseReadError) throw err.cause;
      if (err instanceof CsvRecordTooLongError) {
        const text = recordTooLongText(err.line, err.maxBytes);
        this.fatal = new FatalImportError(err.message, null, false, text);
        this.errors.add({ line: err.line, column: null, value: null, reason: err.message, text });
        await drainSource(this.input.source, this.config.maxBytes - this.bytes);
        return;
      }
      // Stopped, or the database (COPY of staged rows) or the disk failed, not the upload: run() says which.
      if (this.signal.aborted || classifyServerFailure(err) !== null) throw err;
      console.error(`[imports] lần nhập #${this.id}: không đọc hết được tệp:`, err);
      this.fatal = new FatalImportError(
        `Không nhận hết được tệp (sau ${formatCount(this.bytes)} byte): tải lên bị gián đoạn hoặc tệp không đọc được. Không có số liệu nào được ghi.`,
        null,
        false,
        SUMMARY_TEXT.interrupted(this.bytes),
      );
      return;
    } finally {
      pieces?.close();
    }
    if (this.header === null) {
      this.fatal = new FatalImportError("Tệp trống: không có dòng tiêu đề.", null, false, SUMMARY_TEXT.empty);
      return;
    }
    const total = this.input.bytesTotal;
    if (total !== undefined && total !== null && total !== this.bytes) {
      this.fatal = new FatalImportError(
        `Chỉ nhận được ${formatCount(this.bytes)} trong ${formatCount(total)} byte của tệp (tải lên bị cắt hoặc gián đoạn). ` +
          `Không có số liệu nào được ghi; hãy nạp lại.`,
        null,
        false,
        SUMMARY_TEXT.truncated(this.bytes, total),
      );
      return;
    }
    this.report("reading", true);
  }

  private async findDuplicate(fileHash: string): Promise<{ id: number; fileName: string; at: number } | null> {
    // Through the side session: on PostgreSQL the import's own may still be in COPY mode.
    const rows = await this.side.exec.rows(Prisma.sql`
      SELECT id, file_name, (extract(epoch FROM coalesce(finished_at, started_at)) * 1000)::float8 AS at
      FROM import WHERE kind = ${this.input.kind}::"ImportKind" AND file_hash = ${fileHash} AND status = 'SUCCEEDED'
      ORDER BY id LIMIT 1`);
    const row = rows[0];
    return row ? { id: intOf(row, "id"), fileName: textOf(row, "file_name"), at: numberOf(row, "at") } : null;
  }

  private async publish(fileHash: string): Promise<ImportResult> {
    const kindRun = this.kindRun;
    if (kindRun === null) throw new Error(`lần nhập #${this.id} chưa được chuẩn bị`);
    const { from, to, details: rangeDetails } = kindRun.dayRange();
    this.details.push(...rangeDetails);
    this.report("staging", true);
    await kindRun.beforePublish();
    this.lap("stage");
    this.report("publishing", true);
    const priority = await readSourcePriority(this.session.exec);
    const ctx: PublishContext = { importId: this.id, kind: this.input.kind, dayFrom: from, dayTo: to, priority };
    const postgres = this.session.kind === "postgres";
    let replaced: Replaced[] = [];
    let summary = "";
    let summaryText: Message | undefined;
    const detailsBefore = this.details.length;
    try {
      await this.session.transaction(async (tx) => {
        await takePublishLock(tx, postgres);
        const status = await lockImportRow(tx, this.id);
        if (status !== "RUNNING") throw new Error(`lần nhập #${this.id} không còn ở trạng thái đang chạy (${status ?? "không tìm thấy"})`);
        await prepareCells(tx);
        const written = await kindRun.publish(tx, ctx);
        this.scopeSummary = written.scope;
        for (const d of written.details) this.detail(d.text, d.message);
        const conflicts = await consistencyConflicts(tx, priority, from, to);
        if (conflicts.length > 0) {
          throw new PublishConflict(
            conflicts,
            `Số liệu của tệp mâu thuẫn với số liệu đã có ở ${formatCount(conflicts.length)}${conflicts.length >= 1000 ? "+" : ""} đơn vị-ngày ` +
              `(xem danh sách lỗi): không có số liệu nào được ghi.`,
            SUMMARY_TEXT.conflicts(conflicts.length, conflicts.length >= 1000),
          );
        }
        const approved = await approvedChanges(tx, this.id, priority);
        if (approved.count > 0 && this.input.replaceApproved !== true) throw new ApprovalNeeded(approved);
        if (approved.count > 0) {
          this.approved = { ...approved, confirmed: true };
          const examples = approved.items.slice(0, 3).map(approvedChangeText).join("; ");
          this.detail(
            `Đã thay số liệu của ${formatCount(approved.count)} phường-ngày có báo cáo đã được duyệt, theo xác nhận của người nạp ` +
              `(${examples}${approved.count > 3 ? "; …" : ""}).`,
            PUBLISHED_TEXT.approvedReplaced(approved.count, approved.items.slice(0, 3).map(approvedChangeMessage), approved.count > 3),
          );
        }
        replaced = await markReplaced(tx, ctx, this.input.fileName, this.scopeSummary?.text ?? "");
        for (const r of replaced) {
          this.detail(
            r.whole
              ? `Thay thế toàn bộ lần nhập #${r.id} (tệp ${r.fileName}).`
              : `Thay thế một phần lần nhập #${r.id} (tệp ${r.fileName}): phần trong phạm vi của tệp này.`,
            r.whole ? PUBLISHED_TEXT.replacedWhole(r.id, r.fileName) : PUBLISHED_TEXT.replacedPart(r.id, r.fileName),
          );
        }
        const days = from === to ? `ngày ${formatDay(from)}` : `các ngày ${formatDay(from)}–${formatDay(to)}`;
        summary = `${written.summary} ${this.scopeSummary?.text ?? `Áp dụng cho ${days}.`}`;
        // The same summary as a message, when its scope sentence has one (a scope stored before has not).
        const scopeText = this.scopeSummary ? this.scopeSummary.message : from === to ? PUBLISHED_TEXT.appliesToDay(from) : PUBLISHED_TEXT.appliesToDays(from, to);
        summaryText = scopeText === undefined ? undefined : PUBLISHED_TEXT.sentences([written.summaryText, scopeText]);
        await tx.execute(Prisma.sql`
          UPDATE import SET status = 'SUCCEEDED', file_hash = ${fileHash}, bytes_total = ${this.bytes}::bigint,
            rows_total = ${this.rows}::int, rows_rejected = 0, day_from = ${from}::date, day_to = ${to}::date,
            finished_at = now(), pid = NULL, message = ${[summary, ...this.details].join(" ")},
            message_text = ${JSON.stringify(this.partsOf(summary, summaryText))}::jsonb
          WHERE id = ${this.id}::int`);
        await tx.execute(
          auditSql(this.input.userId ?? null, "import.publish", this.id, {
            kind: this.input.kind,
            fileName: this.input.fileName,
            fileHash,
            rows: this.rows,
            dayFrom: from,
            dayTo: to,
            scope: formatImportScope(this.input.scope ?? { kind: "file" }),
            replacedText: this.scopeSummary?.text ?? null,
            approvedReplaced: approved.count,
            replaced: replaced.map((r) => r.id),
          }),
        );
        this.lap("publish");
        this.report("rollups", true);
        await refreshRollupsOn(tx, priority, { from, to });
        this.lap("rollups");
        await this.options.hooks?.beforeCommit?.();
        // Told to stop while publishing: roll back rather than commit.
        if (this.signal.aborted) throw new ImportAborted(String(this.signal.reason));
      });
    } catch (err) {
      // Nothing of the transaction happened: neither did what its details said.
      this.details.length = detailsBefore;
      this.approved = null;
      if (isUniqueViolation(err)) {
        const duplicate = await this.findDuplicate(fileHash);
        if (duplicate) return this.duplicate(duplicate, fileHash);
      }
      throw err;
    }
    await this.options.hooks?.afterCommit?.();
    this.report("done", true);
    await this.errors.close();
    return this.result("SUCCEEDED", fileHash, summary, { from, to }, null, false, summaryText);
  }

  private async duplicate(of: { id: number; fileName: string; at: number }, fileHash: string): Promise<ImportResult> {
    const message =
      `Tệp này giống hệt tệp "${of.fileName}" đã nạp thành công ở lần nhập #${of.id} (${formatInstantVi(of.at)}): ` +
      `không có gì thay đổi.`;
    const at = new Date(of.at);
    const text = SUMMARY_TEXT.duplicate(of.fileName, of.id, dayOfInstant(at), formatVietnamClock(at));
    await this.finish("DUPLICATE", message, fileHash, text);
    return this.result("DUPLICATE", fileHash, message, null, of.id, false, text);
  }

  /** `text`: the reason as a message (summary-text.ts), when it has one */
  private async fail(reason: string, fileHash: string | null, text?: Message): Promise<ImportResult> {
    await this.kindRun?.beforeFail();
    this.errors.release();
    const { reportFile, failure } = await this.errors.close();
    let message = reason;
    let messageText = text;
    if (failure !== null && classifyServerFailure(failure) === "disk-full") {
      // The file's own problems are still worth knowing, after the one that stops everything.
      this.details.unshift(reason);
      if (text) this.detailText.set(reason, text);
      message = FAILURE_MESSAGES["disk-full"];
      messageText = SUMMARY_TEXT.failure["disk-full"];
    }
    await this.finish("FAILED", message, fileHash, messageText).catch((err: unknown) => console.error(`[imports] không cập nhật được lần nhập #${this.id}:`, err));
    return this.result("FAILED", fileHash, message, null, null, reportFile !== null, messageText);
  }

  private async finish(status: "FAILED" | "DUPLICATE", message: string, fileHash: string | null, text?: Message): Promise<void> {
    await this.side.exec.execute(Prisma.sql`
      UPDATE import SET status = ${status}::"ImportStatus", file_hash = ${fileHash ?? PLACEHOLDER_HASH}, bytes_total = ${this.bytes}::bigint,
        rows_total = ${this.rows}::int, rows_rejected = ${this.errors.rejectedRows}::int, finished_at = now(), pid = NULL,
        message = ${[message, ...this.details].join(" ")}, message_text = ${JSON.stringify(this.partsOf(message, text))}::jsonb
      WHERE id = ${this.id}::int AND status = 'RUNNING'`);
  }

  /** A further sentence of the summary, with its message when it has one. */
  private detail(text: string, message?: Message): void {
    this.details.push(text);
    if (message !== undefined) this.detailText.set(text, message);
  }

  /** The summary sentence by sentence (the message, then the details), with their messages when they have one. */
  private partsOf(message: string, text?: Message): SummaryPart[] {
    const part = (t: string, m: Message | undefined): SummaryPart => (m === undefined ? { text: t } : { text: t, message: m });
    return [part(message, text), ...this.details.map((d) => part(d, this.detailText.get(d)))];
  }

  private result(
    status: ImportOutcome,
    fileHash: string | null,
    message: string,
    range: { from: IsoDay; to: IsoDay } | null,
    duplicateOf: number | null,
    hasErrorReport = false,
    text?: Message,
  ): ImportResult {
    const durationMs = performance.now() - this.started;
    return {
      id: this.id,
      kind: this.input.kind,
      fileName: this.input.fileName,
      status,
      fileHash,
      bytes: this.bytes,
      rows: this.rows,
      rowsRejected: this.errors.rejectedRows,
      dayFrom: range?.from ?? null,
      dayTo: range?.to ?? null,
      message,
      details: [...this.details],
      parts: this.partsOf(message, text),
      errors: this.errors.shown,
      errorCount: this.errors.count,
      hasErrorReport,
      durationMs,
      timings: { ...this.timings },
      duplicateOf,
      scope: status === "SUCCEEDED" ? this.scopeSummary : null,
      approved: this.approved,
    };
  }
}

/**
 * Reads (and drops) the rest of a source, up to `budget` bytes, so that an upload stopped by a bad
 * header still gets its answer instead of a reset connection.
 */
async function drainSource(source: AsyncIterable<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  try {
    for await (const chunk of source) {
      left -= chunk.length;
      if (left < 0) return;
    }
  } catch {
    // the sender went away: nothing left to read
  }
}

function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : "";
  return code === "23505" || code === "P2002" || message.includes("import_kind_hash_succeeded");
}
