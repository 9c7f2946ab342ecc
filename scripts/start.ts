// `npm start`: prepare the database, build the app when needed, then serve it.
// 1. open the database (embedded PGlite in ./.data unless DATABASE_URL is set) and migrate it;
// 2. load the country's unit tree (reference data, every start; cheap when unchanged); on an empty
//    database, load the demo district (WARDWATCH_SEED_DEMO=0 turns this off);
//    when no admin exists, print how to create the first one (npm run admin:create, or a one-time /setup link);
// 3. close it again, so the server process is the only one holding the embedded folder;
// 4. run `next build` when there is no build or the sources are newer than it;
// 5. serve it on PORT (default 3000): scripts/serve.ts, Next's handler behind a screen for malformed requests.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../lib/db/open.ts";
import { dataDirectory, readEnv } from "../lib/env.ts";
import { loadReferenceUnits } from "../lib/figures/reference-units.ts";
import { repairRollupsWithoutPartCounts } from "../lib/figures/rollups.ts";
import { firstRunInstructions, hasActiveAdmin, issueSetupToken } from "../lib/auth/first-run.ts";
import { recoverStaleImports } from "../lib/imports/recovery.ts";
import { loadDemo } from "../prisma/seed/load.ts";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** How to create the first admin, printed once the server starts (so a long build does not bury it). */
let firstRunLines: string[] = [];

async function prepareDatabase(): Promise<void> {
  const env = readEnv();
  const started = Date.now();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: dataDirectory(env) });
  try {
    console.log(`[start] Cơ sở dữ liệu: ${db.kind === "embedded" ? "nhúng (PGlite) tại" : "PostgreSQL"} ${db.location}`);
    const fresh = (await db.prisma.unit.count()) === 0;
    // The country's unit tree is reference data: loaded (or checked unchanged) on every start.
    const reference = await loadReferenceUnits(db.prisma);
    console.log(
      `[start] Danh mục đơn vị hành chính: ${reference.units} đơn vị` +
        (reference.loaded ? `, đã ghi ${reference.written}` : ", không đổi") +
        ` (${Math.round(reference.ms)} ms).`,
    );
    if (fresh && env.WARDWATCH_SEED_DEMO === "1") {
      console.log("[start] Cơ sở dữ liệu trống: đang nạp dữ liệu mẫu quận Hoàn Kiếm…");
      await loadDemo(db.prisma, { log: (m) => console.log(`[seed] ${m}`) });
    }
    // An import cut off by a crash (kill -9, power loss) is marked failed before anyone can see it as running.
    await recoverStaleImports(db.prisma, { log: (m) => console.log(`[start] ${m}`) });
    // Sums written by an earlier version do not say how many wards they hold: count them again.
    const repaired = await repairRollupsWithoutPartCounts(db.prisma);
    if (repaired) console.log(`[start] Đã tính lại số liệu tổng hợp từ ${repaired.from} đến ${repaired.to}.`);
    // No administrator yet (started without the demo): how to create the first one, with a one-time link.
    if (!(await hasActiveAdmin(db.prisma))) {
      const setup = await issueSetupToken(db.prisma);
      const base = (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? "3000"}`).replace(/\/+$/, "");
      firstRunLines = firstRunInstructions({ url: `${base}/setup?token=${setup.token}`, expiresAt: setup.expiresAt });
    }
    console.log(`[start] Cơ sở dữ liệu sẵn sàng sau ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIfNeeded(): void {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const sources = ["app", "components", "lib", "public", "proxy.ts", "instrumentation-client.ts", "next.config.js", "package-lock.json", "postcss.config.mjs"];
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt > 0 && Math.max(...sources.map(newestMtime)) <= builtAt) return;
  console.log("[start] Đang build ứng dụng (lần đầu mất khoảng 1 phút)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error("[start] Build thất bại.");
    process.exit(result.status ?? 1);
  }
}

async function main(): Promise<void> {
  await prepareDatabase();
  buildIfNeeded();
  const port = process.env.PORT ?? "3000";
  console.log(`[start] WardWatch chạy tại http://localhost:${port}`);
  for (const line of firstRunLines) console.log(`[start] ${line}`);
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts")], {
    stdio: "inherit",
    env: { ...process.env, PORT: port },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
