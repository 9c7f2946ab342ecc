import fs from "node:fs";

// Bridges between web streams (route handlers' request and response bodies) and the import
// pipeline's async iterables, without buffering: one chunk at a time, pulled as it is consumed.

/** The chunks of a request body, read as the import consumes them (backpressure to the sender). */
export async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** A file as a response body, read as the client downloads it. */
export function fileBody(file: string): ReadableStream<Uint8Array> {
  const iterator = fs.createReadStream(file, { highWaterMark: 64 * 1024 })[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      const value: unknown = next.value;
      if (next.done) controller.close();
      else if (value instanceof Uint8Array) controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
