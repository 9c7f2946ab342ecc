import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME } from "@/lib/db/embedded-lock";
import { openDatabase } from "@/lib/db/open";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const child = path.resolve("tests/setup/open-embedded-child.ts");

type ChildResult = { ok: boolean; units?: number; name?: string; message?: string };
async function openInAnotherProcess(dir: string): Promise<ChildResult> {
  const { stdout } = await run(tsx, [child, dir], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ChildResult;
}

function listFiles(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.statSync(full).mtimeMs);
    }
  };
  walk(dir);
  return out;
}

describe("embedded database folder", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-embedded-"));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("refuses a second process while the first holds it, naming the folder and the holder, and writes nothing", async () => {
    const dir = tempDir();
    const db = await openDatabase({ dataDir: dir });
    try {
      await db.prisma.unit.create({ data: { code: "VN", level: "COUNTRY", name: "Việt Nam" } });
      const before = listFiles(path.join(dir, "pglite"));
      const result = await openInAnotherProcess(dir);
      expect(result.ok).toBe(false);
      expect(result.name).toBe("EmbeddedDatabaseLockedError");
      expect(result.message).toContain(dir);
      expect(result.message).toContain(`tiến trình ${process.pid}`);
      expect(listFiles(path.join(dir, "pglite"))).toEqual(before);
      expect(await db.prisma.unit.count()).toBe(1);
    } finally {
      await db.close();
    }
    // Once released, another process opens it and sees the data.
    const after = await openInAnotherProcess(dir);
    expect(after).toEqual({ ok: true, units: 1 });
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 2 ** 22 + 12345, hostname: os.hostname(), startedAt: "2021-08-17T00:00:00Z", command: "gone" }),
    );
    const db = await openDatabase({ dataDir: dir });
    expect(await db.prisma.unit.count()).toBe(0);
    await db.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it("does not overwrite a folder that is not a PostgreSQL data folder", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "pglite"));
    fs.writeFileSync(path.join(dir, "pglite", "notes.txt"), "quan trọng");
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/bị hỏng hoặc không phải dữ liệu của WardWatch/);
    expect(fs.readdirSync(path.join(dir, "pglite"))).toEqual(["notes.txt"]);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it("reports a corrupt data folder clearly and leaves it as it was", async () => {
    const dir = tempDir();
    const db = await openDatabase({ dataDir: dir });
    await db.close();
    const catalog = path.join(dir, "pglite", "global", "pg_control");
    fs.writeFileSync(catalog, Buffer.alloc(fs.statSync(catalog).size, 0xff));
    const before = listFiles(path.join(dir, "pglite"));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/Không mở được cơ sở dữ liệu nhúng/);
    expect(listFiles(path.join(dir, "pglite"))).toEqual(before);
  });
});
