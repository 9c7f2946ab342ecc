import { createHash } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import {
  BULK_FIELD_COLUMN,
  BULK_USER_COLUMNS,
  BULK_USER_MAX_ROWS,
  BULK_USER_REQUIRED_COLUMNS,
  BulkUserRowSchema,
  type BulkUserColumn,
  type BulkUserRow,
} from "../schemas/user.ts";

// Reads a CSV file of accounts to create in bulk (issue 12, onboarding a city) and checks every
// row as an import does: all or nothing, each error with its line and column, in Vietnamese.
// Pure: no database. Units and existing usernames are checked by lib/data/users.ts.
//
// Format: UTF-8 (a byte-order mark is fine), RFC 4180 (quotes, "" inside, line breaks inside
// quotes), comma-separated (or semicolons when the header line has no comma, as Excel writes CSV
// in the vi-VN locale). The first line names the columns, in any order and any case:
// username, display_name, role, unit_code (required), phone, email (optional). Other columns are
// ignored and named in the preview. Blank lines are skipped. A role is CITY_OFFICIAL (unit_code a
// province, 2 digits), DISTRICT_OFFICIAL (a district, 3) or WARD_CHAIR (a ward, 5); never ADMIN,
// nor NATIONAL_OFFICIAL (a few accounts reading the whole country: created one by one, ADR 030).

export type BulkUserError = {
  /** the line of the file (1 = the header), where the record starts */
  line: number;
  column: BulkUserColumn | null;
  /** the value as written (shortened) */
  value: string;
  message: string;
};

export type BulkUsersParse =
  | { ok: true; digest: string; rows: BulkUserRow[]; ignoredColumns: string[] }
  /** `rows`: the rows that are good on their own, so that the database checks can still run on them */
  | { ok: false; digest: string; errors: BulkUserError[]; errorCount: number; rows: BulkUserRow[] };

/** Errors listed at most (the count says how many there were). */
export const BULK_MAX_ERRORS = 500;

/** What the admin saw in the preview must be what gets created: the file's SHA-256. */
export function fileDigest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const shorten = (v: string) => (v.length > 80 ? `${v.slice(0, 79)}…` : v);

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** The 1-based line of the first byte sequence that is not UTF-8, or null when all of it is. */
function firstInvalidUtf8Line(bytes: Uint8Array): number | null {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return null;
}

function csvErrorMessage(err: CsvError): string {
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'Thiếu dấu ngoặc kép (") đóng trường trước khi hết tệp.';
    case "CSV_INVALID_CLOSING_QUOTE":
      return "Có ký tự ngay sau dấu ngoặc kép đóng trường: sau dấu đóng phải là dấu phân cách hoặc xuống dòng.";
    case "INVALID_OPENING_QUOTE":
      return 'Dấu ngoặc kép nằm giữa trường: trường có dấu ngoặc kép phải đặt trong ngoặc kép, với dấu bên trong viết đôi ("").';
    default:
      return "Tệp không đúng định dạng CSV.";
  }
}

type Parsed = { record: string[]; info: { lines: number } };

export function parseBulkUsersCsv(bytes: Uint8Array): BulkUsersParse {
  const digest = fileDigest(bytes);
  const errors: BulkUserError[] = [];
  let errorCount = 0;
  const fail = (e: BulkUserError) => {
    errorCount += 1;
    if (errors.length < BULK_MAX_ERRORS) errors.push(e);
  };
  const failed = (rows: BulkUserRow[] = []): BulkUsersParse => ({ ok: false, digest, errors, errorCount, rows });

  const badLine = firstInvalidUtf8Line(bytes);
  if (badLine !== null) {
    fail({
      line: badLine,
      column: null,
      value: "",
      message:
        "Tệp không phải văn bản UTF-8 (có ký tự không đọc được). Trong Excel, hãy lưu bằng “CSV UTF-8 (Comma delimited) (*.csv)”.",
    });
    return failed();
  }
  // TextDecoder drops a leading byte-order mark.
  const text = new TextDecoder("utf-8").decode(bytes);
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? "";
  const delimiter = !firstLine.includes(",") && firstLine.includes(";") ? ";" : ",";

  let records: Parsed[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Parsed[];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof (err as CsvError & { lines?: unknown }).lines === "number" ? (err as CsvError & { lines: number }).lines : 1;
    fail({ line, column: null, value: "", message: csvErrorMessage(err) });
    return failed();
  }
  const withLines = records
    .map(({ record, info }) => ({ fields: record, line: info.lines - record.reduce((n, f) => n + lineBreaks(f), 0) }))
    .filter((r) => r.fields.some((f) => f.trim() !== ""));

  const header = withLines[0];
  if (!header) {
    fail({ line: 1, column: null, value: "", message: "Tệp trống: dòng đầu phải là tên các cột (username, display_name, role, unit_code, phone, email)." });
    return failed();
  }

  // Header: names matched without case; each known column once; the required ones present.
  const index = new Map<BulkUserColumn, number>();
  const ignoredColumns: string[] = [];
  header.fields.forEach((raw, i) => {
    const name = raw.normalize("NFC").trim().toLowerCase();
    const known = BULK_USER_COLUMNS.find((c) => c === name);
    if (!known) {
      if (name !== "") ignoredColumns.push(raw.trim());
      return;
    }
    if (index.has(known)) {
      fail({ line: header.line, column: known, value: raw, message: `Cột ${known} xuất hiện nhiều lần trong dòng tiêu đề.` });
      return;
    }
    index.set(known, i);
  });
  for (const column of BULK_USER_REQUIRED_COLUMNS) {
    if (!index.has(column)) {
      fail({
        line: header.line,
        column,
        value: "",
        message: `Thiếu cột ${column}. Dòng đầu phải có các cột username, display_name, role, unit_code (phone, email nếu có).`,
      });
    }
  }
  if (errorCount > 0) return failed();

  const data = withLines.slice(1);
  if (data.length === 0) {
    fail({ line: header.line + 1, column: null, value: "", message: "Tệp chỉ có dòng tiêu đề, chưa có tài khoản nào." });
    return failed();
  }
  if (data.length > BULK_USER_MAX_ROWS) {
    const first = data[BULK_USER_MAX_ROWS];
    fail({
      line: first?.line ?? header.line,
      column: null,
      value: "",
      message: `Tệp có ${data.length} tài khoản, nhiều hơn ${BULK_USER_MAX_ROWS} cho một lần: hãy chia thành nhiều tệp.`,
    });
    return failed();
  }

  const rows: BulkUserRow[] = [];
  const firstLineOf = new Map<string, number>();
  const cell = (fields: string[], column: BulkUserColumn) => {
    const i = index.get(column);
    return i === undefined ? "" : (fields[i] ?? "");
  };
  for (const { fields, line } of data) {
    if (fields.length !== header.fields.length) {
      fail({
        line,
        column: null,
        value: shorten(fields.join(delimiter)),
        message: `Dòng có ${fields.length} trường nhưng dòng tiêu đề có ${header.fields.length} cột (thiếu hoặc thừa dấu phân cách “${delimiter}”).`,
      });
      continue;
    }
    const raw = {
      username: cell(fields, "username"),
      displayName: cell(fields, "display_name"),
      role: cell(fields, "role"),
      unitCode: cell(fields, "unit_code"),
      phone: cell(fields, "phone"),
      email: cell(fields, "email"),
    };
    const parsed = BulkUserRowSchema.safeParse(raw);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "") as keyof typeof BULK_FIELD_COLUMN;
        const column = BULK_FIELD_COLUMN[key] ?? null;
        // one message per column is enough for a person to fix the cell
        if (seen.has(key)) continue;
        seen.add(key);
        fail({ line, column, value: shorten(column ? cell(fields, column) : ""), message: issue.message });
      }
      continue;
    }
    const earlier = firstLineOf.get(parsed.data.username);
    if (earlier !== undefined) {
      fail({ line, column: "username", value: shorten(raw.username), message: `Tên đăng nhập ${parsed.data.username} trùng với dòng ${earlier}.` });
      continue;
    }
    firstLineOf.set(parsed.data.username, line);
    rows.push({ ...parsed.data, line });
  }
  if (errorCount > 0) return failed(rows);
  return { ok: true, digest, rows, ignoredColumns };
}
