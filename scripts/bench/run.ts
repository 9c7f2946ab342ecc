// `npm run bench`: runs every benchmark against a real PostgreSQL server, one after another (they
// share 2 cores, so running them together would spoil each other's numbers). Each benchmark
// creates and drops a database of its own. BENCH_DATABASE_URL names the server
// (default postgres://postgres@127.0.0.1:5432/postgres). `npm run bench -- dashboard` runs one;
// arguments from the first one starting with "--" go to every benchmark named before them
// (`npm run bench -- http --duration 5 --concurrency 1,10`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ALL = ["dashboard", "http", "lighthouse", "imports", "alerts", "exports", "national"] as const;
/** Benchmarks run by `npm run bench` with no name: http and lighthouse need a build, so they run only when named; national (issue 18) takes long, so it too. */
const DEFAULT = ["dashboard", "imports", "alerts", "exports"];
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith("--"));
const wanted = firstFlag < 0 ? args : args.slice(0, firstFlag);
const passed = firstFlag < 0 ? [] : args.slice(firstFlag);
const present = DEFAULT.filter((n) => fs.existsSync(path.resolve("scripts", "bench", `${n}.ts`)));
const names = wanted.length > 0 ? wanted : present;
if (names.length === 0) {
  console.error("[bench] chưa có benchmark nào trong scripts/bench/");
  process.exit(1);
}
const tsx = path.resolve("node_modules", ".bin", "tsx");
process.env.BENCH_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

let failed = 0;
for (const name of names) {
  const file = path.resolve("scripts", "bench", `${name}.ts`);
  if (!fs.existsSync(file)) {
    console.error(`[bench] không có benchmark "${name}" (${ALL.join(", ")})`);
    failed++;
    continue;
  }
  console.log(`\n=== bench: ${name} ===`);
  const result = spawnSync(tsx, [file, ...passed], { stdio: "inherit", env: process.env });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
