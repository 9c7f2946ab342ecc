import fs from "node:fs";
import { SHOWN_ERRORS } from "./config.ts";
import { CsvTokenizer, type CsvRecord } from "./csv.ts";
import type { ImportRowError } from "./errors.ts";

// Reading back an import's error report (written by ImportErrors): the first SHOWN_ERRORS rows for
// the import's page. The report is read as a stream and reading stops once enough rows are in.

/** Undoes csvCell's protection against spreadsheet formulas. */
function unprotect(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export async function readErrorReport(file: string, limit = SHOWN_ERRORS): Promise<ImportRowError[] | null> {
  if (!fs.existsSync(file)) return null;
  const errors: ImportRowError[] = [];
  let header = true;
  const tokenizer = new CsvTokenizer(",", {
    onRecord(record: CsvRecord) {
      if (header) {
        header = false;
        return;
      }
      if (errors.length >= limit) return;
      const [line = "", column = "", value = "", reason = ""] = record.texts();
      errors.push({
        line: /^\d+$/.test(line) ? Number(line) : null,
        column: column === "" ? null : column,
        value: value === "" ? null : unprotect(value),
        reason,
      });
    },
    onError() {
      // A damaged report line is skipped.
    },
  });
  const stream = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  let first = true;
  for await (const chunk of stream) {
    const bytes: Uint8Array = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    // The report starts with a UTF-8 byte order mark (for Excel).
    tokenizer.push(first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
    first = false;
    if (errors.length >= limit) {
      stream.destroy();
      break;
    }
  }
  if (errors.length < limit) tokenizer.end();
  return errors;
}
