// Benchmark of the alerts on a city-scale dataset in real PostgreSQL: computing every alert of
// every ward of the city (30 districts, 579 wards, 206.385 QR venues) for one day must take
// under 1 s.
//
//   npx tsx scripts/bench/alerts.ts [--runs 20] [--warmup 3] [--keep] [--reuse --database NAME]
//
// 1. (re)creates a database of the run's own (ww_bench_alerts_<pid>_<random>, or --database NAME) on BENCH_DATABASE_URL's server (default
//    postgres://postgres@127.0.0.1:5432/postgres), migrates it and loads the dashboard benchmark's
//    deterministic dataset (city-dataset.ts: 90 days, ~2,8 million venue-days with scans), the
//    COMPUTED rollups, and a few alert-worthy facts: wards without scans for 4 days, a ward whose
//    report disagrees with the import, a ward whose installs fall, wards with every venue dormant;
// 2. times computeAlerts (the function behind the alert centre) for the whole city and for one
//    district, on the last day (median and p95 over --runs runs after --warmup runs);
// 3. prints a table, writes bench-results/alerts.json, drops the database (unless --keep), and
//    exits with 1 when the city's median is 1 s or more.
//
// The data layer is 'server-only' (it must never reach a browser bundle): this script re-runs
// itself under Node's "react-server" condition, where that marker module is empty.

import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { BENCH_DAYS, BENCH_FIRST_DAY, BENCH_LAST_DAY, BENCH_VENUES, BENCH_WARDS, generateCityDataset } from "./city-dataset.ts";
import { ms, summarize, time, type Summary } from "./stats.ts";
import { benchDatabaseName, benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase } from "./bench-database.ts";
import { runUnderReactServer } from "./react-server.ts";

/** Named per run (two benches on one server never drop each other's); --database NAME to choose. */
const BENCH_DB = benchDatabaseName("alerts", process.argv.slice(2));
const LIMIT_MS = 1000;

type Options = { runs: number; warmup: number; keep: boolean; reuse: boolean };

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
    return n;
  };
  return { runs: value("--runs", 20), warmup: value("--warmup", 3), keep: argv.includes("--keep"), reuse: argv.includes("--reuse") };
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Facts the rules should find on the last day, written over the generated data. */
async function addAlertWorthyFacts(pool: pg.Pool): Promise<void> {
  const last = BENCH_LAST_DAY;
  // One ward in each of 10 districts with no scan on the last 4 days (the import says 0).
  await pool.query(
    `UPDATE daily_figure f SET active_venues = 0, scans = 0
     WHERE f.source = 'IMPORT' AND f.day BETWEEN $1::date - 3 AND $1::date
       AND f.unit_code IN (SELECT min(code) FROM unit WHERE level = 'WARD' GROUP BY parent_code ORDER BY 1 LIMIT 10)`,
    [last],
  );
  // Their venues had no scan those days either.
  await pool.query(
    `DELETE FROM venue_day_scan s USING venue v
     WHERE v.id = s.venue_id AND s.day BETWEEN $1::date - 3 AND $1::date
       AND v.ward_code IN (SELECT min(code) FROM unit WHERE level = 'WARD' GROUP BY parent_code ORDER BY 1 LIMIT 10)`,
    [last],
  );
  // Two wards whose every venue has been silent for 10 days.
  await pool.query(
    `DELETE FROM venue_day_scan s USING venue v
     WHERE v.id = s.venue_id AND s.day BETWEEN $1::date - 9 AND $1::date AND v.ward_code IN ('00100', '00200')`,
    [last],
  );
  // A ward that reports scans the import does not confirm; a ward whose installs fall.
  await pool.query(
    `UPDATE daily_figure SET scans = 5000, active_venues = 100 WHERE source = 'WARD_REPORT' AND day = $1::date AND unit_code = '00300'`,
    [last],
  );
  await pool.query(
    `UPDATE daily_figure SET installs = installs / 2 WHERE source = 'WARD_REPORT' AND day = $1::date AND unit_code = '00400'`,
    [last],
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = benchDatabaseUrl(adminUrl, BENCH_DB);

  // Loaded here, after the re-run under "react-server": these import the 'server-only' data layer.
  const { openDatabase } = await import("../../lib/db/open.ts");
  const { refreshRollups } = await import("../../lib/figures/rollups.ts");
  const { computeAlerts } = await import("../../lib/figures/alerts.ts");

  if (!options.reuse) {
    await recreateBenchDatabase(adminUrl, BENCH_DB);
  }

  const db = await openDatabase({ url, poolMax: 10 });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const results: Record<string, unknown> = {};
  try {
    if (!options.reuse) {
      log(`tạo dữ liệu: 30 quận, ${BENCH_WARDS} phường, ${BENCH_VENUES.toLocaleString("vi-VN")} địa điểm, ${BENCH_DAYS} ngày`);
      const started = performance.now();
      const counts = await generateCityDataset(pool, log);
      await addAlertWorthyFacts(pool);
      await refreshRollups(db.prisma, { from: BENCH_FIRST_DAY, to: BENCH_LAST_DAY });
      await pool.query("VACUUM ANALYZE");
      const loadSeconds = (performance.now() - started) / 1000;
      log(`dữ liệu sẵn sàng sau ${loadSeconds.toFixed(1)} s: ${counts.venueDays.toLocaleString("vi-VN")} ngày-địa điểm có lượt quét`);
      results.dataset = { ...counts, wards: BENCH_WARDS, venues: BENCH_VENUES, days: BENCH_DAYS, loadSeconds };
    }

    const day = BENCH_LAST_DAY;
    // A fixed "now" a week after the last day: every report deadline has passed, as for any past day.
    const now = new Date(`${day}T17:00:00Z`);
    now.setUTCDate(now.getUTCDate() + 7);
    const cases = [
      { name: `Toàn thành phố (${BENCH_WARDS} phường)`, districtCode: null },
      { name: "Một quận (002)", districtCode: "002" },
    ] as const;

    const rows: { name: string; summary: Summary; alerts: number; byRule: Record<string, number>; venuesJudged: boolean }[] = [];
    for (const c of cases) {
      const run = () => computeAlerts(db.prisma, { districtCode: c.districtCode, day, now });
      const sample = await run();
      if (sample.wards.length === 0) throw new Error(`${c.name}: no wards`);
      for (let i = 0; i < options.warmup; i++) await run();
      const samples: number[] = [];
      for (let i = 0; i < options.runs; i++) samples.push(await time(run));
      const byRule: Record<string, number> = {};
      for (const a of sample.alerts) byRule[`${a.ruleId}/${a.severity}`] = (byRule[`${a.ruleId}/${a.severity}`] ?? 0) + 1;
      rows.push({ name: c.name, summary: summarize(samples), alerts: sample.alerts.length, byRule, venuesJudged: sample.venuesJudged });
    }

    console.log("");
    console.log(`Kết quả: tính toàn bộ cảnh báo của ngày ${day} (${options.runs} lần đo, ms; giới hạn ${LIMIT_MS} ms cho toàn thành phố):`);
    console.log("| phạm vi | trung vị | p95 | nhỏ nhất | lớn nhất | số cảnh báo |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const r of rows) {
      console.log(`| ${r.name} | ${ms(r.summary.median)} | ${ms(r.summary.p95)} | ${ms(r.summary.min)} | ${ms(r.summary.max)} | ${r.alerts} |`);
    }
    for (const r of rows) log(`${r.name}: ${Object.entries(r.byRule).map(([k, n]) => `${k} ${n}`).join(", ")}`);
    const city = rows[0];
    const passed = city !== undefined && city.summary.median < LIMIT_MS;
    log(passed ? `ĐẠT: trung vị toàn thành phố dưới ${LIMIT_MS} ms` : `KHÔNG ĐẠT: trung vị toàn thành phố từ ${LIMIT_MS} ms trở lên`);

    results.day = day;
    results.cases = rows;
    results.options = options;
    results.passed = passed;
    results.postgres = (await pool.query<{ version: string }>("SELECT version()")).rows[0]?.version;
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "alerts.json"), JSON.stringify(results, null, 2));
    log("đã ghi bench-results/alerts.json");
    if (!passed) process.exitCode = 1;
  } finally {
    await pool.end();
    await db.close();
    if (!options.keep) {
      await dropBenchDatabase(adminUrl, BENCH_DB);
    }
  }
}

runUnderReactServer(import.meta.url, main);
