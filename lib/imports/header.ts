import type { ColumnSpec } from "./catalogue.ts";
import type { ImportRowError } from "./errors.ts";

// The header line of an import file: which column holds what. Names are matched without case and
// surrounding spaces; columns may come in any order; a column WardWatch does not use is ignored
// (and named in the summary), a missing required column or a repeated one stops the import.

export type HeaderMap = {
  /** column index of each known column present (by spec name) */
  readonly index: ReadonlyMap<string, number>;
  /** how many fields a data row must have */
  readonly width: number;
  /** header names that are not used */
  readonly ignored: readonly string[];
};

export type HeaderResult = { ok: true; header: HeaderMap } | { ok: false; errors: ImportRowError[] };

export function readHeader(names: readonly string[], specs: readonly ColumnSpec[]): HeaderResult {
  const errors: ImportRowError[] = [];
  const index = new Map<string, number>();
  const ignored: string[] = [];
  const known = new Set(specs.map((s) => s.name));
  names.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) {
      if (name !== "") ignored.push(raw.trim());
      return;
    }
    if (index.has(name)) {
      errors.push({ line: 1, column: name, value: raw, reason: `Cột "${name}" xuất hiện hai lần trong dòng tiêu đề.` });
      return;
    }
    index.set(name, i);
  });
  for (const spec of specs) {
    if (spec.required && !index.has(spec.name)) {
      errors.push({
        line: 1,
        column: spec.name,
        value: null,
        reason: `Thiếu cột bắt buộc "${spec.name}" (${spec.label}). Dòng đầu tiên của tệp phải là dòng tiêu đề: ${specs
          .map((s) => s.name)
          .join(",")}.`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, header: { index, width: names.length, ignored } };
}

export function widthError(line: number, found: number, expected: number): ImportRowError {
  return {
    line,
    column: null,
    value: null,
    reason: `Dòng có ${found} cột nhưng dòng tiêu đề có ${expected} cột (kiểm tra dấu phân cách và dấu ngoặc kép).`,
  };
}
