import { defineConfig, type Project } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM_ARGS, chromiumPath } from "./tests/setup/chromium";

// The e2e suite starts the real app the way a user does (`scripts/start.ts`: migrate, seed the
// demo, build if needed, `next start`) on its own port and a fresh embedded data folder.
const port = Number(process.env.E2E_PORT ?? 3123);
const dataDir = path.join(".test-data", `e2e-${process.pid}`);

// E2E_ORDER=reverse runs the spec files last to first against the one server and database, to show
// that no spec needs what an earlier one did or left behind: one project per spec, and one worker
// runs the projects in the order they are listed.
function projects(): Project[] {
  const chromium = { browserName: "chromium" as const };
  if (process.env.E2E_ORDER !== "reverse") return [{ name: "chromium", use: chromium }];
  const specs = fs
    .readdirSync(path.join(__dirname, "tests", "e2e"))
    .filter((file) => file.endsWith(".spec.ts"))
    .sort()
    .reverse();
  return specs.map((spec) => ({ name: spec, testMatch: spec, use: chromium }));
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: ".test-data/reports/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    launchOptions: { executablePath: chromiumPath() ?? undefined, args: CHROMIUM_ARGS },
  },
  projects: projects(),
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000, // the first start builds the app: minutes on a busy 2-core machine
    reuseExistingServer: false,
    stdout: "pipe",
    // WARDWATCH_BUILD_TYPECHECK=0: when the start builds, it skips `next build`'s own type check
    // (next.config.js): `npm run typecheck` does it (CI runs it before the tests), and the suite
    // tests the running app, not its types.
    env: { PORT: String(port), WARDWATCH_DATA_DIR: dataDir, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", WARDWATCH_BUILD_TYPECHECK: "0" },
  },
});
