import { Prisma } from "../generated/prisma/client.ts";
import { CodeIndexBuilder } from "./code-index.ts";
import { intOf, textOf } from "./rows.ts";
import { registrationPayload, type VenueLookup } from "./scan-log.ts";
import type { ImportSession } from "./session.ts";
import type { UnitCodes } from "./venue-register.ts";
import type { UnitTree } from "./scope-units.ts";

// What a file is checked against: the venues (code → id, registration day) for scan logs, the
// units (code → level) for registers and install statistics. Loaded once per import.

const VENUE_COPY = "COPY (SELECT code, id, registered_on - DATE '1970-01-01', ward_code FROM venue) TO STDOUT";

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

/**
 * Ward codes to ward indexes of the tree. Ward codes are digits (GSO): they are looked up as
 * numbers parsed from the bytes, with no string per venue; any other code goes through its text.
 */
class WardCodes {
  private readonly numeric = new Map<number, number>();
  private readonly text: ReadonlyMap<string, number>;
  private readonly decoder = new TextDecoder();
  constructor(tree: UnitTree) {
    this.text = tree.wardIndex;
    // The key keeps the length, so that "037" and "00037" stay apart.
    for (const [code, index] of tree.wardIndex) if (/^[0-9]{1,9}$/.test(code)) this.numeric.set(Number(code) * 16 + code.length, index);
  }
  ofBytes(b: Uint8Array, start: number, end: number): number {
    if (end - start > 9 || end === start) return this.ofText(this.decoder.decode(b.subarray(start, end)));
    let v = 0;
    for (let i = start; i < end; i++) {
      const c = b[i] ?? 0;
      if (c < 48 || c > 57) return this.ofText(unescapeCopyText(this.decoder.decode(b.subarray(start, end))));
      v = v * 10 + (c - 48);
    }
    return this.numeric.get(v * 16 + (end - start)) ?? this.ofText(this.decoder.decode(b.subarray(start, end)));
  }
  ofText(code: string): number {
    return this.text.get(code) ?? -1;
  }
}

export async function loadVenueLookup(session: ImportSession, tree: UnitTree): Promise<VenueLookup> {
  const builder = new CodeIndexBuilder().withPayload();
  const ids = new IntList();
  const registered = new IntList();
  const wards = new IntList();
  const wardCodes = new WardCodes(tree);
  // COPY streams the venue list as tab-separated text (PostgreSQL: TO STDOUT in chunks; embedded:
  // one blob): parsed from bytes, the 206.000 codes of a city never become strings or row objects.
  const decoder = new TextDecoder();
  let tail: Uint8Array | null = null;
  const parse = (chunk: Uint8Array): void => {
    let b: Uint8Array = chunk;
    if (tail !== null) {
      const joined = new Uint8Array(tail.length + chunk.length);
      joined.set(tail);
      joined.set(chunk, tail.length);
      b = joined;
      tail = null;
    }
    // Lines are "code\tid\tday\tward\n"; scanned byte by byte (no per-line allocation).
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
      let t3 = t2 + 1;
      while (t3 < n && b[t3] !== 9) t3 += 1;
      let nl = t3 + 1;
      while (nl < n && b[nl] !== 10) nl += 1;
      if (nl >= n) break;
      const day = intFromBytes(b, t2 + 1, t3);
      if (escaped) builder.add(unescapeCopyText(decoder.decode(b.subarray(pos, t1))), registrationPayload(day));
      else builder.addBytes(b, pos, t1, registrationPayload(day));
      ids.push(intFromBytes(b, t1 + 1, t2));
      registered.push(day);
      wards.push(wardCodes.ofBytes(b, t3 + 1, nl));
      pos = nl + 1;
    }
    if (pos < b.length) tail = b.slice(pos);
  };
  if (session.copy) {
    for await (const chunk of session.copy.out(VENUE_COPY)) parse(chunk as Uint8Array);
  } else if (session.blobOut) {
    parse(await session.blobOut(VENUE_COPY));
  } else {
    const rows = await session.exec.rows(
      Prisma.sql`SELECT code, id, (registered_on - DATE '1970-01-01')::int AS registered, ward_code FROM venue`,
    );
    for (const row of rows) {
      const day = intOf(row, "registered");
      builder.add(textOf(row, "code"), registrationPayload(day));
      ids.push(intOf(row, "id"));
      registered.push(day);
      wards.push(wardCodes.ofText(textOf(row, "ward_code")));
    }
  }
  return { index: builder.build(), ids: ids.toArray(), registeredDay: registered.toArray(), ward: wards.toArray() };
}

export async function loadUnitCodes(session: ImportSession): Promise<UnitCodes> {
  const rows = await session.exec.rows(Prisma.sql`SELECT code, level::text AS level FROM unit`);
  return { levels: new Map(rows.map((r) => [textOf(r, "code"), textOf(r, "level")])) };
}
