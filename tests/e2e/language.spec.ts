import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// English as the interface's second language (issue 16, part 9). In Chromium: the header's switch
// turns a page into English (menu, headings, numbers 51.14%, dates 15 Aug 2021), the choice
// survives a reload (a cookie), and switching back gives the Vietnamese page exactly as before.
// The switch is a plain form, so it also works with JavaScript off (the sign-in page below).
// Its data is the demo's Hoàn Kiếm reports of 10–15/8/2021, which it only reads.

const RANGE = "/reports?from=2021-08-10&to=2021-08-15";

test("an official switches /reports to English from the header, keeps it after a reload, and switches back", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, ACCOUNTS.official, RANGE);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  const completeness = page.getByTestId("completeness-summary").locator("div").filter({ hasText: /Tỷ lệ đầy đủ|Completeness/ }).locator("dd");
  await expect(completeness).toHaveText(/^\d{1,3},\d\d%$/);

  const toggle = page.getByTestId("language-toggle").filter({ visible: true });
  await expect(toggle.getByRole("button", { name: "Tiếng Việt" })).toHaveAttribute("aria-pressed", "true");
  await toggle.getByRole("button", { name: "English" }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const nav = page.getByRole("navigation", { name: "Main menu" });
  await expect(nav.getByRole("link", { name: "Reporting status" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "My account" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Reporting status" })).toBeVisible();
  await expect(page.getByText("10 Aug 2021 to 15 Aug 2021")).toBeVisible();
  await expect(completeness).toHaveText(/^\d{1,3}\.\d\d%$/);
  // The range view names each ward's chair and phone, as the day view does (issue 16 leftover).
  const table = page.getByTestId("completeness-table");
  await expect(table.getByRole("columnheader", { name: "Ward chair" })).toBeVisible();
  await expect(page.getByTestId("range-ward-00052").getByRole("link", { name: /^09\d\d \d{3} \d{3}/ })).toHaveAttribute("href", /^tel:\+849\d{8}$/);
  await expectNoSeriousA11yViolations(page);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Reporting status" })).toBeVisible();

  await page.getByTestId("language-toggle").filter({ visible: true }).getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: "Tình hình báo cáo" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Chức năng chính" }).getByRole("link", { name: "Tình hình báo cáo" })).toBeVisible();
  await expect(page.getByText("từ 10/08/2021 đến 15/08/2021")).toBeVisible();
  await expect(completeness).toHaveText(/^\d{1,3},\d\d%$/);
  await expectNoSeriousA11yViolations(page);
});

test("the sign-in page switches language without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
    await page.getByTestId("language-toggle").getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Username")).toBeVisible();
    await page.getByTestId("language-toggle").getByRole("button", { name: "Tiếng Việt" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  } finally {
    await context.close();
  }
});
