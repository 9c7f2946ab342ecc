import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { assertBackupKind, EMBEDDED_FORMAT_VERSION, embeddedHeaderLine, readBackupKind, writeAtomically } from "./backup-file.ts";
import { tablesWithData, TargetNotEmptyError, type Query, type TableRows } from "./backup-tables.ts";
import { acquireEmbeddedLock, EmbeddedDatabaseLockedError } from "./embedded-lock.ts";

// Backups of the embedded database (PGlite): a copy of its data folder, taken by PGlite itself
// (`dumpDataDir`), which holds PGlite's query lock while it copies, so no statement writes in the
// middle; with the WAL in the copy, a restore starts like PostgreSQL after a crash at that instant:
// every committed transaction is there, none half. Only the process that has the folder open can
// take it, so while the server runs the backup is taken by the server (app/api/admin/backup);
// when it is stopped, by the CLI opening the folder itself.

export const PGLITE_FOLDER = "pglite";

const queryOf =
  (pglite: PGlite): Query =>
  async (sql, params) => ({ rows: (await pglite.query<Record<string, unknown>>(sql, params)).rows });

/** The backup file's bytes: header line, then the gzip tarball. */
export async function dumpEmbedded(pglite: PGlite): Promise<Blob> {
  // A checkpoint first, so the copy needs little WAL replay when it is restored.
  await pglite.exec("CHECKPOINT");
  const { rows } = await pglite.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const tarball = await pglite.dumpDataDir("gzip");
  const header = embeddedHeaderLine({ format: EMBEDDED_FORMAT_VERSION, postgres: rows[0]?.v ?? "?", createdAt: new Date().toISOString() });
  return new Blob([header, tarball]);
}

async function writeBlob(blob: Blob, file: string): Promise<number> {
  return writeAtomically(file, async (tmp) => {
    const handle = await fs.promises.open(tmp, "wx", 0o600);
    try {
      // Streamed in chunks: the tarball of a large database is not copied into one more buffer.
      const reader = blob.stream().getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) await handle.write(chunk.value);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

function hasDatabase(folder: string): boolean {
  return fs.existsSync(path.join(folder, "PG_VERSION"));
}

export class EmbeddedBusyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "EmbeddedBusyError";
  }
}

function lockFor(dataDir: string, action: string) {
  try {
    return acquireEmbeddedLock(dataDir);
  } catch (err) {
    if (!(err instanceof EmbeddedDatabaseLockedError)) throw err;
    throw new EmbeddedBusyError(
      `Không ${action}: thư mục dữ liệu ${dataDir} đang được tiến trình ${err.owner.pid} (${err.owner.command}) dùng. ` +
        (action === "khôi phục"
          ? "Dừng máy chủ WardWatch trước khi khôi phục cơ sở dữ liệu nhúng."
          : "Nếu đó là máy chủ WardWatch, hãy tải bản sao lưu ở /api/admin/backup (đăng nhập quản trị viên), hoặc dừng nó rồi chạy lại."),
      { cause: err },
    );
  }
}

/** Backs up the embedded database directly (the server must not be running: the lock is taken). */
export async function backupEmbeddedDirect(dataDir: string, file: string): Promise<{ bytes: number }> {
  const lock = lockFor(dataDir, "sao lưu");
  try {
    const folder = path.join(dataDir, PGLITE_FOLDER);
    if (!hasDatabase(folder)) throw new Error(`Không có cơ sở dữ liệu nhúng trong ${folder}: không có gì để sao lưu.`);
    const pglite = await PGlite.create(folder);
    try {
      return { bytes: await writeBlob(await dumpEmbedded(pglite), file) };
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

/** Saves a backup the server sent (its body is the whole file), checking it is one before keeping it. */
export async function saveEmbeddedBackup(body: Blob, file: string): Promise<{ bytes: number }> {
  const bytes = await writeBlob(body, file);
  const info = readBackupKind(file);
  if (info.kind !== "embedded") {
    fs.rmSync(file, { force: true });
    throw new Error("Máy chủ trả về một tệp không phải bản sao lưu nhúng: đã bỏ tệp.");
  }
  return { bytes };
}

export type EmbeddedRestoreResult = { tables: TableRows[]; setAside?: string };

/**
 * Restores an embedded backup into <dataDir>/pglite. The server must be stopped (the lock says so).
 * A folder that holds data is refused unless force; then it is renamed aside, not deleted.
 */
export async function restoreEmbedded(
  dataDir: string,
  file: string,
  options: { force?: boolean; log?: (message: string) => void } = {},
): Promise<EmbeddedRestoreResult> {
  const log = options.log ?? (() => undefined);
  const info = readBackupKind(file);
  assertBackupKind(file, info, "embedded");
  if (info.kind !== "embedded") throw new Error("unreachable");
  const lock = lockFor(dataDir, "khôi phục");
  try {
    const folder = path.join(dataDir, PGLITE_FOLDER);
    let setAside: string | undefined;
    if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
      const occupied = hasDatabase(folder) ? await inspect(folder) : [{ table: "(thư mục không phải cơ sở dữ liệu)", rows: 0 }];
      if (occupied.length > 0 && !options.force) throw new TargetNotEmptyError(folder, occupied);
      if (occupied.length > 0) {
        setAside = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        fs.renameSync(folder, setAside);
        log(`--force: dữ liệu cũ được giữ lại ở ${setAside} (xoá thư mục này khi đã kiểm tra bản khôi phục).`);
      } else {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
    fs.mkdirSync(folder, { recursive: true });
    const tarball = await fs.openAsBlob(file).then((b) => b.slice(info.dataOffset));
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(folder, { loadDataDir: tarball });
    } catch (err) {
      // Put the previous folder back: a failed restore leaves things as they were.
      fs.rmSync(folder, { recursive: true, force: true });
      if (setAside) fs.renameSync(setAside, folder);
      throw new Error(
        `Không nạp được bản sao lưu (tạo bởi PostgreSQL ${info.header.postgres} lúc ${info.header.createdAt}): ` +
          `${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    try {
      return { tables: await tablesWithData(queryOf(pglite)), setAside };
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

async function inspect(folder: string): Promise<TableRows[]> {
  const pglite = await PGlite.create(folder);
  try {
    return await tablesWithData(queryOf(pglite));
  } finally {
    await pglite.close();
  }
}
