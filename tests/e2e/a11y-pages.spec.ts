import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { appRoutes } from "./app-routes";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// Axe on every page (issue 16, item 6): most pages are checked by the spec of their feature; this
// one checks the pages none of them opens, at a laptop's and a phone's width, and fails when a page
// is added to app/ without an axe check anywhere (the list below names the spec that has it).

/** Pages whose feature spec runs axe on them: the spec must open the path and call the axe helper. */
const CHECKED_ELSEWHERE: Record<string, { spec: string; path: string }> = {
  "/": { spec: "overview.spec.ts", path: "/" },
  "/login": { spec: "accounts.spec.ts", path: "/login" },
  "/setup": { spec: "accounts.spec.ts", path: "/setup" },
  "/account/notifications": { spec: "jobs-notifications.spec.ts", path: "Cách nhận thông báo" },
  "/admin/alert-settings": { spec: "alerts.spec.ts", path: "/admin/alert-settings" },
  "/admin/dispatch-template": { spec: "dispatch.spec.ts", path: "/admin/dispatch-template" },
  "/admin/imports": { spec: "imports.spec.ts", path: "/admin/imports" },
  "/admin/jobs": { spec: "jobs-notifications.spec.ts", path: "/admin/jobs" },
  "/admin/policy-phases": { spec: "policy-phases.spec.ts", path: "/admin/policy-phases" },
  "/admin/settings": { spec: "alerts.spec.ts", path: "/admin/settings" },
  "/admin/targets": { spec: "targets.spec.ts", path: "/admin/targets" },
  "/admin/units": { spec: "units.spec.ts", path: "/admin/units" },
  "/admin/units/code-list": { spec: "units.spec.ts", path: "/admin/units/code-list" },
  "/admin/users": { spec: "accounts.spec.ts", path: "/admin/users" },
  "/admin/users/bulk": { spec: "onboarding.spec.ts", path: "/admin/users/bulk" },
  "/alerts": { spec: "alerts.spec.ts", path: "/alerts" },
  "/city": { spec: "dashboard.spec.ts", path: "/city" },
  "/country": { spec: "country.spec.ts", path: "/country" },
  "/provinces/[code]": { spec: "country.spec.ts", path: "/provinces/" },
  "/entry": { spec: "report.spec.ts", path: "/entry" },
  "/exports": { spec: "exports.spec.ts", path: "/exports" },
  "/notifications": { spec: "jobs-notifications.spec.ts", path: "/notifications" },
  "/reports": { spec: "alerts.spec.ts", path: "/reports" },
  "/wards/[code]": { spec: "ward-venues.spec.ts", path: "/wards/" },
};

/** The pages this spec checks (the import's page gets the id of an import it makes). */
const CHECKED_HERE = ["/account", "/account/password", "/admin/audit", "/admin/sign-in-blocks", "/admin/imports/[id]", "/unsubscribe"];

const SIZES = [
  { width: 1366, height: 900 },
  { width: 360, height: 740 },
];

async function checkAtBothSizes(page: Page, url: string, heading: string | RegExp): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  }
}

test("every page of app/ is checked with axe in some spec", () => {
  const pages = appRoutes()
    .filter((r) => r.kind === "page" && r.pattern !== "/bench-floor")
    .map((r) => r.pattern);
  expect(pages.filter((p) => !CHECKED_HERE.includes(p) && !CHECKED_ELSEWHERE[p])).toEqual([]);
  for (const [pattern, { spec, path: opened }] of Object.entries(CHECKED_ELSEWHERE)) {
    const source = fs.readFileSync(path.join("tests", "e2e", spec), "utf8");
    expect(source.includes("expectNoSeriousA11yViolations(page)") && source.includes(opened), `${pattern}: ${spec} runs axe on it`).toBe(true);
  }
});

test("the account pages, as a district official, pass axe", async ({ page }) => {
  await signIn(page, ACCOUNTS.official, "/account");
  await checkAtBothSizes(page, "/account", "Tài khoản");
  await checkAtBothSizes(page, "/account/password", "Đổi mật khẩu");
});

test("the admin's audit log, sign-in blocks and an import's page pass axe", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ACCOUNTS.admin, "/admin/audit");
  await checkAtBothSizes(page, "/admin/audit", "Nhật ký thay đổi");
  await checkAtBothSizes(page, "/admin/sign-in-blocks", "Chặn đăng nhập");

  // A file without the columns of its kind: the import fails and writes nothing, and has a page.
  await page.goto("/admin/imports");
  await page.getByLabel("Loại tệp").selectOption({ label: "Nhật ký quét mã QR" });
  await page.getByLabel(/Tệp CSV/).setInputFiles({ name: "khong-dung-cot.csv", mimeType: "text/csv", buffer: Buffer.from("cot_la\n1\n") });
  await page.getByRole("button", { name: "Nạp tệp" }).click();
  await expect(page.getByTestId("import-result")).toHaveAttribute("data-status", "FAILED", { timeout: 60_000 });
  await page.goto("/admin/imports");
  const href = await page.getByTestId("import-list").locator('a[href^="/admin/imports/"]').first().getAttribute("href");
  expect(href).toMatch(/^\/admin\/imports\/\d+$/);
  await checkAtBothSizes(page, href ?? "", /^Lần nhập #\d+/);
});

test("the unsubscribe link's page, signed out, passes axe", async ({ page }) => {
  await checkAtBothSizes(page, "/unsubscribe?token=e2e-token", "Ngừng nhận thư điện tử");
  await expect(page.getByRole("button", { name: "Ngừng nhận thư điện tử" })).toBeVisible();
});
