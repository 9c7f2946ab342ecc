import { expect, test, type Page } from "@playwright/test";
import { appRoutes, fillRoute } from "./app-routes";
import { ACCOUNTS, signIn } from "./auth-helpers";

// The per-request CSP nonce (proxy.ts, lib/server/csp.ts) in Chromium: every page, read from
// app/**/page.tsx at test time, opened as the admin and as a ward chair, shows no CSP violation
// (neither a `securitypolicyviolation` event nor a console report) and is hydrated (React owns the
// header's client components); a client-side navigation works; an injected inline script is blocked.

/** The demo's real values for dynamic segments (Phường Hàng Mã, Quận Hoàn Kiếm). */
const DEMO_PARAMS: Record<string, string> = { code: "00043" };

declare global {
  interface Window {
    __cspViolations?: string[];
    __softNavigationMarker?: number;
  }
}

/** Collects CSP violations from the page's own event and from Chromium's console reports. */
async function watchCsp(page: Page): Promise<string[]> {
  const reports: string[] = [];
  page.on("console", (msg) => {
    if (/content security policy/i.test(msg.text())) reports.push(`console: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window.__cspViolations ??= []).push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return reports;
}

async function violations(page: Page, consoleReports: string[]): Promise<string[]> {
  const fromEvents = await page.evaluate(() => window.__cspViolations ?? []);
  return [...fromEvents, ...consoleReports.splice(0)];
}

/** React attaches its fiber to the DOM nodes it hydrates: the header's sign-out button is a client component. */
async function expectHydrated(page: Page, url: string): Promise<void> {
  const button = page.getByTestId("user-menu").getByRole("button");
  await expect
    .poll(() => button.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber$"))), { message: `${url} hydrated`, timeout: 15_000 })
    .toBe(true);
}

async function pageUrls(page: Page): Promise<string[]> {
  // An import's page needs a real id: the newest in the admin's list, if the demo has one.
  await page.goto("/admin/imports");
  const href = await page.locator('a[href^="/admin/imports/"]').first().getAttribute("href", { timeout: 2_000 }).catch(() => null);
  const importId = href?.split("/")[3] ?? "0";
  const urls = appRoutes()
    .filter((r) => r.kind === "page")
    .map((route) => fillRoute(route, (s) => (s.name === "id" ? importId : (DEMO_PARAMS[s.name] ?? "x"))));
  return [...urls, "/trang-khong-ton-tai"]; // and the not-found page
}

for (const [label, account] of [
  ["the admin", ACCOUNTS.admin],
  ["a ward chair", ACCOUNTS.hangMa],
] as const) {
  test(`every page opened by ${label}: no CSP violation, hydrated`, async ({ page }) => {
    test.setTimeout(240_000);
    const consoleReports = await watchCsp(page);
    await signIn(page, account, "/account/password"); // a light page: the dashboard is slow under load
    const urls = await pageUrls(page);
    expect(urls.length).toBeGreaterThanOrEqual(20);
    const found: string[] = [];
    for (const url of urls) {
      const res = await page.goto(url, { waitUntil: "load" });
      expect(res?.status() ?? 0, url).toBeLessThan(500);
      const csp = res?.headers()["content-security-policy"] ?? "";
      expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
      await expectHydrated(page, url);
      found.push(...(await violations(page, consoleReports)).map((v) => `${url}: ${v}`));
    }
    expect(found).toEqual([]);
  });
}

test("a client-side navigation works and an injected inline script is blocked", async ({ page }) => {
  const consoleReports = await watchCsp(page);
  await signIn(page, ACCOUNTS.hangMa, "/account/password");
  await expectHydrated(page, "/account/password");
  // the router's JavaScript runs: the page changes without a full load (the marker survives)
  await page.evaluate(() => (window.__softNavigationMarker = 1));
  await page.getByRole("navigation").first().getByRole("link", { name: "Xuất dữ liệu", exact: true }).click();
  await expect(page).toHaveURL(/\/exports$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => window.__softNavigationMarker)).toBe(1);
  expect(await violations(page, consoleReports)).toEqual([]);

  // An inline script without the nonce, as a stored or reflected injection would put it in the
  // page: the server's answer with one <script> added (its own CSP header kept) does not run it.
  await page.route("**/account/password", async (route) => {
    const original = await route.fetch();
    const html = (await original.text()).replace("</body>", "<script>window.__softNavigationMarker = 2;</script></body>");
    await route.fulfill({ response: original, body: html });
  });
  await page.goto("/account/password");
  await expectHydrated(page, "/account/password");
  expect(await page.evaluate(() => window.__softNavigationMarker)).toBeUndefined();
  await expect.poll(async () => (await violations(page, consoleReports)).join("\n")).toContain("script-src");
});
