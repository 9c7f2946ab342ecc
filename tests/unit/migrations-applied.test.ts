import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localMigrations, migrationsUpToDate, type AppliedRow } from "@/lib/migrations/applied";

// The check that lets a process skip Prisma's schema engine (issue 15): only an exact match of
// finished migrations says "up to date"; anything else goes to the engine.

const local = new Map([
  ["20260101000000_init", "a".repeat(64)],
  ["20260102000000_more", "b".repeat(64)],
]);
const row = (name: string, checksum: string, finished = true, rolledBack = false): AppliedRow => ({
  migration_name: name,
  checksum,
  finished,
  rolled_back: rolledBack,
});
const applied = [row("20260101000000_init", "a".repeat(64)), row("20260102000000_more", "b".repeat(64))];

describe("migrationsUpToDate", () => {
  it("is true only when every local migration is recorded finished with its checksum", () => {
    expect(migrationsUpToDate(applied, local)).toBe(true);
  });

  it("is false when a migration is new, edited, failed, unknown to the folder or rolled back", () => {
    expect(migrationsUpToDate(applied.slice(0, 1), local)).toBe(false);
    expect(migrationsUpToDate([applied[0] as AppliedRow, row("20260102000000_more", "c".repeat(64))], local)).toBe(false);
    expect(migrationsUpToDate([...applied, row("20260103000000_failed", "d".repeat(64), false)], local)).toBe(false);
    expect(migrationsUpToDate([...applied, row("20260103000000_elsewhere", "d".repeat(64))], local)).toBe(false);
    expect(migrationsUpToDate([applied[0] as AppliedRow, row("20260102000000_more", "b".repeat(64), true, true)], local)).toBe(false);
    expect(migrationsUpToDate([], new Map())).toBe(false);
  });

  it("ignores a rolled-back attempt that was applied again afterwards", () => {
    expect(migrationsUpToDate([row("20260102000000_more", "b".repeat(64), false, true), ...applied], local)).toBe(true);
  });
});

describe("localMigrations", () => {
  // Each test gets a folder of its own: the suite runs its tests in a shuffled order.
  const dirs: string[] = [];
  const freshDir = () => {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), "ww-migrations-applied-"));
    dirs.push(made);
    return made;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("hashes each folder's migration.sql as _prisma_migrations.checksum does (sha256 hex)", () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, "20260101000000_init"));
    fs.writeFileSync(path.join(dir, "20260101000000_init", "migration.sql"), "SELECT 1;\n");
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    expect([...localMigrations(dir)]).toEqual([["20260101000000_init", sha("SELECT 1;\n")]]);
  });

  it("sends a folder without a readable migration.sql to the engine", () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, "20260101000000_init"));
    fs.writeFileSync(path.join(dir, "20260101000000_init", "migration.sql"), "SELECT 1;\n");
    fs.mkdirSync(path.join(dir, "20260102000000_empty"));
    expect(migrationsUpToDate([row("20260101000000_init", sha("SELECT 1;\n"))], localMigrations(dir))).toBe(false);
  });
});

function sha(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
