// Route handlers have no body limit of their own (server actions have 1 MB): a sign-in POST is
// read only up to a small limit, so a huge body cannot tie up memory.

export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

/** The body's bytes, or null when it is larger than `max` (checked as it streams in). */
export async function readBodyWithin(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > max) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}
