// Failures of the server (not of the file) that people can act on, told apart so that the message
// names the cause: the disk is full, a statement or lock waited too long, a CHECK constraint
// refused a figure. Each comes from PostgreSQL (SQLSTATE, through node-postgres or wrapped by
// Prisma's adapter), from PGlite (the same SQLSTATE inside, or the file system's errno), or from
// node's file system (ENOSPC). Everything an import writes is in one transaction (or TEMP tables),
// so each message can say that nothing changed.

export type ServerFailure = "disk-full" | "timeout" | "check-violation";

export const FAILURE_MESSAGES: { readonly [F in ServerFailure]: string } = {
  "disk-full":
    "Ổ đĩa của máy chủ đã đầy nên không nạp được tệp. Số liệu không thay đổi: không có gì được ghi. " +
    "Hãy báo quản trị hệ thống để giải phóng ổ đĩa, rồi nạp lại tệp.",
  timeout:
    "Cơ sở dữ liệu không trả lời kịp (quá thời gian chờ câu lệnh hoặc chờ khoá, có thể do một thao tác khác đang chạy). " +
    "Số liệu không thay đổi: không có gì được ghi. Hãy thử nạp lại sau ít phút; nếu lỗi lặp lại, báo quản trị hệ thống.",
  "check-violation":
    "Số liệu của tệp vi phạm một ràng buộc của cơ sở dữ liệu (ví dụ số lượt cài lớn hơn số điện thoại): không có số liệu nào được ghi.",
};

/** Every error in the chain (`cause`, Prisma's `meta` and adapter `cause`), nearest first. */
function chain(err: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const record = current as Record<string, unknown>;
    out.push(record);
    const meta = record.meta;
    if (typeof meta === "object" && meta !== null) out.push(meta as Record<string, unknown>);
    current = record.cause;
  }
  return out;
}

function codesOf(e: Record<string, unknown>): string[] {
  return [e.code, e.originalCode, e.errno, e.sqlState, e.kind].filter((v): v is string | number => typeof v === "string" || typeof v === "number").map(String);
}

function messageOf(e: Record<string, unknown>): string {
  return [e.message, e.originalMessage, e.detail].filter((v): v is string => typeof v === "string").join(" ");
}

/** Which server failure `err` is, or null for any other error. */
export function classifyServerFailure(err: unknown): ServerFailure | null {
  for (const e of chain(err)) {
    const codes = codesOf(e);
    const message = messageOf(e);
    // 53100 disk_full; ENOSPC from node's fs (errno -28) or PGlite's file system.
    if (codes.includes("53100") || codes.includes("ENOSPC") || /no space left on device|ENOSPC|disk[ _]full/i.test(message)) return "disk-full";
    // 57014 query_canceled by statement_timeout, 55P03 lock_not_available, 25P03 idle in transaction timeout,
    // Prisma's expired interactive transaction (P2028).
    if (codes.includes("55P03") || codes.includes("25P03") || /statement timeout|lock timeout|expired transaction|transaction already closed/i.test(message)) {
      return "timeout";
    }
    if (codes.includes("57014") && /timeout/i.test(message)) return "timeout";
    if (codes.includes("23514") || /violates check constraint/i.test(message)) return "check-violation";
  }
  return null;
}
