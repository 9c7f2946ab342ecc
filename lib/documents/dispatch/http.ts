import "server-only";
import { errorResponse, jsonError } from "../../auth/route.ts";
import { attachmentDisposition } from "../http.ts";
import { ExportRequestError } from "../../errors.ts";

// Answers of the document downloads: the whole file with an ASCII filename (plus the UTF-8 one for
// browsers that read filename*), never cached; or a JSON error with a Vietnamese message. A
// document is rendered completely in memory before the answer starts, so a failure can never
// leave the user with half a file.

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

export function exportErrorResponse(err: unknown): Response {
  if (err instanceof ExportRequestError) return jsonError(err.status, err.message);
  return errorResponse(err);
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PDF_TYPE = "application/pdf";
