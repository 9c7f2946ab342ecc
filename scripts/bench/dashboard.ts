// Benchmark of the dashboard pages on a city-scale dataset in real PostgreSQL.
//
//   npx tsx scripts/bench/dashboard.ts [--runs 60] [--warmup 10] [--keep] [--reuse --database NAME]
//
// 1. creates a database of the run's own (ww_bench_dashboard_<pid>_<random>; or uses a
//    database an earlier --keep left: --reuse --database NAME) on BENCH_DATABASE_URL's server
//    (default postgres://postgres@127.0.0.1:5432/postgres), migrates it and loads the
//    deterministic dataset of city-dataset.ts, then the COMPUTED rollups (refreshRollups);
// 2. times the data functions of the district overview, the ward page and the city page
//    (median and p95), interleaved with the floor: the very same SQL statements, in the same
//    parallel rounds, sent through plain node-postgres: what PostgreSQL and the wire need
//    (page-sql.ts). Whole requests, signed in, are the HTTP benchmark's (`npm run bench -- http`);
// 3. prints a table, writes bench-results/dashboard.json, and drops the database (unless --keep).
//
// The data layer is 'server-only' (it must never reach a browser bundle): this script re-runs
// itself under Node's "react-server" condition, where that marker module is empty.

import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { BENCH_DAYS, BENCH_FIRST_DAY, BENCH_LAST_DAY, BENCH_VENUES, BENCH_WARDS, generateCityDataset } from "./city-dataset.ts";
import { ms, summarize, time, type Summary } from "./stats.ts";
import { benchDatabaseName, benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase } from "./bench-database.ts";
import { dashboardPageSql, runRounds } from "./page-sql.ts";
import { runUnderReactServer } from "./react-server.ts";

type Options = { runs: number; warmup: number; keep: boolean; reuse: boolean; database: string };

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
    return n;
  };
  if (argv.includes("--http")) throw new Error("--http: whole requests are measured by `npm run bench -- http` (signed in, autocannon, floors)");
  const reuse = argv.includes("--reuse");
  return { runs: value("--runs", 60), warmup: value("--warmup", 10), keep: argv.includes("--keep") || reuse, reuse, database: benchDatabaseName("dashboard", argv) };
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

  const name = options.database;
  const url = benchDatabaseUrl(adminUrl, name);

  // Loaded here, after the re-run under "react-server": these import the 'server-only' data layer.
  const { openDatabase } = await import("../../lib/db/open.ts");
  const { refreshRollups } = await import("../../lib/figures/rollups.ts");

  if (!options.reuse) await recreateBenchDatabase(adminUrl, name);

  const db = await openDatabase({ url, poolMax: 10 });
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const results: Record<string, unknown> = {};
  try {
    if (!options.reuse) {
      log(`tạo dữ liệu: 30 quận, ${BENCH_WARDS} phường, ${BENCH_VENUES.toLocaleString("vi-VN")} địa điểm, ${BENCH_DAYS} ngày`);
      const started = performance.now();
      const counts = await generateCityDataset(pool, log);
      const rollupMs = await time(() => refreshRollups(db.prisma, { from: BENCH_FIRST_DAY, to: BENCH_LAST_DAY }));
      log(`rollups (COMPUTED rows of districts, city, country): ${(rollupMs / 1000).toFixed(1)} s`);
      await pool.query("VACUUM ANALYZE");
      const loadSeconds = (performance.now() - started) / 1000;
      log(`dữ liệu sẵn sàng sau ${loadSeconds.toFixed(1)} s: ${counts.venueDays.toLocaleString("vi-VN")} ngày-địa điểm có lượt quét`);
      results.dataset = { ...counts, wards: BENCH_WARDS, venues: BENCH_VENUES, days: BENCH_DAYS, loadSeconds, rollupSeconds: rollupMs / 1000 };
    }

    const districtCode = "002";
    const wardRow = await pool.query<{ code: string }>(`SELECT code FROM unit WHERE parent_code = $1 ORDER BY code LIMIT 1`, [districtCode]);
    const wardCode = wardRow.rows[0]?.code;
    if (!wardCode) throw new Error("the bench database has no ward in district 002");
    // The last day is whole, so there is no later slice.
    const day = BENCH_LAST_DAY;
    const sqlOf = await dashboardPageSql(db.prisma, { districtCode, wardCode, overviewDay: day, wardDay: day });
    const pages = [sqlOf.overview, sqlOf.ward, sqlOf.city];

    // Sanity: each page answers with data before it is timed.
    for (const p of pages) {
      const r = (await p.page()) as { kind: string };
      if (r.kind !== "ok") throw new Error(`${p.name}: ${r.kind}`);
    }

    const rows: { name: string; page: Summary; floor: Summary }[] = [];
    for (const p of pages) {
      const rounds = p.rounds ?? [];
      for (let i = 0; i < options.warmup; i++) {
        await p.page();
        await runRounds(pool, rounds);
      }
      const pageSamples: number[] = [];
      const floorSamples: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        // Interleaved, so that both see the same machine state.
        pageSamples.push(await time(p.page));
        floorSamples.push(await time(() => runRounds(pool, rounds)));
      }
      rows.push({ name: p.name, page: summarize(pageSamples), floor: summarize(floorSamples) });
    }

    console.log("");
    console.log(`Kết quả (${options.runs} lần đo mỗi trang, ms; sàn = cùng các câu SQL qua node-postgres):`);
    console.log("| trang | trung vị | p95 | sàn trung vị | sàn p95 | trung vị / sàn |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const r of rows) {
      const ratio = (r.page.median / r.floor.median).toFixed(2).replace(".", ",");
      console.log(`| ${r.name} | ${ms(r.page.median)} | ${ms(r.page.p95)} | ${ms(r.floor.median)} | ${ms(r.floor.p95)} | ${ratio}× |`);
    }
    results.pages = rows;
    results.options = options;
    results.postgres = (await pool.query<{ version: string }>("SELECT version()")).rows[0]?.version;
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "dashboard.json"), JSON.stringify(results, null, 2));
    log("đã ghi bench-results/dashboard.json");
  } finally {
    await pool.end();
    await db.close();
    if (!options.keep) {
      await dropBenchDatabase(adminUrl, name);
    } else {
      log(`giữ lại cơ sở dữ liệu ${name} (dùng lại: --reuse --database ${name})`);
    }
  }
}

runUnderReactServer(import.meta.url, main);
