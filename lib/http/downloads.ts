import "server-only";
import { NextResponse } from "next/server";
import { AlertRequestError, ExportRequestError } from "../errors.ts";
import { openExport, type OpenExport } from "../data/exports.ts";
import { errorResponse, jsonError } from "../auth/route.ts";
import { getSessionUser } from "../auth/session.ts";
import { canExportDataset } from "../permissions.ts";
import { heavyWork, type Capacity } from "../server/capacity.ts";
import {
  ExportFileParamsSchema,
  ExportFiltersSchema,
  firstIssueMessage,
  isExportDataset,
  searchParamsObject,
  type ExportDataset,
  type ExportFilters,
} from "../schemas/exports.ts";
import type { z } from "zod";
import { csvStream } from "../documents/csv.ts";
import { jsonStream } from "../documents/json.ts";
import { heldBody } from "../documents/held-body.ts";
import type { ExportStamp, ExportTable } from "../documents/table.ts";
import { assertFitsXlsx, XLSX_CONTENT_TYPE, xlsxStream, XlsxTooLargeError } from "../documents/xlsx.ts";

// The HTTP side of every download, shared by /api/exports/DATASET (files) and /api/v1/DATASET
// (JSON): session (401), role for the dataset (403), filters (400, Vietnamese), then the data layer,
// which checks the user again against each district and ward. Then a heavy-work slot (503 +
// Retry-After when the server is at its limit) and the download's read snapshot are taken, and
// only when all of that passed does a streamed 200 start, so a refused request never becomes an
// empty or partial file. The slot and the snapshot are held until the body has been sent, has
// failed (the stream errors: the connection is cut without the final chunk) or was cancelled.

export type ExportFormat = "csv" | "xlsx" | "json";

const CONTENT_TYPES: { readonly [F in ExportFormat]: string } = {
  csv: "text/csv; charset=utf-8",
  xlsx: XLSX_CONTENT_TYPE,
  json: "application/json; charset=utf-8",
};

/** `attachment; filename="ascii.csv"; filename*=UTF-8''Vietnamese%20name.csv` (RFC 6266 / 5987). */
export function attachmentDisposition(asciiName: string, utf8Name: string = asciiName): string {
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]/g, "-");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

export function contentDisposition(table: Pick<ExportTable, "fileBase" | "title">, ext: string): string {
  return attachmentDisposition(`${table.fileBase}.${ext}`, `${table.title} ${table.fileBase}.${ext}`);
}

/** The 200 of a download; `settle` runs once when the body has been sent, has failed or was cancelled. */
export function exportResponse(
  table: ExportTable,
  format: ExportFormat,
  stamp: ExportStamp,
  attachment: boolean,
  settle: (error?: unknown) => void = () => undefined,
): Response {
  if (format === "xlsx") assertFitsXlsx(table);
  const stream = format === "csv" ? csvStream(table) : format === "xlsx" ? xlsxStream(table, stamp) : jsonStream(table, stamp);
  const body = heldBody(stream, settle);
  const headers = new Headers({
    "Content-Type": CONTENT_TYPES[format],
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Row-Count": String(table.rowCount),
  });
  if (attachment) headers.set("Content-Disposition", contentDisposition(table, format));
  return new Response(body, { status: 200, headers });
}

export function exportErrorResponse(err: unknown): NextResponse {
  if (err instanceof ExportRequestError) return jsonError(err.status, err.message);
  if (err instanceof AlertRequestError) return jsonError(400, err.message);
  if (err instanceof XlsxTooLargeError) return jsonError(413, err.message);
  return errorResponse(err);
}

function parseQuery(
  request: Request,
  mode: "file" | "json",
): { ok: true; format: ExportFormat; filters: ExportFilters } | { ok: false; error: z.ZodError } {
  const query = searchParamsObject(new URL(request.url).searchParams);
  if (mode === "json") {
    const parsed = ExportFiltersSchema.safeParse(query);
    return parsed.success ? { ok: true, format: "json", filters: parsed.data } : { ok: false, error: parsed.error };
  }
  const parsed = ExportFileParamsSchema.safeParse(query);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { format, ...filters } = parsed.data;
  return { ok: true, format, filters };
}

/** The whole GET of a download route: a file (`format=csv|xlsx`, attachment) or the JSON API. */
export async function handleExport(
  request: Request,
  datasetParam: string,
  mode: "file" | "json",
  capacity: Capacity = heavyWork(),
): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return jsonError(401, "Bạn cần đăng nhập.");
    if (!isExportDataset(datasetParam)) return jsonError(404, `Không có dữ liệu "${datasetParam}" để tải.`);
    const dataset: ExportDataset = datasetParam;
    if (!canExportDataset(user, dataset)) return jsonError(403, "Bạn không có quyền tải dữ liệu này.");
    const query = parseQuery(request, mode);
    if (!query.ok) {
      return jsonError(400, firstIssueMessage(query.error), {
        issues: query.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const release = await capacity.acquire();
    let table: OpenExport | null = null;
    try {
      table = await openExport(user, { dataset, filters: query.filters });
      const opened = table;
      const settle = () => void opened.close().catch((err: unknown) => console.error("[exports] kết thúc giao dịch đọc:", err)).finally(release);
      return exportResponse(opened, query.format, { at: new Date(), by: `${user.displayName} (${user.username})` }, mode === "file", settle);
    } catch (err) {
      await table?.close();
      release();
      throw err;
    }
  } catch (err) {
    return exportErrorResponse(err);
  }
}
