import "server-only";
import { errorResponse, jsonError } from "../../auth/route.ts";
import { attachmentDisposition } from "../../http/downloads.ts";
import { ExportRequestError } from "../../errors.ts";
import { heavyWork, type Capacity } from "../../server/capacity.ts";
import { heldBody } from "../held-body.ts";

// Answers of the document downloads: the whole file with an ASCII filename (plus the UTF-8 one for
// browsers that read filename*), never cached; or a JSON error with a Vietnamese message. A
// document is rendered completely in memory before the answer starts, so a failure can never
// leave the user with half a file. Reading and rendering run in a heavy-work slot (503 +
// Retry-After when the server is at its limit), held until the answer has been sent.

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

/** Makes a document in a heavy-work slot, held until its answer has been sent (or the client left). */
export async function underCapacity(make: () => Promise<Response>, capacity: Capacity = heavyWork()): Promise<Response> {
  const release = await capacity.acquire();
  let response: Response;
  try {
    response = await make();
  } catch (err) {
    release();
    throw err;
  }
  if (!response.body) {
    release();
    return response;
  }
  return new Response(heldBody(response.body, release), { status: response.status, headers: response.headers });
}
