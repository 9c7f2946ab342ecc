import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// Issue 3, point 5: an admin sets a ward's own coverage target; the ward page measures against it;
// clearing it brings back the city's default (60 %), so the demo is as it was for other specs.

test("an admin sets a ward's own target, sees it on the ward page, then clears it", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin, "/admin/targets");
  await page.goto("/admin/targets?district=002");
  await expect(page.getByRole("heading", { level: 1, name: "Mục tiêu" })).toBeVisible();
  await expect(page.getByLabel("Tỷ lệ cài đặt (%) của Thành phố Hà Nội")).toHaveValue("60");
  await expectNoSeriousA11yViolations(page);

  const trangTien = page.getByTestId("targets-00079");
  const coverage = page.getByLabel("Tỷ lệ cài đặt (%) của Phường Tràng Tiền");
  await expect(coverage).toHaveValue("");
  await coverage.fill("bảy mươi");
  await trangTien.getByRole("button", { name: "Lưu mục tiêu của Phường Tràng Tiền" }).click();
  await expect(trangTien).toContainText("Nhập tỷ lệ phần trăm từ 0 đến 100");

  await coverage.fill("70");
  await trangTien.getByRole("button", { name: "Lưu mục tiêu của Phường Tràng Tiền" }).click();
  await expect(page.getByTestId("targets-00079-message")).toHaveText("Đã lưu.");
  await page.goto("/wards/00079?day=2021-08-17");
  await expect(page.getByTestId("ward-target-gap")).toContainText("mục tiêu cài đặt 70,00%");

  await page.goto("/admin/targets?district=002");
  await page.getByLabel("Tỷ lệ cài đặt (%) của Phường Tràng Tiền").fill("");
  await page.getByTestId("targets-00079").getByRole("button", { name: "Lưu mục tiêu của Phường Tràng Tiền" }).click();
  await expect(page.getByTestId("targets-00079-message")).toHaveText("Đã lưu.");
  await page.goto("/wards/00079?day=2021-08-17");
  await expect(page.getByTestId("ward-target-gap")).toContainText("mục tiêu cài đặt 60,00%");
});

test("targets are for admins only", async ({ page }) => {
  await signIn(page, ACCOUNTS.official);
  expect((await page.goto("/admin/targets"))?.status()).toBe(403);
});
