import os from "node:os";
import type { CsvTokenizer } from "./csv.ts";
import { MIN_ROW_BYTES, type ScanPieceResult, type ScanPieceSetup } from "./scan-pieces.ts";

// Reading a large scan log on more than one core (ADR 035). The import's thread still reads the
// file, hashes it and checks its encoding; once the header is read and the venue list is there, it
// cuts the rest at line breaks into pieces (one per chunk of the file), copies each into shared
// memory and hands it to a worker thread (scan-log-worker.ts), which checks and locates its rows
// (scan-pieces.ts). Results are merged in file order. A piece that is not clean (any row with
// something to report), or that would pass a limit of the file (rows, days), is read again here row
// by row, in order, by the very code that reads a file without threads: errors, their lines and
// their order are the same, and so are the counts. A chunk with a quote (a quoted field may hold a
// line break, so a piece could not be cut at one) is read here too. After a piece that was not
// clean (the file has errors, most likely) the rest is read here: threads only speed up clean files.

/** What the reader needs of a worker thread (a `node:worker_threads` Worker has it). */
export interface PieceWorker {
  on(event: "message", listener: (result: ScanPieceResult) => void): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
}

export type PieceWorkers = {
  /** worker threads to start */
  readonly threads: number;
  /** starts one worker running scan-log-worker.ts (its bundle, for the command line) */
  spawn(): PieceWorker;
};

/** What the kind being imported offers to piece reading (a scan log once its venue list is there). */
export type PieceKind = {
  readonly setup: ScanPieceSetup;
  /** counts a clean piece's rows (in file order); false (nothing counted) when they must be read in order */
  merge(venues: Int32Array, days: Int32Array, rows: number): boolean;
};

export type PieceHooks = {
  /** the kind's piece reading, or null while it cannot (venue list still loading) */
  kind(): PieceKind | null;
  /** reads bytes in order, as without threads (tokenizer, rows, errors) */
  ordered(bytes: Uint8Array): Promise<void>;
  /** whether a clean piece of `rows` rows stays within the file's row limit */
  fits(rows: number): boolean;
  /** a clean piece's rows and lines were counted (after fits and the kind's merge) */
  counted(rows: number, lines: number): void;
};

/** Files smaller than this are read in one thread by default: starting workers would not pay. */
export const MIN_THREADED_BYTES = 64 * 1024 * 1024;
/** Most worker threads chosen by default. */
const MAX_DEFAULT_THREADS = 4;

/**
 * How many worker threads read a file of `bytesTotal` bytes: `setting` when given
 * (WARDWATCH_IMPORT_THREADS), else none for a small or unknown size, and otherwise one per core of
 * the machine (at most 4) when the cores are not all busy (the load average of the last minute
 * below their number): on busy cores more threads only add work (ADR 026, 035).
 */
export function readerThreads(setting: number | null, bytesTotal: number | null, machine = { cores: os.availableParallelism(), load: os.loadavg()[0] ?? 0 }): number {
  if (setting !== null) return setting;
  if (bytesTotal === null || bytesTotal < MIN_THREADED_BYTES || machine.cores < 2) return 0;
  return machine.load < machine.cores ? Math.min(machine.cores, MAX_DEFAULT_THREADS) : 0;
}

const QUOTE = 34;
const LF = 10;
/** A record longer than this is left to the tokenizer (which refuses it): the tokenizer's limit. */
const MAX_CARRY = 1 << 20;
const EMPTY = new Uint8Array(0);

type Slot = { bytes: Uint8Array; venues: Int32Array; days: Int32Array; busy: boolean };
type Pending = { slot: Slot; length: number; done: Promise<ScanPieceResult> };
type Thread = { worker: PieceWorker; waiting: ((r: ScanPieceResult) => void)[]; dead: boolean };

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}
function sharedInts(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * 4));
}
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

export class PieceReader {
  private threads: Thread[] = [];
  private readonly slots: Slot[] = [];
  private readonly pending: Pending[] = [];
  /** bytes after the last line break handed out: the start of the next piece */
  private carry: Uint8Array = EMPTY;
  private active = false;
  /** a piece was not clean, or a worker failed: the rest of the file is read in order */
  private stopped = false;
  private kind: PieceKind | null = null;
  private nextId = 0;
  /** pieces in flight at most */
  private readonly limit: number;

  constructor(
    private readonly workers: PieceWorkers,
    private readonly hooks: PieceHooks,
  ) {
    this.limit = workers.threads * 2;
  }

  /**
   * Whether the next chunk goes through push(): true once the kind can and `tokenizer` is at a
   * record boundary (its unfinished record, without a quote, becomes the next piece's start).
   */
  ready(tokenizer: CsvTokenizer): boolean {
    if (this.active) return true;
    if (this.stopped || this.workers.threads <= 0) return false;
    const kind = this.kind ?? this.hooks.kind();
    if (kind === null) return false;
    const tail = tokenizer.takeTail();
    if (tail === null) return false;
    if (this.kind === null) {
      this.kind = kind;
      this.start(kind.setup);
    }
    this.carry = tail.slice();
    this.active = true;
    return true;
  }

  private start(setup: ScanPieceSetup): void {
    for (let i = 0; i < this.workers.threads; i++) {
      let worker: PieceWorker;
      try {
        worker = this.workers.spawn();
      } catch (err) {
        console.error("[imports] không mở được luồng đọc tệp, đọc trong một luồng:", err);
        this.stopped = true;
        return;
      }
      const thread: Thread = { worker, waiting: [], dead: false };
      const fail = (): void => {
        if (thread.dead) return;
        thread.dead = true;
        this.stopped = true;
        for (const resolve of thread.waiting.splice(0)) resolve({ id: -1, clean: false, rows: 0, lines: 0 });
      };
      thread.worker.on("message", (result: ScanPieceResult) => thread.waiting.shift()?.(result));
      thread.worker.on("error", (err) => {
        console.error("[imports] luồng đọc tệp lỗi, đọc tiếp trong một luồng:", err);
        fail();
      });
      thread.worker.on("exit", fail);
      thread.worker.postMessage({ setup });
      this.threads.push(thread);
    }
  }

  /** One chunk of the file (valid only during the call). */
  async push(chunk: Uint8Array): Promise<void> {
    const view = asBuffer(chunk);
    const lf = view.lastIndexOf(LF);
    if (view.indexOf(QUOTE) >= 0 || (lf < 0 && this.carry.length + chunk.length > MAX_CARRY)) {
      // Read in order from here (and take pieces again at the next chunk, when the tokenizer allows).
      await this.pause();
      await this.hooks.ordered(chunk);
      return;
    }
    if (lf < 0) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry);
      joined.set(chunk, this.carry.length);
      this.carry = joined;
      return;
    }
    const length = this.carry.length + lf + 1;
    const slot = this.slot(length);
    slot.bytes.set(this.carry, 0);
    slot.bytes.set(chunk.subarray(0, lf + 1), this.carry.length);
    this.carry = chunk.slice(lf + 1);
    this.send(slot, length);
    while (this.pending.length >= this.limit) await this.mergeOldest();
    // After a piece that was not clean, or an unfinished record too long for the tokenizer (which
    // refuses it on its line), reading goes on in order.
    if (this.stopped || this.carry.length > MAX_CARRY) await this.pause();
  }

  /** The end of the file: every piece merged, the last unfinished line handed to the tokenizer. */
  async finish(): Promise<void> {
    if (this.active) await this.pause();
  }

  /** Stops the workers (the import is over, or failed). */
  close(): void {
    for (const thread of this.threads) {
      thread.dead = true;
      void thread.worker.terminate();
    }
    this.threads = [];
  }

  /** Merges every piece in flight and gives the tokenizer the carried bytes: reading goes on in order. */
  private async pause(): Promise<void> {
    while (this.pending.length > 0) await this.mergeOldest();
    const carry = this.carry;
    this.carry = EMPTY;
    this.active = false;
    if (carry.length > 0) await this.hooks.ordered(carry);
  }

  private slot(length: number): Slot {
    let slot = this.slots.find((s) => !s.busy);
    if (slot === undefined) {
      slot = { bytes: EMPTY, venues: new Int32Array(0), days: new Int32Array(0), busy: false };
      this.slots.push(slot);
    }
    if (slot.bytes.length < length) {
      const size = Math.max(length, 1 << 20);
      slot.bytes = sharedBytes(size);
      slot.venues = sharedInts(Math.floor(size / MIN_ROW_BYTES) + 1);
      slot.days = sharedInts(Math.floor(size / MIN_ROW_BYTES) + 1);
    }
    slot.busy = true;
    return slot;
  }

  private send(slot: Slot, length: number): void {
    const id = this.nextId++;
    const alive = this.threads.filter((t) => !t.dead);
    const thread = alive.reduce<Thread | null>((best, t) => (best === null || t.waiting.length < best.waiting.length ? t : best), null);
    let done: Promise<ScanPieceResult>;
    if (thread === null) {
      done = Promise.resolve({ id, clean: false, rows: 0, lines: 0 });
    } else {
      done = new Promise<ScanPieceResult>((resolve) => thread.waiting.push(resolve));
      thread.worker.postMessage({ job: { id, bytes: slot.bytes, length, venues: slot.venues, days: slot.days } });
    }
    this.pending.push({ slot, length, done });
  }

  private async mergeOldest(): Promise<void> {
    const piece = this.pending.shift();
    if (piece === undefined) return;
    const result = await piece.done;
    const { slot, length } = piece;
    try {
      const kind = this.kind;
      if (result.clean && kind !== null && this.hooks.fits(result.rows) && kind.merge(slot.venues, slot.days, result.rows)) {
        this.hooks.counted(result.rows, result.lines);
        return;
      }
      if (!result.clean) this.stopped = true;
      // Read in order (a copy: the tokenizer's text decoding does not take shared memory).
      await this.hooks.ordered(slot.bytes.slice(0, length));
    } finally {
      slot.busy = false;
    }
  }
}
