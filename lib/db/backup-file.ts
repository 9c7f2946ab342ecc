import fs from "node:fs";
import path from "node:path";
import type { DatabaseKind } from "./open.ts";

// What a backup file is, told from its first bytes, so a restore never feeds one kind of backup to
// the other kind of database:
// - PostgreSQL: pg_dump's own custom format, untouched (it starts with "PGDMP"), so pg_restore and
//   `pg_restore --list` work on it directly;
// - embedded: one header line "WARDWATCH-EMBEDDED-BACKUP 1 {json}\n", then PGlite's gzip tarball
//   of its data folder (a physical copy: it restores only into PGlite of the same major version).

export const EMBEDDED_MAGIC = "WARDWATCH-EMBEDDED-BACKUP";
export const EMBEDDED_FORMAT_VERSION = 1;
const PG_DUMP_MAGIC = "PGDMP";
const HEADER_MAX_BYTES = 4096;

export type EmbeddedHeader = { format: number; /** PGlite's PostgreSQL version: the tarball restores into the same major only */ postgres: string; createdAt: string };

export const KIND_LABEL: Record<DatabaseKind, string> = {
  postgres: "PostgreSQL (pg_dump dạng custom)",
  embedded: "cơ sở dữ liệu nhúng (PGlite)",
};

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFileError";
  }
}

export function embeddedHeaderLine(header: EmbeddedHeader): string {
  return `${EMBEDDED_MAGIC} ${header.format} ${JSON.stringify(header)}\n`;
}

export type BackupFileInfo =
  | { kind: "postgres" }
  | { kind: "embedded"; header: EmbeddedHeader; /** where the tarball starts */ dataOffset: number };

function parseHeader(json: string): Partial<EmbeddedHeader> | null {
  try {
    return JSON.parse(json) as Partial<EmbeddedHeader>;
  } catch {
    return null;
  }
}

export function readBackupKind(file: string): BackupFileInfo {
  if (!fs.existsSync(file)) throw new BackupFileError(`Không tìm thấy tệp sao lưu ${file}.`);
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(HEADER_MAX_BYTES);
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, HEADER_MAX_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  const bytes = head.subarray(0, read);
  if (bytes.subarray(0, PG_DUMP_MAGIC.length).toString("latin1") === PG_DUMP_MAGIC) return { kind: "postgres" };
  if (bytes.subarray(0, EMBEDDED_MAGIC.length).toString("latin1") === EMBEDDED_MAGIC) {
    const end = bytes.indexOf(0x0a);
    const parts = end > 0 ? /^\S+ (\d+) (\{.*\})$/.exec(bytes.subarray(0, end).toString("utf8")) : null;
    const header = parts?.[2] ? parseHeader(parts[2]) : null;
    if (!header || header.format !== EMBEDDED_FORMAT_VERSION || typeof header.postgres !== "string") {
      throw new BackupFileError(`Tệp ${path.basename(file)} là bản sao lưu nhúng của một phiên bản WardWatch khác: không đọc được phần đầu tệp.`);
    }
    return {
      kind: "embedded",
      header: { format: header.format, postgres: header.postgres, createdAt: String(header.createdAt ?? "?") },
      dataOffset: end + 1,
    };
  }
  throw new BackupFileError(
    `Tệp ${path.basename(file)} không phải bản sao lưu của WardWatch (không phải pg_dump dạng custom, cũng không phải bản sao lưu nhúng).`,
  );
}

/** Refuses a backup made from the other kind of database, naming both. */
export function assertBackupKind(file: string, info: BackupFileInfo, target: DatabaseKind): void {
  if (info.kind === target) return;
  throw new BackupFileError(
    `Không khôi phục được: tệp ${path.basename(file)} là bản sao lưu ${KIND_LABEL[info.kind]}, ` +
      `còn cơ sở dữ liệu đích là ${KIND_LABEL[target]}. Hai loại không khôi phục chéo được: ` +
      (target === "postgres"
        ? "bỏ DATABASE_URL để khôi phục vào cơ sở dữ liệu nhúng, hoặc dùng một bản sao lưu PostgreSQL."
        : "đặt DATABASE_URL để khôi phục vào PostgreSQL, hoặc dùng một bản sao lưu nhúng."),
  );
}

/** Writes to FILE through a temporary neighbour renamed at the end: a failed backup never looks like a good one. */
export async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  try {
    await write(tmp);
    const size = fs.statSync(tmp).size;
    fs.renameSync(tmp, target);
    return size;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
