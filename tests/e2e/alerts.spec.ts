import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// The alert centre on the demo data, in Chromium: the dispatch's finding (Phúc Tân without a QR
// scan on 14/8/2021, its 4th day in a row, so escalated), filters in the URL, acknowledgement with
// a note, and what a ward chair sees. Each test signs in on its own. The acknowledgement (Hàng Bồ,
// 15/8/2021) is the only change, to an alert no other spec reads; acknowledgements are never withdrawn.

const alertOf = (page: Page, rule: string, ward: string) => page.locator(`[data-testid="alert"][data-rule="${rule}"][data-ward="${ward}"]`);

test.describe("alert centre", () => {
  test("lists Phúc Tân with zero scans on 14/8/2021, escalated after 4 days in a row", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, "/alerts?day=2021-08-14");
    await expect(page.getByRole("heading", { level: 1, name: "Cảnh báo" })).toBeVisible();
    const alert = alertOf(page, "ZERO_SCANS", "00037");
    await expect(alert).toHaveCount(1);
    await expect(alert.getByTestId("alert-message")).toContainText("Phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/08/2021");
    await expect(alert.getByTestId("alert-message")).toContainText("Đây là ngày thứ 4 liên tiếp");
    await expect(alert).toHaveAttribute("data-severity", "critical");
    await expect(alert.locator("[data-severity]").first()).toContainText("Nghiêm trọng");
    await expect(alert).toContainText("(đã nâng mức)");
    await expect(alert.getByTestId("alert-streak")).toContainText("4 ngày liên tiếp");
    // The most severe alert of the day is listed first.
    await expect(page.getByTestId("alert").first()).toHaveAttribute("data-rule", "ZERO_SCANS");
    // The numbers behind it, opened with the keyboard.
    await alert.locator("summary", { hasText: "Số liệu căn cứ" }).focus();
    await page.keyboard.press("Enter");
    await expect(alert.getByTestId("alert-numbers")).toContainText("Lượt quét trong ngày");
    await expectNoSeriousA11yViolations(page);
    // Its link opens the ward's page on that day.
    await alert.getByRole("link", { name: "Phường Phúc Tân" }).click();
    await expect(page).toHaveURL(/\/wards\/00037\?day=2021-08-14$/);
  });

  test("filters by rule from the form, keeping the filters in the URL", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, "/alerts?day=2021-08-15");
    await page.getByLabel("Loại cảnh báo").selectOption("NOT_REPORTED");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page).toHaveURL(/rule=NOT_REPORTED/);
    await expect(page.getByTestId("alert")).toHaveCount(1);
    await expect(alertOf(page, "NOT_REPORTED", "00052")).toContainText("Phường Hàng Bồ chưa gửi báo cáo số liệu ngày 15/08/2021");
  });

  test("lets the district official acknowledge an alert with a note", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, "/alerts?day=2021-08-15&rule=NOT_REPORTED");
    const alert = alertOf(page, "NOT_REPORTED", "00052");
    await alert.getByText("Xác nhận cảnh báo").click();
    await alert.getByLabel(/Ghi chú xác nhận/).fill("Đã gọi phường Hàng Bồ; phường sẽ gửi bổ sung trong ngày.");
    await alert.getByRole("button", { name: "Xác nhận đã xử lý" }).click();
    await expect(alert.getByTestId("alert-ack")).toContainText("Đã xác nhận bởi Cán bộ UBND quận Hoàn Kiếm");
    await expect(alert.getByTestId("alert-ack")).toContainText("phường sẽ gửi bổ sung trong ngày");
    await page.goto("/alerts?day=2021-08-15&status=acknowledged");
    await expect(alertOf(page, "NOT_REPORTED", "00052")).toHaveCount(1);
  });

  test("names an unknown filter instead of guessing", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, "/alerts?day=2021-08-14&colour=red");
    await expect(page.getByRole("heading", { name: "Bộ lọc không hợp lệ" })).toBeVisible();
    await expect(page.getByTestId("alert-param-errors")).toContainText("Bộ lọc không được hỗ trợ: colour");
  });

  test("shows a ward chair the own ward's alerts, without acknowledging", async ({ page }) => {
    await signIn(page, ACCOUNTS.phucTan, "/alerts?day=2021-08-14");
    await expect(alertOf(page, "ZERO_SCANS", "00037")).toHaveCount(1);
    const wards = await page.getByTestId("alert").evaluateAll((items) => [...new Set(items.map((i) => i.getAttribute("data-ward")))]);
    expect(wards).toEqual(["00037"]);
    await expect(page.getByText("Xác nhận cảnh báo")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Xác nhận đã xử lý" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("lets an admin see and change the thresholds", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, "/admin/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Cài đặt" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Ngưỡng cảnh báo" })).toBeVisible();
    await expect(page.getByLabel("Nâng mức cảnh báo khi kéo dài liên tiếp")).toHaveValue("3");
    // The source priority: imports first by default; saving the same choice changes nothing.
    await expect(page.getByRole("radio", { name: /Dữ liệu nhập từ hệ thống quốc gia/ })).toBeChecked();
    await page.getByRole("button", { name: "Lưu nguồn ưu tiên" }).click();
    await expect(page.getByTestId("source-priority-message")).toHaveText("Không có gì thay đổi.");
    await expectNoSeriousA11yViolations(page);
    // The page's old address (before issue 13) still works: a permanent redirect.
    const moved = await page.request.get("/admin/alert-settings", { maxRedirects: 0 });
    expect(moved.status()).toBe(308);
    expect(moved.headers().location).toMatch(/\/admin\/settings$/);
    await page.goto("/admin/alert-settings");
    await expect(page).toHaveURL(/\/admin\/settings$/);
  });
});
