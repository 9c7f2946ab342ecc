import "server-only";
import { openExport, type OpenExport } from "../data/exports.ts";
import { canExportDataset } from "../permissions.ts";
import type { Capacity } from "../server/capacity.ts";
import {
  ExportFileParamsSchema,
  ExportFiltersSchema,
  firstIssueMessage,
  isExportDataset,
  searchParamsObject,
  type ExportFilters,
} from "../schemas/exports.ts";
import { csvStream } from "../documents/csv.ts";
import { jsonStream } from "../documents/json.ts";
import { heldBody } from "../documents/held-body.ts";
import type { ExportStamp, ExportTable } from "../documents/table.ts";
import { assertFitsXlsx, XLSX_CONTENT_TYPE, xlsxStream, XlsxTooLargeError } from "../documents/xlsx.ts";
import { download } from "../requests/download.ts";
import { refuse, session, type RouteSource } from "../requests/guard.ts";
import { issuesOf, refusalOf, type Refusal } from "../requests/refusal.ts";
import { refusalResponse, ROUTE_WORDING, type RouteHandler } from "../requests/route.ts";

// The HTTP side of every download, built on the request family's download transport
// (lib/requests/download.ts). Tables, shared by /api/exports/DATASET (files) and /api/v1/DATASET
// (JSON): session (401), dataset known (404), role for the dataset (403), filters (400; every
// refusal in the reader's language by the ww_locale cookie, Vietnamese without it), then a
// heavy-work slot (503 + Retry-After when the server is at its limit) and the
// data layer, which checks the user again against each district and ward and opens the download's
// read snapshot. Only when all of that passed does a streamed 200 start, so a refused request
// never becomes an empty or partial file. The slot and the snapshot are held until the body has
// been sent, has failed (the stream errors: the connection is cut without the final chunk) or was
// cancelled. Documents (the district report, the draft dispatch) are whole files made in memory
// in the same slot (documentResponse).

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

function tableBody(table: ExportTable, format: ExportFormat, stamp: ExportStamp, attachment: boolean): { body: ReadableStream<Uint8Array>; headers: Headers } {
  if (format === "xlsx") assertFitsXlsx(table);
  const body = format === "csv" ? csvStream(table) : format === "xlsx" ? xlsxStream(table, stamp) : jsonStream(table, stamp);
  const headers = new Headers({
    "Content-Type": CONTENT_TYPES[format],
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Row-Count": String(table.rowCount),
  });
  if (attachment) headers.set("Content-Disposition", contentDisposition(table, format));
  return { body, headers };
}

/** The 200 of a download; `settle` runs once when the body has been sent, has failed or was cancelled. */
export function exportResponse(
  table: ExportTable,
  format: ExportFormat,
  stamp: ExportStamp,
  attachment: boolean,
  settle: (error?: unknown) => void = () => undefined,
): Response {
  const { body, headers } = tableBody(table, format, stamp, attachment);
  return new Response(heldBody(body, settle), { status: 200, headers });
}

/** The download errors of their own kind: a table too large for one XLSX sheet is 413. */
function downloadRefusal(err: unknown): Refusal | null {
  return err instanceof XlsxTooLargeError ? { status: 413, message: err.message } : null;
}

/** Any error of a download, answered as JSON. */
export function exportErrorResponse(err: unknown): Response {
  return refusalResponse(downloadRefusal(err) ?? refusalOf(err, ROUTE_WORDING));
}

type DatasetParams = { dataset: string };
type FormatAndFilters = { format: ExportFormat; filters: ExportFilters };

/** The GET of a table download route: a file (`format=csv|xlsx`, attachment) or the JSON API. */
export function exportDownload(mode: "file" | "json", capacity?: Capacity): RouteHandler<DatasetParams> {
  const filters =
    mode === "json"
      ? ExportFiltersSchema.transform((f): FormatAndFilters => ({ format: "json", filters: f }))
      : ExportFileParamsSchema.transform(({ format, ...f }): FormatAndFilters => ({ format, filters: f }));
  const guard = session<RouteSource<DatasetParams>>()
    .step(async (_ctx, src: RouteSource<DatasetParams>) => {
      const dataset = (await src.context?.params)?.dataset ?? "";
      if (!isExportDataset(dataset)) refuse(404, `Không có dữ liệu "${dataset}" để tải.`);
      return { dataset };
    })
    .check(({ user, dataset }) => {
      if (!canExportDataset(user, dataset)) refuse(403, "Bạn không có quyền tải dữ liệu này.");
    })
    .input(filters, {
      read: ({ request }) => searchParamsObject(new URL(request.url).searchParams),
      invalid: (error) => ({ status: 400, message: firstIssueMessage(error), issues: issuesOf(error) }),
    });
  return download(
    guard,
    async ({ user, dataset, input }) => {
      let table: OpenExport | null = null;
      try {
        table = await openExport(user, { dataset, filters: input.filters });
        const opened = table;
        const { body, headers } = tableBody(opened, input.format, { at: new Date(), by: `${user.displayName} (${user.username})` }, mode === "file");
        return {
          response: new Response(body, { status: 200, headers }),
          settle: () => opened.close().catch((err: unknown) => console.error("[exports] kết thúc giao dịch đọc:", err)),
        };
      } catch (err) {
        await table?.close();
        throw err;
      }
    },
    { capacity, refuse: downloadRefusal },
  );
}

/** The whole GET of a download route for `datasetParam` (as the routes answer it; tests give a small capacity). */
export function handleExport(request: Request, datasetParam: string, mode: "file" | "json", capacity?: Capacity): Promise<Response> {
  return exportDownload(mode, capacity)(request, { params: Promise.resolve({ dataset: datasetParam }) });
}

/** A whole document made in memory: the bytes with an ASCII filename (plus the UTF-8 one), never cached. */
export function documentResponse(bytes: Uint8Array, contentType: string, asciiName: string, utf8Name: string = asciiName): Response {
  const body = new Uint8Array(bytes.byteLength);
  body.set(bytes);
  return new Response(body.buffer, {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": attachmentDisposition(asciiName, utf8Name),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PDF_TYPE = "application/pdf";
