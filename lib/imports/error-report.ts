import fs from "node:fs";
import { z } from "zod";
import { SHOWN_ERRORS } from "./config.ts";
import { CsvTokenizer, type CsvRecord } from "./csv.ts";
import { errorMessagesPath, type ImportRowError } from "./errors.ts";
import { MessageSchema } from "../schemas/message.ts";

// Reading back an import's error report (written by ImportErrors): the first SHOWN_ERRORS rows for
// the import's page. With the shown errors' messages written beside the report (errorMessagesPath),
// those are read, so the page can show each reason in the reader's language; a report written
// before them (or whose messages are damaged) is read from the CSV, its reasons in Vietnamese as
// written. The report is read as a stream and reading stops once enough rows are in.

const StoredErrorsSchema = z.object({
  version: z.literal(1),
  errors: z.array(
    z.object({
      line: z.number().int().nullable(),
      column: z.string().nullable(),
      value: z.string().nullable(),
      reason: z.string(),
      text: MessageSchema.optional(),
    }),
  ),
});

/** The shown errors with their messages, or null when there are none to read. */
async function readStoredErrors(file: string, limit: number): Promise<ImportRowError[] | null> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.promises.readFile(errorMessagesPath(file), "utf8"));
  } catch {
    // none (a report written before messages were kept), or not JSON
    return null;
  }
  const parsed = StoredErrorsSchema.safeParse(json);
  // The file keeps SHOWN_ERRORS: asked for more, the CSV has them.
  if (!parsed.success || limit > SHOWN_ERRORS) return null;
  return parsed.data.errors.slice(0, limit).map((e) => (e.text === undefined ? { line: e.line, column: e.column, value: e.value, reason: e.reason } : e));
}

/** Undoes csvCell's protection against spreadsheet formulas. */
function unprotect(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export async function readErrorReport(file: string, limit = SHOWN_ERRORS): Promise<ImportRowError[] | null> {
  if (!fs.existsSync(file)) return null;
  const stored = await readStoredErrors(file, limit);
  if (stored !== null) return stored;
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
