import "server-only";
import fs from "node:fs";
import { Prisma } from "../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { getDatabase } from "../db.ts";
import { readEnv } from "../env.ts";
import type { SessionUser } from "../permissions.ts";
import { readImportConfig } from "../imports/config.ts";
import { readErrorReport } from "../imports/error-report.ts";
import { parseSummaryParts, type SummaryPart } from "../imports/summary-text.ts";
import type { ImportRowError } from "../imports/errors.ts";
import { IMPORT_KINDS, IMPORT_STATUSES, type ImportKind, type ImportStatus } from "../domain/imports/catalogue.ts";
import { canImport } from "../permissions.ts";
import { rollbackImport, type RollbackResult } from "../imports/rollback.ts";
import { intOf, intOrNull, numberOf, textOf, textOrNull } from "../imports/rows.ts";
import { errorReportPath, runImport, type ImportResult, type RunImportInput, type RunImportOptions } from "../imports/run.ts";
import type { ImportDatabase } from "../imports/session.ts";
import { loadUnitTreeWithPrisma, scopeChoices } from "../imports/scope-units.ts";

// The imports, as the admin pages and the upload route see them. Every function takes the
// signed-in user and checks canImport itself, whatever the caller checked before.

export type ImportListItem = {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  /** who loaded it; null from the command line */
  userName: string | null;
  startedAt: string;
  finishedAt: string | null;
  bytes: number | null;
  rowsTotal: number | null;
  rowsRejected: number | null;
  dayFrom: string | null;
  dayTo: string | null;
  message: string | null;
  /** `message` sentence by sentence with their messages (null for an import recorded before them) */
  messageParts: SummaryPart[] | null;
  hasErrorReport: boolean;
};

function requireImporter(user: SessionUser): void {
  if (!canImport(user)) throw new ForbiddenError("Chỉ quản trị viên được nạp dữ liệu và xem các lần nhập.");
}

/** The database the server works on, in the form the import pipeline needs. */
export async function getImportDatabase(): Promise<ImportDatabase> {
  const db = await getDatabase();
  if (db.kind === "embedded") return { kind: "embedded", prisma: db.prisma, pglite: db.pglite };
  const env = readEnv();
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set although the database is PostgreSQL");
  return { kind: "postgres", prisma: db.prisma, url: env.DATABASE_URL, connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS };
}

function toStatus(value: string): ImportStatus {
  const status = IMPORT_STATUSES.find((s) => s === value);
  if (!status) throw new Error(`unknown import status ${value}`);
  return status;
}

function toKind(value: string): ImportKind {
  const kind = IMPORT_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`unknown import kind ${value}`);
  return kind;
}

const LIST_SQL = Prisma.sql`
  SELECT i.id, i.kind::text AS kind, i.file_name, i.status::text AS status, u.display_name AS user_name,
         to_char(i.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
         to_char(i.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at,
         i.bytes_total::float8 AS bytes, i.rows_total, i.rows_rejected,
         i.day_from::text AS day_from, i.day_to::text AS day_to, i.message, i.message_text
  FROM import i LEFT JOIN app_user u ON u.id = i.user_id`;

function toItem(row: Record<string, unknown>, reportDir: string): ImportListItem {
  const id = intOf(row, "id");
  const bytes = row.bytes === null || row.bytes === undefined ? null : numberOf(row, "bytes");
  return {
    id,
    kind: toKind(textOf(row, "kind")),
    fileName: textOf(row, "file_name"),
    status: toStatus(textOf(row, "status")),
    userName: textOrNull(row, "user_name"),
    startedAt: textOf(row, "started_at"),
    finishedAt: textOrNull(row, "finished_at"),
    bytes,
    rowsTotal: intOrNull(row, "rows_total"),
    rowsRejected: intOrNull(row, "rows_rejected"),
    dayFrom: textOrNull(row, "day_from"),
    dayTo: textOrNull(row, "day_to"),
    message: textOrNull(row, "message"),
    messageParts: parseSummaryParts(row.message_text),
    hasErrorReport: fs.existsSync(errorReportPath(reportDir, id)),
  };
}

/** The units an admin may limit an import to (the scope picker of the imports page). */
export async function getImportScopeChoices(user: SessionUser): Promise<ReturnType<typeof scopeChoices>> {
  requireImporter(user);
  const db = await getDatabase();
  return scopeChoices(await loadUnitTreeWithPrisma(db.prisma));
}

/** The latest imports, newest first. */
export async function listImports(user: SessionUser, limit = 100): Promise<ImportListItem[]> {
  requireImporter(user);
  const db = await getDatabase();
  const { reportDir } = readImportConfig();
  const rows = await db.prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`${LIST_SQL} ORDER BY i.id DESC LIMIT ${limit}::int`);
  return rows.map((r) => toItem(r, reportDir));
}

/** One import with the first 1.000 errors of its report (null when it has none). */
export async function getImportDetail(user: SessionUser, id: number): Promise<{ item: ImportListItem; errors: ImportRowError[] | null }> {
  requireImporter(user);
  const db = await getDatabase();
  const { reportDir } = readImportConfig();
  const rows = await db.prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`${LIST_SQL} WHERE i.id = ${id}::int`);
  const row = rows[0];
  if (!row) throw new NotFoundError(`Không có lần nhập #${id}.`);
  const item = toItem(row, reportDir);
  return { item, errors: item.hasErrorReport ? await readErrorReport(errorReportPath(reportDir, id)) : null };
}

/** The path of an import's full error report, or null when there is none. */
export async function getErrorReportFile(user: SessionUser, id: number): Promise<string | null> {
  requireImporter(user);
  const file = errorReportPath(readImportConfig().reportDir, id);
  return fs.existsSync(file) ? file : null;
}

export async function importFileForUser(
  user: SessionUser,
  input: { kind: ImportKind; fileName: string; source: AsyncIterable<Uint8Array>; bytesTotal: number } & Pick<
    RunImportInput,
    "scope" | "replaceApproved"
  >,
  options: Pick<RunImportOptions, "onProgress"> = {},
): Promise<ImportResult> {
  requireImporter(user);
  return runImport(await getImportDatabase(), { ...input, userId: user.id }, options);
}

export async function rollbackImportForUser(user: SessionUser, id: number, reason: string | null): Promise<RollbackResult> {
  requireImporter(user);
  return rollbackImport(await getImportDatabase(), id, { userId: user.id, displayName: user.displayName }, { reason });
}
