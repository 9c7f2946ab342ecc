// Whole-request benchmark of the pages on the city-scale dataset (issue 15):
//
//   npm run bench -- http [--duration 10] [--concurrency 1,10,50] [--routes overview,ward,…]
//                         [--embedded] [--database NAME --reuse] [--keep] [--port N] [--out FILE]
//
// 1. builds the app when needed (scripts/start.ts --build-only: the rule `npm start` follows);
// 2. creates a database of its own, named per run (ww_bench_http_<pid>_<random>, so two benches on
//    one server never drop each other's), migrates it and loads city-dataset.ts (579 wards, ~2,8
//    million venue-days) and the COMPUTED rollups; --reuse --database NAME keeps an earlier one
//    (--keep leaves it behind). --embedded serves from PGlite instead (a folder loaded from a
//    dump of the same PostgreSQL dataset: pg_dump must be on PATH);
// 3. adds the bench accounts (a district official of Hoàn Kiếm, a city official, an admin) and
//    starts the server as `npm start` does (scripts/serve.ts) on a free port;
// 4. signs in through the real flow (next-auth's CSRF token, then the credentials callback) and
//    drives every route with autocannon at each concurrency for --duration seconds after a warm-up,
//    with the floors in the same run: /bench-floor (a dynamic page of the same build that touches
//    no database: rendered with the root layout and no session, reachable only when the server
//    runs with WARDWATCH_BENCH_FLOOR=1), /api/health (one `SELECT 1`), and each page's SQL and
//    data function timed in process against the same database;
// 5. prints a table (req/s, p50/p95/p99, errors and non-2xx, ratio to the floors, HTML and RSC
//    bytes, the load average beside each row) and which of issue 15's targets are met; writes
//    bench-results/http.json (or --out).
//
// The data layer is 'server-only': this script re-runs itself under Node's "react-server" condition.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_DISTRICT, log, startBenchApp } from "./bench-app.ts";
import { drive, type Driven } from "./drive.ts";
import { dashboardPageSql, runRounds, type PageSql } from "./page-sql.ts";
import { summarize, time } from "./stats.ts";
import { runUnderReactServer } from "./react-server.ts";

const OVERVIEW_DAY = "2021-08-17";
const WARD_DAY = "2021-08-14";

type RouteKey = "floor" | "health" | "overview" | "ward" | "alerts" | "city" | "reports" | "rankings";
type Route = { key: RouteKey; path: string; account: "official" | "none"; isPage: boolean };

type Options = {
  duration: number;
  concurrency: number[];
  routes: RouteKey[] | null;
  embedded: boolean;
  database: string | null;
  reuse: boolean;
  keep: boolean;
  port: number | null;
  out: string;
  sqlRuns: number;
};

function parseOptions(argv: readonly string[]): Options {
  const raw = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number): number => {
    const v = raw(name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
    return n;
  };
  const concurrency = (raw("--concurrency") ?? "1,10,50").split(",").map(Number);
  if (concurrency.some((c) => !Number.isSafeInteger(c) || c < 1)) throw new Error("--concurrency: e.g. 1,10,50");
  const routes = raw("--routes")?.split(",") as RouteKey[] | undefined;
  const reuse = argv.includes("--reuse");
  const database = raw("--database") ?? null;
  if (reuse && !database) throw new Error("--reuse needs --database NAME (a database an earlier run left with --keep)");
  if (database && !/^[a-z0-9_]{1,60}$/.test(database)) throw new Error("--database: lower-case letters, digits and _ only");
  return {
    duration: int("--duration", 10),
    concurrency,
    routes: routes ?? null,
    embedded: argv.includes("--embedded"),
    database,
    reuse,
    keep: argv.includes("--keep") || reuse,
    port: raw("--port") ? int("--port", 1) : null,
    out: raw("--out") ?? path.join("bench-results", argv.includes("--embedded") ? "http-embedded.json" : "http.json"),
    sqlRuns: int("--sql-runs", 60),
  };
}

const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2).replace(".", ",")).join(" / ");

// ---------------------------------------------------------------------------------------------
// Measuring

type Cell = Driven & {
  route: RouteKey;
  path: string;
  load: string;
};

/** The page's HTML bytes and its RSC payload (what a client navigation fetches), uncompressed. */
async function sizes(base: string, route: Route, cookie: string | null): Promise<{ status: number; html: number; rsc: number | null }> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const res = await fetch(base + route.path, { headers, redirect: "manual" });
  const html = (await res.arrayBuffer()).byteLength;
  if (!route.isPage || res.status !== 200) return { status: res.status, html, rsc: null };
  const rsc = await fetch(base + route.path, { headers: { ...headers, RSC: "1" } });
  const body = (await rsc.arrayBuffer()).byteLength;
  const isFlight = (rsc.headers.get("content-type") ?? "").includes("text/x-component");
  return { status: res.status, html, rsc: rsc.status === 200 && isFlight ? body : null };
}

type SqlFloor = { route: RouteKey; dataMs: number; sqlMs: number | null };

async function sqlFloors(databaseUrl: string, wardCode: string, runs: number): Promise<SqlFloor[]> {
  const { openDatabase } = await import("../../lib/db/open.ts");
  const db = await openDatabase({ url: databaseUrl, poolMax: 10 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    const pages = await dashboardPageSql(db.prisma, { districtCode: BENCH_DISTRICT, wardCode, overviewDay: OVERVIEW_DAY, wardDay: WARD_DAY });
    const entries: [RouteKey, PageSql][] = [
      ["overview", pages.overview],
      ["ward", pages.ward],
      ["alerts", pages.alerts],
      ["city", pages.city],
    ];
    const floors: SqlFloor[] = [];
    for (const [route, p] of entries) {
      const warm = Math.max(3, Math.round(runs / 6));
      for (let i = 0; i < warm; i++) {
        await p.page();
        if (p.rounds) await runRounds(pool, p.rounds);
      }
      const data: number[] = [];
      const sql: number[] = [];
      for (let i = 0; i < runs; i++) {
        data.push(await time(p.page));
        if (p.rounds) {
          const rounds = p.rounds;
          sql.push(await time(() => runRounds(pool, rounds)));
        }
      }
      floors.push({ route, dataMs: summarize(data).median, sqlMs: sql.length ? summarize(sql).median : null });
    }
    return floors;
  } finally {
    await pool.end();
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

const n1 = (v: number): string => (Number.isFinite(v) ? v.toLocaleString("vi-VN", { maximumFractionDigits: 1, minimumFractionDigits: 1 }) : "—");
const times = (ratio: number): string => (Number.isFinite(ratio) ? `${n1(ratio)}×` : "—");
const kb = (bytes: number | null): string => (bytes === null ? "—" : `${(bytes / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1, minimumFractionDigits: 1 })} KB`);

type Report = {
  cells: Cell[];
  sizes: Partial<Record<RouteKey, { status: number; html: number; rsc: number | null }>>;
  floors: SqlFloor[];
};

function printReport(report: Report, routes: Route[], options: Options): string[] {
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const floorAt = (c: number) => report.cells.find((x) => x.route === "floor" && x.concurrency === c);
  out("");
  out(
    `HTTP, ${options.embedded ? "PGlite (nhúng)" : "PostgreSQL"}, ${options.duration} s mỗi ô, ${os.cpus().length} nhân; thời gian ms; × sàn = p50 / p50 của /bench-floor cùng mức đồng thời; % sàn = req/s / req/s của /bench-floor cùng mức đồng thời`,
  );
  out("| route | c | req/s (2xx) | p50 | p95 | p99 | lỗi / non-2xx | × sàn | % sàn req/s | HTML | RSC | load 1/5/15 |");
  out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const route of routes) {
    const size = report.sizes[route.key];
    for (const cell of report.cells.filter((x) => x.route === route.key)) {
      const floor = floorAt(cell.concurrency);
      const ratio = floor && route.key !== "floor" ? times(cell.p50 / floor.p50) : "—";
      const share = floor && route.key !== "floor" && floor.reqPerSec > 0 ? `${n1((100 * cell.reqPerSec) / floor.reqPerSec)} %` : "—";
      out(
        `| \`${route.path}\` | ${cell.concurrency} | ${n1(cell.reqPerSec)} | ${n1(cell.p50)} | ${n1(cell.p95)} | ${n1(cell.p99)} | ${cell.errors} / ${cell.non2xx} | ${ratio} | ${share} | ${kb(size?.html ?? null)} | ${kb(size?.rsc ?? null)} | ${cell.load} |`,
      );
    }
  }
  if (report.floors.length > 0) {
    out("");
    out("Sàn dữ liệu (trung vị ms, trong tiến trình, cùng cơ sở dữ liệu): hàm dữ liệu của trang qua Prisma; các câu SQL của nó qua node-postgres");
    out("| trang | hàm dữ liệu | SQL | HTTP p50 c=1 | HTTP / hàm dữ liệu |");
    out("|---|---:|---:|---:|---:|");
    for (const f of report.floors) {
      const http = report.cells.find((x) => x.route === f.route && x.concurrency === 1);
      out(`| ${f.route} | ${n1(f.dataMs)} | ${f.sqlMs === null ? "—" : n1(f.sqlMs)} | ${http ? n1(http.p50) : "—"} | ${http ? times(http.p50 / f.dataMs) : "—"} |`);
    }
  }
  out("");
  out("Mục tiêu (issue 15):");
  const verdict = (ok: boolean | null) => (ok === null ? "chưa đo" : ok ? "ĐẠT" : "CHƯA ĐẠT");
  for (const key of ["overview", "ward", "alerts"] as const) {
    const c1 = report.cells.find((x) => x.route === key && x.concurrency === 1);
    const c10 = report.cells.find((x) => x.route === key && x.concurrency === 10);
    out(`- ${key}: p50 c=1 ≤ 30 ms: ${verdict(c1 ? c1.p50 <= 30 : null)} (${c1 ? n1(c1.p50) : "—"} ms)`);
    out(`- ${key}: c=10 ≥ 100 req/s và p95 < 150 ms: ${verdict(c10 ? c10.reqPerSec >= 100 && c10.p95 < 150 : null)} (${c10 ? `${n1(c10.reqPerSec)} req/s, p95 ${n1(c10.p95)} ms` : "—"})`);
  }
  const c50 = report.cells.filter((x) => x.concurrency === 50 && x.route !== "floor" && x.route !== "health");
  out(`- c=50 không lỗi: ${verdict(c50.length ? c50.every((x) => x.errors === 0 && x.non2xx === 0) : null)}` + (c50.length ? ` (${c50.map((x) => `${x.route} ${x.errors}/${x.non2xx}`).join(", ")})` : ""));
  for (const [key, limit] of [["overview", 60], ["ward", 80]] as const) {
    const s = report.sizes[key];
    const total = s && s.rsc !== null ? s.html + s.rsc : null;
    out(`- ${key}: HTML+RSC ≤ ${limit} KB: ${verdict(total === null ? null : total <= limit * 1024)} (${kb(total)})`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const app = await startBenchApp({ bench: "http", embedded: options.embedded, database: options.database, reuse: options.reuse, keep: options.keep, port: options.port, build: !process.argv.includes("--no-build") });
  try {
    const { base, wardCode } = app;
    const cookie = await app.signIn("official");
    const all: Route[] = [
      { key: "floor", path: "/bench-floor", account: "none", isPage: true },
      { key: "health", path: "/api/health", account: "none", isPage: false },
      { key: "overview", path: `/?day=${OVERVIEW_DAY}`, account: "official", isPage: true },
      { key: "ward", path: `/wards/${wardCode}?day=${WARD_DAY}`, account: "official", isPage: true },
      { key: "alerts", path: `/alerts?day=${WARD_DAY}`, account: "official", isPage: true },
      { key: "city", path: `/city?day=${OVERVIEW_DAY}`, account: "official", isPage: true },
      { key: "reports", path: `/reports?day=${WARD_DAY}`, account: "official", isPage: true },
      { key: "rankings", path: `/api/v1/rankings?district=${BENCH_DISTRICT}&day=${OVERVIEW_DAY}`, account: "official", isPage: false },
    ];
    const routes = all.filter((r) => !options.routes || options.routes.includes(r.key) || r.key === "floor");
    const report: Report = { cells: [], sizes: {}, floors: [] };

    // Sizes first, on a quiet server (a page still busy with the previous route's c=50 could answer 503).
    for (const route of routes) report.sizes[route.key] = await sizes(base, route, route.account === "none" ? null : cookie);
    for (const route of routes) {
      const routeCookie = route.account === "none" ? null : cookie;
      const size = report.sizes[route.key];
      if (!size || size.status !== 200) {
        log(`${route.path}: HTTP ${size?.status}: bỏ qua (không đo một trang không trả về 200)`);
        continue;
      }
      // Warm-up: a production build compiles nothing, but caches and the JIT fill as on a running server.
      await drive(base + route.path, routeCookie, 2, 2);
      for (const c of options.concurrency) {
        // Let the previous cell's queue drain (a c=50 run leaves requests in flight).
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const cell = await drive(base + route.path, routeCookie, c, options.duration);
        const load = loadAverage();
        report.cells.push({ ...cell, route: route.key, path: route.path, load });
        log(`${route.path} c=${c}: ${n1(cell.reqPerSec)} req/s, p50 ${n1(cell.p50)} ms, p95 ${n1(cell.p95)} ms, lỗi ${cell.errors}, non-2xx ${cell.non2xx}${Object.keys(cell.statuses).length ? ` ${JSON.stringify(cell.statuses)}` : ""}, load ${load}`);
      }
    }
    await app.stopServer();

    if (!options.embedded) report.floors = await sqlFloors(app.databaseUrl, wardCode, options.sqlRuns);
    const lines = printReport(report, routes, options);
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, JSON.stringify({ options, database: app.databaseName, wardCode, ...report, table: lines, at: new Date().toISOString() }, null, 2));
    log(`đã ghi ${options.out}`);
  } finally {
    await app.close();
  }
}

runUnderReactServer(import.meta.url, main);
