import { spawn } from "node:child_process";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import {
  BA_DINH,
  expectedCoverageRanks,
  OFFICIAL_USERNAME,
  ONBOARDING_DAY,
  onboardingFiles,
  TRUC_BACH,
  type OnboardingFile,
} from "../factories/onboarding-files";
import { expectNoSeriousA11yViolations } from "./helpers";
import { forgetSession, openSignInForm, vnDate } from "./auth-helpers";
import { startOnboardingServer, type OnboardingDatabase, type OnboardingServer } from "./onboarding-server";

// Onboarding a city, in Chromium against a server of its own, once on each database: the app
// started with WARDWATCH_SEED_DEMO=0 (no demo, no account; the start says how to create the first
// admin). On a fresh PostgreSQL database the admin is created with `npm run admin:create` (password
// piped) while the server runs; on a fresh embedded database the running server holds the folder,
// so admin:create is refused (nothing written) and the admin is created through the start's
// one-time link (/setup). The admin signs in, creates Ba Đình's official and 14 chairs from a CSV
// file at /admin/users/bulk, imports install statistics, a venue register and a scan log at
// /admin/imports, and sees `/?district=001` rank Ba Đình's 14 wards. Then Ba Đình's official signs
// in with the initial password, is held at /account/password until it is changed, and lands on Ba
// Đình's overview.
//
// The embedded run always runs; the PostgreSQL run needs TEST_DATABASE_URL (an admin connection to
// a PostgreSQL server; `.ci/run` sets it), where its database is created and dropped. The main
// suite's server (playwright.config.ts) is not used.

const ADMIN = { username: "quantri.hanoi", displayName: "Quản trị Hà Nội", password: "Mat-khau-quan-tri-2021" };
const OFFICIAL_NEW_PASSWORD = "Ba-Dinh-mat-khau-moi-2021";
const files = onboardingFiles(ONBOARDING_DAY);
const wardName = new Map(files.wards.map((w) => [w.code, w.name]));

test.describe.configure({ mode: "serial" });

let server: OnboardingServer | undefined;

function requireServer(): OnboardingServer {
  if (!server) throw new Error("the onboarding server did not start");
  return server;
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: requireServer().url, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
}

const csvUpload = (file: OnboardingFile) => ({ name: file.name, mimeType: "text/csv", buffer: Buffer.from(file.text, "utf8") });

type Run = { code: number | null; stdout: string; stderr: string };

/** `npm run admin:create -- ARGS` on the server's shell, the password piped on stdin. */
function adminCreate(args: string[], password: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "admin:create", "--", ...args], {
      env: { ...process.env, DATABASE_URL: requireServer().databaseUrl, WARDWATCH_DATA_DIR: requireServer().dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(`${password}\n`);
  });
}

async function signInWith(page: Page, username: string, password: string): Promise<void> {
  await openSignInForm(page, "/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

async function importFile(page: Page, kind: "INSTALL_STATS" | "VENUE_REGISTER" | "QR_SCAN_LOG", file: OnboardingFile, rows: number): Promise<void> {
  await page.goto("/admin/imports");
  await page.getByLabel("Loại tệp").selectOption(kind);
  await page.getByLabel(/Tệp CSV/).setInputFiles(csvUpload(file));
  await page.getByRole("button", { name: "Nạp tệp" }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result, (await result.textContent()) ?? "").toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByTestId("import-result-rows")).toHaveText(rows.toLocaleString("vi-VN"));
}

/** The ward ranking of the overview: 14 rows, ranks 1…14 in order, the wards in the order computed without the app. */
async function expectBaDinhRanked(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Quận Ba Đình" })).toBeVisible();
  await expect(page.getByText(`Tổng quan ngày ${vnDate(ONBOARDING_DAY)}`)).toBeVisible();
  const rows = page.getByTestId("ward-ranking").locator("tbody tr");
  await expect(rows).toHaveCount(14);
  const ranks = (await rows.locator("td:first-child").allTextContents()).map((t) => Number(t.trim()));
  expect(ranks).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  const expected = [...expectedCoverageRanks(files.installs)].sort((a, b) => a[1] - b[1]).map(([code]) => wardName.get(code) ?? code);
  for (const [i, name] of expected.entries()) await expect(rows.nth(i)).toContainText(name);
}

const DATABASES: OnboardingDatabase[] = ["embedded", "postgres"];

for (const database of DATABASES) {
  test.describe(`on the ${database === "embedded" ? "embedded database" : "PostgreSQL server"}`, () => {
    test.skip(database === "postgres" && !process.env.TEST_DATABASE_URL, "TEST_DATABASE_URL chưa đặt: bỏ qua lần chạy trên PostgreSQL thật");

    test.beforeAll(async () => {
      // the first run may build the app (minutes on a busy 2-core machine)
      test.setTimeout(15 * 60_000);
      server = await startOnboardingServer({ database });
    });

    test.afterAll(async () => {
      test.setTimeout(60_000);
      await server?.stop();
      server = undefined;
    });

    test("a city starts without the demo: first admin (from the shell, or the one-time link on the embedded database), Ba Đình's accounts and files, its wards ranked; the official's first sign-in", async ({
      browser,
    }) => {
      test.setTimeout(6 * 60_000);
      const srv = requireServer();
      const admin = await newContext(browser);
      const page = await admin.newPage();

      await test.step("the start loads no demo, creates no account, and says how to create the first admin", async () => {
        const log = srv.log();
        expect(log).toContain("Chưa có quản trị viên nào");
        expect(log).toContain("npm run admin:create -- TÊN_ĐĂNG_NHẬP");
        expect(log).not.toContain("đang nạp dữ liệu mẫu");
        // the demo's admin does not exist
        await signInWith(page, "admin", "WardWatch@2021");
        await expect(page.getByText("Tên đăng nhập hoặc mật khẩu không đúng.")).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      });

      if (srv.database === "postgres") {
        await test.step("npm run admin:create, the password piped on stdin", async () => {
          const run = await adminCreate([ADMIN.username, "--name", ADMIN.displayName], ADMIN.password);
          expect(run.code, run.stderr).toBe(0);
          expect(run.stdout).toContain(`Đã tạo quản trị viên ${ADMIN.username} trong PostgreSQL`);
        });
      } else {
        await test.step("embedded: admin:create is refused while the server holds the folder; the one-time link creates the admin", async () => {
          expect(srv.log()).toContain("dừng WardWatch (Ctrl+C), chạy npm run admin:create -- TÊN_ĐĂNG_NHẬP, rồi npm start lại");
          const refused = await adminCreate([ADMIN.username, "--name", ADMIN.displayName], ADMIN.password);
          expect(refused.code).toBe(1);
          expect(refused.stderr).toContain("đang được tiến trình");
          expect(refused.stderr).toContain("Không có gì bị ghi.");

          const token = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(srv.log())?.[1];
          expect(token, "the start prints a one-time setup link").toBeTruthy();
          await page.goto(`/setup?token=${token}`);
          await expect(page.getByRole("heading", { name: "Thiết lập lần đầu" })).toBeVisible();
          await expectNoSeriousA11yViolations(page);
          await page.getByLabel("Tên đăng nhập").fill(ADMIN.username);
          await page.getByLabel("Họ tên").fill(ADMIN.displayName);
          await page.getByLabel("Mật khẩu", { exact: true }).fill(ADMIN.password);
          await page.getByLabel("Nhập lại mật khẩu", { exact: true }).fill(ADMIN.password);
          await page.getByRole("button", { name: "Tạo quản trị viên" }).click();
          // created and signed in: the form takes the admin to the accounts page
          await expect(page).toHaveURL(/\/admin\/users$/, { timeout: 30_000 });
          await expect(page.getByTestId("user-menu")).toBeVisible();
          // the link is spent
          await page.goto(`/setup?token=${token}`);
          await expect(page.getByTestId("setup-refused")).toBeVisible();
          await forgetSession(page);
        });
      }

      await test.step("the admin signs in", async () => {
        await signInWith(page, ADMIN.username, ADMIN.password);
        await expect(page.getByTestId("user-menu")).toBeVisible();
      });

      let initialPassword = "";
      await test.step("Ba Đình's official and 14 chairs from a CSV file: check, preview, create, initial passwords", async () => {
        await page.goto("/admin/users/bulk");
        await expect(page.getByRole("heading", { name: "Tạo tài khoản hàng loạt" })).toBeVisible();
        await page.getByLabel("Tệp CSV tài khoản").setInputFiles(csvUpload(files.accountsCsv));
        await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
        const preview = page.getByTestId("bulk-preview");
        await expect(preview).toContainText("Quận Ba Đình");
        await expect(page.getByRole("heading", { name: /Xem trước: 15 tài khoản \(1 cán bộ quận, 14 chủ tịch UBND\s+phường\)/ })).toBeVisible();
        for (const w of files.wards) await expect(preview).toContainText(w.name);
        await expectNoSeriousA11yViolations(page);

        await page.getByRole("button", { name: "Tạo 15 tài khoản" }).click();
        await expect(page.getByTestId("bulk-created")).toContainText("Đã tạo 15 tài khoản");
        initialPassword = ((await page.getByTestId(`created-${OFFICIAL_USERNAME}`).getByTestId("initial-password").textContent()) ?? "").trim();
        expect(initialPassword).toMatch(/^\S{4}-\S{4}-\S{4}$/);
        await expectNoSeriousA11yViolations(page);
      });

      await test.step("a venue register, install statistics and a scan log at /admin/imports", async () => {
        await importFile(page, "VENUE_REGISTER", files.venueRegister, files.venues.length);
        await importFile(page, "INSTALL_STATS", files.installStats, files.installs.length);
        await importFile(page, "QR_SCAN_LOG", files.scanLog, files.scans.length);
        await expect(page.getByTestId("import-result")).toContainText(vnDate(ONBOARDING_DAY));
        await expect(page.getByTestId("import-result-scope")).toHaveText(
          `Thay số liệu quét của 1 quận × 1 ngày (${vnDate(ONBOARDING_DAY)}); giữ nguyên 29 quận, huyện.`,
        );
        await expectNoSeriousA11yViolations(page);
      });

      await test.step("/?district=001 ranks Ba Đình's 14 wards; Trúc Bạch has 0 scans; the city counts Ba Đình alone", async () => {
        const response = await page.goto(`/?district=${BA_DINH}`);
        expect(response?.status()).toBe(200);
        await expectBaDinhRanked(page);
        await expect(page.getByTestId("partial-day")).toHaveCount(0);
        await expect(page.getByTestId("kpi-installs")).toContainText("tổng 14/14 phường");
        await expect(page.getByTestId("kpi-zero-scan-wards")).toContainText(wardName.get(TRUC_BACH) ?? TRUC_BACH);
        await expect(page.getByTestId("city-coverage-line")).toContainText("1/30 quận, huyện");
        await expectNoSeriousA11yViolations(page);
      });
      await admin.close();

      await test.step("Ba Đình's official: the initial password leads only to /account/password; changed, the Ba Đình overview", async () => {
        const context = await newContext(browser);
        const official = await context.newPage();
        await signInWith(official, OFFICIAL_USERNAME, initialPassword);
        await expect(official).toHaveURL(/\/account\/password$/);
        await expect(official.getByTestId("must-change-password")).toBeVisible();
        await official.goto("/");
        await expect(official).toHaveURL(/\/account\/password$/);
        await expectNoSeriousA11yViolations(official);

        await official.getByLabel("Mật khẩu hiện tại").fill(initialPassword);
        await official.getByLabel("Mật khẩu mới", { exact: true }).fill(OFFICIAL_NEW_PASSWORD);
        await official.getByLabel("Nhập lại mật khẩu mới").fill(OFFICIAL_NEW_PASSWORD);
        await official.getByRole("button", { name: "Đổi mật khẩu" }).click();
        await expect(official.getByTestId("user-menu")).toBeVisible();
        await expect(official).toHaveURL(/\/$/);
        await expectBaDinhRanked(official);
        await expectNoSeriousA11yViolations(official);
        await context.close();
      });
    });
  });
}
