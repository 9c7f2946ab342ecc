import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { OverloadedError } from "@/lib/errors";
import { catalogText } from "@/i18n/catalog-text";
import { abortRunningImports } from "@/lib/imports/abort";
import { summaryIn } from "@/lib/imports/summary-text";
import { FAILURE_MESSAGES } from "@/lib/imports/failures";
import type { ImportProgress } from "@/lib/domain/imports/progress";
import { runImport, type ImportResult, type RunImportOptions } from "@/lib/imports/run";
import type { ImportDatabase } from "@/lib/imports/session";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { importRow, importTarget, importText, snapshot, tempReportDir } from "../setup/imports";
import { installText, REGISTER_HEADER, windows1258, type InstallRow } from "../factories/import-files";
import { HOAN_KIEM, seedUnits } from "../factories/units";

// Issue 14 on both databases: files in the wrong encoding are refused with the cause named, a full
// disk and a timeout say so, unused columns are counted not echoed, the announced size is held
// while streaming, imports queue, and the shutdown hook fails running imports cleanly. Every
// refusal is checked to have written nothing (a snapshot of every figure, venue and venue-day).

const DAY = "2021-08-20";

/** Bytes of a file, streamed from disk as the CLI reads them. */
async function* fileChunks(file: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4096 })) yield chunk as Buffer;
}

/** A source that yields `head`, then waits until `release()` before yielding `tail`. */
function pausedSource(head: string, tail: string): { source: AsyncGenerator<Uint8Array>; release: () => void } {
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  async function* source(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode(head);
    await gate;
    yield new TextEncoder().encode(tail);
  }
  return { source: source(), release };
}

describeOnBothDatabases("import limits and failures", (open) => {
  let db: TestDatabase;
  let target: ImportDatabase;
  let reportDir: string;
  let wards: string[];
  let fileDir: string;

  const installs = (smartphones: number): InstallRow[] => wards.map((unitCode, i) => ({ unitCode, day: DAY, smartphones: smartphones + i, installs: 100 + i }));
  const registerFile = (names: readonly string[]) =>
    `${[REGISTER_HEADER, ...names.map((name, i) => `E-${String(i + 1).padStart(4, "0")},${name},,MARKET,${wards[i % wards.length]},2021-07-20,ACTIVE`)].join("\n")}\n`;
  const importFile = (kind: "VENUE_REGISTER" | "INSTALL_STATS", file: string, options: RunImportOptions = {}) =>
    runImport(
      target,
      { kind, fileName: path.basename(file), source: fileChunks(file), bytesTotal: fs.statSync(file).size },
      { today: "2021-08-31", ...options, config: { reportDir, ...options.config } },
    );
  const write = (name: string, bytes: Uint8Array | string) => {
    const file = path.join(fileDir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const expectNothingWritten = async (result: ImportResult, before: Awaited<ReturnType<typeof snapshot>>) => {
    expect(result.status, result.message).toBe("FAILED");
    expect(await snapshot(db.prisma)).toEqual(before);
    const row = await importRow(db.prisma, result.id);
    expect(row.status).toBe("FAILED");
    expect(row.pid).toBeNull();
    expect(row.message).toContain(result.message);
  };

  beforeAll(async () => {
    db = await open();
    target = importTarget(db);
    reportDir = tempReportDir();
    fileDir = fs.mkdtempSync(path.join(reportDir, "files-"));
    await seedUnits(db.prisma);
    wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" }, orderBy: { code: "asc" } })).map((u) => u.code);
    // Figures already there, which every refused import must leave as they are.
    const first = await importText(target, "INSTALL_STATS", installText(installs(5000)), { reportDir });
    expect(first.status, first.message).toBe("SUCCEEDED");
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await db?.dispose();
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it("refuses a UTF-16 file (with its BOM, or big-endian without one) naming the encoding; nothing written", async () => {
    const text = registerFile(["Chợ Hàng Da", "Chợ Đồng Xuân"]);
    const before = await snapshot(db.prisma);
    const le = await importFile("VENUE_REGISTER", write("utf16le.csv", Buffer.from(`\uFEFF${text}`, "utf16le")));
    await expectNothingWritten(le, before);
    expect(le.message).toMatch(/UTF-16 LE.*không phải UTF-8.*CSV UTF-8/);
    const be = await importFile("VENUE_REGISTER", write("utf16be.csv", Buffer.from(text, "utf16le").swap16()));
    await expectNothingWritten(be, before);
    expect(be.message).toMatch(/UTF-16 BE/);
  });

  it("refuses a Windows-1258 file as not UTF-8, naming the byte and how to save it; the same file in UTF-8 with a BOM loads", async () => {
    const text = registerFile(["Chợ Hàng Da", "Chợ Đồng Xuân".replace("Đồng Xuân", "Hàng Bè")]);
    const before = await snapshot(db.prisma);
    const legacy = await importFile("VENUE_REGISTER", write("cp1258.csv", windows1258(text)));
    await expectNothingWritten(legacy, before);
    const firstBad = Buffer.byteLength(text.slice(0, text.indexOf("ợ")), "utf8") + 1;
    expect(legacy.message).toContain(`từ byte thứ ${firstBad} `);
    expect(legacy.message).toMatch(/không phải UTF-8.*Windows-1258.*TCVN3.*CSV UTF-8/);
    expect(legacy.errorCount).toBe(0);

    const utf8 = await importFile("VENUE_REGISTER", write("utf8-bom.csv", `\uFEFF${text}`));
    expect(utf8.status, utf8.message).toBe("SUCCEEDED");
    expect((await db.prisma.venue.findUniqueOrThrow({ where: { code: "E-0001" } })).name).toBe("Chợ Hàng Da");
  });

  it("says the server's disk is full when the database reports it (SQLSTATE 53100) while publishing; nothing written", async () => {
    // The narrowest real point: a trigger raising disk_full inside the publish transaction, through
    // the real driver (node-postgres, or PGlite through Prisma) and the real rollback.
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION ww_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    await db.prisma.$executeRawUnsafe(`CREATE TRIGGER ww_test_disk_full BEFORE INSERT OR UPDATE ON daily_figure FOR EACH ROW EXECUTE FUNCTION ww_test_disk_full()`);
    try {
      const before = await snapshot(db.prisma);
      const result = await importText(target, "INSTALL_STATS", installText(installs(6000)), { reportDir });
      await expectNothingWritten(result, before);
      expect(result.message).toBe(FAILURE_MESSAGES["disk-full"]);
      expect(result.message).toMatch(/Ổ đĩa của máy chủ đã đầy.*Số liệu không thay đổi.*báo quản trị hệ thống/);
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER ww_test_disk_full ON daily_figure`);
      await db.prisma.$executeRawUnsafe(`DROP FUNCTION ww_test_disk_full()`);
    }
  });

  it("says the server's disk is full when the file system refuses a write (ENOSPC), keeping the file's own problems as a detail", async () => {
    // The error report's file stream: its first write fails as a full disk makes it fail.
    vi.spyOn(fs, "createWriteStream").mockImplementation(
      () =>
        new Writable({
          write(_chunk, _encoding, callback) {
            callback(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" }));
          },
        }) as unknown as fs.WriteStream,
    );
    const before = await snapshot(db.prisma);
    const bad = installs(7000).map((r, i) => (i === 0 ? { ...r, installs: r.smartphones + 1 } : r));
    const result = await importText(target, "INSTALL_STATS", installText(bad), { reportDir });
    await expectNothingWritten(result, before);
    expect(result.message).toBe(FAILURE_MESSAGES["disk-full"]);
    expect(result.details[0]).toMatch(/1 trong \d+ dòng có lỗi/);
    expect(result.hasErrorReport).toBe(false);
    expect(fs.createWriteStream).toHaveBeenCalled();
  });

  it("says a statement or lock waited too long and that nothing changed", async () => {
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION ww_test_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'canceling statement due to lock timeout' USING ERRCODE = 'lock_not_available'; END $$`);
    await db.prisma.$executeRawUnsafe(`CREATE TRIGGER ww_test_lock BEFORE INSERT OR UPDATE ON daily_figure FOR EACH ROW EXECUTE FUNCTION ww_test_lock()`);
    const before = await snapshot(db.prisma);
    try {
      const result = await importText(target, "INSTALL_STATS", installText(installs(8000)), { reportDir });
      await expectNothingWritten(result, before);
      expect(result.message).toBe(FAILURE_MESSAGES.timeout);
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER ww_test_lock ON daily_figure`);
      await db.prisma.$executeRawUnsafe(`DROP FUNCTION ww_test_lock()`);
    }
    if (target.kind !== "postgres") return;
    // On PostgreSQL, a real one: another session holds a lock on daily_figure, and the import's
    // session (lock_timeout set on the database for new sessions) gives up waiting.
    const dbName = new URL(target.url).pathname.slice(1);
    const locker = new pg.Client({ connectionString: target.url });
    await locker.connect();
    await locker.query(`ALTER DATABASE "${dbName.replace(/"/g, '""')}" SET lock_timeout = '300ms'`);
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE daily_figure IN SHARE MODE");
      const result = await importText(target, "INSTALL_STATS", installText(installs(8100)), { reportDir });
      await locker.query("ROLLBACK");
      await expectNothingWritten(result, before);
      expect(result.message).toBe(FAILURE_MESSAGES.timeout);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.query(`ALTER DATABASE "${dbName.replace(/"/g, '""')}" RESET lock_timeout`);
      await locker.end();
    }
  });

  it("counts unused columns and names only the first 20: neither stored nor echoed in full", async () => {
    const extra = Array.from({ length: 30_000 }, (_, i) => `cot_${i + 1}`);
    const blanks = ",".repeat(extra.length);
    const rows = installs(9000).map((r) => `${r.unitCode},${r.day},${r.smartphones},${r.installs}${blanks}`);
    const text = `${["unit_code,day,smartphones,installs", ...extra].join(",")}\n${rows.join("\n")}\n`;
    const result = await importText(target, "INSTALL_STATS", text, { reportDir });
    expect(result.status, result.message).toBe("SUCCEEDED");
    const line = result.details.find((d) => d.includes("cột không dùng")) ?? "";
    expect(line).toContain("Bỏ qua 30.000 cột không dùng");
    expect(line).toContain("cot_20,");
    expect(line).not.toContain("cot_21");
    expect(JSON.stringify(result).length).toBeLessThan(5_000);
    expect((await importRow(db.prisma, result.id)).message?.length ?? 0).toBeLessThan(2_000);
  });

  it("stops reading as soon as a file passes the size it announced, or the size limit, not at its end", async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode("unit_code,day,smartphones,installs\n");
      for (;;) {
        const chunk = new TextEncoder().encode(`${wards[0]},${DAY},9000,100\n`.repeat(20));
        pulled += chunk.length;
        yield chunk;
      }
    }
    const before = await snapshot(db.prisma);
    const announced = await runImport(
      target,
      { kind: "INSTALL_STATS", fileName: "nho.csv", source: endless(), bytesTotal: 2_000 },
      { today: "2021-08-31", config: { reportDir } },
    );
    await expectNothingWritten(announced, before);
    expect(announced.message).toMatch(/dài hơn kích thước đã báo \(2\.000 byte\)/);
    expect(pulled).toBeLessThan(2_000 + 2 * 600);
    pulled = 0;
    const limit = await runImport(
      target,
      { kind: "INSTALL_STATS", fileName: "lon.csv", source: endless(), bytesTotal: null },
      { today: "2021-08-31", config: { reportDir, maxBytes: 50_000 } },
    );
    await expectNothingWritten(limit, before);
    expect(limit.message).toMatch(/lớn hơn giới hạn/);
    expect(summaryIn(limit.parts, "vi", catalogText("vi").text)).toBe([limit.message, ...limit.details].join(" "));
    expect(summaryIn(limit.parts, "en", catalogText("en").text)).toBe(
      "The file is larger than the limit of 48.8 KB for one import (WARDWATCH_IMPORT_MAX_BYTES). Split the file by day.",
    );
    expect(pulled).toBeLessThan(50_000 + 600);
  });

  it("runs one import at a time: the next waits with its place shown, one more is refused with 503", async () => {
    const config = { reportDir, concurrency: 1, queueBound: 1 };
    const first = pausedSource("unit_code,day,smartphones,installs\n", installText(installs(10_000)).split("\n").slice(1).join("\n"));
    const progress: ImportProgress[] = [];
    const a = runImport(target, { kind: "INSTALL_STATS", fileName: "a.csv", source: first.source, bytesTotal: null }, { today: "2021-08-31", config });
    const b = runImport(
      target,
      { kind: "INSTALL_STATS", fileName: "b.csv", source: importSource(installText(installs(10_100))), bytesTotal: null },
      { today: "2021-08-31", config, onProgress: (p) => progress.push(p), progressIntervalMs: 0 },
    );
    const refused = await runImport(
      target,
      { kind: "INSTALL_STATS", fileName: "c.csv", source: importSource(installText(installs(10_200))), bytesTotal: null },
      { today: "2021-08-31", config },
    ).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).status).toBe(503);
    expect(progress[0]).toMatchObject({ phase: "queued", queuePosition: 1, importId: null });
    first.release();
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.status, rb.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(rb.id).toBeGreaterThan(ra.id);
    expect(progress.some((p) => p.phase === "reading" && p.importId === rb.id)).toBe(true);
  });

  it("fails a running import cleanly when the server stops: while the file streams in, and while publishing", async () => {
    const reason = "máy chủ đang dừng để khởi động lại";
    const before = await snapshot(db.prisma);
    const stalled = pausedSource(installText(installs(11_000)).split("\n").slice(0, 3).join("\n"), "");
    let started: (id: number) => void = () => undefined;
    const startedId = new Promise<number>((resolve) => {
      started = resolve;
    });
    const reading = runImport(
      target,
      { kind: "INSTALL_STATS", fileName: "dang-doc.csv", source: stalled.source, bytesTotal: null },
      { today: "2021-08-31", config: { reportDir }, progressIntervalMs: 0, onProgress: (p) => p.importId !== null && started(p.importId) },
    );
    const id = await startedId;
    expect((await importRow(db.prisma, id)).status).toBe("RUNNING");
    const stopped = await abortRunningImports(reason);
    expect(stopped.aborted).toEqual([id]);
    const result = await reading;
    await expectNothingWritten(result, before);
    expect(result.message).toContain(reason);
    expect(result.message).toMatch(/không có số liệu nào được ghi/);
    expect(summaryIn(result.parts, "vi", catalogText("vi").text)).toBe([result.message, ...result.details].join(" "));
    expect(summaryIn(result.parts, "en", catalogText("en").text)).toBe(
      "The import was stopped part way (the server is stopping to restart): no figures were written. Load the file again once the server is running again.",
    );

    // While publishing: told to stop just before COMMIT (figures and rollups written in the transaction).
    let stopping: Promise<unknown> = Promise.resolve();
    const publishing = await importText(target, "INSTALL_STATS", installText(installs(12_000)), {
      reportDir,
      options: {
        hooks: {
          beforeCommit: async () => {
            stopping = abortRunningImports(reason);
          },
        },
      },
    });
    await stopping;
    await expectNothingWritten(publishing, before);
    expect(publishing.message).toContain(reason);
    // The database is still usable: the next import goes through.
    const after = await importText(target, "INSTALL_STATS", installText(installs(12_500)), { reportDir });
    expect(after.status, after.message).toBe("SUCCEEDED");
  });
});

async function* importSource(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}
