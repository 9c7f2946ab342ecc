import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { processAlive } from "../server/process-alive.ts";

// PGlite has no cross-process lock: a second process that opens the same folder silently
// replaces the data under the first. This advisory lock file makes the second opener stop
// with a clear message instead. A lock left by a dead process (kill -9) is taken over.

export const LOCK_FILE_NAME = "wardwatch.lock";

type LockOwner = { pid: number; hostname: string; startedAt: string; command: string };

export class EmbeddedDatabaseLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Thư mục dữ liệu ${folder} đang được tiến trình ${owner.pid} (${owner.command}, từ ${owner.startedAt}) sử dụng. ` +
        `Cơ sở dữ liệu nhúng chỉ cho phép một tiến trình mở: hãy dừng tiến trình đó trước, ` +
        `hoặc đặt WARDWATCH_DATA_DIR sang thư mục khác. Không có gì bị ghi.`,
    );
    this.name = "EmbeddedDatabaseLockedError";
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number") return null;
    return {
      pid: parsed.pid,
      hostname: String(parsed.hostname ?? "?"),
      startedAt: String(parsed.startedAt ?? "?"),
      command: String(parsed.command ?? "?"),
    };
  } catch {
    return null;
  }
}

export type EmbeddedLock = { release(): void };

/** Takes the folder's lock or throws EmbeddedDatabaseLockedError. Re-entrant within one process. */
export function acquireEmbeddedLock(folder: string): EmbeddedLock {
  fs.mkdirSync(folder, { recursive: true });
  const lockPath = path.join(folder, LOCK_FILE_NAME);
  const me: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1, 3).map((a) => path.basename(a)).join(" ") || "node",
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      return makeLock(lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = readOwner(lockPath);
    if (owner && owner.pid === process.pid) return makeLock(lockPath);
    if (owner && owner.hostname === me.hostname && processAlive(owner.pid)) {
      throw new EmbeddedDatabaseLockedError(folder, owner);
    }
    if (owner && owner.hostname !== me.hostname) {
      // Another machine on a shared folder: we cannot tell whether it still runs.
      throw new EmbeddedDatabaseLockedError(folder, owner);
    }
    // Stale (its process is gone) or unreadable: remove it and try again.
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Không lấy được khoá ${lockPath}`);
}

function makeLock(lockPath: string): EmbeddedLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    const owner = readOwner(lockPath);
    if (owner?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  };
  process.on("exit", release);
  return { release };
}
