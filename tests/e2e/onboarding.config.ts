import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../setup/chromium";

// The onboarding test alone, without the main suite's demo server (playwright.config.ts starts
// one for every run, building `.next` when it is stale). `npm test` runs the same spec through
// playwright.config.ts; this config is for running it by itself:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     npx playwright test -c tests/e2e/onboarding.config.ts
// The spec starts its own server (tests/e2e/onboarding-server.ts) on a free port.

export default defineConfig({
  testDir: ".",
  testMatch: "onboarding.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 6 * 60_000,
  reporter: [["list"]],
  outputDir: "../../test-results/onboarding",
  use: {
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    launchOptions: { executablePath: chromiumPath() ?? undefined, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
