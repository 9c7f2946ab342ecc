// National-scale benchmark (issue 18): the whole country on one machine.
//
//   npm run bench -- national [--scale 1] [--only dataset,pages,alerts,export,import,http]
//                             [--venue-days 7] [--runs 30] [--cost 0.5,2,5,20] [--duration 10]
//                             [--database NAME] [--fresh] [--drop]
//
// 1. the dataset (national-dataset.ts): the real unit tree (63 provinces, 705 districts, 10.603
//    communes), 1,5 million × scale venues, 90 days of ward-level figures, venue-day rows (Hà Nội
//    90 days, the country the last --venue-days days), the COMPUTED rollups. Generated once into a
//    database named after the scale (ww_bench_national_<scale>) and KEPT: a later run reuses it
//    (--fresh regenerates, --drop drops it at the end). --scale 0.02 is a quick version for dev/CI;
//    --database NAME picks another name (must contain "national");
// 2. pages: each page's data function through Prisma, interleaved with its SQL floor (the same
//    statements through plain node-postgres, page-sql.ts) on the last day: the province's ranking
//    of districts (/city, Hà Nội: 30 districts), a district (/ for Hoàn Kiếm), a ward (/wards/00037);
//    the country's ranking of provinces (/country, as an admin opens it) and a province's ranking of
//    districts (/provinces/01, Hà Nội); target ≤ 2× the floor;
// 3. alerts: computeAlerts for every ward of the country on the last day; target < 3 s; then, told
//    apart, on the latest day with ward figures when an earlier import phase wrote days after it;
// 4. export: the venue-activity CSV of Hà Nội (the route's code: openExport with province=01 →
//    csvStream → held body) over the 90 days, streamed to its end; target ≥ 100.000 rows/s;
// 5. import: scan-log day files of 0,5 / 2 / 5 / 20 million × scale rows (--cost, in millions;
//    generated once into .test-data/bench-national/ and kept), each `psql \copy` into an unindexed
//    table and `npm run import -- qr-scan-log FILE --json` (wall-clock both, the import's peak RSS);
//    targets at the largest: ≥ 1,0× psql, peak memory < 400 MB. The days follow the dataset
//    (30/8, 31/8, 1/9 – a new month: its partition is created by the import –, 2/9);
// 6. http (only when named in --only): the production build served on the dataset
//    (bench-app.ts with --reuse), each page driven with autocannon at c=10; target p95 < 200 ms.
// Every figure is printed with the load average beside it; results go to bench-results/national.json.
//
// The data layer is 'server-only': this script re-runs itself under Node's "react-server" condition.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import type { IsoDay } from "../../lib/domain/days.ts";
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase } from "./bench-database.ts";
import { runChild } from "./child.ts";
import { CAPITAL, generateNationalDataset, NATIONAL_DAYS, NATIONAL_FIRST_DAY, NATIONAL_LAST_DAY, NATIONAL_VENUES } from "./national-dataset.ts";
import { dashboardPageSql, rankingPageSql, runRounds } from "./page-sql.ts";
import { runUnderReactServer } from "./react-server.ts";
import { ms, summarize, time, type Summary } from "./stats.ts";

const PHASES = ["dataset", "pages", "alerts", "export", "import", "http"] as const;
type Phase = (typeof PHASES)[number];
const DEFAULT_PHASES: Phase[] = ["dataset", "pages", "alerts", "export", "import"];
const DATASET_MARKER = "bench.national";
const DISTRICT = "002";
const WARD = "00037";
const IMPORT_DAYS = ["2021-08-30", "2021-08-31", "2021-09-01", "2021-09-02", "2021-09-03", "2021-09-04"];

type Options = {
  scale: number;
  phases: Phase[];
  venueDays: number;
  runs: number;
  cost: number[];
  duration: number;
  database: string;
  fresh: boolean;
  drop: boolean;
};

function parseOptions(argv: readonly string[]): Options {
  const raw = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number, min: number): number => {
    const v = raw(name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name}: a number ≥ ${min}`);
    return n;
  };
  const scale = num("--scale", 1, 0.001);
  const phases = (raw("--only")?.split(",") ?? DEFAULT_PHASES) as Phase[];
  for (const p of phases) if (!PHASES.includes(p)) throw new Error(`--only: one of ${PHASES.join(", ")}`);
  const cost = (raw("--cost") ?? "0.5,2,5,20").split(",").map(Number);
  if (cost.some((c) => !(c > 0))) throw new Error("--cost: millions of rows, e.g. 0.5,2,5,20");
  if (cost.length > IMPORT_DAYS.length) throw new Error(`--cost: at most ${IMPORT_DAYS.length} sizes`);
  const database = raw("--database") ?? `ww_bench_national_${String(scale).replace(".", "_")}`;
  if (!/^[a-z0-9_]{1,60}$/.test(database) || !database.includes("national")) throw new Error("--database: lower-case letters, digits and _, containing 'national'");
  return {
    scale,
    phases,
    venueDays: Math.min(NATIONAL_DAYS, Math.round(num("--venue-days", 7, 1))),
    runs: Math.round(num("--runs", 30, 1)),
    cost: [...cost].sort((a, b) => a - b),
    duration: Math.round(num("--duration", 10, 1)),
    database,
    fresh: argv.includes("--fresh"),
    drop: argv.includes("--drop"),
  };
}

function log(message: string): void {
  console.log(`[bench:national] ${message}`);
}

const load = (): string => os.loadavg().map((l) => l.toFixed(2).replace(".", ",")).join(" / ");
const count = (n: number): string => Math.round(n).toLocaleString("vi-VN");
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ratio = (x: number): string => `${x.toFixed(2).replace(".", ",")}×`;
const verdict = (ok: boolean): string => (ok ? "ĐẠT" : "CHƯA ĐẠT");

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

const run = runChild;

/** The HTTP phase's port: BENCH_PORT when set (a machine shared by several sessions gives each its range), else a free one. */
function httpPort(): number | null {
  const port = Number(process.env.BENCH_PORT ?? "");
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}

const ChildResultSchema = z.object({
  status: z.string(),
  rows: z.number(),
  durationMs: z.number(),
  maxRssBytes: z.number(),
  message: z.string(),
  timings: z.record(z.string(), z.number()),
  /** worker threads that read the file (ADR 035; absent from older builds) */
  threads: z.number().optional(),
});

type Results = Record<string, unknown> & { load: Record<string, string> };

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = benchDatabaseUrl(adminUrl, options.database);
  process.env.DATABASE_URL = url;
  const venues = Math.round(NATIONAL_VENUES * options.scale);
  const results: Results = { options, at: new Date().toISOString(), cpus: os.cpus().length, load: {} };
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    console.log(line);
  };

  // Loaded after the re-run under "react-server": these import the 'server-only' data layer.
  const { openDatabase } = await import("../../lib/db/open.ts");
  const { loadReferenceUnits } = await import("../../lib/figures/reference-units.ts");
  const { refreshRollupsInTransaction } = await import("../../lib/figures/rollups.ts");
  const { getSourcePriority } = await import("../../lib/figures/settings.ts");

  const exists = await databaseExists(adminUrl, options.database);
  if (!exists || options.fresh) await recreateBenchDatabase(adminUrl, options.database);
  const db = await openDatabase({ url, poolMax: 10, deadlines: { longQueryTimeoutMs: 3_600_000 } });
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    // ------------------------------------------------------------------ dataset
    const marker = await db.prisma.setting.findUnique({ where: { key: DATASET_MARKER } });
    if (marker) {
      log(`dùng lại dữ liệu trong ${options.database}: ${JSON.stringify(marker.value)}`);
      results.dataset = marker.value;
    } else {
      if (!options.phases.includes("dataset") && exists) throw new Error(`${options.database} has no finished dataset: run with --fresh`);
      log(`tạo dữ liệu toàn quốc (tỉ lệ ${options.scale}) trong ${options.database}; load ${load()}`);
      const started = performance.now();
      const units = await loadReferenceUnits(db.prisma);
      log(`cây đơn vị: ${count(units.units)} đơn vị (${(units.ms / 1000).toFixed(1)} s)`);
      const counts = await generateNationalDataset(pool, log, { venues, venueDays: options.venueDays });
      // In one transaction of its own with a long deadline: refreshRollups' batch runs under Prisma's
      // 5 s transaction timeout, which the country's 90 days exceed on this machine.
      const priority = await getSourcePriority(db.prisma);
      const rollupMs = await time(() =>
        db.longWork.$transaction((tx) => refreshRollupsInTransaction(tx, priority, { from: NATIONAL_FIRST_DAY, to: NATIONAL_LAST_DAY }), { timeout: 60 * 60_000, maxWait: 60_000 }),
      );
      log(`rollups (quận, tỉnh, cả nước; ${NATIONAL_DAYS} ngày): ${(rollupMs / 1000).toFixed(1)} s`);
      await pool.query("VACUUM ANALYZE");
      const sizes = await pool.query<{ rel: string; bytes: string }>(
        `SELECT t AS rel, pg_total_relation_size(t::regclass)::text AS bytes FROM unnest(ARRAY['venue', 'venue_day_scan', 'daily_figure']) t`,
      );
      const partitionBytes = await pool.query<{ bytes: string }>(
        `SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0)::text AS bytes FROM pg_inherits WHERE inhparent = 'venue_day_scan'::regclass`,
      );
      const bytes = Object.fromEntries(sizes.rows.map((r) => [r.rel, Number(r.rel === "venue_day_scan" ? partitionBytes.rows[0]?.bytes : r.bytes)]));
      const value = { ...counts, scale: options.scale, bytes, loadSeconds: (performance.now() - started) / 1000, rollupSeconds: rollupMs / 1000, load: load() };
      await db.prisma.setting.create({ data: { key: DATASET_MARKER, value } });
      results.dataset = value;
      log(`dữ liệu sẵn sàng: ${JSON.stringify(value)}`);
    }
    const dataset = results.dataset as { venues: number; venueDays: number; wardFigures: number; wards: number; bytes: Record<string, number> };
    out("");
    out(
      `Dữ liệu: ${count(dataset.wards)} phường/xã, ${count(dataset.venues)} địa điểm, ${count(dataset.wardFigures)} số liệu phường-ngày, ` +
        `${count(dataset.venueDays)} ngày-địa điểm (${Object.entries(dataset.bytes ?? {}).map(([k, v]) => `${k} ${mb(v)}`).join(", ")})`,
    );

    // ------------------------------------------------------------------ pages
    if (options.phases.includes("pages")) {
      const sqlOf = await dashboardPageSql(db.prisma, { districtCode: DISTRICT, wardCode: WARD, overviewDay: NATIONAL_LAST_DAY, wardDay: NATIONAL_LAST_DAY });
      const rankingOf = await rankingPageSql(db.prisma, { provinceCode: CAPITAL, day: NATIONAL_LAST_DAY });
      const pages = [
        { ...rankingOf.country, name: "Xếp hạng tỉnh/thành của cả nước (/country)" },
        { ...rankingOf.province, name: `Xếp hạng quận của một tỉnh (/provinces/${CAPITAL}, Hà Nội)` },
        { ...sqlOf.city, name: "Xếp hạng quận của tỉnh/thành (/city, Hà Nội)" },
        { ...sqlOf.overview, name: "Một quận (/, Hoàn Kiếm)" },
        { ...sqlOf.ward, name: `Một phường (/wards/${WARD})` },
      ];
      const rows: { name: string; page: Summary; floor: Summary; load: string }[] = [];
      for (const p of pages) {
        const r = (await p.page()) as { kind: string };
        if (r.kind !== "ok") throw new Error(`${p.name}: ${r.kind}`);
        const rounds = p.rounds ?? [];
        for (let i = 0; i < Math.max(3, Math.round(options.runs / 6)); i++) {
          await p.page();
          await runRounds(pool, rounds);
        }
        const pageSamples: number[] = [];
        const floorSamples: number[] = [];
        for (let i = 0; i < options.runs; i++) {
          pageSamples.push(await time(p.page));
          floorSamples.push(await time(() => runRounds(pool, rounds)));
        }
        rows.push({ name: p.name, page: summarize(pageSamples), floor: summarize(floorSamples), load: load() });
      }
      out("");
      out(`Trang (hàm dữ liệu qua Prisma so với sàn SQL qua node-postgres, ${options.runs} lần đo, ms; ngày ${NATIONAL_LAST_DAY}; mục tiêu ≤ 2×):`);
      out("| trang | trung vị | p95 | sàn trung vị | sàn p95 | trung vị / sàn | load 1/5/15 |");
      out("|---|---:|---:|---:|---:|---:|---|");
      for (const r of rows) {
        const x = r.page.median / r.floor.median;
        out(`| ${r.name} | ${ms(r.page.median)} | ${ms(r.page.p95)} | ${ms(r.floor.median)} | ${ms(r.floor.p95)} | ${ratio(x)} ${verdict(x <= 2)} | ${r.load} |`);
      }
      results.pages = rows;
    }

    // ------------------------------------------------------------------ alerts
    if (options.phases.includes("alerts")) {
      const { computeAlerts, judgeAlertData, readAlertData } = await import("../../lib/figures/alerts.ts");
      const now = new Date(`${NATIONAL_LAST_DAY}T17:00:00Z`);
      now.setUTCDate(now.getUTCDate() + 7);
      // On the long-work client: the country's alerts outlast a page query's deadline (the gate runs
      // city-wide alerts in a heavy-work slot for the same reason).
      const params = { districtCode: null, day: NATIONAL_LAST_DAY, now };
      const sample = await computeAlerts(db.longWork, params);
      // computeAlerts is the two halves one after the other: timed apart (ADR 028), the whole is their sum.
      const samples: number[] = [];
      const reads: number[] = [];
      const judging: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const read = await readAlertData(db.longWork, params);
        const readMs = performance.now() - started;
        const judgedAt = performance.now();
        const computed = judgeAlertData(read, params);
        const judgeMs = performance.now() - judgedAt;
        if (computed.alerts.length !== sample.alerts.length) throw new Error("alerts: a run gave another number of alerts");
        reads.push(readMs);
        judging.push(judgeMs);
        samples.push(readMs + judgeMs);
      }
      const s = summarize(samples);
      const r = summarize(reads);
      const j = summarize(judging);
      results.alerts = { summary: s, read: r, judge: j, wards: sample.wards.length, alerts: sample.alerts.length, venuesJudged: sample.venuesJudged, load: load() };
      out("");
      out(
        `Cảnh báo cả nước ngày ${NATIONAL_LAST_DAY} (${count(sample.wards.length)} phường/xã, ${count(sample.alerts.length)} cảnh báo): ` +
          `trung vị ${ms(s.median)} ms, lớn nhất ${ms(s.max)} ms (3 lần; đọc ${ms(r.median)} ms, xét ${ms(j.median)} ms); ` +
          `mục tiêu < 3 s: ${verdict(s.median < 3000)}; load ${load()}`,
      );

      // A day nobody tuned for: the latest day with any ward figure, when an earlier run's import
      // phase wrote days after the dataset's (scan-log figures for every ward, no ward report yet:
      // every ward "chưa báo cáo", QR figures unlike the generated history). Told, not judged
      // against the target: the dataset's own day is the benchmark's (ADR 037).
      const latest = await pool
        .query<{ latest: string | null }>(`SELECT to_char(max(day), 'YYYY-MM-DD') AS latest FROM daily_figure WHERE source <> 'COMPUTED'`)
        .then((r) => r.rows[0]?.latest ?? null);
      if (latest !== null && latest > NATIONAL_LAST_DAY) {
        const laterNow = new Date(`${latest}T17:00:00Z`);
        laterNow.setUTCDate(laterNow.getUTCDate() + 7);
        const laterParams = { districtCode: null, day: latest as IsoDay, now: laterNow };
        const laterRuns: number[] = [];
        let laterAlerts = 0;
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          laterAlerts = (await computeAlerts(db.longWork, laterParams)).alerts.length;
          laterRuns.push(performance.now() - started);
        }
        const later = summarize(laterRuns);
        results.alertsLatestDay = { day: latest, summary: later, alerts: laterAlerts, load: load() };
        out(
          `Cảnh báo cả nước ngày ${latest} (ngày mới nhất có số liệu, sau các lần nhập của pha import; ${count(laterAlerts)} cảnh báo): ` +
            `trung vị ${ms(later.median)} ms, lớn nhất ${ms(later.max)} ms (3 lần); load ${load()}`,
        );
      }
    }

    // ------------------------------------------------------------------ export
    if (options.phases.includes("export")) {
      const { openExport } = await import("../../lib/data/exports.ts");
      const { csvStream } = await import("../../lib/documents/csv.ts");
      const { heldBody } = await import("../../lib/documents/held-body.ts");
      const [{ n: capitalRows = 0 } = {}] = (
        await pool.query<{ n: number }>(
          `SELECT coalesce(sum($2::date - greatest(v.registered_on, $1::date) + 1), 0)::bigint::float8 AS n
           FROM venue v JOIN unit w ON w.code = v.ward_code JOIN unit d ON d.code = w.parent_code
           WHERE d.parent_code = $3 AND v.registered_on <= $2::date`,
          [NATIONAL_FIRST_DAY, NATIONAL_LAST_DAY, CAPITAL],
        )
      ).rows;
      const user = { id: 0, username: "bench", displayName: "Benchmark", role: "ADMIN", unitCode: null, districtCode: null } as const;
      const baseRss = process.memoryUsage().rss;
      let peakRss = baseRss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const started = performance.now();
      const table = await openExport(user, { dataset: "venue-activity", filters: { province: CAPITAL, from: NATIONAL_FIRST_DAY, to: NATIONAL_LAST_DAY } });
      const reader = heldBody(csvStream(table), () => void table.close()).getReader();
      let lines = 0;
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        for (const b of value) if (b === 10) lines++;
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const rows = lines - 1;
      const rate = rows / seconds;
      if (rows !== table.rowCount || rows !== capitalRows) throw new Error(`export of province ${CAPITAL}: ${rows} rows, announced ${table.rowCount}, expected ${capitalRows}`);
      results.export = { rows, capitalRows, exportRowCount: table.rowCount, bytes, seconds, rowsPerSecond: Math.round(rate), peakRssMB: Math.round(peakRss / 1e6), load: load() };
      out("");
      out(
        `Xuất CSV theo địa điểm-ngày, ${NATIONAL_DAYS} ngày, Hà Nội (province=${CAPITAL}: ${count(rows)} dòng, ${mb(bytes)}): ` +
          `${seconds.toFixed(1).replace(".", ",")} s = ${count(rate)} dòng/s, RSS đỉnh ${mb(peakRss)}; mục tiêu ≥ 100.000 dòng/s: ${verdict(rate >= 100_000)}; load ${load()}`,
      );
    }

    // ------------------------------------------------------------------ import (and how cost grows)
    if (options.phases.includes("import")) {
      const dir = path.resolve(".test-data", "bench-national");
      fs.mkdirSync(dir, { recursive: true });
      const { writeScanLog } = await import("../../tests/factories/import-files.ts");
      const codes = (await pool.query<{ code: string }>(`SELECT code FROM venue ORDER BY id`)).rows.map((r) => r.code);
      // A prior run's imports of these days would make the same files duplicates: forget them.
      await pool.query(`DELETE FROM import WHERE kind = 'QR_SCAN_LOG'`);
      const rowsOut: Record<string, unknown>[] = [];
      for (const [i, millions] of options.cost.entries()) {
        const rows = Math.round(millions * 1_000_000 * options.scale);
        const day = IMPORT_DAYS[i] ?? "2021-09-30";
        const file = path.join(dir, `scans-${rows}-${day}.csv`);
        if (!fs.existsSync(file)) {
          const writeMs = await time(() => writeScanLog(file, { venueCodes: codes, day, rows, seed: rows, activeVenues: Math.round(codes.length * 0.07) }));
          log(`tạo tệp ${path.basename(file)}: ${(writeMs / 1000).toFixed(1)} s`);
        }
        const bytes = fs.statSync(file).size;
        await pool.query("DROP TABLE IF EXISTS bench_raw_scans");
        await pool.query("CREATE TABLE bench_raw_scans (venue_code text, scanned_at timestamptz, device_hash text)");
        const psql = await run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", `\\copy bench_raw_scans FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
        if (psql.code !== 0) throw new Error(`psql \\copy failed: ${psql.stderr}`);
        const psqlLoad = load();
        await pool.query("DROP TABLE bench_raw_scans");
        // A national day is past the default limits (10 million rows, 1 GiB): an operator raises them.
        const env = {
          ...process.env,
          DATABASE_URL: url,
          WARDWATCH_IMPORT_DIR: path.join(dir, "reports"),
          WARDWATCH_IMPORT_MAX_ROWS: String(Math.max(10_000_000, rows + 1)),
          WARDWATCH_IMPORT_MAX_BYTES: String(Math.max(1024 ** 3, bytes + 1)),
        };
        const imported = await run("npm", ["run", "--silent", "import", "--", "qr-scan-log", file, "--json"], env);
        const last = imported.stdout.trim().split("\n").pop() ?? "";
        let parsed: z.infer<typeof ChildResultSchema>;
        try {
          parsed = ChildResultSchema.parse(JSON.parse(last));
        } catch {
          throw new Error(`import of ${file} printed no result (exit ${imported.code}): ${imported.stderr.slice(-2000)}`);
        }
        if (parsed.status !== "SUCCEEDED") throw new Error(`import of ${file}: ${parsed.status} ${parsed.message}`);
        const row = {
          rows,
          day,
          bytes,
          psqlMs: Math.round(psql.ms),
          psqlRowsPerSecond: Math.round((rows / psql.ms) * 1000),
          psqlLoad,
          importWallMs: Math.round(imported.ms),
          importInProcessMs: Math.round(parsed.durationMs),
          importRowsPerSecond: Math.round((rows / imported.ms) * 1000),
          ratio: psql.ms / imported.ms,
          peakRssBytes: parsed.maxRssBytes,
          threads: parsed.threads ?? 0,
          timings: parsed.timings,
          load: load(),
        };
        rowsOut.push(row);
        log(`${count(rows)} dòng: psql ${(psql.ms / 1000).toFixed(1)} s, import ${(imported.ms / 1000).toFixed(1)} s, ${ratio(row.ratio)}, RSS ${mb(parsed.maxRssBytes)}, ${row.threads} luồng đọc, ${JSON.stringify(parsed.timings)}; load ${row.load}`);
      }
      results.import = rowsOut;
      out("");
      out(`Nhập nhật ký quét một ngày (tệp CSV sinh sẵn; psql \\copy vào bảng không chỉ mục so với \`npm run import\`, thời gian thực cả tiến trình):`);
      out("| dòng | tệp | psql \\copy | dòng/s | npm run import | dòng/s | import / psql | bộ nhớ đỉnh | luồng đọc | load 1/5/15 |");
      out("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
      for (const r of rowsOut as { rows: number; bytes: number; psqlMs: number; psqlRowsPerSecond: number; importWallMs: number; importRowsPerSecond: number; ratio: number; peakRssBytes: number; threads: number; load: string }[]) {
        out(
          `| ${count(r.rows)} | ${mb(r.bytes)} | ${(r.psqlMs / 1000).toFixed(1).replace(".", ",")} s | ${count(r.psqlRowsPerSecond)} | ${(r.importWallMs / 1000).toFixed(1).replace(".", ",")} s | ` +
            `${count(r.importRowsPerSecond)} | ${ratio(r.ratio)} | ${mb(r.peakRssBytes)} | ${r.threads} | ${r.load} |`,
        );
      }
      const largest = rowsOut.at(-1) as { rows: number; ratio: number; peakRssBytes: number } | undefined;
      if (largest) {
        out(`- ${count(largest.rows)} dòng: ≥ 1,0× psql \\copy: ${verdict(largest.ratio >= 1)} (${ratio(largest.ratio)}); bộ nhớ đỉnh < 400 MB: ${verdict(largest.peakRssBytes < 400 * 1024 * 1024)} (${mb(largest.peakRssBytes)})`);
      }
    }

    // ------------------------------------------------------------------ http
    if (options.phases.includes("http")) {
      const { startBenchApp } = await import("./bench-app.ts");
      const { drive } = await import("./drive.ts");
      const app = await startBenchApp({ bench: "national", embedded: false, database: options.database, reuse: true, keep: true, port: httpPort(), build: !process.argv.includes("--no-build") });
      try {
        const official = await app.signIn("official");
        // The country's provinces and a province's districts (issue 18) are the admin's pages.
        const admin = await app.signIn("admin");
        const day = NATIONAL_LAST_DAY;
        const routes = [
          { key: "country", path: `/country?day=${day}`, cookie: admin },
          { key: "province", path: `/provinces/${CAPITAL}?day=${day}`, cookie: admin },
          { key: "city", path: `/city?day=${day}`, cookie: official },
          { key: "overview", path: `/?day=${day}`, cookie: official },
          { key: "ward", path: `/wards/${WARD}?day=${day}`, cookie: official },
        ];
        const cells: Record<string, unknown>[] = [];
        out("");
        out(`HTTP (bản build production, quản trị viên cho /country và /provinces, cán bộ quận Hoàn Kiếm cho các trang khác, ${options.duration} s mỗi ô, c=10; mục tiêu p95 < 200 ms):`);
        out("| route | req/s (2xx) | p50 | p95 | lỗi / non-2xx | load 1/5/15 |");
        out("|---|---:|---:|---:|---:|---|");
        for (const r of routes) {
          await drive(app.base + r.path, r.cookie, 2, 2);
          const cell = await drive(app.base + r.path, r.cookie, 10, options.duration);
          const l = load();
          cells.push({ key: r.key, path: r.path, ...cell, load: l });
          out(`| \`${r.path}\` | ${cell.reqPerSec.toFixed(1).replace(".", ",")} | ${ms(cell.p50)} | ${ms(cell.p95)} ${verdict(cell.p95 < 200 && cell.requests > 0)} | ${cell.errors} / ${cell.non2xx} | ${l} |`);
        }
        results.http = cells;
        await app.stopServer();
      } finally {
        await app.close();
      }
    }

    results.table = lines;
    results.postgres = (await pool.query<{ version: string }>("SELECT version()")).rows[0]?.version;
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "national.json"), `${JSON.stringify(results, null, 2)}\n`);
    log("đã ghi bench-results/national.json");
  } finally {
    await pool.end();
    await db.close();
    if (options.drop) await dropBenchDatabase(adminUrl, options.database);
    else log(`giữ lại ${options.database} (lần sau dùng lại; --fresh để tạo lại, --drop để xoá)`);
  }
}

runUnderReactServer(import.meta.url, main, "bench:national");
