// `npm run screenshots`: full-page screenshots of every page, for each role, at a laptop's
// 1366×900 and a phone's 360×740, in the system's Chromium (issue 16, "done when").
//
// Starts the app the way the end-to-end tests do (`npx tsx scripts/start.ts`: build, a fresh
// embedded database in its own folder, the demo data) on SCREENSHOTS_PORT (default 3399), signs in
// as each role (admin, district official, city official, ward chair; the city official is created
// by the admin through the user form, as no demo account has that role), opens every page listed
// in app/ (tests/e2e/app-routes.ts) and saves screenshots/<role>/<width>x<height>/<page>.png; a
// page the role may not open (403) is listed in screenshots/index.txt instead. The sign-in and
// setup pages are shot signed out (screenshots/signed-out/…; the demo has an admin, so /setup shows
// why its link no longer works). An import's page needs an import: the admin uploads a file
// without the columns of its kind (it fails and writes nothing) and its page is shot; a page whose
// address cannot be filled is listed with the reason, never opened at a made-up address. The
// folder is git-ignored. SCREENSHOTS_ONLY=alerts,reports limits the pages (by name) for a quick look.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { appRoutes } from "../tests/e2e/app-routes.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../tests/setup/chromium.ts";

const port = Number(process.env.SCREENSHOTS_PORT ?? 3399);
const base = `http://127.0.0.1:${port}`;
const outDir = path.resolve("screenshots");
const dataDir = path.join(".test-data", `screenshots-${process.pid}`);
const SIZES = [
  { width: 1366, height: 900 },
  { width: 360, height: 740 },
] as const;
/** Every wait has a deadline: the first start builds the app (minutes on a busy machine). */
const START_DEADLINE_MS = 15 * 60_000;
const PAGE_DEADLINE_MS = 90_000;

type Account = { role: string; username: string; password: string };
const CITY_OFFICIAL: Account = { role: "city-official", username: "thanhpho.anh", password: "ThanhPhoHaNoi@2021" };
const ACCOUNTS: Account[] = [
  { role: "admin", username: "admin", password: "WardWatch@2021" },
  { role: "district-official", username: "quan.hoankiem", password: "QuanHoanKiem@2021" },
  CITY_OFFICIAL,
  { role: "ward-chair", username: "phuong.phuctan", password: "PhuongHK@2021" },
];

/** Pages shot signed out; every other page is shot as each role. */
const SIGNED_OUT = ["/login", "/setup"];

/** A page to shoot, or one whose address could not be filled (with why). */
type PageToShoot = { name: string; path: string } | { name: string; path: null; reason: string };

/** SCREENSHOTS_ONLY's page names; undefined: every page. */
const only = process.env.SCREENSHOTS_ONLY?.split(",").map((s) => s.trim());

/**
 * The pages to open: every app/**\/page.tsx, dynamic segments filled with a real value of the demo
 * (by the page's pattern: a ward's code is not a province's), or left out with the reason.
 */
function pages(fill: Record<string, string | { reason: string }>): PageToShoot[] {
  return appRoutes()
    .filter((r) => r.kind === "page")
    .map((r): PageToShoot => {
      const name = r.pattern === "/" ? "overview" : r.pattern.slice(1).replace(/[[\]]/g, "").replace(/\//g, "_");
      if (!r.segments.some((s) => s.kind !== "static")) return { name, path: r.pattern };
      const value = fill[r.pattern];
      if (value === undefined) return { name, path: null, reason: `không có giá trị mẫu cho ${r.pattern}` };
      if (typeof value !== "string") return { name, path: null, reason: value.reason };
      // one dynamic segment per page in app/ today; each gets the page's value
      return { name, path: `/${r.segments.map((s) => (s.kind === "static" ? s.text : value)).join("/")}` };
    })
    .filter((p) => !only || only.includes(p.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function waitForHealth(): Promise<void> {
  const until = Date.now() + START_DEADLINE_MS;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`the app did not answer on ${base} within ${START_DEADLINE_MS / 60_000} minutes`);
}

async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto(`${base}/login`, { timeout: PAGE_DEADLINE_MS });
  await page.getByLabel("Tên đăng nhập").fill(account.username);
  await page.getByLabel("Mật khẩu").fill(account.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByTestId("user-menu").waitFor({ timeout: PAGE_DEADLINE_MS });
}

/** The admin creates the city official (Hà Nội) through the user form, as a person would. */
async function createCityOfficial(browser: Browser): Promise<void> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  try {
    await signIn(page, ACCOUNTS[0] as Account);
    await page.goto(`${base}/admin/users`, { timeout: PAGE_DEADLINE_MS });
    const form = page.getByRole("form", { name: "Tạo tài khoản" });
    // the unit field follows the role once the (large) page is interactive
    const until = Date.now() + PAGE_DEADLINE_MS;
    for (;;) {
      await form.getByLabel("Vai trò").selectOption({ label: "Cán bộ thành phố" });
      if (await form.getByLabel("Tỉnh, thành phố").isVisible()) break;
      if (Date.now() > until) throw new Error("the user form did not become interactive");
      await page.waitForTimeout(1_000);
    }
    await form.getByLabel("Tỉnh, thành phố").selectOption({ label: "Thành phố Hà Nội" });
    await form.getByLabel("Tên đăng nhập").fill(CITY_OFFICIAL.username);
    await form.getByLabel("Họ tên").fill("Cán bộ Sở TT&TT Hà Nội");
    await form.getByLabel(/Mật khẩu ban đầu/).fill(CITY_OFFICIAL.password);
    await form.getByLabel("Bắt buộc người dùng đổi mật khẩu này ở lần đăng nhập tới").uncheck();
    await form.getByRole("button", { name: "Tạo tài khoản" }).click();
    await form.getByText(`Đã tạo tài khoản ${CITY_OFFICIAL.username}.`).waitFor({ timeout: PAGE_DEADLINE_MS });
  } finally {
    await context.close();
  }
}

/**
 * The admin uploads a scan log without its columns: the import fails, writes nothing and has a page
 * (/admin/imports/ID), as in tests/e2e/a11y-pages.spec.ts. Its id, or why there is none.
 */
async function createFailedImport(browser: Browser): Promise<string | { reason: string }> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  try {
    await signIn(page, ACCOUNTS[0] as Account);
    await page.goto(`${base}/admin/imports`, { timeout: PAGE_DEADLINE_MS });
    await page.getByLabel("Loại tệp").selectOption({ label: "Nhật ký quét mã QR" });
    await page.getByLabel(/Tệp CSV/).setInputFiles({ name: "khong-dung-cot.csv", mimeType: "text/csv", buffer: Buffer.from("cot_la\n1\n") });
    await page.getByRole("button", { name: "Nạp tệp" }).click();
    await page.locator('[data-testid="import-result"][data-status="FAILED"]').waitFor({ timeout: PAGE_DEADLINE_MS });
    await page.goto(`${base}/admin/imports`, { timeout: PAGE_DEADLINE_MS });
    const href = await page.getByTestId("import-list").locator('a[href^="/admin/imports/"]').first().getAttribute("href", { timeout: PAGE_DEADLINE_MS });
    const id = /^\/admin\/imports\/(\d+)$/.exec(href ?? "")?.[1];
    return id ?? { reason: `không đọc được mã lần nhập từ ${href ?? "danh sách"}` };
  } catch (err) {
    return { reason: `không tạo được lần nhập mẫu: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}` };
  } finally {
    await context.close();
  }
}

/** Shoots `list` at both sizes as `account`, or signed out (null: saved under signed-out/). */
async function shoot(browser: Browser, account: Account | null, list: PageToShoot[], index: string[]): Promise<number> {
  let saved = 0;
  const role = account?.role ?? "signed-out";
  for (const size of SIZES) {
    const context = await browser.newContext({ viewport: size, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const page = await context.newPage();
    try {
      if (account) await signIn(page, account);
      const dir = path.join(outDir, role, `${size.width}x${size.height}`);
      fs.mkdirSync(dir, { recursive: true });
      for (const p of list) {
        if (p.path === null) {
          index.push(`${role}\t${size.width}x${size.height}\t${p.name}\t— (không chụp: ${p.reason})`);
          continue;
        }
        const res = await page.goto(`${base}${p.path}`, { timeout: PAGE_DEADLINE_MS, waitUntil: "load" });
        const status = res?.status() ?? 0;
        if (status === 403 || status === 404) {
          index.push(`${role}\t${size.width}x${size.height}\t${p.path}\t${status} (không chụp)`);
          continue;
        }
        const file = path.join(dir, `${p.name}.png`);
        await page.screenshot({ path: file, fullPage: true, timeout: PAGE_DEADLINE_MS });
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        index.push(`${role}\t${size.width}x${size.height}\t${p.path}\t${status}\t${path.relative(outDir, file)}\t${height} px`);
        saved++;
      }
    } finally {
      await context.close();
    }
  }
  return saved;
}

async function main(): Promise<void> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium not found: install the `chromium` package or set CHROMIUM_PATH");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  console.log(`[screenshots] starting the app on ${base} (data: ${dataDir})…`);
  const server = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), WARDWATCH_DATA_DIR: dataDir, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const stop = () => {
    if (server.pid !== undefined && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  let browser: Browser | null = null;
  try {
    await waitForHealth();
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    await createCityOfficial(browser);
    // an import is made only when its page is asked for
    const importId = !only || only.includes("admin_imports_id") ? await createFailedImport(browser) : { reason: "SCREENSHOTS_ONLY" };
    const all = pages({ "/wards/[code]": "00037", "/provinces/[code]": "01", "/admin/imports/[id]": importId });
    const signedOut = all.filter((p) => p.path !== null && SIGNED_OUT.includes(p.path));
    const list = all.filter((p) => !signedOut.includes(p));
    const index: string[] = [];
    let total = await shoot(browser, null, signedOut, index);
    console.log(`[screenshots] signed-out: ${total} ảnh`);
    for (const account of ACCOUNTS) {
      const saved = await shoot(browser, account, list, index);
      console.log(`[screenshots] ${account.role}: ${saved} ảnh`);
      total += saved;
    }
    fs.writeFileSync(path.join(outDir, "index.txt"), `${["vai trò\tkích thước\ttrang\tHTTP\ttệp\tchiều cao", ...index].join("\n")}\n`);
    console.log(`[screenshots] ${total} ảnh trong ${path.relative(process.cwd(), outDir)}/ (danh sách: screenshots/index.txt)`);
  } finally {
    await browser?.close();
    const exited = new Promise<void>((resolve) => {
      if (server.exitCode !== null) resolve();
      else server.once("exit", () => resolve());
    });
    stop();
    // the server closes its database on SIGTERM (25 s for requests in flight); then its folder goes
    await Promise.race([exited, new Promise((r) => setTimeout(r, 40_000))]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error("[screenshots]", err instanceof Error ? err.message : err);
  process.exit(1);
});
