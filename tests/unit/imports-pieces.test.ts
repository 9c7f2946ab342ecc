import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { CodeIndex } from "@/lib/imports/code-index";
import { CsvTokenizer, type CsvDelimiter } from "@/lib/imports/csv";
import { ImportErrors, type ImportRowError } from "@/lib/imports/errors";
import { readHeader } from "@/lib/imports/header";
import { IMPORT_COLUMNS } from "@/lib/imports/kinds";
import { PieceReader, readerThreads, MIN_THREADED_BYTES, type PieceWorkers } from "@/lib/imports/pieces";
import { registrationPayload, ScanLogReader, type ScanScope, type VenueLookup } from "@/lib/imports/scan-log";
import { ScanPieceChecker, type ScanPieceJob, type ScanPieceSetup } from "@/lib/imports/scan-pieces";
import { epochDayOfIsoDay } from "@/lib/imports/values";
import { prng } from "@/tests/factories/import-files";

// Reading a scan log in pieces (lib/imports/pieces.ts, ADR 035) must give what reading it row by
// row gives: the same errors (line, column, value, reason) in the same order, the same rows and the
// same counts, whatever the file holds and wherever its chunks are cut. Here the workers are the
// checker run in this thread (asynchronously, like a thread); tests/integration/import-threads.test.ts
// runs real worker threads through the whole import.

/** A worker that runs ScanPieceChecker in this thread, answering on a later turn of the event loop. */
class InThreadWorker extends EventEmitter {
  private checker: ScanPieceChecker | null = null;
  jobs = 0;
  postMessage(message: { setup: ScanPieceSetup } | { job: ScanPieceJob }): void {
    setImmediate(() => {
      if ("setup" in message) {
        this.checker = new ScanPieceChecker(message.setup);
        return;
      }
      this.jobs += 1;
      this.emit("message", this.checker?.check(message.job));
    });
  }
  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}

const VENUES = ["HK-00037-0001", "HK-00040-0001", "HK-00040-0002", "HN-00001-0001"];
const REGISTERED = ["2021-07-01", "2021-08-15", "2021-07-01", "2021-07-01"].map(epochDayOfIsoDay);
const lookup: VenueLookup = {
  index: CodeIndex.fromStrings(VENUES, REGISTERED.map(registrationPayload)),
  ids: Int32Array.from([11, 12, 13, 14]),
  registeredDay: Int32Array.from(REGISTERED),
  ward: Int32Array.from([0, 1, 1, 2]),
};

type Outcome = { errors: ImportRowError[]; rows: number; accepted: number; counts: (readonly [number, number, number])[]; pieces: number };

type Options = { maxDays?: number; maxRows?: number; scope?: ScanScope | null; threads?: number };

/** Reads `text` in chunks of `chunk` bytes, as run.ts does, with pieces on (threads > 0) or off. */
async function read(text: string, chunk: number, options: Options = {}): Promise<Outcome> {
  const bytes = new TextEncoder().encode(text);
  const errors = new ImportErrors(null);
  const delimiter: CsvDelimiter = text.startsWith("venue_code;") ? ";" : ",";
  let reader: ScanLogReader | null = null;
  let rows = 0;
  const maxRows = options.maxRows ?? 1_000_000;
  const tokenizer = new CsvTokenizer(delimiter, {
    onRecord(r) {
      if (reader === null) {
        const header = readHeader(r.texts(), IMPORT_COLUMNS.QR_SCAN_LOG);
        if (!header.ok) throw new Error("bad header");
        reader = new ScanLogReader(lookup, header.header, errors, options.maxDays ?? 31, options.scope ?? null);
        return;
      }
      rows += 1;
      if (rows > maxRows) throw new Error(`more than ${maxRows} rows at line ${r.line}`);
      reader.row(r);
    },
    onError(line, message) {
      rows += 1;
      errors.add({ line, column: null, value: null, reason: message });
    },
  });
  const threads = options.threads ?? 0;
  const spawned: InThreadWorker[] = [];
  const workers: PieceWorkers = {
    threads,
    spawn: () => {
      const w = new InThreadWorker();
      spawned.push(w);
      return w;
    },
  };
  const ordered = async (b: Uint8Array) => {
    tokenizer.push(b);
  };
  const pieces = new PieceReader(workers, {
    kind: () => {
      const r = reader as ScanLogReader | null;
      if (r === null) return null;
      const scope = options.scope ?? null;
      return {
        setup: { index: lookup.index.shared(), delimiter, codeCol: 0, timeCol: 1, deviceCol: text.startsWith("venue_code,scanned_at,device_hash") || text.startsWith("venue_code;scanned_at;device_hash") ? 2 : -1, width: text.split("\n")[0]?.split(delimiter).length ?? 0, allowed: scope?.allowed ?? null, ward: scope ? (lookup.ward ?? null) : null },
        merge: (venues, days, n) => r.countPiece(venues, days, n),
      };
    },
    ordered,
    fits: (n) => rows + n <= maxRows,
    counted: (n, lines) => {
      rows += n;
      tokenizer.advance(lines);
    },
  });
  try {
    for (let at = 0; at < bytes.length; at += chunk) {
      // Like the command line: one buffer, used again for every chunk.
      const piece = bytes.slice(at, Math.min(bytes.length, at + chunk));
      if (reader !== null && pieces.ready(tokenizer)) await pieces.push(piece);
      else await ordered(piece);
      piece.fill(0);
    }
    await pieces.finish();
    tokenizer.end();
  } finally {
    pieces.close();
  }
  const r = reader as ScanLogReader | null;
  return {
    errors: errors.shown.map((e) => ({ ...e })),
    rows,
    accepted: r?.accepted ?? 0,
    counts: [...(r?.aggregates() ?? [])],
    pieces: spawned.reduce((n, w) => n + w.jobs, 0),
  };
}

const HEADER = "venue_code,scanned_at,device_hash";
const GOOD_TIMES = ["2021-08-30T08:00:00+07:00", "2021-08-30T01:00:00Z", "2021-08-30T23:59:59+07:00", "2021-08-29T17:00:00Z"];

function cleanLines(n: number, random: () => number, times = GOOD_TIMES): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const code = VENUES[Math.floor(random() * VENUES.length)] ?? "";
    const time = times[Math.floor(random() * times.length)] ?? "";
    lines.push(`${code},${time},d${i}`);
  }
  return lines;
}

/** Lines that each make a piece not clean, or that only the tokenizer reads right. */
const ODD = [
  "KHONG-CO,2021-08-30T08:00:00+07:00,x", // unknown code
  " HK-00037-0001 ,2021-08-30T08:00:00+07:00,x", // spaces: accepted, but not by a piece
  "HK-00040-0001,2021-08-14T08:00:00+07:00,x", // before registration
  "HK-00037-0001,2021-08-30 08:00:00,x", // no offset
  "HK-00037-0001,2021-08-30T08:00:00+07:00,có dấu", // device
  "HK-00037-0001,2021-08-30T08:00:00+07:00", // width
  "", // blank line
  '"HK-00037-0001","2021-08-30T08:00:00+07:00","a""b"', // quotes (valid)
  '"HK-00037-0001","2021-08-30T08:00:00+07:00","line\nbreak"', // a quoted line break (device refused)
  'HK-00037-0001,2021-08-30T08:00:00+07:00,a"b', // a quote inside a field
  "HK-00037-0001,2021-08-30T08:00:00+07:00,x\r", // CRLF
];

describe("reading a scan log in pieces", () => {
  it("gives the same counts, rows and no errors for a clean file, with the pieces read by the workers", async () => {
    const text = `${[HEADER, ...cleanLines(3000, prng(1))].join("\n")}\n`;
    const alone = await read(text, 997);
    const threaded = await read(text, 997, { threads: 2 });
    expect(alone.errors).toEqual([]);
    expect(threaded).toEqual({ ...alone, pieces: threaded.pieces });
    expect(alone.accepted).toBe(3000);
    expect(threaded.pieces).toBeGreaterThan(50);
  });

  it.each([1, 2, 3])("gives the same errors in the same order, rows and counts with odd lines anywhere (seed %i)", async (seed) => {
    const random = prng(seed);
    for (let round = 0; round < 20; round++) {
      const lines = [HEADER, ...cleanLines(400, random)];
      const odd = Math.floor(random() * 4);
      for (let k = 0; k < odd; k++) lines.splice(1 + Math.floor(random() * 400), 0, ODD[Math.floor(random() * ODD.length)] ?? "");
      const text = lines.join(random() < 0.2 ? "\r\n" : "\n") + (random() < 0.5 ? "\n" : "");
      const chunk = 50 + Math.floor(random() * 900);
      const alone = await read(text, chunk);
      const threaded = await read(text, chunk, { threads: 1 + Math.floor(random() * 3) });
      expect(threaded.errors).toEqual(alone.errors);
      expect({ ...threaded, pieces: 0 }).toEqual({ ...alone, pieces: 0 });
    }
  });

  it("reports the day past the limit on its line, as reading row by row does", async () => {
    const days = ["2021-08-20", "2021-08-21", "2021-08-22", "2021-08-23"].map((d) => `${d}T08:00:00+07:00`);
    const lines = [HEADER];
    for (const d of days) lines.push(...cleanLines(200, prng(7), [d]));
    const text = `${lines.join("\n")}\n`;
    const alone = await read(text, 300, { maxDays: 3 });
    const threaded = await read(text, 300, { maxDays: 3, threads: 2 });
    expect(alone.errors.length).toBe(200);
    expect(alone.errors[0]?.line).toBe(602);
    expect(threaded).toEqual({ ...alone, pieces: threaded.pieces });
  });

  it("stops at the row limit on the same line", async () => {
    const text = `${[HEADER, ...cleanLines(1000, prng(3))].join("\n")}\n`;
    await expect(read(text, 256, { maxRows: 777 })).rejects.toThrow("more than 777 rows at line 779");
    await expect(read(text, 256, { maxRows: 777, threads: 2 })).rejects.toThrow("more than 777 rows at line 779");
  });

  it("checks a chosen scope as reading row by row does", async () => {
    const scope: ScanScope = { allowed: Uint8Array.from([1, 1, 0]), reason: (w) => `ngoài phạm vi ${w}` };
    const text = `${[HEADER, ...cleanLines(800, prng(5))].join("\n")}\n`;
    const alone = await read(text, 400, { scope });
    const threaded = await read(text, 400, { scope, threads: 2 });
    expect(alone.errors.length).toBeGreaterThan(0);
    expect(threaded).toEqual({ ...alone, pieces: threaded.pieces });
    const inScope = `${[HEADER, ...cleanLines(800, prng(5)).filter((l) => !l.startsWith("HN-"))].join("\n")}\n`;
    const threadedIn = await read(inScope, 400, { scope, threads: 2 });
    expect(threadedIn.errors).toEqual([]);
    expect(threadedIn).toEqual({ ...(await read(inScope, 400, { scope })), pieces: threadedIn.pieces });
    expect(threadedIn.pieces).toBeGreaterThan(10);
  });

  it("reads a semicolon-separated file and a file without device hashes in pieces", async () => {
    const semi = `${["venue_code;scanned_at;device_hash", ...cleanLines(500, prng(8)).map((l) => l.replaceAll(",", ";"))].join("\n")}\n`;
    const noDevice = `${["venue_code,scanned_at", ...cleanLines(500, prng(9)).map((l) => l.split(",").slice(0, 2).join(","))].join("\n")}\n`;
    for (const text of [semi, noDevice]) {
      const alone = await read(text, 333);
      const threaded = await read(text, 333, { threads: 2 });
      expect(alone.errors).toEqual([]);
      expect(alone.accepted).toBe(500);
      expect(threaded).toEqual({ ...alone, pieces: threaded.pieces });
      expect(threaded.pieces).toBeGreaterThan(10);
    }
  });
});

describe("readerThreads", () => {
  it("takes the setting when given, else threads only for a large file while the cores are not all busy", () => {
    const idle = { cores: 2, load: 0.4 };
    expect(readerThreads(0, 2e9, idle)).toBe(0);
    expect(readerThreads(3, 10, idle)).toBe(3);
    expect(readerThreads(null, MIN_THREADED_BYTES - 1, idle)).toBe(0);
    expect(readerThreads(null, null, idle)).toBe(0);
    expect(readerThreads(null, 2e9, idle)).toBe(2);
    expect(readerThreads(null, 2e9, { cores: 2, load: 1.9 })).toBe(2);
    expect(readerThreads(null, 2e9, { cores: 2, load: 2 })).toBe(0);
    expect(readerThreads(null, 2e9, { cores: 1, load: 0 })).toBe(0);
    expect(readerThreads(null, 2e9, { cores: 16, load: 2 })).toBe(4);
  });
});
