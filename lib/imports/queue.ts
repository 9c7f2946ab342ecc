import { OverloadedError } from "../errors.ts";

// The turn of each import in this process: a few run at once (WARDWATCH_IMPORT_CONCURRENCY, 1 by
// default: an import keeps a database connection and a core busy for minutes), the next ones wait
// in order and are told their place ("Đang chờ: thứ 2 trong hàng đợi"), and beyond
// WARDWATCH_IMPORT_QUEUE waiting the upload is refused at once with 503 and Retry-After, before a
// byte of it is read (progress.ts phaseLabel words the place). Unlike lib/server/capacity.ts a waiting import has no deadline: its upload
// simply pauses (TCP backpressure) until its turn, and it is told its position as it moves up.

export type QueueEntry = {
  /** imports running at once (the embedded database: 1) */
  readonly limit: number;
  /** imports allowed to wait */
  readonly bound: number;
  /** called with 1, 2, … while waiting, each time the place changes */
  readonly onPosition?: (position: number) => void;
};

type Waiter = { limit: number; onPosition?: (position: number) => void; resolve: () => void; reject: (err: unknown) => void };

/** Seconds a refused upload is told to wait: an import takes minutes, not seconds. */
export const IMPORT_RETRY_AFTER_SECONDS = 60;

export const QUEUE_MESSAGES = {
  full: (waiting: number) =>
    `Máy chủ đang nạp tệp khác và đã có ${waiting} tệp chờ đến lượt: chưa nhận thêm tệp. Hãy nạp lại sau ít phút.`,
  stopping: "Máy chủ đang dừng để khởi động lại: tệp chưa được nạp. Hãy nạp lại sau ít phút.",
} as const;

class ImportQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Waits for a turn (or throws OverloadedError); returns the release, to call once the import is over. */
  async enter(entry: QueueEntry): Promise<() => void> {
    if (this.running < entry.limit && this.waiting.length === 0) {
      this.running += 1;
      return this.releaser();
    }
    if (this.waiting.length >= entry.bound) throw new OverloadedError(IMPORT_RETRY_AFTER_SECONDS, QUEUE_MESSAGES.full(this.waiting.length));
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ limit: entry.limit, onPosition: entry.onPosition, resolve, reject });
      entry.onPosition?.(this.waiting.length);
    });
    return this.releaser();
  }

  /** Refuses every waiting import (the server is stopping). */
  refuseWaiting(): number {
    const refused = this.waiting.splice(0);
    for (const w of refused) w.reject(new OverloadedError(IMPORT_RETRY_AFTER_SECONDS, QUEUE_MESSAGES.stopping));
    return refused.length;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.admit();
    };
  }

  /** Starts the first waiters while there is room, and tells the others their new place. */
  private admit(): void {
    let moved = false;
    while (this.waiting.length > 0 && this.running < (this.waiting[0]?.limit ?? 1)) {
      const next = this.waiting.shift();
      if (!next) break;
      this.running += 1;
      moved = true;
      next.resolve();
    }
    if (moved) this.waiting.forEach((w, i) => w.onPosition?.(i + 1));
  }
}

const KEY = "__wardwatchImportQueue";
const holder = globalThis as { [KEY]?: ImportQueue };

/** This process's import queue (on globalThis: Next.js may load this module once per bundle). */
export function importQueue(): ImportQueue {
  return (holder[KEY] ??= new ImportQueue());
}

export type { ImportQueue };
