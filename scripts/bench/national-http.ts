// The national dataset's pages over HTTP, one build against another, interleaved (issue 18):
//
//   npx tsx scripts/bench/national-http.ts --dist .next-before,.next [--rounds 3] [--duration 10]
//                                          [--ports 3141,3142] [--routes country,province,city,overview,ward,floor]
//                                          [--database ww_bench_national_1] [--cpu-prof DIR]
//
// Each build in --dist (a folder `next build` wrote, NEXT_DIST_DIR) is served at once by its own
// server (bench-app.ts with --reuse --no-build: nothing is built here) on the kept national
// dataset. Then, for each round, each route, each build in turn (the order reversed every other
// round): a 2 s warm-up at c=2, then autocannon at c=10 for --duration seconds, with the CPU the
// server process and its PostgreSQL backends spent meanwhile (process-cpu.ts) divided by the
// answers: milliseconds of CPU a request, Node and database apart. The load average is printed
// beside each cell. An idle server beside the driven one costs nothing, so the builds see the
// same machine. Results also go to bench-results/national-http.json.
//
// The bench accounts are added (idempotently) to the dataset as the national benchmark's http phase does.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBenchApp, type BenchApp } from "./bench-app.ts";
import { drive } from "./drive.ts";
import { CAPITAL, NATIONAL_LAST_DAY } from "./national-dataset.ts";
import { cpuBetween, listeningPid, snapshotCpu } from "./process-cpu.ts";
import { runUnderReactServer } from "./react-server.ts";
import { ms } from "./stats.ts";

const WARD = "00037";
const load = (): string => os.loadavg().map((l) => l.toFixed(2).replace(".", ",")).join(" / ");
const one = (x: number): string => x.toFixed(1).replace(".", ",");

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Served = { dist: string; app: BenchApp; pid: number; official: string; admin: string };

async function main(): Promise<void> {
  const dists = (option("--dist") ?? ".next").split(",");
  const ports = (option("--ports") ?? "3141,3142,3143").split(",").map(Number);
  const rounds = Number(option("--rounds") ?? 3);
  const duration = Number(option("--duration") ?? 10);
  const database = option("--database") ?? "ww_bench_national_1";
  const wanted = (option("--routes") ?? "country,province,city,overview,ward").split(",");
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const day = NATIONAL_LAST_DAY;
  const served: Served[] = [];
  try {
    for (const [i, dist] of dists.entries()) {
      process.env.NEXT_DIST_DIR = dist;
      // --cpu-prof DIR: each server writes a V8 CPU profile there when it stops (read with cpu-profile-summary.ts).
      const profileDir = option("--cpu-prof");
      const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
      const port = ports[i];
      if (!port) throw new Error("--ports: one port per build");
      const app = await startBenchApp({ bench: `national-http-${i}`, embedded: false, database, reuse: true, keep: true, port, build: false, nodeArgs });
      const pid = listeningPid(port);
      if (pid === null) throw new Error(`no process listens on ${port}`);
      served.push({ dist, app, pid, official: await app.signIn("official"), admin: await app.signIn("admin") });
    }
    const routes = [
      { key: "country", path: `/country?day=${day}`, who: "admin" as const },
      { key: "province", path: `/provinces/${CAPITAL}?day=${day}`, who: "admin" as const },
      { key: "city", path: `/city?day=${day}`, who: "official" as const },
      { key: "overview", path: `/?day=${day}`, who: "official" as const },
      { key: "ward", path: `/wards/${WARD}?day=${day}`, who: "official" as const },
      { key: "floor", path: `/bench-floor`, who: null },
    ].filter((r) => wanted.includes(r.key));
    const cells: Record<string, unknown>[] = [];
    console.log(`c=10, ${duration} s a cell; CPU ms a request = the server process / its PostgreSQL backends`);
    console.log("| round | route | build | req/s | p50 | p95 | CPU ms/req node + db | HTML KB | errors / non-2xx | load 1/5/15 |");
    console.log("|---:|---|---|---:|---:|---:|---:|---:|---:|---|");
    for (let round = 1; round <= rounds; round++) {
      for (const r of routes) {
        const order = round % 2 === 1 ? served : [...served].reverse();
        for (const s of order) {
          const url = s.app.base + r.path;
          const cookie = r.who === null ? null : s[r.who];
          const page = await fetch(url, { headers: cookie ? { cookie } : {} });
          const bytes = (await page.arrayBuffer()).byteLength;
          await drive(url, cookie, 2, 2);
          const before = await snapshotCpu(s.pid, adminUrl);
          const cell = await drive(url, cookie, 10, duration);
          const after = await snapshotCpu(s.pid, adminUrl);
          const { serverMs, databaseMs } = cpuBetween(before, after);
          const answered = Math.max(1, cell.requests + cell.non2xx);
          const l = load();
          const row = { round, route: r.key, dist: s.dist, ...cell, status: page.status, htmlBytes: bytes, serverCpuMsPerRequest: serverMs / answered, databaseCpuMsPerRequest: databaseMs / answered, load: l };
          cells.push(row);
          console.log(
            `| ${round} | \`${r.path}\` | ${s.dist} | ${one(cell.reqPerSec)} | ${ms(cell.p50)} | ${ms(cell.p95)} | ${one(row.serverCpuMsPerRequest)} + ${one(row.databaseCpuMsPerRequest)} | ${one(bytes / 1024)} | ${cell.errors} / ${cell.non2xx} | ${l} |`,
          );
        }
      }
    }
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "national-http.json"), `${JSON.stringify(cells, null, 2)}\n`);
  } finally {
    for (const s of served) {
      await s.app.stopServer();
      await s.app.close();
    }
  }
}

runUnderReactServer(import.meta.url, main, "bench:national-http");
