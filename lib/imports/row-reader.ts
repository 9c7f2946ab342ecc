import type { Message } from "../domain/message.ts";
import type { CsvRecord } from "./csv.ts";
import type { ImportErrors } from "./errors.ts";
import { widthError, type HeaderMap } from "./header.ts";
import type { StageWriter } from "./staging.ts";

// What every row reader of a unit-coded file (venue register, install statistics) starts with:
// the header, the unit codes, where errors and good rows go, today; and for each row, its width
// checked and its fields by name, with `fail` recording a reason and marking the row bad.

export type UnitCodes = {
  /** code → level of every unit */
  readonly levels: ReadonlyMap<string, string>;
};

export type CheckedRow = {
  readonly line: number;
  /** false once a field failed */
  readonly ok: boolean;
  /** the column's text ("" when the file has no such column) */
  field(name: string): string;
  has(name: string): boolean;
  /** `reason` in Vietnamese, `text` the same as a message (lib/imports/error-text.ts) */
  fail(column: string, value: string, reason: string, text: Message): void;
};

export abstract class RowReader {
  constructor(
    protected readonly header: HeaderMap,
    protected readonly units: UnitCodes,
    protected readonly errors: ImportErrors,
    protected readonly stage: StageWriter,
    protected readonly todayEpochDay: number,
  ) {}

  /** The row to check, or null when its number of fields is wrong (the error is recorded). */
  protected begin(r: CsvRecord): CheckedRow | null {
    if (r.count !== this.header.width) {
      this.errors.add(widthError(r.line, r.count, this.header.width));
      return null;
    }
    const { index } = this.header;
    const errors = this.errors;
    let ok = true;
    return {
      line: r.line,
      get ok() {
        return ok;
      },
      field: (name) => {
        const i = index.get(name) ?? -1;
        return i >= 0 ? r.text(i) : "";
      },
      has: (name) => index.has(name),
      fail: (column, value, reason, text) => {
        errors.add({ line: r.line, column, value, reason, text });
        ok = false;
      },
    };
  }
}
