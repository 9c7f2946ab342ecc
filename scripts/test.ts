// `npm test`: the whole suite: unit, integration (embedded PostgreSQL always; real
// PostgreSQL when TEST_DATABASE_URL is set), then end-to-end in Chromium against the built app.
// Prints one closing line "N passed, N failed" summed from the runners' JSON reports.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromiumPath } from "../tests/setup/chromium.ts";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const reportDir = path.resolve(".test-data", "reports");
fs.mkdirSync(reportDir, { recursive: true });

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

/** How long each phase took, printed at the end (CI's log shows where the time went). */
const phases: string[] = [];
function timed<T>(name: string, work: () => T): T {
  const started = Date.now();
  try {
    return work();
  } finally {
    phases.push(`${name} ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

function run(name: string, cmd: string, args: string[], reportFile: string, count: (report: unknown) => Totals): void {
  console.log(`\n=== ${name} ===`);
  fs.rmSync(reportFile, { force: true });
  const result = timed(name, () => spawnSync(cmd, args, { stdio: "inherit", env: process.env }));
  let counted: Totals | null = null;
  try {
    counted = count(JSON.parse(fs.readFileSync(reportFile, "utf8")));
  } catch {
    counted = null;
  }
  if (counted) {
    totals.passed += counted.passed;
    totals.failed += counted.failed;
    totals.skipped += counted.skipped;
  }
  if (result.status !== 0 || !counted) failures.push(name);
}

// The production build, once, before the suites that start the app: the integration suite's
// shutdown and cluster tests, then the end-to-end suite and `npm run faults` (.ci/run). Each of
// them starts the app through scripts/start.ts, which builds only when the sources are newer than
// `.next` (and one at a time: a lock beside it), so all of them use this one build. Without
// `next build`'s own type check, as the end-to-end suite's start builds (playwright.config.ts):
// `npm run typecheck` is the one type check. A build that fails is a failure of the run; the
// suites then try to build again and report it themselves.
function buildApp(): void {
  console.log("\n=== build ===");
  const tsx = path.join("node_modules", ".bin", "tsx");
  const env = { ...process.env, WARDWATCH_BUILD_TYPECHECK: process.env.WARDWATCH_BUILD_TYPECHECK ?? "0" };
  const result = timed("build", () => spawnSync(tsx, ["scripts/start.ts", "--build-only"], { stdio: "inherit", env }));
  if (result.status !== 0) failures.push("build");
}

type VitestReport = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
const vitestTotals = (r: unknown): Totals => {
  const v = r as VitestReport;
  return { passed: v.numPassedTests, failed: v.numFailedTests, skipped: v.numPendingTests + v.numTodoTests };
};
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
const playwrightTotals = (r: unknown): Totals => {
  const s = (r as PlaywrightReport).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
};

// Unit and integration tests run in a shuffled order, so a test that only passes after another one
// fails here: unit tests are shuffled within their files too; integration files are shuffled
// among themselves, each on its own database, while the tests inside one run in the order written
// (several are one scenario told step by step: accounts created, then signed in, then changed).
// The seed is printed: TEST_SEED=<n> npm test replays it.
const seed = /^\d+$/.test(process.env.TEST_SEED ?? "") ? Number(process.env.TEST_SEED) : Math.floor(Math.random() * 1_000_000);
console.log(`[test] Thứ tự ngẫu nhiên, seed ${seed} (chạy lại đúng thứ tự này: TEST_SEED=${seed} npm test)`);

const vitest = path.join("node_modules", ".bin", "vitest");
for (const project of ["unit", "integration"]) {
  if (project === "integration") buildApp();
  if (project === "integration" && !process.env.TEST_DATABASE_URL) {
    console.log(
      "\n[test] TEST_DATABASE_URL chưa đặt: bỏ qua các bộ kiểm thử trên PostgreSQL thật (chỉ chạy trên cơ sở dữ liệu nhúng).\n" +
        "       Đặt ví dụ TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres để chạy cả hai.",
    );
  }
  const report = path.join(reportDir, `${project}.json`);
  const shuffle = project === "unit" ? ["--sequence.shuffle"] : ["--sequence.shuffle.files", "--no-sequence.shuffle.tests"];
  run(project, vitest, ["run", "--project", project, ...shuffle, `--sequence.seed=${seed}`, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], report, vitestTotals);
}

const browser = chromiumPath();
if (!browser) {
  console.error(
    "\n[test] Không tìm thấy Chromium cho kiểm thử đầu-cuối.\n" +
      "       Trên Debian/Ubuntu: sudo apt-get install -y chromium   (cho /usr/bin/chromium)\n" +
      "       hoặc đặt CHROMIUM_PATH tới tệp chạy Chromium/Chrome. (`npx playwright install` không dùng được khi không có mạng.)",
  );
  failures.push("e2e (không có Chromium)");
} else {
  const report = path.join(reportDir, "e2e.json");
  run("e2e", path.join("node_modules", ".bin", "playwright"), ["test"], report, playwrightTotals);
}

console.log(`\n[test] Thời gian: ${phases.join(", ")}.`);
console.log(`[test] ${failures.length ? `Thất bại: ${failures.join(", ")} (seed ${seed})` : "Tất cả các bộ kiểm thử đều đạt."}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
