import { CodeInterner, MAX_PAYLOAD, type CodeIndex } from "./code-index.ts";
import type { CsvRecord } from "./csv.ts";
import type { ImportErrors } from "./errors.ts";
import type { HeaderMap } from "./header.ts";
import { widthError } from "./header.ts";
import { formatDay } from "../domain/format.ts";
import type { Message } from "../domain/message.ts";
import { SCAN_TEXT } from "./error-text.ts";
import {
  INSTANT_BAD_FORMAT,
  INSTANT_NO_OFFSET,
  isoDayOfEpochDay,
} from "./values.ts";
import { deviceHashOk, MAX_DEVICE_HASH, scanDayOfBytes } from "./scan-pieces.ts";

// Reading a QR scan log: one row per scan (venue code, scan time with offset, optional device
// hash). Rows are checked as they stream by and counted per venue and Vietnam calendar day at
// once, in one Int32Array per day indexed by venue: a 2.000.000-row log becomes about 200.000
// per-venue-day counts without keeping a single row. Those counts are what gets staged and
// published (raw scans are not stored).

export type VenueLookup = {
  /** codes → index; when it has payloads, each is registrationPayload(the venue's registration day) */
  index: CodeIndex;
  /** venue.id by index */
  ids: Int32Array;
  /** registration day (epoch day) by index */
  registeredDay: Int32Array;
  /** ward (index in the unit tree, see scope-units.ts) by index; -1 when unknown (absent: all unknown) */
  ward?: Int32Array;
};

/**
 * A venue's registration day (epoch day) as its payload in the code index: clamped to 0–MAX_PAYLOAD,
 * which keeps `day >= payload` equal to `day >= registered` for every scan day a time parses to
 * (years 2000–2099: epoch days 10.957–47.481). The exact day (for messages) stays in registeredDay.
 */
export function registrationPayload(epochDay: number): number {
  return Math.min(MAX_PAYLOAD, Math.max(0, epochDay));
}

/** A scope the admin chose: the wards (by index) a venue of the file may belong to. */
export type ScanScope = {
  allowed: Uint8Array;
  reason: (wardIndex: number) => string;
  /** the reason as a message (lib/imports/error-text.ts) */
  text?: (wardIndex: number) => Message;
};


export const SCAN_MESSAGES = {
  noCode: "Thiếu mã địa điểm.",
  unknownCode: "Không có địa điểm nào với mã này trong danh sách địa điểm (hãy nạp danh sách địa điểm có mã địa điểm này trước).",
  badTime: "Thời điểm quét không đúng định dạng; cần dạng 2021-08-14T08:30:00+07:00 (hoặc …Z cho giờ UTC).",
  noOffset: "Thời điểm quét thiếu múi giờ (thêm +07:00 hoặc Z), nên không xác định được thuộc ngày nào.",
  badRange: "Ngày giờ không tồn tại (ví dụ 31/06, 25:00) hoặc năm nằm ngoài 2000–2099.",
  beforeRegistration: (scanDay: string, registered: string) =>
    `Lượt quét thuộc ngày ${formatDay(scanDay)}, trước ngày đăng ký của địa điểm (${formatDay(registered)}).`,
  badDevice: `Mã thiết bị chỉ gồm ký tự ASCII in được, không có dấu cách, tối đa ${MAX_DEVICE_HASH} ký tự.`,
  tooManyDays: (max: number) => `Tệp có lượt quét thuộc hơn ${max} ngày khác nhau; mỗi lần chỉ nạp tối đa ${max} ngày.`,
} as const;

/** A code not in the venue list (pending rows, before the list is known). */
const UNKNOWN = -1;

class IntList {
  data = new Int32Array(1 << 12);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Rows read before the venue list arrived: their code (interned), day (or INSTANT_* code), whether
 * the device hash was fine, and the texts of the values that were wrong (rare). Checked in order
 * once the list is there, with the very checks and messages of the rows read after.
 */
type Pending = {
  lines: IntList;
  codes: IntList;
  days: IntList;
  devices: IntList;
  /** the raw time field of every pending row (25 bytes or so), for the messages that quote it */
  times: ByteStore;
  /** device hash texts of the rows whose hash was refused */
  devicesText: Map<number, string>;
};

/** Byte strings appended one after the other, read back by position. */
class ByteStore {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private readonly starts = new IntList();
  constructor() {
    this.starts.push(0);
  }
  add(source: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (this.used + len > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.used + len) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    for (let i = start; i < end; i++) this.bytes[this.used++] = source[i] ?? 0;
    this.starts.push(this.used);
  }
  text(i: number, decoder: TextDecoder): string {
    return decoder.decode(this.bytes.subarray(this.starts.data[i] ?? 0, this.starts.data[i + 1] ?? 0));
  }
}

export class ScanLogReader {
  private readonly codeCol: number;
  private readonly timeCol: number;
  private readonly deviceCol: number;
  private venues: VenueLookup | null;
  private readonly days = new Map<number, Int32Array>();
  private lastDay = -1;
  private lastCounts: Int32Array = new Int32Array(0);
  private interner: CodeInterner | null = null;
  private pending: Pending | null = null;
  /** rows that passed every check */
  accepted = 0;

  /**
   * `venues` may be null while the venue list is still loading: rows are then kept in a compact form
   * (their errors held back) until resolve() gets the list.
   */
  constructor(
    venues: VenueLookup | null,
    private readonly header: HeaderMap,
    private readonly errors: ImportErrors,
    private readonly maxDays: number,
    private readonly scope: ScanScope | null = null,
  ) {
    this.codeCol = header.index.get("venue_code") ?? 0;
    this.timeCol = header.index.get("scanned_at") ?? 1;
    this.deviceCol = header.index.get("device_hash") ?? -1;
    this.venues = venues;
    if (venues === null) {
      this.interner = new CodeInterner();
      this.pending = { lines: new IntList(), codes: new IntList(), days: new IntList(), devices: new IntList(), times: new ByteStore(), devicesText: new Map() };
      errors.hold();
    }
  }

  get waiting(): boolean {
    return this.venues === null;
  }

  /** Rows kept in their compact form until the venue list arrives (about 45 bytes each). */
  get pendingRows(): number {
    return this.pending?.lines.length ?? 0;
  }

  row(r: CsvRecord): void {
    if (r.count !== this.header.width) {
      this.errors.add(widthError(r.line, r.count, this.header.width));
      return;
    }
    const b = r.bytes;
    const starts = r.starts;
    const ends = r.ends;
    const day = scanDayOfBytes(b, starts[this.timeCol] ?? 0, ends[this.timeCol] ?? 0);
    const deviceOk = this.deviceCol < 0 || deviceHashOk(b, starts[this.deviceCol] ?? 0, ends[this.deviceCol] ?? 0);
    const cs = starts[this.codeCol] ?? 0;
    const ce = ends[this.codeCol] ?? 0;
    const venues = this.venues;
    if (venues === null) {
      const pending = this.pending;
      const interner = this.interner;
      if (pending === null || interner === null) return;
      pending.lines.push(r.line);
      pending.codes.push(interner.intern(b, cs, ce));
      pending.days.push(day);
      pending.devices.push(deviceOk ? 1 : 0);
      if (r.escaped[this.timeCol] === 1) {
        // A quoted time with doubled quotes: keep its text as r.text() gives it.
        const text = new TextEncoder().encode(r.text(this.timeCol));
        pending.times.add(text, 0, text.length);
      } else {
        pending.times.add(b, starts[this.timeCol] ?? 0, ends[this.timeCol] ?? 0);
      }
      if (!deviceOk) pending.devicesText.set(r.line, r.text(this.deviceCol));
      return;
    }
    let venue = venues.index.find(b, cs, ce);
    // The registration day from the index slot just read (one cache miss less per row than registeredDay).
    let registered = venues.index.hasPayloads ? venues.index.payload : registrationPayload(venues.registeredDay[venue] ?? 0);
    let codeText: string | null = null;
    if (venue < 0) {
      codeText = r.text(this.codeCol);
      venue = this.findTrimmed(codeText);
      registered = venue >= 0 ? registrationPayload(venues.registeredDay[venue] ?? 0) : 0;
    }
    if (venue >= 0 && day >= 0 && deviceOk && this.inScope(venue)) {
      if (day >= registered) this.countChecked(venue, day, r.line, r, 0);
      else this.count(venue, day, r.line, r, 0);
      return;
    }
    this.reject(r.line, venue, day, deviceOk, codeText ?? r.text(this.codeCol), r, 0);
  }

  /** Whether a venue may be in the file (always, without a chosen scope). */
  private inScope(venue: number): boolean {
    const scope = this.scope;
    if (scope === null) return true;
    const ward = this.venues?.ward?.[venue] ?? -1;
    return ward >= 0 && scope.allowed[ward] === 1;
  }

  /** Surrounding spaces around a code are forgiven; an unknown code is not. */
  private findTrimmed(text: string): number {
    const trimmed = text.trim();
    return trimmed !== text && trimmed !== "" && this.venues !== null ? this.venues.index.findString(trimmed) : UNKNOWN;
  }

  /** Reports every problem of a row, in column order. */
  private reject(line: number, venue: number, day: number, deviceOk: boolean, codeText: string, r: CsvRecord | null, i: number): void {
    if (venue < 0) {
      const noCode = codeText.trim() === "";
      this.errors.add({
        line,
        column: "venue_code",
        value: codeText,
        reason: noCode ? SCAN_MESSAGES.noCode : SCAN_MESSAGES.unknownCode,
        text: noCode ? SCAN_TEXT.noCode : SCAN_TEXT.unknownCode,
      });
    } else if (!this.inScope(venue) && this.scope !== null) {
      const ward = this.venues?.ward?.[venue] ?? -1;
      this.errors.add({ line, column: "venue_code", value: codeText, reason: this.scope.reason(ward), ...(this.scope.text && { text: this.scope.text(ward) }) });
    }
    if (day < 0) {
      const which = day === INSTANT_BAD_FORMAT ? "badTime" : day === INSTANT_NO_OFFSET ? "noOffset" : "badRange";
      this.errors.add({ line, column: "scanned_at", value: this.timeText(r, i), reason: SCAN_MESSAGES[which], text: SCAN_TEXT[which] });
    } else if (venue >= 0) {
      // Only the registration day can be wrong here (the time parsed).
      this.checkRegistration(line, venue, day, r, i);
    }
    if (!deviceOk) {
      const value = r !== null ? (this.deviceCol >= 0 ? r.text(this.deviceCol) : "") : (this.pending?.devicesText.get(line) ?? "");
      this.errors.add({ line, column: "device_hash", value, reason: SCAN_MESSAGES.badDevice, text: SCAN_TEXT.badDevice(MAX_DEVICE_HASH) });
    }
  }

  /** The time field of a row: from the record, or kept for a pending row (index i). */
  private timeText(r: CsvRecord | null, i: number): string {
    if (r !== null) return r.text(this.timeCol);
    return this.pending?.times.text(i, this.decoder) ?? "";
  }

  private readonly decoder = new TextDecoder();

  /** False (and the error reported) when the scan is before its venue's registration day. */
  private checkRegistration(line: number, venue: number, day: number, r: CsvRecord | null, i: number): boolean {
    const registered = this.venues?.registeredDay[venue] ?? 0;
    if (day >= registered) return true;
    this.errors.add({
      line,
      column: "scanned_at",
      value: this.timeText(r, i),
      reason: SCAN_MESSAGES.beforeRegistration(isoDayOfEpochDay(day), isoDayOfEpochDay(registered)),
      text: SCAN_TEXT.beforeRegistration(isoDayOfEpochDay(day), isoDayOfEpochDay(registered)),
    });
    return false;
  }

  /**
   * Counts a scan whose code, time and device are fine, after the registration and day checks.
   * Called for every row: no allocation here (r is the record, or null with i the pending row).
   */
  private count(venue: number, day: number, line: number, r: CsvRecord | null, i: number): void {
    if (!this.checkRegistration(line, venue, day, r, i)) return;
    this.countChecked(venue, day, line, r, i);
  }

  /** count() once the registration day is known to be on or before `day`. */
  private countChecked(venue: number, day: number, line: number, r: CsvRecord | null, i: number): void {
    let counts = this.lastCounts;
    if (day !== this.lastDay) {
      const known = this.days.get(day);
      if (known === undefined) {
        if (this.days.size >= this.maxDays) {
          this.errors.add({
            line,
            column: "scanned_at",
            value: this.timeText(r, i),
            reason: SCAN_MESSAGES.tooManyDays(this.maxDays),
            text: SCAN_TEXT.tooManyDays(this.maxDays),
          });
          return;
        }
        counts = new Int32Array(this.venues?.ids.length ?? 0);
        this.days.set(day, counts);
      } else {
        counts = known;
      }
      this.lastDay = day;
      this.lastCounts = counts;
    }
    counts[venue] = (counts[venue] ?? 0) + 1;
    this.accepted += 1;
  }

  /**
   * Counts `n` rows checked elsewhere (ScanPieceChecker: each counted as row() would, with nothing
   * to report), in file order: venues[i] on days[i]. Returns false, counting nothing, when a day
   * of them would be one day too many (the rows are then read with row(), which reports it).
   */
  countPiece(venues: Int32Array, days: Int32Array, n: number): boolean {
    if (this.venues === null) return false;
    let fresh = 0;
    let seen = this.lastDay;
    for (let i = 0; i < n; i++) {
      const day = days[i] ?? 0;
      if (day === seen) continue;
      seen = day;
      if (!this.days.has(day)) {
        // Rare (a piece over midnight): count the piece's distinct new days exactly.
        const fresh1 = new Set<number>();
        for (let j = i; j < n; j++) {
          const d = days[j] ?? 0;
          if (!this.days.has(d)) fresh1.add(d);
        }
        fresh = fresh1.size;
        break;
      }
    }
    if (this.days.size + fresh > this.maxDays) return false;
    const size = this.venues.ids.length;
    let lastDay = this.lastDay;
    let counts = this.lastCounts;
    for (let i = 0; i < n; i++) {
      const day = days[i] ?? 0;
      if (day !== lastDay) {
        let known = this.days.get(day);
        if (known === undefined) {
          known = new Int32Array(size);
          this.days.set(day, known);
        }
        counts = known;
        lastDay = day;
      }
      const venue = venues[i] ?? 0;
      counts[venue] = (counts[venue] ?? 0) + 1;
    }
    this.lastDay = lastDay;
    this.lastCounts = counts;
    this.accepted += n;
    return true;
  }

  /** Gives the venue list to a reader created without it: the rows read so far are checked now. */
  resolve(venues: VenueLookup): void {
    if (this.venues !== null) return;
    this.venues = venues;
    const pending = this.pending;
    const interner = this.interner;
    this.interner = null;
    if (pending !== null && interner !== null) {
      const codeVenue = new Int32Array(interner.size);
      const codeText: string[] = [];
      for (let id = 0; id < interner.size; id++) {
        const bytes = interner.bytesOf(id);
        let venue = venues.index.find(bytes, 0, bytes.length);
        codeText.push(venue >= 0 ? "" : this.decoder.decode(bytes));
        if (venue < 0) venue = this.findTrimmed(codeText[id] ?? "");
        codeVenue[id] = venue;
      }
      const lines = pending.lines.data;
      const codes = pending.codes.data;
      const days = pending.days.data;
      const devices = pending.devices.data;
      for (let i = 0; i < pending.lines.length; i++) {
        const line = lines[i] ?? 0;
        const code = codes[i] ?? 0;
        const venue = codeVenue[code] ?? UNKNOWN;
        const day = days[i] ?? 0;
        const deviceOk = devices[i] === 1;
        if (venue >= 0 && day >= 0 && deviceOk && this.inScope(venue)) {
          this.count(venue, day, line, null, i);
          continue;
        }
        if (venue >= 0 && codeText[code] === "") codeText[code] = this.decoder.decode(interner.bytesOf(code));
        this.reject(line, venue, day, deviceOk, codeText[code] ?? "", null, i);
      }
    }
    this.pending = null;
    this.errors.release();
  }

  /** First and last day with scans (epoch days), or null for a log without a valid scan. */
  dayRange(): { from: number; to: number } | null {
    if (this.days.size === 0) return null;
    const days = [...this.days.keys()];
    return { from: Math.min(...days), to: Math.max(...days) };
  }

  /**
   * For each day with scans (epoch day), the wards (indexes in the unit tree, -1: unknown) of the
   * venues with a scan that day: what the default scope is made of.
   */
  wardDays(): Map<number, Set<number>> {
    const wardOf = this.venues?.ward;
    const out = new Map<number, Set<number>>();
    for (const [day, counts] of this.days) {
      const wards = new Set<number>();
      for (let i = 0; i < counts.length; i++) if ((counts[i] ?? 0) > 0) wards.add(wardOf?.[i] ?? -1);
      out.set(day, wards);
    }
    return out;
  }

  /** Scans per day (epoch day → scans), for the summary. */
  scansPerDay(): Map<number, number> {
    const out = new Map<number, number>();
    for (const [day, counts] of this.days) {
      let total = 0;
      for (let i = 0; i < counts.length; i++) total += counts[i] ?? 0;
      out.set(day, total);
    }
    return out;
  }

  /** Every (venue id, epoch day, scans) with scans > 0, day by day. */
  *aggregates(): Generator<readonly [number, number, number]> {
    const ids = this.venues?.ids ?? new Int32Array(0);
    for (const [day, counts] of [...this.days].sort((a, b) => a[0] - b[0])) {
      for (let i = 0; i < counts.length; i++) {
        const n = counts[i] ?? 0;
        if (n > 0) yield [ids[i] ?? 0, day, n];
      }
    }
  }

  /** How many (venue, day) counts aggregates() yields. */
  aggregateCount(): number {
    let n = 0;
    for (const counts of this.days.values()) for (let i = 0; i < counts.length; i++) if ((counts[i] ?? 0) > 0) n += 1;
    return n;
  }
}
