import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableFingerprints, type Query, type TableFingerprint } from "@/lib/db/backup-tables";
import { libpqEnvironment } from "@/lib/db/backup-postgres";
import { openDatabase } from "@/lib/db/open";
import { createTestDatabase, type TestPgDatabase } from "../setup/pg-database";
import { createPostgresTestDatabase, prepareEmbeddedFolder } from "../setup/databases";

// Round trips through the real commands (`npm run db:backup` / `db:restore` are these scripts):
// the demo district is loaded, backed up, restored into a new empty database, and every table must
// come back with the same rows (count + md5 of its rows). Then the refusals: a target holding data
// without --force, and a backup of the other kind of database.

const tsx = path.resolve("node_modules/.bin/tsx");
const exec = promisify(execFile);
type Cli = { code: number; stdout: string; stderr: string };

async function cli(script: "backup" | "restore", args: string[], env: Record<string, string>): Promise<Cli> {
  try {
    const { stdout, stderr } = await exec(tsx, [path.resolve(`scripts/db/${script}.ts`), ...args], {
      env: { ...process.env, ...env },
      timeout: 180_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-backup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function withData(prints: TableFingerprint[]): string[] {
  return prints.filter((p) => p.rows > 0).map((p) => p.table);
}

async function embeddedFingerprints(dataDir: string): Promise<TableFingerprint[]> {
  const db = await openDatabase({ dataDir, migrate: false });
  try {
    const pglite = db.pglite;
    if (!pglite) throw new Error("not embedded");
    const query: Query = async (sql, params) => ({ rows: (await pglite.query<Record<string, unknown>>(sql, params)).rows });
    return await tableFingerprints(query);
  } finally {
    await db.close();
  }
}

describe("backup and restore [embedded PGlite]", () => {
  const source = path.join(tmp, "source");
  const target = path.join(tmp, "target");
  const file = path.join(tmp, "embedded.backup");
  let original: TableFingerprint[];

  beforeAll(async () => {
    await prepareEmbeddedFolder(source, { demo: true });
    original = await embeddedFingerprints(source);
  });

  it("backs up a stopped server's folder and restores it into an empty one with every row", async () => {
    const backup = await cli("backup", [file], { DATABASE_URL: "", WARDWATCH_DATA_DIR: source });
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 25).toString()).toBe("WARDWATCH-EMBEDDED-BACKUP");

    const restore = await cli("restore", [file], { DATABASE_URL: "", WARDWATCH_DATA_DIR: target });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const restored = await embeddedFingerprints(target);
    expect(withData(original)).toEqual(expect.arrayContaining(["unit", "daily_figure", "venue", "venue_day_scan", "app_user"]));
    expect(restored).toEqual(original);
  });

  it("refuses a target that holds data, naming its tables, and replaces it with --force", async () => {
    const refused = await cli("restore", [file], { DATABASE_URL: "", WARDWATCH_DATA_DIR: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("đang có dữ liệu");
    expect(refused.stderr).toContain("venue_day_scan");
    expect(refused.stderr).toContain("--force");

    // Change the target, so --force visibly brings back the backup's rows.
    const db = await openDatabase({ dataDir: target, migrate: false });
    await db.prisma.venueDayScan.deleteMany({});
    await db.close();
    expect(await embeddedFingerprints(target)).not.toEqual(original);

    const forced = await cli("restore", [file, "--force"], { DATABASE_URL: "", WARDWATCH_DATA_DIR: target });
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(await embeddedFingerprints(target)).toEqual(original);
    const setAside = fs.readdirSync(target).filter((n) => n.startsWith("pglite.before-restore-"));
    expect(setAside).toHaveLength(1);
  });

  it("refuses to restore into the folder of a process that holds it", async () => {
    const db = await openDatabase({ dataDir: target, migrate: false });
    try {
      const refused = await cli("restore", [file, "--force"], { DATABASE_URL: "", WARDWATCH_DATA_DIR: target });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("Dừng máy chủ WardWatch trước khi khôi phục");
    } finally {
      await db.close();
    }
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("backup and restore [PostgreSQL]", () => {
  const file = path.join(tmp, "postgres.backup");
  const embeddedFile = path.join(tmp, "for-mismatch.backup");
  let source: TestPgDatabase;
  let target: TestPgDatabase;
  let original: TableFingerprint[];

  async function pgFingerprints(url: string): Promise<TableFingerprint[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await tableFingerprints((sql, params) => client.query(sql, params));
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    source = await createPostgresTestDatabase("ww_backup_src", { demo: true });
    // Empty, not migrated: what a restore is made into.
    target = await createTestDatabase("ww_backup_dst");
    original = await pgFingerprints(source.url);
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it("backs up with pg_dump (custom format) and restores into an empty database with every row", async () => {
    const backup = await cli("backup", [file], { DATABASE_URL: source.url });
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("PGDMP");

    const restore = await cli("restore", [file], { DATABASE_URL: target.url });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(withData(original)).toEqual(expect.arrayContaining(["unit", "daily_figure", "venue", "venue_day_scan", "app_user"]));
    expect(await pgFingerprints(target.url)).toEqual(original);
  });

  it("refuses a target that holds data, naming its tables, and replaces it with --force", async () => {
    const refused = await cli("restore", [file], { DATABASE_URL: target.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("đang có dữ liệu");
    expect(refused.stderr).toContain("daily_figure");

    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query("DELETE FROM venue_day_scan");
    await client.end();
    expect(await pgFingerprints(target.url)).not.toEqual(original);

    const forced = await cli("restore", [file, "--force"], { DATABASE_URL: target.url });
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(await pgFingerprints(target.url)).toEqual(original);
  });

  it("refuses a backup of the other kind of database, both ways", async () => {
    const embeddedDir = path.join(tmp, "mismatch");
    const intoEmbedded = await cli("restore", [file], { DATABASE_URL: "", WARDWATCH_DATA_DIR: embeddedDir });
    expect(intoEmbedded.code).toBe(1);
    expect(intoEmbedded.stderr).toContain("là bản sao lưu PostgreSQL");
    expect(intoEmbedded.stderr).toContain("cơ sở dữ liệu đích là cơ sở dữ liệu nhúng");
    expect(fs.existsSync(path.join(embeddedDir, "pglite"))).toBe(false);

    // An embedded backup (of an empty embedded database) offered to PostgreSQL.
    await prepareEmbeddedFolder(embeddedDir);
    expect((await cli("backup", [embeddedFile], { DATABASE_URL: "", WARDWATCH_DATA_DIR: embeddedDir })).code).toBe(0);
    const before = await pgFingerprints(target.url);
    const intoPostgres = await cli("restore", [embeddedFile, "--force"], { DATABASE_URL: target.url });
    expect(intoPostgres.code).toBe(1);
    expect(intoPostgres.stderr).toContain("là bản sao lưu cơ sở dữ liệu nhúng (PGlite)");
    expect(await pgFingerprints(target.url)).toEqual(before);
  });

  it("refuses a file that is no backup at all", async () => {
    const junk = path.join(tmp, "junk.backup");
    fs.writeFileSync(junk, "id,name\n1,x\n");
    const refused = await cli("restore", [junk], { DATABASE_URL: target.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("không phải bản sao lưu của WardWatch");
  });
});

describe("PostgreSQL connection for pg_dump/pg_restore", () => {
  it("goes through libpq variables, decoded, with only libpq's own URL parameters", () => {
    const { env, database } = libpqEnvironment("postgres://ward%20admin:p%40ss%3Aw0rd@db.example:6543/ward%2Fwatch?sslmode=require&schema=public");
    expect(env).toEqual({
      PGHOST: "db.example",
      PGPORT: "6543",
      PGUSER: "ward admin",
      PGPASSWORD: "p@ss:w0rd",
      PGDATABASE: "ward/watch",
      PGSSLMODE: "require",
    });
    expect(database).toBe("ward/watch");
  });
});
