import { inFlightImports } from "./process-state.ts";
import { importQueue } from "./queue.ts";
import { refuseClusterWaits } from "./cluster-turn.ts";
import type { ImportSession, SqlExecutor } from "./session.ts";
import { msg, type Message } from "../domain/message.ts";

// Stopping the imports of this process cleanly, for the server's shutdown (SIGTERM in
// scripts/start.ts): each running import is told to stop; its next statement (or the next chunk
// of its file) throws, its connection to PostgreSQL is closed (which rolls an open transaction
// back), and it records itself FAILED with the reason, so nothing is left half written nor left
// RUNNING for the next start's recovery to guess about. Imports still waiting for their turn are
// refused (503 with Retry-After).

/** Thrown inside an import that was told to stop. */
export class ImportAborted extends Error {
  constructor(readonly reason: string) {
    super(`import aborted: ${reason}`);
    this.name = "ImportAborted";
  }
}

/** The message of an import stopped by `reason` (a Vietnamese sentence, e.g. "máy chủ đang dừng để khởi động lại"). */
export function abortedMessage(reason: string): string {
  return `Lần nhập bị dừng giữa chừng (${reason}): không có số liệu nào được ghi. Hãy nạp lại tệp khi máy chủ chạy lại.`;
}

/** The reasons this server stops an import with (lib/server/lifecycle.ts, reasonOf), by their catalog key. */
export const ABORT_REASONS = { restart: "máy chủ đang dừng để khởi động lại", stopped: "máy chủ dừng lần nhập" } as const;

/**
 * abortedMessage as a message (key domain.importSummary.aborted): a reason of ABORT_REASONS in the
 * reader's language, another one as written.
 */
export function abortedText(reason: string): Message {
  const key = (Object.keys(ABORT_REASONS) as (keyof typeof ABORT_REASONS)[]).find((k) => ABORT_REASONS[k] === reason);
  const why = key === undefined ? reason : { message: msg(`domain.importSummary.abortReasons.${key}`) };
  return msg("domain.importSummary.aborted", { reason: why });
}

function reasonOf(signal: AbortSignal): string {
  return typeof signal.reason === "string" ? signal.reason : ABORT_REASONS.stopped;
}

/**
 * Fails every import running in this process with `reason` and refuses those waiting; resolves
 * once they have recorded it (or after `waitMs`, whichever comes first). Returns their ids.
 */
export async function abortRunningImports(reason: string, options: { waitMs?: number } = {}): Promise<{ aborted: number[]; refused: number }> {
  const refused = importQueue().refuseWaiting() + refuseClusterWaits();
  const running = inFlightImports();
  for (const [, entry] of running) entry.abort(reason);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.waitMs ?? 10_000);
  });
  await Promise.race([Promise.allSettled(running.map(([, entry]) => entry.done)), deadline]);
  clearTimeout(timer);
  return { aborted: running.map(([id]) => id), refused };
}

/** The bytes of `source`, until `signal` aborts: then the pending read is abandoned at once. */
export async function* abortableSource(source: AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ImportAborted(reasonOf(signal)));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      if (signal.aborted) throw new ImportAborted(reasonOf(signal));
      const next = await Promise.race([it.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
    // As a for-await over the source would; not awaited once aborted (a stalled sender never answers).
    const closing = it.return?.();
    if (!signal.aborted) await closing;
    else void closing?.catch(() => undefined);
  }
}

/** The session, with every statement refused once `signal` aborts (so an open transaction rolls back). */
export function abortableSession(session: ImportSession, signal: AbortSignal): ImportSession {
  const guard = (exec: SqlExecutor): SqlExecutor => ({
    execute: async (sql) => {
      if (signal.aborted) throw new ImportAborted(reasonOf(signal));
      return exec.execute(sql);
    },
    rows: async (sql) => {
      if (signal.aborted) throw new ImportAborted(reasonOf(signal));
      return exec.rows(sql);
    },
  });
  return {
    kind: session.kind,
    exec: guard(session.exec),
    transaction: (run) => session.transaction((tx) => run(guard(tx))),
    copy: session.copy,
    blobOut: session.blobOut
      ? (statement) => {
          if (signal.aborted) throw new ImportAborted(reasonOf(signal));
          return session.blobOut?.(statement) ?? Promise.resolve(new Uint8Array(0));
        }
      : null,
    close: () => session.close(),
  };
}
