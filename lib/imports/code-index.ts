// A read-only hash index from codes (venue codes, unit codes) to small integers, looked up by the
// code's bytes straight out of a file buffer: no string is created per row. Open addressing with
// linear probing over an Int32Array, FNV-1a hashes, keys packed in one byte array. The 206.000
// venue codes of a city take a few megabytes.

const EMPTY = -1;
const encoder = new TextEncoder();

function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i] ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The largest code (bytes) and payload an index holds: they share one 32-bit integer of the slot. */
export const MAX_CODE_BYTES = 0xffff;
export const MAX_PAYLOAD = 0xffff;

/** Collects codes (as bytes, e.g. straight from a COPY … TO STDOUT stream), then builds the index. */
export class CodeIndexBuilder {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private starts: number[] = [0];
  private payloads: number[] = [];
  private withPayloads = false;

  /**
   * Adds the code in bytes [start, end) with its payload (an integer from 0 to MAX_PAYLOAD, kept in
   * the code's slot: what a lookup needs next, read without another cache miss); returns its index.
   */
  addBytes(source: Uint8Array, start: number, end: number, payload = 0): number {
    const len = end - start;
    if (len > MAX_CODE_BYTES) throw new RangeError(`code longer than ${MAX_CODE_BYTES} bytes`);
    if (!(payload >= 0 && payload <= MAX_PAYLOAD && Number.isInteger(payload))) throw new RangeError(`payload outside 0–${MAX_PAYLOAD}: ${payload}`);
    if (this.used + len > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.used + len) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    const bytes = this.bytes;
    let at = this.used;
    for (let i = start; i < end; i++) bytes[at++] = source[i] ?? 0;
    this.used = at;
    this.starts.push(this.used);
    this.payloads.push(payload);
    if (payload !== 0) this.withPayloads = true;
    return this.starts.length - 2;
  }

  /** Marks the index as one whose codes all carry a payload (some of which may be 0). */
  withPayload(): this {
    this.withPayloads = true;
    return this;
  }

  add(code: string, payload = 0): number {
    const b = encoder.encode(code);
    return this.addBytes(b, 0, b.length, payload);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  build(): CodeIndex {
    // The key bytes in shared memory, like the slot table: worker threads read the index without a copy.
    const keys = new Uint8Array(new SharedArrayBuffer(Math.max(1, this.used)), 0, this.used);
    keys.set(this.bytes.subarray(0, this.used));
    return new CodeIndex(keys, Int32Array.from(this.starts), this.withPayloads ? Int32Array.from(this.payloads) : null);
  }
}

/**
 * The slot table holds, for each slot, 4 integers: the code's index (-1: empty), the offset of its
 * bytes, their length (low 16 bits) with the code's payload (high 16 bits), and the code's hash. A
 * probe compares the hash and the length in the slot itself and reads the key bytes only on a
 * match: one or two cache misses per lookup instead of three or four (slot, key start, key bytes).
 * With 1,5 million venues (a national scan log) the lookup's misses were most of the time spent per
 * row (issue 18); the payload (a venue's registration day) saves the next one.
 */
const SLOT = 4;

/**
 * What a worker thread needs to look codes up in an index built by another thread: the slot table
 * and the key bytes, in shared memory (nothing is copied), with the table's size.
 */
export type SharedCodeIndex = {
  readonly table: Int32Array;
  readonly keys: Uint8Array;
  readonly size: number;
  readonly hasPayloads: boolean;
};

export class CodeIndex {
  private readonly table: Int32Array;
  private readonly mask: number;
  readonly size: number;
  /** The payload of the code the last successful find() found (meaningless after a miss: check the index first). */
  payload = 0;
  /** Whether the codes were given payloads (else every payload is 0). */
  readonly hasPayloads: boolean;

  /**
   * Code i is bytes [keyStart[i], keyStart[i + 1]) of keyBytes, with payload payloads[i] (0 when
   * absent); a repeated code keeps its first index and payload.
   */
  constructor(
    private readonly keyBytes: Uint8Array,
    keyStart: Int32Array,
    payloads: Int32Array | null = null,
    /** the table of an index built elsewhere (fromShared) */
    built: SharedCodeIndex | null = null,
  ) {
    this.size = built?.size ?? keyStart.length - 1;
    this.hasPayloads = built?.hasPayloads ?? payloads !== null;
    if (built !== null) {
      this.table = built.table;
      this.mask = built.table.length / SLOT - 1;
      return;
    }
    // At most 3/4 full: linear probing stays short, and neighbouring slots share a cache line.
    let capacity = 16;
    while (capacity * 3 < this.size * 4) capacity *= 2;
    // In shared memory, so that worker threads can read it (shared()); as fast as an ordinary array.
    const table = new Int32Array(new SharedArrayBuffer(capacity * SLOT * 4)).fill(EMPTY);
    this.table = table;
    this.mask = capacity - 1;
    for (let i = 0; i < this.size; i++) {
      const s = keyStart[i] ?? 0;
      const e = keyStart[i + 1] ?? 0;
      const h = fnv1a(keyBytes, s, e);
      if (this.lookup(h, keyBytes, s, e) !== EMPTY) continue; // a repeated code keeps its first index
      let slot = h & this.mask;
      while (table[slot * SLOT] !== EMPTY) slot = (slot + 1) & this.mask;
      const at = slot * SLOT;
      table[at] = i;
      table[at + 1] = s;
      const len = e - s;
      const payload = payloads?.[i] ?? 0;
      if (len > MAX_CODE_BYTES || !(payload >= 0 && payload <= MAX_PAYLOAD)) throw new RangeError("code or payload too large for the index");
      table[at + 2] = len | (payload << 16);
      table[at + 3] = h | 0;
    }
  }

  /** The index's memory for another thread (CodeIndex.fromShared there): shared, not copied. */
  shared(): SharedCodeIndex {
    return { table: this.table, keys: this.keyBytes, size: this.size, hasPayloads: this.hasPayloads };
  }

  /** The index shared() gave, in another thread. */
  static fromShared(shared: SharedCodeIndex): CodeIndex {
    return new CodeIndex(shared.keys, new Int32Array(0), null, shared);
  }

  /** An index of `codes`, with `payloads` (same order) when given. */
  static fromStrings(codes: readonly string[], payloads?: readonly number[]): CodeIndex {
    const builder = new CodeIndexBuilder();
    if (payloads !== undefined) builder.withPayload();
    codes.forEach((c, i) => builder.add(c, payloads?.[i] ?? 0));
    return builder.build();
  }

  private lookup(h: number, bytes: Uint8Array, start: number, end: number): number {
    const table = this.table;
    const keys = this.keyBytes;
    const len = end - start;
    const hash = h | 0;
    let slot = h & this.mask;
    for (;;) {
      const at = slot * SLOT;
      const idx = table[at] ?? EMPTY;
      if (idx === EMPTY) return EMPTY;
      const lenAndPayload = table[at + 2] ?? 0;
      if (table[at + 3] === hash && (lenAndPayload & 0xffff) === len) {
        const ks = table[at + 1] ?? 0;
        let k = 0;
        while (k < len && keys[ks + k] === bytes[start + k]) k += 1;
        if (k === len) {
          this.payload = lenAndPayload >>> 16;
          return idx;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The index of the code in bytes [start, end), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.lookup(fnv1a(bytes, start, end), bytes, start, end);
  }

  /** The index of a code given as a string, or -1. */
  findString(code: string): number {
    const b = encoder.encode(code);
    return this.find(b, 0, b.length);
  }
}

/**
 * Codes seen so far, each given the next small integer on first sight (find-or-add by bytes).
 * Lets a scan log be read before the venue list has arrived: rows refer to interned codes, which
 * are resolved to venues once the list is there.
 */
export class CodeInterner {
  private keyBytes = new Uint8Array(1 << 14);
  private used = 0;
  private keyStart = new Int32Array(1 << 10);
  private count = 0;
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  private mask = (1 << 12) - 1;

  get size(): number {
    return this.count;
  }

  private equals(idx: number, bytes: Uint8Array, start: number, end: number): boolean {
    const ks = this.keyStart[idx] ?? 0;
    const len = end - start;
    if ((this.keyStart[idx + 1] ?? 0) - ks !== len) return false;
    for (let k = 0; k < len; k++) if (this.keyBytes[ks + k] !== bytes[start + k]) return false;
    return true;
  }

  /** The id of the code in bytes [start, end), adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    let slot = fnv1a(bytes, start, end) & this.mask;
    for (;;) {
      const idx = this.slots[slot] ?? EMPTY;
      if (idx === EMPTY) break;
      if (this.equals(idx, bytes, start, end)) return idx;
      slot = (slot + 1) & this.mask;
    }
    const len = end - start;
    if (this.used + len > this.keyBytes.length) {
      let size = this.keyBytes.length * 2;
      while (size < this.used + len) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.keyBytes.subarray(0, this.used));
      this.keyBytes = grown;
    }
    if (this.count + 2 > this.keyStart.length) {
      const grown = new Int32Array(this.keyStart.length * 2);
      grown.set(this.keyStart);
      this.keyStart = grown;
    }
    const id = this.count;
    this.keyStart[id] = this.used;
    for (let i = start; i < end; i++) this.keyBytes[this.used++] = bytes[i] ?? 0;
    this.count += 1;
    this.keyStart[this.count] = this.used;
    this.slots[slot] = id;
    if (this.count * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = fnv1a(this.keyBytes, this.keyStart[i] ?? 0, this.keyStart[i + 1] ?? 0) & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = i;
    }
  }

  /** The bytes of code `id` (a view, valid until the next intern). */
  bytesOf(id: number): Uint8Array {
    return this.keyBytes.subarray(this.keyStart[id] ?? 0, this.keyStart[id + 1] ?? 0);
  }
}
