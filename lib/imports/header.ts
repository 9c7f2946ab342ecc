import type { ColumnSpec } from "../domain/imports/catalogue.ts";
import { formatCount } from "../domain/format.ts";
import type { ImportRowError } from "./errors.ts";
import { HEADER_TEXT } from "./error-text.ts";
import type { Message } from "../domain/message.ts";
import { SUMMARY_TEXT } from "./summary-text.ts";

// The header line of an import file: which column holds what. Names are matched without case and
// surrounding spaces; columns may come in any order; a column WardWatch does not use is ignored
// (and named in the summary), a missing required column or a repeated one stops the import.

export type HeaderMap = {
  /** column index of each known column present (by spec name) */
  readonly index: ReadonlyMap<string, number>;
  /** how many fields a data row must have */
  readonly width: number;
  /** the first SHOWN_IGNORED header names that are not used (a file may have thousands) */
  readonly ignored: readonly string[];
  /** how many header names are not used */
  readonly ignoredCount: number;
};

/** Unused columns named in an import's summary; the rest are only counted. */
export const SHOWN_IGNORED = 20;

export type HeaderResult = { ok: true; header: HeaderMap } | { ok: false; errors: ImportRowError[] };

export function readHeader(names: readonly string[], specs: readonly ColumnSpec[]): HeaderResult {
  const errors: ImportRowError[] = [];
  const index = new Map<string, number>();
  const ignored: string[] = [];
  let ignoredCount = 0;
  const known = new Set(specs.map((s) => s.name));
  names.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) {
      if (name === "") return;
      ignoredCount += 1;
      if (ignored.length < SHOWN_IGNORED) ignored.push(clip(raw.trim()));
      return;
    }
    if (index.has(name)) {
      errors.push({ line: 1, column: name, value: raw, reason: `Cột "${name}" xuất hiện hai lần trong dòng tiêu đề.`, text: HEADER_TEXT.duplicateColumn(name) });
      return;
    }
    index.set(name, i);
  });
  for (const spec of specs) {
    if (spec.required && !index.has(spec.name)) {
      const columns = specs.map((s) => s.name).join(",");
      errors.push({
        line: 1,
        column: spec.name,
        value: null,
        reason: `Thiếu cột bắt buộc "${spec.name}" (${spec.label}). Dòng đầu tiên của tệp phải là dòng tiêu đề: ${columns}.`,
        text: HEADER_TEXT.missingColumn(spec.name, columns),
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, header: { index, width: names.length, ignored, ignoredCount } };
}

/** ignoredColumnsText as a message (null when there are none). */
export function ignoredColumnsMessage(header: HeaderMap): Message | null {
  if (header.ignoredCount === 0) return null;
  return header.ignoredCount > header.ignored.length ? SUMMARY_TEXT.ignoredSome(header.ignoredCount, header.ignored) : SUMMARY_TEXT.ignoredAll(header.ignored);
}

/** The summary line for the unused columns ("" when there are none). */
export function ignoredColumnsText(header: HeaderMap): string {
  if (header.ignoredCount === 0) return "";
  const more = header.ignoredCount - header.ignored.length;
  return more > 0
    ? `Bỏ qua ${formatCount(header.ignoredCount)} cột không dùng (không lưu lại), ${header.ignored.length} cột đầu: ${header.ignored.join(", ")}, …`
    : `Bỏ qua các cột không dùng: ${header.ignored.join(", ")}.`;
}

/** A header name as echoed back: at most 60 characters. */
function clip(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

export function widthError(line: number, found: number, expected: number): ImportRowError {
  return {
    line,
    column: null,
    value: null,
    reason: `Dòng có ${found} cột nhưng dòng tiêu đề có ${expected} cột (kiểm tra dấu phân cách và dấu ngoặc kép).`,
    text: HEADER_TEXT.width(found, expected),
  };
}
