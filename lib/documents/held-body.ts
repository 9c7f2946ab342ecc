// A response body that holds something (a heavy-work slot, a database snapshot) for exactly as
// long as the answer is being sent: `settle` runs once, when the body has been read to the end,
// has failed, or the client has gone away (cancel). A failure is passed on as an error of the
// stream, never as a clean end, so the server cuts the connection without the final chunk and no
// client can mistake a partial file for a whole one.

export function heldBody(body: ReadableStream<Uint8Array>, settle: (error?: unknown) => void): ReadableStream<Uint8Array> {
  let settled = false;
  const once = (error?: unknown) => {
    if (settled) return;
    settled = true;
    settle(error);
  };
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (err) {
          controller.error(err);
          once(err);
          return;
        }
        if (chunk.done) {
          controller.close();
          once();
        } else {
          controller.enqueue(chunk.value);
        }
      },
      async cancel(reason) {
        try {
          await reader.cancel(reason);
        } finally {
          once();
        }
      },
    },
    { highWaterMark: 0 },
  );
}

/** `bytes` as a body that settles when sent (documents are rendered whole before answering). */
export function bytesBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
