// `npm run bench`: runs every benchmark against a real PostgreSQL server, one after another (they
// share 2 cores, so running them together would spoil each other's numbers). Each benchmark
// creates and drops a database of its own. BENCH_DATABASE_URL names the server
// (default postgres://postgres@127.0.0.1:5432/postgres). `npm run bench -- dashboard` runs one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ALL = ["dashboard", "imports", "alerts", "exports"] as const;
const wanted = process.argv.slice(2);
const present = ALL.filter((n) => fs.existsSync(path.resolve("scripts", "bench", `${n}.ts`)));
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
  const result = spawnSync(tsx, [file], { stdio: "inherit", env: process.env });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
