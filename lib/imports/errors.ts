import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { SHOWN_ERRORS } from "./config.ts";
import type { Message } from "../domain/message.ts";

// What is wrong with a file, row by row: the line, the column, the value and the reason in
// Vietnamese, with the reason also as a message (key and values, lib/imports/error-text.ts) so the
// pages can show it in the reader's language. The first SHOWN_ERRORS are kept in memory to be
// shown; all of them are written, as they are found, to a CSV report the admin can download (so a
// file with millions of bad rows never fills the memory), in Vietnamese; the shown ones are also
// written with their messages beside it (errorMessagesPath), for the import's page to render later.

export type ImportRowError = {
  /** physical line of the file (the header is line 1); null for a problem of the whole file */
  line: number | null;
  /** the header name of the column, or null for the whole row */
  column: string | null;
  /** the value as found (cut to 200 characters), or null */
  value: string | null;
  /** in Vietnamese (the command line, the CSV report) */
  reason: string;
  /** the reason as a message, for the interface in any language (absent in reports written before it) */
  text?: Message;
};

export const ERROR_REPORT_HEADER = ["dòng", "cột", "giá trị", "lý do"] as const;

const MAX_VALUE_CHARS = 200;

/**
 * A CSV field that spreadsheets will not run as a formula (a leading = + - @ tab or CR gets a
 * leading apostrophe) and that survives commas, quotes and line breaks.
 */
/** The file beside an error report that keeps its shown errors with their messages (JSON). */
export function errorMessagesPath(reportFile: string): string {
  return reportFile.replace(/\.csv$/, "") + ".json";
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function errorReportLine(e: ImportRowError): string {
  return [e.line === null ? "" : String(e.line), e.column ?? "", e.value ?? "", e.reason].map(csvCell).join(",") + "\r\n";
}

export function clipValue(value: string): string {
  return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
}

export class ImportErrors {
  readonly shown: ImportRowError[] = [];
  count = 0;
  /** rows (not file-level problems) with at least one error */
  rejectedRows = 0;
  private lastRejectedLine = -1;
  private out: fs.WriteStream | null = null;
  private failed: Error | null = null;

  constructor(private readonly reportFile: string | null) {}

  private held: ImportRowError[] | null = null;

  /**
   * Until release(), errors are kept aside instead of being counted and written: used while some
   * rows of a file wait to be checked, so that every error still comes out in line order.
   */
  hold(): void {
    this.held ??= [];
  }

  /** Counts and writes the errors kept since hold(), in line order (stable). */
  release(): void {
    const held = this.held;
    this.held = null;
    if (held === null) return;
    held.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const e of held) this.add(e);
  }

  add(error: ImportRowError): void {
    if (this.held !== null) {
      this.held.push(error);
      return;
    }
    const e = { ...error, value: error.value === null ? null : clipValue(error.value) };
    this.count += 1;
    if (e.line !== null && e.line !== this.lastRejectedLine) {
      this.rejectedRows += 1;
      this.lastRejectedLine = e.line;
    }
    if (this.shown.length < SHOWN_ERRORS) this.shown.push(e);
    if (this.reportFile !== null && this.failed === null) {
      if (this.out === null) {
        fs.mkdirSync(path.dirname(this.reportFile), { recursive: true });
        this.out = fs.createWriteStream(this.reportFile);
        this.out.on("error", (err) => {
          this.failed = err;
        });
        // A BOM so that Excel opens the UTF-8 report with its Vietnamese letters intact.
        this.out.write(`\uFEFF${ERROR_REPORT_HEADER.join(",")}\r\n`);
      }
      this.out.write(errorReportLine(e));
    }
  }

  /**
   * Waits until the report is written (needed only when there were errors). `failure` is why it
   * could not be (a full disk, say), for the import's message.
   */
  async close(): Promise<{ reportFile: string | null; failure: Error | null }> {
    if (this.out === null) return { reportFile: null, failure: this.failed };
    const out = this.out;
    this.out = null;
    out.end();
    // A stream that failed (a full disk) may have closed already: waiting for "close" would hang.
    if (!out.closed) await once(out, "close").catch(() => undefined);
    if (this.failed) {
      console.error("[imports] không ghi được báo cáo lỗi:", this.failed.message);
      return { reportFile: null, failure: this.failed };
    }
    if (this.reportFile !== null) await this.writeMessages(this.reportFile);
    return { reportFile: this.reportFile, failure: null };
  }

  /**
   * The shown errors with their messages, beside the CSV report (readErrorReport prefers it). A
   * failure here only costs the other language: the CSV report is whole.
   */
  private async writeMessages(reportFile: string): Promise<void> {
    try {
      await fs.promises.writeFile(errorMessagesPath(reportFile), JSON.stringify({ version: 1, errors: this.shown }));
    } catch (err) {
      console.error("[imports] không ghi được danh sách lỗi kèm mã thông điệp:", err instanceof Error ? err.message : err);
    }
  }

  /** Backpressure from the report file: lets the reader wait when the disk falls behind. */
  async drain(): Promise<void> {
    const out = this.out;
    if (out === null || this.failed !== null || out.destroyed || !out.writableNeedDrain) return;
    // A write that failed (a full disk) never drains: the stream closes instead.
    await Promise.race([once(out, "drain"), once(out, "close")]).catch(() => undefined);
  }
}
