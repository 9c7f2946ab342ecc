// Lighthouse, mobile profile (its default: a mid-range phone, simulated slow 4G and 4× CPU
// slowdown), on the overview, a ward page and the ward chair's entry form (issue 15), beside the
// build's empty /bench-floor page as a reference for the machine's load:
//
//   npm run bench -- lighthouse [--runs 1] [--embedded] [--database NAME --reuse] [--keep] [--port N] [--out FILE]
//   npm run bench -- lighthouse --pages all|/entry,/wards/[code] [--database NAME --reuse] [--port N] [--out FILE]
//
// `--pages all` (issue 16, item 6) audits every page of app/ instead (tests/e2e/app-routes.ts), each
// as the role that uses it (lighthouse-pages.ts: district official, city official, ward chair,
// admin, the sign-in and setup pages signed out), accessibility and best practices only, at the
// mobile and desktop form factors, and prints their scores with the ids of the audits that did not
// pass (bench-results/lighthouse-pages.json keeps what each one points at). Exit 1 when a page is below 100.
//
// The app is the HTTP benchmark's (bench-app.ts: the production build, the city-scale dataset in a
// database of the run's own, the server as `npm start` runs it, sessions from the real sign-in);
// Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH), headless, launched by chrome-launcher.
// The session cookie is sent as an extra header on every request Lighthouse makes; Lighthouse runs
// through its CLI in a plain Node process (see runLighthouse). With --runs N
// each page is audited N times and the median of each figure is printed.
// Not a test: it prints figures and issue 15's targets met or not (performance ≥ 90, time to
// interactive < 3,5 s, total blocking time < 200 ms, layout shift < 0,1), and writes
// bench-results/lighthouse.json (or --out).

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import pg from "pg";
import { appRoutes } from "../../tests/e2e/app-routes.ts";
import { log, startBenchApp, type BenchAccount, type BenchApp } from "./bench-app.ts";
import { FORM_FACTORS, PAGE_CATEGORIES, pagesTable, planPages, scoresOf, type FormFactor, type PageRow, type PageScores, type PagesLhr } from "./lighthouse-pages.ts";
import { runUnderReactServer } from "./react-server.ts";

/** allPages: `--pages all` (every page) or `--pages /entry,/wards/[code]` (those of app/'s pages); null: issue 15's three. */
type Options = { runs: number; embedded: boolean; database: string | null; reuse: boolean; keep: boolean; port: number | null; out: string; allPages: "all" | string[] | null };

function parseOptions(argv: readonly string[]): Options {
  const raw = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(raw("--runs") ?? 1);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error("--runs needs a positive whole number");
  const reuse = argv.includes("--reuse");
  const database = raw("--database") ?? null;
  if (reuse && !database) throw new Error("--reuse needs --database NAME");
  if (database && !/^[a-z0-9_]{1,60}$/.test(database)) throw new Error("--database: lower-case letters, digits and _ only");
  const port = raw("--port") ? Number(raw("--port")) : null;
  const pages = raw("--pages");
  if (pages !== undefined && pages !== "all" && !pages.startsWith("/")) throw new Error("--pages: `all`, or app/ page patterns separated by commas (/entry,/wards/[code])");
  const allPages = pages === undefined ? null : pages === "all" ? "all" : pages.split(",");
  const out = raw("--out") ?? path.join("bench-results", allPages ? "lighthouse-pages.json" : "lighthouse.json");
  return { runs, embedded: argv.includes("--embedded"), database, reuse, keep: argv.includes("--keep") || reuse, port, out, allPages };
}

type Figures = { performance: number; tti: number; tbt: number; cls: number; lcp: number; fcp: number; accessibility: number; bestPractices: number };

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

type Lhr = {
  runtimeError?: { message: string };
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { numericValue?: number } | undefined>;
};

function figuresOf(lhr: Lhr): Figures {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: score("performance"),
    tti: value("interactive"),
    tbt: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
    lcp: value("largest-contentful-paint"),
    fcp: value("first-contentful-paint"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
  };
}

/**
 * One Lighthouse run through its own CLI, in a plain Node process: under tsx, the functions
 * Lighthouse sends into the page carry esbuild's `__name` helper and fail there.
 */
function runLighthouse(url: string, port: number, cookie: string | null, scratch: string, flags: string[] = ["--only-categories=performance,accessibility,best-practices"]): Lhr {
  const report = path.join(scratch, "report.json");
  const headers = path.join(scratch, "headers.json");
  fs.writeFileSync(headers, JSON.stringify({ Cookie: cookie }));
  const cli = path.resolve("node_modules", "lighthouse", "cli", "index.js");
  const args = [cli, url, `--port=${port}`, "--output=json", `--output-path=${report}`, ...flags, ...(cookie === null ? [] : [`--extra-headers=${headers}`])];
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], timeout: 300_000, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`lighthouse ${url}: exit ${run.status}\n${run.stderr.slice(-3000)}`);
  const lhr = JSON.parse(fs.readFileSync(report, "utf8")) as Lhr;
  fs.rmSync(report, { force: true });
  return lhr;
}

/**
 * Lighthouse in a fresh browser: cookies a previous page's session renewal left in one would be
 * sent beside this run's session (the ward chair's /entry came back 403 with the official's).
 * On a loaded machine Chromium's trace sometimes misses the navigation (NO_NAVSTART): that run
 * measured nothing and is run again, up to twice.
 */
async function lighthouseInFreshBrowser(chromePath: string, url: string, cookie: string | null, scratch: string, flags?: string[]): Promise<Lhr> {
  let lhr: Lhr | null = null;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    try {
      lhr = runLighthouse(url, chrome.port, cookie, scratch, flags);
    } finally {
      chrome.kill();
    }
    if (!lhr.runtimeError) break;
    log(`${url}: ${lhr.runtimeError.message}${attempt < 3 ? ": chạy lại" : ""}`);
  }
  if (!lhr || lhr.runtimeError) throw new Error(`${url}: ${lhr?.runtimeError?.message ?? "no result"}`);
  return lhr;
}

/** An import for /admin/imports/[id] to show (the city dataset has none): a failed one, inserted once. */
async function benchImportId(app: BenchApp, embedded: boolean): Promise<number | null> {
  if (embedded) return null; // the server reads its PGlite copy, made before this could insert
  const pool = new pg.Pool({ connectionString: app.databaseUrl, max: 1 });
  try {
    const fileName = "bench-lighthouse-pages.csv";
    const found = await pool.query<{ id: number }>(`SELECT id FROM import WHERE file_name = $1 ORDER BY id LIMIT 1`, [fileName]);
    if (found.rows[0]) return found.rows[0].id;
    const created = await pool.query<{ id: number }>(
      `INSERT INTO import (kind, file_name, file_hash, status, finished_at, bytes_total, rows_total, rows_rejected, message)
       VALUES ('INSTALL_STATS', $1, repeat('0', 64), 'FAILED', now(), 2048, 12, 12, $2) RETURNING id`,
      [fileName, "Tệp thiếu cột bắt buộc: smartphones (bench)."],
    );
    return created.rows[0]?.id ?? null;
  } finally {
    await pool.end();
  }
}

/** `--pages all`: every page as its role, accessibility and best practices, mobile and desktop. */
async function auditEveryPage(app: BenchApp, options: Options, chromePath: string, scratch: string): Promise<boolean> {
  const planned = planPages(appRoutes(), { wardCode: app.wardCode, importId: await benchImportId(app, options.embedded) });
  const wanted = options.allPages;
  const pages = Array.isArray(wanted) ? planned.pages.filter((p) => wanted.includes(p.pattern)) : planned.pages;
  const skipped = planned.skipped;
  if (Array.isArray(wanted) && pages.length < wanted.length) throw new Error(`--pages: not pages of app/: ${wanted.filter((w) => !pages.some((p) => p.pattern === w)).join(", ")}`);
  for (const pattern of skipped) log(`${pattern}: bỏ qua (không có giá trị cho đoạn động của đường dẫn)`);
  const rows: PageRow[] = [];
  for (const page of pages) {
    const results = {} as Record<FormFactor, PageScores>;
    for (const formFactor of FORM_FACTORS) {
      const cookie = page.role === "signed-out" ? null : await app.signIn(page.role);
      const flags = [`--only-categories=${PAGE_CATEGORIES.join(",")}`, ...(formFactor === "desktop" ? ["--preset=desktop"] : [])];
      results[formFactor] = scoresOf((await lighthouseInFreshBrowser(chromePath, app.base + page.path, cookie, scratch, flags)) as PagesLhr);
    }
    const load = loadAverage();
    rows.push({ page, results, load });
    log(`${page.path} (${page.role}): trợ năng ${results.mobile.accessibility}/${results.desktop.accessibility}, thực hành tốt ${results.mobile.bestPractices}/${results.desktop.bestPractices}, load ${load}`);
    for (const formFactor of FORM_FACTORS) {
      for (const audit of results[formFactor].failing) {
        log(`  ${formFactor} ${audit.id}: ${audit.title}${audit.where.map((w) => `\n      ${w}`).join("")}`);
      }
    }
  }
  const table = pagesTable(rows);
  console.log("");
  console.log(`Lighthouse, mọi trang (trợ năng, thực hành tốt; di động / máy tính), ${options.embedded ? "PGlite" : "PostgreSQL"}, ${new Date().toISOString()}`);
  for (const line of table) console.log(line);
  const below = rows.filter((r) => FORM_FACTORS.some((f) => r.results[f].accessibility < 100 || r.results[f].bestPractices < 100));
  console.log(below.length === 0 ? "Mọi trang đạt 100." : `${below.length} trang dưới 100: ${below.map((r) => r.page.path).join(", ")}`);
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  fs.writeFileSync(options.out, JSON.stringify({ options, rows, skipped, table, at: new Date().toISOString() }, null, 2));
  log(`đã ghi ${options.out}`);
  return below.length === 0;
}

const dec = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits).replace(".", ",") : "—");
const loadAverage = (): string => os.loadavg().map((l) => dec(l, 2)).join(" / ");

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(chromePath)) throw new Error(`no Chromium at ${chromePath} (set CHROME_PATH)`);
  const app = await startBenchApp({ bench: "lighthouse", embedded: options.embedded, database: options.database, reuse: options.reuse, keep: options.keep, port: options.port, build: !process.argv.includes("--no-build") });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ww-lighthouse-"));
  try {
    if (options.allPages) {
      if (!(await auditEveryPage(app, options, chromePath, scratch))) process.exitCode = 1;
      return;
    }
    // /bench-floor first: a page of the same build with no data (bench-app.ts), audited under the
    // same load, so each page's figures can be read beside what the machine gives an empty page.
    const pages: { path: string; account: BenchAccount }[] = [
      { path: "/bench-floor", account: "official" },
      { path: "/", account: "official" },
      { path: `/wards/${app.wardCode}`, account: "official" },
      { path: "/entry", account: "chair" },
    ];
    const rows: { path: string; figures: Figures; load: string }[] = [];
    for (const page of pages) {
      const cookie = await app.signIn(page.account);
      const runs: Figures[] = [];
      for (let i = 0; i < options.runs; i++) {
        runs.push(figuresOf(await lighthouseInFreshBrowser(chromePath, app.base + page.path, cookie, scratch)));
      }
      const pick = (k: keyof Figures) => median(runs.map((r) => r[k]));
      const figures: Figures = {
        performance: pick("performance"),
        tti: pick("tti"),
        tbt: pick("tbt"),
        cls: pick("cls"),
        lcp: pick("lcp"),
        fcp: pick("fcp"),
        accessibility: pick("accessibility"),
        bestPractices: pick("bestPractices"),
      };
      const load = loadAverage();
      rows.push({ path: page.path, figures, load });
      log(`${page.path}: hiệu năng ${figures.performance}, TTI ${dec(figures.tti / 1000, 1)} s, TBT ${Math.round(figures.tbt)} ms, CLS ${dec(figures.cls, 3)}, load ${load}`);
    }
    const lines: string[] = [];
    const out = (line: string) => {
      lines.push(line);
      console.log(line);
    };
    out("");
    out(`Lighthouse ${options.runs > 1 ? `(trung vị ${options.runs} lần) ` : ""}di động, ${options.embedded ? "PGlite" : "PostgreSQL"}, Chromium ${chromePath}`);
    out("| trang | hiệu năng | TTI | TBT | CLS | LCP | FCP | trợ năng | thực hành tốt | load 1/5/15 |");
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const { path: p, figures: f, load } of rows) {
      out(`| \`${p}\` | ${f.performance} | ${dec(f.tti / 1000, 1)} s | ${Math.round(f.tbt)} ms | ${dec(f.cls, 3)} | ${dec(f.lcp / 1000, 1)} s | ${dec(f.fcp / 1000, 1)} s | ${f.accessibility} | ${f.bestPractices} | ${load} |`);
    }
    out("");
    out("Mục tiêu (issue 15): hiệu năng ≥ 90, TTI < 3,5 s, TBT < 200 ms, CLS < 0,1");
    for (const { path: p, figures: f } of rows.filter((r) => r.path !== "/bench-floor")) {
      const unmet = [
        f.performance >= 90 ? null : `hiệu năng ${f.performance}`,
        f.tti < 3500 ? null : `TTI ${dec(f.tti / 1000, 1)} s`,
        f.tbt < 200 ? null : `TBT ${Math.round(f.tbt)} ms`,
        f.cls < 0.1 ? null : `CLS ${dec(f.cls, 3)}`,
      ].filter((x): x is string => x !== null);
      out(`- \`${p}\`: ${unmet.length === 0 ? "ĐẠT" : `CHƯA ĐẠT (${unmet.join(", ")})`}`);
    }
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, JSON.stringify({ options, rows, table: lines, at: new Date().toISOString() }, null, 2));
    log(`đã ghi ${options.out}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    await app.close();
  }
}

runUnderReactServer(import.meta.url, main);
