import { CodeIndex, type SharedCodeIndex } from "./code-index.ts";
import { CsvTokenizer, type CsvDelimiter, type CsvRecord } from "./csv.ts";
import { parseInstantBytes } from "./values.ts";

// Checking a piece of a scan log away from the import's thread (lib/imports/scan-log-worker.ts,
// ADR 035). A piece is whole lines of the file without a quote, so that it can be read on its own.
// Only the rows the reader (scan-log.ts) would count with nothing to report are handled here: for
// each, its venue and day. A piece with any other row (an error, a code with spaces around it, a
// scan before its venue's registration) is "not clean": nothing of it is kept, and the import
// reads it again row by row in file order, so that errors keep their lines and their order.

/** The longest device hash accepted (scan-log.ts checks the same). */
export const MAX_DEVICE_HASH = 128;

/** What a worker needs to check pieces: sent once. */
export type ScanPieceSetup = {
  readonly index: SharedCodeIndex;
  readonly delimiter: CsvDelimiter;
  /** column indexes: code, time, device (-1: none) and the row's width */
  readonly codeCol: number;
  readonly timeCol: number;
  readonly deviceCol: number;
  readonly width: number;
  /** the scope chosen by the admin: allowed[ward] === 1; null without one */
  readonly allowed: Uint8Array | null;
  /** the ward of each venue (index in the unit tree, -1 unknown); with `allowed` */
  readonly ward: Int32Array | null;
};

/** A piece to check: bytes [0, length) of `bytes`; the venues and days go to the two arrays. */
export type ScanPieceJob = {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly length: number;
  readonly venues: Int32Array;
  readonly days: Int32Array;
};

export type ScanPieceResult = {
  readonly id: number;
  /** every row was counted (else nothing of the piece is) */
  readonly clean: boolean;
  /** data rows (records) */
  readonly rows: number;
  /** line breaks: the lines the piece spans */
  readonly lines: number;
};

/**
 * A row of `bytes` is at least this long (code, comma, a 17-character time, line break): a piece
 * has at most length / MIN_ROW_BYTES + 1 rows, which sizes the venue and day arrays.
 */
export const MIN_ROW_BYTES = 16;

/** The day of a scan time in bytes [start, end), spaces around it forgiven (parseInstantBytes: <0 when refused). */
export function scanDayOfBytes(b: Uint8Array, start: number, end: number): number {
  let ts = start;
  let te = end;
  while (ts < te && b[ts] === 32) ts += 1;
  while (te > ts && b[te - 1] === 32) te -= 1;
  return parseInstantBytes(b, ts, te);
}

/** Whether bytes [start, end) are a device hash: printable ASCII without spaces, MAX_DEVICE_HASH at most. */
export function deviceHashOk(b: Uint8Array, start: number, end: number): boolean {
  if (end - start > MAX_DEVICE_HASH) return false;
  for (let i = start; i < end; i++) {
    const c = b[i] ?? 0;
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

class NotClean extends Error {}
const NOT_CLEAN = new NotClean();

export class ScanPieceChecker {
  private readonly index: CodeIndex;

  constructor(private readonly setup: ScanPieceSetup) {
    this.index = CodeIndex.fromShared(setup.index);
    if (!setup.index.hasPayloads) throw new Error("scan pieces need an index with registration payloads");
  }

  /** Checks one piece: see ScanPieceResult. */
  check(job: ScanPieceJob): ScanPieceResult {
    const { codeCol, timeCol, deviceCol, width, allowed, ward } = this.setup;
    const index = this.index;
    const venues = job.venues;
    const days = job.days;
    const capacity = Math.min(venues.length, days.length);
    let rows = 0;
    const onRecord = (r: CsvRecord): void => {
      if (r.count !== width || rows >= capacity) throw NOT_CLEAN;
      const b = r.bytes;
      const starts = r.starts;
      const ends = r.ends;
      const day = scanDayOfBytes(b, starts[timeCol] ?? 0, ends[timeCol] ?? 0);
      if (day < 0) throw NOT_CLEAN;
      if (deviceCol >= 0 && !deviceHashOk(b, starts[deviceCol] ?? 0, ends[deviceCol] ?? 0)) throw NOT_CLEAN;
      const venue = index.find(b, starts[codeCol] ?? 0, ends[codeCol] ?? 0);
      if (venue < 0 || day < index.payload) throw NOT_CLEAN;
      if (allowed !== null) {
        const w = ward?.[venue] ?? -1;
        if (w < 0 || allowed[w] !== 1) throw NOT_CLEAN;
      }
      venues[rows] = venue;
      days[rows] = day;
      rows += 1;
    };
    const tokenizer = new CsvTokenizer(this.setup.delimiter, {
      onRecord,
      onError: () => {
        throw NOT_CLEAN;
      },
    });
    try {
      tokenizer.push(job.bytes.subarray(0, job.length));
    } catch (err) {
      if (err instanceof NotClean) return { id: job.id, clean: false, rows: 0, lines: 0 };
      throw err;
    }
    // A piece ends with a line break: a record left over means it was not whole lines.
    if (tokenizer.takeTail()?.length !== 0) return { id: job.id, clean: false, rows: 0, lines: 0 };
    return { id: job.id, clean: true, rows, lines: tokenizer.nextLine - 1 };
  }
}
