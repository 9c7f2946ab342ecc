import { Prisma } from "../generated/prisma/client.ts";
import { CodeIndexBuilder } from "./code-index.ts";
import { intOf, textOf } from "./rows.ts";
import type { VenueLookup } from "./scan-log.ts";
import type { ImportSession } from "./session.ts";
import type { UnitCodes } from "./venue-register.ts";

// What a file is checked against: the venues (code → id, registration day) for scan logs, the
// units (code → level) for registers and install statistics. Loaded once per import.

const VENUE_COPY = "COPY (SELECT code, id, registered_on - DATE '1970-01-01' FROM venue) TO STDOUT";

class IntList {
  private data = new Int32Array(1 << 14);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Parses a non-negative (or negative) decimal integer from bytes. */
function intFromBytes(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (b[i] === 45) {
    sign = -1;
    i += 1;
  }
  let v = 0;
  for (; i < end; i++) v = v * 10 + ((b[i] ?? 48) - 48);
  return sign * v;
}

/** Undoes COPY text-format escapes (\\, \t, \n, \r) of a field that has a backslash. */
function unescapeCopyText(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : c));
}

export async function loadVenueLookup(session: ImportSession): Promise<VenueLookup> {
  const builder = new CodeIndexBuilder();
  const ids = new IntList();
  const registered = new IntList();
  if (session.copy) {
    // COPY TO STDOUT streams the venue list as tab-separated text: parsed from bytes, the
    // 206.000 codes of a city never become strings.
    const decoder = new TextDecoder();
    let tail: Uint8Array | null = null;
    for await (const chunk of session.copy.out(VENUE_COPY)) {
      let b: Uint8Array = chunk;
      if (tail !== null) {
        const joined = new Uint8Array(tail.length + chunk.length);
        joined.set(tail);
        joined.set(chunk, tail.length);
        b = joined;
        tail = null;
      }
      // Lines are "code\tid\tday\n"; scanned byte by byte (no per-line allocation).
      let pos = 0;
      const n = b.length;
      for (;;) {
        let t1 = pos;
        let escaped = false;
        while (t1 < n && b[t1] !== 9) {
          if (b[t1] === 92) escaped = true;
          t1 += 1;
        }
        let t2 = t1 + 1;
        while (t2 < n && b[t2] !== 9) t2 += 1;
        let nl = t2 + 1;
        while (nl < n && b[nl] !== 10) nl += 1;
        if (nl >= n) break;
        if (escaped) builder.add(unescapeCopyText(decoder.decode(b.subarray(pos, t1))));
        else builder.addBytes(b, pos, t1);
        ids.push(intFromBytes(b, t1 + 1, t2));
        registered.push(intFromBytes(b, t2 + 1, nl));
        pos = nl + 1;
      }
      if (pos < b.length) tail = b.slice(pos);
    }
  } else {
    const rows = await session.exec.rows(
      Prisma.sql`SELECT code, id, (registered_on - DATE '1970-01-01')::int AS registered FROM venue`,
    );
    for (const row of rows) {
      builder.add(textOf(row, "code"));
      ids.push(intOf(row, "id"));
      registered.push(intOf(row, "registered"));
    }
  }
  return { index: builder.build(), ids: ids.toArray(), registeredDay: registered.toArray() };
}

export async function loadUnitCodes(session: ImportSession): Promise<UnitCodes> {
  const rows = await session.exec.rows(Prisma.sql`SELECT code, level::text AS level FROM unit`);
  return { levels: new Map(rows.map((r) => [textOf(r, "code"), textOf(r, "level")])) };
}
