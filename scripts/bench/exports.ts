// Benchmark of the largest download: the per-venue, per-day CSV of a whole city over 90 days
// (579 wards, 206.385 venues, ≈ 18 million rows) on real PostgreSQL, through the very code the
// route runs (openExport in its read snapshot → csvStream → the held body), read as fast as possible by a consumer that only counts
// bytes. Reports peak RSS (sampled every 50 ms), rows/s and total time.
//
//   npx tsx scripts/bench/exports.ts [--reuse --database NAME] [--keep] [--days 90] [--max-rows N]
//
// 1. (re)creates a database of the run's own (ww_bench_exports_<pid>_<random>, or --database NAME) on BENCH_DATABASE_URL's server (default
//    postgres://postgres@127.0.0.1:5432/postgres), migrates it and loads city-dataset.ts
//    (--reuse skips this when a previous run kept the database with --keep);
// 2. streams the export, checks the row count against the export's own count;
// 3. prints the numbers, writes bench-results/exports.json and drops the database unless --keep.
//
// Like dashboard.ts, the script re-runs itself under Node's "react-server" condition, where the
// 'server-only' marker of the data layer is an empty module.

import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { BENCH_DAYS, BENCH_FIRST_DAY, BENCH_LAST_DAY, BENCH_VENUES, BENCH_WARDS, generateCityDataset } from "./city-dataset.ts";
import { benchDatabaseName, benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase } from "./bench-database.ts";
import { runUnderReactServer } from "./react-server.ts";

/** Named per run (two benches on one server never drop each other's); --database NAME to choose. */
const BENCH_DB = benchDatabaseName("exports", process.argv.slice(2));

function log(message: string): void {
  console.log(`[bench:exports] ${message}`);
}

function option(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const reuse = argv.includes("--reuse");
  const keep = argv.includes("--keep");
  const days = Math.min(option(argv, "--days", BENCH_DAYS), BENCH_DAYS);
  /** stop after this many rows (a quick look at memory and speed); default: the whole export */
  const maxRows = option(argv, "--max-rows", Number.MAX_SAFE_INTEGER);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = benchDatabaseUrl(adminUrl, BENCH_DB);

  // The export opens its database the way the server does (lib/db.ts, from DATABASE_URL).
  process.env.DATABASE_URL = url;
  const { getDatabase } = await import("../../lib/db.ts");
  const { refreshRollups } = await import("../../lib/figures/rollups.ts");
  const { openExport } = await import("../../lib/data/exports.ts");
  const { csvStream } = await import("../../lib/documents/csv.ts");
  const { heldBody } = await import("../../lib/documents/held-body.ts");
  const { addDays } = await import("../../lib/domain/days.ts");

  if (!reuse) {
    await recreateBenchDatabase(adminUrl, BENCH_DB);
  }
  const db = await getDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    if (!reuse) {
      log(`tạo dữ liệu: ${BENCH_WARDS} phường, ${BENCH_VENUES} địa điểm, ${BENCH_DAYS} ngày`);
      await generateCityDataset(pool, log);
      await refreshRollups(db.prisma, { from: BENCH_FIRST_DAY, to: BENCH_LAST_DAY });
      await pool.query("VACUUM ANALYZE");
    }
    const from = addDays(BENCH_LAST_DAY, -(days - 1));
    const user = { id: 0, username: "bench", displayName: "Benchmark", role: "ADMIN", unitCode: null, districtCode: null } as const;

    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const table = await openExport(user, { dataset: "venue-activity", filters: { from, to: BENCH_LAST_DAY } });
    const openedMs = performance.now() - started;
    log(`mở: ${table.rowCount} dòng dự kiến sau ${(openedMs / 1000).toFixed(1)} s`);
    let bytes = 0;
    let lines = 0;
    let lastReport = started;
    // As the route sends it: the body that holds the snapshot until the last byte (lib/http/downloads.ts).
    const reader = heldBody(csvStream(table), () => void table.close()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (lines > maxRows) {
        await reader.cancel();
        break;
      }
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
      const now = performance.now();
      if (now - lastReport > 15_000) {
        lastReport = now;
        log(`${lines - 1} dòng, ${(bytes / 1e6).toFixed(0)} MB, RSS đỉnh ${(peakRss / 1e6).toFixed(0)} MB, ${((lines / (now - started)) * 1000).toFixed(0)} dòng/s`);
      }
    }
    const totalMs = performance.now() - started;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const rows = lines - 1;
    if (maxRows === Number.MAX_SAFE_INTEGER && rows !== table.rowCount) throw new Error(`wrote ${rows} rows, expected ${table.rowCount}`);
    const result = {
      dataset: "venue-activity",
      complete: rows === table.rowCount,
      format: "csv",
      days,
      from,
      to: BENCH_LAST_DAY,
      rows,
      bytes,
      totalSeconds: Number((totalMs / 1000).toFixed(1)),
      rowsPerSecond: Math.round((rows / totalMs) * 1000),
      baseRssMB: Math.round(baseRss / 1e6),
      peakRssMB: Math.round(peakRss / 1e6),
    };
    log(JSON.stringify(result));
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "exports.json"), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await pool.end();
    await db.close();
    if (!keep) {
      await dropBenchDatabase(adminUrl, BENCH_DB);
    }
  }
}

runUnderReactServer(import.meta.url, main, "bench:exports");
