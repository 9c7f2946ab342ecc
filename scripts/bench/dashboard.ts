// Benchmark of the dashboard pages on a city-scale dataset in real PostgreSQL.
//
//   npx tsx scripts/bench/dashboard.ts [--runs 60] [--warmup 10] [--keep] [--reuse] [--http]
//
// 1. (re)creates the database ww_bench_dashboard on BENCH_DATABASE_URL's server
//    (default postgres://postgres@127.0.0.1:5432/postgres), migrates it and loads the
//    deterministic dataset of city-dataset.ts, then the COMPUTED rollups (refreshRollups);
// 2. times the data functions of the district overview, the ward page and the city page
//    (median and p95), interleaved with the floor: the very same SQL statements, in the same
//    parallel rounds, sent through plain node-postgres: what PostgreSQL and the wire need;
// 3. with --http, also times real HTTP requests against `next start` (needs a build in
//    NEXT_DIST_DIR or .next);
// 4. prints a table, writes bench-results/dashboard.json, and drops the database (unless --keep).
//
// The data layer is 'server-only' (it must never reach a browser bundle): this script re-runs
// itself under Node's "react-server" condition, where that marker module is empty.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { BENCH_DAYS, BENCH_FIRST_DAY, BENCH_LAST_DAY, BENCH_VENUES, BENCH_WARDS, generateCityDataset } from "./city-dataset.ts";
import { ms, summarize, time, type Summary } from "./stats.ts";
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase } from "./bench-database.ts";

const BENCH_DB = "ww_bench_dashboard";
const HTTP_PORT = 3399;

type Options = { runs: number; warmup: number; keep: boolean; reuse: boolean; http: boolean };

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
    return n;
  };
  return { runs: value("--runs", 60), warmup: value("--warmup", 10), keep: argv.includes("--keep"), reuse: argv.includes("--reuse"), http: argv.includes("--http") };
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

type Sql = { text: string; values: unknown[] };

type PageBench = {
  name: string;
  /** the data function, through Prisma as the page calls it */
  page: () => Promise<unknown>;
  /** the same statements in the same parallel rounds, through plain pg */
  rounds: Sql[][];
};

async function runRounds(pool: pg.Pool, rounds: readonly Sql[][]): Promise<void> {
  for (const round of rounds) await Promise.all(round.map((q) => pool.query(q.text, q.values)));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = benchDatabaseUrl(adminUrl, BENCH_DB);

  // Loaded here, after the re-run under "react-server": these import the 'server-only' data layer.
  const { openDatabase } = await import("../../lib/db/open.ts");
  const { refreshRollups } = await import("../../lib/figures/rollups.ts");
  const { getSourcePriority } = await import("../../lib/figures/settings.ts");
  const { loadUnitFamily } = await import("../../lib/figures/dashboard-reads.ts");
  const sql = await import("../../lib/figures/dashboard-sql.ts");
  const { loadDistrictDashboard, districtFigureSlices } = await import("../../lib/figures/district-dashboard.ts");
  const { loadWardPage, wardFigureSlices } = await import("../../lib/figures/ward-page.ts");
  const { loadCityPage, cityFigureSlices } = await import("../../lib/figures/city-page.ts");
  const { trendWindow } = await import("../../lib/domain/trends.ts");
  const { unitDayRowsSql } = await import("../../lib/figures/figure-provenance.ts");
  const { denominatorRegisterSql } = await import("../../lib/figures/denominator-register.ts");

  if (!options.reuse) {
    await recreateBenchDatabase(adminUrl, BENCH_DB);
  }

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

    // Inputs of the floor, resolved once exactly as the loaders resolve them.
    const districtCode = "002";
    const wardRow = await pool.query<{ code: string }>(`SELECT code FROM unit WHERE parent_code = $1 ORDER BY code LIMIT 1`, [districtCode]);
    const wardCode = wardRow.rows[0]?.code;
    if (!wardCode) throw new Error("the bench database has no ward in district 002");
    const priority = await getSourcePriority(db.prisma);
    const day = BENCH_LAST_DAY;
    const window = trendWindow(day, BENCH_FIRST_DAY);
    const toSql = (s: { text: string; values: unknown[] }): Sql => ({ text: s.text, values: s.values });
    const districtExpr = sql.unitCodeExpr(districtCode);
    const wardExpr = sql.unitCodeExpr(wardCode);
    const districtFamily = await loadUnitFamily(db.prisma, districtExpr);
    const wardFamily = await loadUnitFamily(db.prisma, wardExpr);
    if (!districtFamily || !wardFamily) throw new Error("unit family not found");
    const familyCodes = (f: { byCode: ReadonlyMap<string, unknown> }) => [...f.byCode.keys()];

    const pages: PageBench[] = [
      {
        name: "Tổng quan quận (/)",
        page: () => loadDistrictDashboard(db.prisma, { districtCode, metric: "coverage", compare: [] }),
        rounds: [
          [sql.unitFamilySql(districtExpr), sql.sourcePrioritySql(), sql.dataRangeSql(districtExpr)].map(toSql),
          [
            sql.figureSlicesSql(priority, districtFigureSlices(districtFamily, day, window)),
            sql.targetsSql(familyCodes(districtFamily)),
            // the bench's last day is whole, so there is no later slice; provenance of the district and city
            unitDayRowsSql([districtCode, districtFamily.self.parentCode ?? ""], day),
          ].map(toSql),
        ],
      },
      {
        name: `Trang phường (/wards/${wardCode})`,
        page: () => loadWardPage(db.prisma, { wardCode }),
        rounds: [
          [sql.unitFamilySql(wardExpr), sql.sourcePrioritySql(), sql.dataRangeSql(sql.parentCodeExpr(wardExpr))].map(toSql),
          [
            sql.figureSlicesSql(priority, wardFigureSlices(wardFamily, window)),
            sql.targetsSql(familyCodes(wardFamily)),
            sql.venueActivitySql(wardCode, day),
            denominatorRegisterSql(wardCode, day, priority),
          ].map(toSql),
        ],
      },
      {
        name: "Xếp hạng thành phố (/city)",
        page: () => loadCityPage(db.prisma, { districtCode, metric: "coverage" }),
        rounds: [
          [sql.unitFamilySql(districtExpr), sql.sourcePrioritySql(), sql.dataRangeSql(sql.parentCodeExpr(districtExpr))].map(toSql),
          [
            sql.figureSlicesSql(priority, cityFigureSlices(districtFamily, day)),
            sql.targetsSql(familyCodes(districtFamily)),
            unitDayRowsSql([districtFamily.self.parentCode ?? ""], day),
          ].map(toSql),
        ],
      },
    ];

    // Sanity: each page answers with data before it is timed.
    for (const p of pages) {
      const r = (await p.page()) as { kind: string };
      if (r.kind !== "ok") throw new Error(`${p.name}: ${r.kind}`);
    }

    const rows: { name: string; page: Summary; floor: Summary; http?: Summary }[] = [];
    for (const p of pages) {
      for (let i = 0; i < options.warmup; i++) {
        await p.page();
        await runRounds(pool, p.rounds);
      }
      const pageSamples: number[] = [];
      const floorSamples: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        // Interleaved, so that both see the same machine state.
        pageSamples.push(await time(p.page));
        floorSamples.push(await time(() => runRounds(pool, p.rounds)));
      }
      rows.push({ name: p.name, page: summarize(pageSamples), floor: summarize(floorSamples) });
    }

    if (options.http) await measureHttp(url, options, rows, [`/?district=${districtCode}`, `/wards/${wardCode}`, `/city?district=${districtCode}`]);

    console.log("");
    console.log(`Kết quả (${options.runs} lần đo mỗi trang, ms; sàn = cùng các câu SQL qua node-postgres):`);
    console.log("| trang | trung vị | p95 | sàn trung vị | sàn p95 | trung vị / sàn |" + (options.http ? " HTTP trung vị | HTTP p95 |" : ""));
    console.log("|---|---:|---:|---:|---:|---:|" + (options.http ? "---:|---:|" : ""));
    for (const r of rows) {
      const ratio = (r.page.median / r.floor.median).toFixed(2).replace(".", ",");
      const http = options.http ? ` ${r.http ? ms(r.http.median) : "—"} | ${r.http ? ms(r.http.p95) : "—"} |` : "";
      console.log(`| ${r.name} | ${ms(r.page.median)} | ${ms(r.page.p95)} | ${ms(r.floor.median)} | ${ms(r.floor.p95)} | ${ratio}× |${http}`);
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
      await dropBenchDatabase(adminUrl, BENCH_DB);
    }
  }
}

/** Times full page responses from `next start` on the bench database. */
async function measureHttp(
  databaseUrl: string,
  options: Options,
  rows: { name: string; http?: Summary }[],
  paths: readonly string[],
): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    log(`--http: không có bản build trong ${distDir} (chạy \`NEXT_DIST_DIR=${distDir} npx next build\` trước): bỏ qua`);
    return;
  }
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(HTTP_PORT)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${HTTP_PORT}`;
    for (let i = 0; ; i++) {
      if (i > 120) throw new Error("next start did not answer within 60 s");
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const [i, p] of paths.entries()) {
      const get = async () => {
        const res = await fetch(base + p, { redirect: "manual" });
        await res.text();
        return res.status;
      };
      const status = await get();
      if (status !== 200) {
        log(`--http: ${p} trả về HTTP ${status} (cần đăng nhập?): bỏ qua`);
        continue;
      }
      for (let k = 0; k < options.warmup; k++) await get();
      const samples: number[] = [];
      for (let k = 0; k < options.runs; k++) samples.push(await time(get));
      const row = rows[i];
      if (row) row.http = summarize(samples);
    }
  } finally {
    server.kill("SIGTERM");
  }
}

// Re-run under the "react-server" condition (see the header), passing the arguments through.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", script, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(child.status ?? 1);
} else {
  main().catch((err: unknown) => {
    console.error(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
}
