import fs from "node:fs";
import { once } from "node:events";

// Deterministic import files for tests and the benchmark: scan logs of any size (written in
// chunks, never held whole in memory), venue registers and install statistics. Same seed, same
// bytes, so the file hash and every count are reproducible.

/** Mulberry32: a small, fast, seeded PRNG (period 2^32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** "2021-08-14T08:05:09+07:00" for a Vietnam day and a second of that day (0–86399). */
export function vietnamInstant(day: string, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${day}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}+07:00`;
}

/** The same instant written in UTC ("…Z"), to mix both notations in a file. */
export function utcInstant(day: string, secondOfDay: number): string {
  const ms = Date.parse(`${day}T00:00:00+07:00`) + secondOfDay * 1000;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

export type ScanLogSpec = {
  /** venue codes scans are drawn from (skewed: low indexes are busier) */
  venueCodes: readonly string[];
  /** the Vietnam calendar day every scan falls on */
  day: string;
  rows: number;
  seed: number;
  /** write some instants in UTC (default true) */
  mixOffsets?: boolean;
  /** include the device_hash column (default true) */
  deviceHash?: boolean;
  /**
   * how many of the venues get scans (default all). On 14/8/2021 Hà Nội had 14.698 venues with
   * scans out of 206.385 with a QR code (Công văn 1178): a realistic day uses a small share.
   */
  activeVenues?: number;
};

/** The venue indexes that get scans: a deterministic sample of `active` of `total`. */
function activeSet(total: number, active: number, seed: number): Int32Array {
  if (active >= total) return Int32Array.from({ length: total }, (_, i) => i);
  const random = prng(seed ^ 0x5bd1e995);
  const picked = new Uint8Array(total);
  const out = new Int32Array(active);
  let n = 0;
  while (n < active) {
    const i = Math.floor(random() * total);
    if (picked[i] === 1) continue;
    picked[i] = 1;
    out[n++] = i;
  }
  return out.sort();
}

/** One scan-log line (without the line break); the venue index is returned too. */
function scanLine(spec: ScanLogSpec, random: () => number, active: Int32Array): { line: string; venue: number } {
  const r = random();
  const venue = active[Math.min(active.length - 1, Math.floor(r * r * active.length))] ?? 0;
  const second = Math.floor(random() * 86_400);
  const utc = (spec.mixOffsets ?? true) && random() < 0.25;
  const at = utc ? utcInstant(spec.day, second) : vietnamInstant(spec.day, second);
  const code = spec.venueCodes[venue] ?? "";
  const line = spec.deviceHash === false ? `${code},${at}` : `${code},${at},${Math.floor(random() * 0xffffffff).toString(16).padStart(8, "0")}`;
  return { line, venue };
}

function scanHeader(spec: ScanLogSpec): string {
  return spec.deviceHash === false ? "venue_code,scanned_at" : "venue_code,scanned_at,device_hash";
}

/** A whole scan log as a string (small files only) and the scans per venue code. */
export function scanLogText(spec: ScanLogSpec): { text: string; scansByVenue: Map<string, number> } {
  const random = prng(spec.seed);
  const active = activeSet(spec.venueCodes.length, spec.activeVenues ?? spec.venueCodes.length, spec.seed);
  const lines = [scanHeader(spec)];
  const scansByVenue = new Map<string, number>();
  for (let i = 0; i < spec.rows; i++) {
    const { line, venue } = scanLine(spec, random, active);
    lines.push(line);
    const code = spec.venueCodes[venue] ?? "";
    scansByVenue.set(code, (scansByVenue.get(code) ?? 0) + 1);
  }
  return { text: `${lines.join("\n")}\n`, scansByVenue };
}

/** Writes a scan log of any size to `file` in 1 MB pieces. */
export async function writeScanLog(file: string, spec: ScanLogSpec): Promise<{ bytes: number }> {
  const random = prng(spec.seed);
  const active = activeSet(spec.venueCodes.length, spec.activeVenues ?? spec.venueCodes.length, spec.seed);
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let buffer = `${scanHeader(spec)}\n`;
  for (let i = 0; i < spec.rows; i++) {
    buffer += `${scanLine(spec, random, active).line}\n`;
    if (buffer.length >= 1 << 20) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, "finish");
  return { bytes };
}

export type RegisterVenue = {
  code: string;
  name: string;
  address: string;
  category: string;
  wardCode: string;
  registeredOn: string;
  status: string;
};

const CATEGORIES = ["AGENCY", "BUSINESS", "BUSINESS", "BUSINESS", "MARKET", "SCHOOL", "HEALTH_FACILITY", "OTHER"];
const STREETS = ["Hàng Bạc", "Hàng Đào", "Lò Sũ", "Tràng Tiền", "Đinh Tiên Hoàng", "Hàng Gai", "Phùng Hưng", "Lý Thường Kiệt"];

/** `count` venues spread over `wardCodes`, registered between two days (deterministic). */
export function registerVenues(opts: {
  wardCodes: readonly string[];
  count: number;
  prefix: string;
  firstDay: string;
  lastDay: string;
  seed: number;
}): RegisterVenue[] {
  const random = prng(opts.seed);
  const first = Date.parse(`${opts.firstDay}T00:00:00Z`);
  const span = Math.round((Date.parse(`${opts.lastDay}T00:00:00Z`) - first) / 86_400_000);
  const venues: RegisterVenue[] = [];
  for (let i = 0; i < opts.count; i++) {
    const ward = opts.wardCodes[i % opts.wardCodes.length] ?? "";
    const street = STREETS[Math.floor(random() * STREETS.length)] ?? "Hàng Bạc";
    venues.push({
      code: `${opts.prefix}${pad(i + 1, 7)}`,
      name: `Cửa hàng số ${i + 1}, phố ${street}`,
      address: `${1 + Math.floor(random() * 120)} ${street}, Hà Nội`,
      category: CATEGORIES[Math.floor(random() * CATEGORIES.length)] ?? "OTHER",
      wardCode: ward,
      registeredOn: new Date(first + Math.floor(random() * (span + 1)) * 86_400_000).toISOString().slice(0, 10),
      status: random() < 0.95 ? "ACTIVE" : "SUSPENDED",
    });
  }
  return venues;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const REGISTER_HEADER = "venue_code,name,address,category,ward_code,registered_on,status";

export function registerLine(v: RegisterVenue): string {
  return [v.code, v.name, v.address, v.category, v.wardCode, v.registeredOn, v.status].map(csvField).join(",");
}

export function registerText(venues: readonly RegisterVenue[]): string {
  return `${[REGISTER_HEADER, ...venues.map(registerLine)].join("\n")}\n`;
}

export type InstallRow = { unitCode: string; day: string; smartphones: number; installs: number };

export const INSTALL_HEADER = "unit_code,day,smartphones,installs";

export function installText(rows: readonly InstallRow[]): string {
  return `${[INSTALL_HEADER, ...rows.map((r) => `${r.unitCode},${r.day},${r.smartphones},${r.installs}`)].join("\n")}\n`;
}

/**
 * `text` in Windows-1258 (the Vietnamese Windows code page: base letters precomposed, tones as
 * combining marks), for the letters the tests use; what Excel writes when a CSV is saved as
 * "CSV (Comma delimited)" on a Vietnamese Windows.
 */
export function windows1258(text: string): Uint8Array {
  const table: Record<string, readonly number[]> = {
    à: [0xe0],
    á: [0xe1],
    â: [0xe2],
    ă: [0xe3],
    đ: [0xf0],
    ê: [0xea],
    ô: [0xf4],
    ơ: [0xf5],
    ư: [0xfd],
    ợ: [0xf5, 0xf2],
    ạ: [0x61, 0xf2],
    ố: [0xf4, 0xec],
    ờ: [0xf5, 0xcc],
    è: [0x65, 0xcc],
  };
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else if (Object.hasOwn(table, ch)) out.push(...(table[ch] ?? []));
    else throw new Error(`windows1258: no byte for ${ch}`);
  }
  return Uint8Array.from(out);
}
