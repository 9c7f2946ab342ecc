// Progress of an import, as the admin page and the terminal bar show it: bytes and rows processed,
// rows per second and time left. Pure (no I/O), shared by server, browser and CLI.

export const IMPORT_PHASES = ["queued", "reading", "staging", "publishing", "rollups", "done"] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export const IMPORT_PHASE_LABELS: { readonly [P in ImportPhase]: string } = {
  queued: "Đang chờ lần nhập khác xong",
  reading: "Đang đọc và kiểm tra tệp",
  staging: "Đang đưa vào bảng tạm",
  publishing: "Đang ghi số liệu",
  rollups: "Đang tổng hợp số liệu quận, thành phố",
  done: "Xong",
};

export type ImportProgress = {
  phase: ImportPhase;
  bytesRead: number;
  /** the file's size when known (upload's Content-Length, size on disk) */
  bytesTotal: number | null;
  rows: number;
  rowsRejected: number;
  /** milliseconds since reading started */
  elapsedMs: number;
  importId: number | null;
  /** while queued: the place in this server's queue of imports (1 = next) */
  queuePosition?: number | null;
};

/** The phase in words: "Đang chờ: thứ 2 trong hàng đợi" while queued with a known place. */
export function phaseLabel(p: Pick<ImportProgress, "phase" | "queuePosition">): string {
  if (p.phase === "queued" && typeof p.queuePosition === "number") return `Đang chờ: thứ ${p.queuePosition} trong hàng đợi`;
  return IMPORT_PHASE_LABELS[p.phase];
}

export type ProgressView = {
  /** 0–100 (whole file read = 90 while publishing remains), null when the size is unknown */
  percent: number | null;
  rowsPerSecond: number | null;
  /** seconds left, null when unknown */
  secondsLeft: number | null;
};

/** Share of the bar given to reading; staging and publishing fill the rest. */
const READ_SHARE = 90;
const PHASE_FLOOR: { readonly [P in ImportPhase]: number } = { queued: 0, reading: 0, staging: 90, publishing: 93, rollups: 97, done: 100 };

export function progressView(p: ImportProgress): ProgressView {
  const seconds = p.elapsedMs / 1000;
  const rowsPerSecond = seconds >= 0.2 && p.rows > 0 ? Math.round(p.rows / seconds) : null;
  if (p.phase !== "reading") {
    return { percent: p.phase === "queued" ? 0 : PHASE_FLOOR[p.phase], rowsPerSecond, secondsLeft: p.phase === "done" ? 0 : null };
  }
  if (p.bytesTotal === null || p.bytesTotal <= 0) return { percent: null, rowsPerSecond, secondsLeft: null };
  const share = Math.min(1, p.bytesRead / p.bytesTotal);
  const bytesPerSecond = seconds >= 0.2 ? p.bytesRead / seconds : 0;
  const secondsLeft = bytesPerSecond > 0 ? Math.max(0, Math.ceil((p.bytesTotal - p.bytesRead) / bytesPerSecond)) : null;
  return { percent: Math.floor(share * READ_SHARE), rowsPerSecond, secondsLeft };
}

/** 1536 → "1,5 KB"; 87_500_919 → "83,4 MB" (binary units, one decimal, comma; a point in English). */
export function formatBytes(bytes: number, locale: "vi" | "en" = "vi"): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  const tenths = Math.round(value * 10);
  return `${Math.floor(tenths / 10)}${locale === "en" ? "." : ","}${tenths % 10} ${units[unit] ?? "B"}`;
}

/**
 * A duration as the catalogs word it (imports.progress.duration.<key>): 5 → seconds {s: 5};
 * 125 → minutesSeconds {m: 2, s: 5}; 3725 → hoursMinutes {h: 1, m: 2}.
 */
export function durationParts(seconds: number): { key: "seconds" | "minutes" | "minutesSeconds" | "hours" | "hoursMinutes"; values: { h: number; m: number; s: number } } {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  if (s < 60) return { key: "seconds", values: { h: 0, m: 0, s } };
  if (m < 60) return { key: s % 60 === 0 ? "minutes" : "minutesSeconds", values: { h: 0, m, s: s % 60 } };
  return { key: m % 60 === 0 ? "hours" : "hoursMinutes", values: { h, m: m % 60, s: 0 } };
}

/** 5 → "5 giây"; 125 → "2 phút 5 giây"; 3725 → "1 giờ 2 phút" (the command line's words). */
export function formatDuration(seconds: number): string {
  const { key, values: v } = durationParts(seconds);
  if (key === "seconds") return `${v.s} giây`;
  if (key === "minutes") return `${v.m} phút`;
  if (key === "minutesSeconds") return `${v.m} phút ${v.s} giây`;
  return key === "hours" ? `${v.h} giờ` : `${v.h} giờ ${v.m} phút`;
}

/** Milliseconds as "1,25 s" (for summaries). */
export function formatSeconds(ms: number, locale: "vi" | "en" = "vi"): string {
  const hundredths = Math.round(ms / 10);
  return `${Math.floor(hundredths / 100)}${locale === "en" ? "." : ","}${String(hundredths % 100).padStart(2, "0")} s`;
}

/** An instant as "14/08/2021 08:30" in Asia/Ho_Chi_Minh (UTC+7, no DST). */
export function formatInstantVi(ms: number): string {
  const d = new Date(ms + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
