import { expect, test, type Browser } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// An admin sets a ward's own coverage target; the ward page measures against it; clearing it brings
// back the city's default (60 %). The specs share one demo database: whatever the test did or failed
// to do, afterEach leaves Tràng Tiền without a target of its own.

const TRANG_TIEN_COVERAGE = "Tỷ lệ cài đặt (%) của Phường Tràng Tiền";
const SAVE_TRANG_TIEN = "Lưu mục tiêu của Phường Tràng Tiền";

/** Clears Tràng Tiền's own coverage target if one is set, in a session of its own. */
async function clearTrangTienTarget(browser: Browser): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, ACCOUNTS.admin, "/admin/targets?district=002");
    await page.goto("/admin/targets?district=002");
    const coverage = page.getByLabel(TRANG_TIEN_COVERAGE);
    if ((await coverage.inputValue()) === "") return;
    await coverage.fill("");
    await page.getByTestId("targets-00079").getByRole("button", { name: SAVE_TRANG_TIEN }).click();
    await expect(page.getByTestId("targets-00079-message")).toHaveText("Đã lưu.");
  } finally {
    await context.close();
  }
}

test.afterEach(async ({ browser }) => clearTrangTienTarget(browser));

test("an admin sets a ward's own target, sees it on the ward page, then clears it", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin, "/admin/targets");
  await page.goto("/admin/targets?district=002");
  await expect(page.getByRole("heading", { level: 1, name: "Mục tiêu" })).toBeVisible();
  await expect(page.getByLabel("Tỷ lệ cài đặt (%) của Thành phố Hà Nội")).toHaveValue("60");
  await expectNoSeriousA11yViolations(page);

  const trangTien = page.getByTestId("targets-00079");
  const coverage = page.getByLabel(TRANG_TIEN_COVERAGE);
  await expect(coverage).toHaveValue("");
  await coverage.fill("bảy mươi");
  await trangTien.getByRole("button", { name: SAVE_TRANG_TIEN }).click();
  await expect(trangTien).toContainText("Nhập tỷ lệ phần trăm từ 0 đến 100");

  await coverage.fill("70");
  await trangTien.getByRole("button", { name: SAVE_TRANG_TIEN }).click();
  await expect(page.getByTestId("targets-00079-message")).toHaveText("Đã lưu.");
  await page.goto("/wards/00079?day=2021-08-17");
  await expect(page.getByTestId("ward-target-gap")).toContainText("mục tiêu cài đặt 70,00%");

  await page.goto("/admin/targets?district=002");
  await page.getByLabel(TRANG_TIEN_COVERAGE).fill("");
  await page.getByTestId("targets-00079").getByRole("button", { name: SAVE_TRANG_TIEN }).click();
  await expect(page.getByTestId("targets-00079-message")).toHaveText("Đã lưu.");
  await page.goto("/wards/00079?day=2021-08-17");
  await expect(page.getByTestId("ward-target-gap")).toContainText("mục tiêu cài đặt 60,00%");
});

test("targets are for admins only", async ({ page }) => {
  await signIn(page, ACCOUNTS.official);
  expect((await page.goto("/admin/targets"))?.status()).toBe(403);
});
