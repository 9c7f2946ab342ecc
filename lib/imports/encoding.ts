import { isUtf8 } from "node:buffer";
import { formatCount } from "../domain/format.ts";

// Import files must be UTF-8 (a UTF-8 BOM is accepted and dropped). Exports of the national
// systems, once opened and saved again in Excel, often come back as UTF-16 ("Unicode text") or in
// a legacy Vietnamese code page (Windows-1258, TCVN3/ABC, VNI): read as UTF-8 they would give a
// header that matches nothing, or names full of replacement characters. These checks name the
// cause instead, and say how to save the file again.

const SAVE_AS_UTF8 =
  'Mở tệp bằng Excel, chọn "Lưu thành" (Save As), chọn kiểu "CSV UTF-8 (Comma delimited) (*.csv)" rồi nạp lại tệp vừa lưu.';

export const ENCODING_MESSAGES = {
  utf16: (order: "LE" | "BE") =>
    `Tệp được lưu bằng bảng mã UTF-16 ${order} (Unicode), không phải UTF-8: hệ thống chỉ đọc tệp CSV UTF-8. ${SAVE_AS_UTF8} ` +
    "Không có số liệu nào được ghi.",
  notUtf8: (byteOffset: number) =>
    `Tệp không phải UTF-8: từ byte thứ ${formatCount(byteOffset + 1)} có ký tự không đọc được theo UTF-8. ` +
    `Có thể tệp được lưu bằng bảng mã cũ như Windows-1258, TCVN3 (ABC) hoặc VNI. ${SAVE_AS_UTF8} Không có số liệu nào được ghi.`,
} as const;

/** How many leading bytes the UTF-16 check looks at. */
const SNIFF_BYTES = 1024;

/**
 * UTF-16 by its BOM, or, without one, by its NUL bytes: text of ASCII letters in UTF-16 has a NUL
 * in every other byte (odd positions in little-endian, even in big-endian), which neither UTF-8 nor
 * any 8-bit code page has in a CSV file.
 */
export function detectUtf16(start: Uint8Array): "LE" | "BE" | null {
  if (start[0] === 0xff && start[1] === 0xfe) return "LE";
  if (start[0] === 0xfe && start[1] === 0xff) return "BE";
  const n = Math.min(start.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (start[i] === 0) evenNul += 1;
    if (start[i + 1] === 0) oddNul += 1;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "LE";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "BE";
  return null;
}

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation byte, 1 for ASCII). */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte < 0xc0) return 0;
  if (byte < 0xe0) return 2;
  if (byte < 0xf0) return 3;
  return 4;
}

/**
 * Checks a stream of bytes is UTF-8, chunk by chunk (node's isUtf8 is SIMD-fast): a sequence cut
 * by a chunk boundary is carried over to the next chunk. `push` returns the offset (from the start
 * of the stream) of the first byte that is not UTF-8, or -1.
 */
export class Utf8Checker {
  private carry: Uint8Array = new Uint8Array(0);
  private offset = 0;

  push(chunk: Uint8Array): number {
    const at = this.offset;
    this.offset += chunk.length;
    let start = 0;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0] ?? 0) - this.carry.length;
      if (need > chunk.length) {
        this.carry = concat(this.carry, chunk);
        return -1;
      }
      const sequence = concat(this.carry, chunk.subarray(0, need));
      if (need < 0 || !isUtf8(sequence)) return at - this.carry.length;
      this.carry = new Uint8Array(0);
      start = need;
    }
    let cut = chunk.length;
    // A sequence begun in the last three bytes and not finished there waits for the next chunk.
    for (let i = chunk.length - 1; i >= Math.max(start, chunk.length - 3); i--) {
      const len = sequenceLength(chunk[i] ?? 0);
      if (len === 0) continue;
      if (len > chunk.length - i) cut = i;
      break;
    }
    const body = chunk.subarray(start, cut);
    if (!isUtf8(body)) return at + start + Math.max(0, firstInvalid(body));
    if (cut < chunk.length) this.carry = chunk.slice(cut);
    return -1;
  }

  /** The end of the stream: -1 when it ended on a whole character, else where the cut one started. */
  end(): number {
    return this.carry.length === 0 ? -1 : this.offset - this.carry.length;
  }
}

/** Where `bytes` stops being UTF-8 (only called on a failure, so speed does not matter). */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes[i] ?? 0);
    if (len === 0 || i + len > bytes.length || !isUtf8(bytes.subarray(i, i + len))) return i;
    i += len;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
