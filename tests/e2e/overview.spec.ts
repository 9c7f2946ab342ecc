import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, forgetSession, signIn } from "./auth-helpers";

// The dashboard is for signed-in users: each test signs in as the district official.
test.beforeEach(async ({ page }) => signIn(page, ACCOUNTS.official));

test.describe("district overview", () => {
  test("shows the dispatch's figures for Hoàn Kiếm on 17/8/2021", async ({ page }) => {
    await page.goto("/?day=2021-08-17");
    await expect(page.getByRole("heading", { level: 1, name: "Quận Hoàn Kiếm" })).toBeVisible();
    await expect(page.getByTestId("kpi-smartphones")).toContainText("150.788");
    await expect(page.getByTestId("kpi-installs")).toContainText("77.113");
    await expect(page.getByTestId("kpi-coverage")).toContainText("51,14%");
    await expect(page.getByTestId("kpi-rank")).toContainText("hạng 7");
    await expect(page.getByText("3.220.382 lượt cài đặt, tỷ lệ 47,05%")).toBeVisible();
    // Hà Nội's 30 districts are 12 quận, 17 huyện and Thị xã Sơn Tây: counted in their own words.
    await expect(page.getByTestId("city-coverage-line")).toContainText("tổng 30/30 quận, huyện, thị xã");
    await expect(page.getByTestId("kpi-rank")).toContainText("trên 30 quận, huyện, thị xã có số liệu đầy đủ");

    const rows = page.getByTestId("ward-ranking").locator("tbody tr");
    await expect(rows).toHaveCount(18);
    const ranks = (await rows.locator("td:first-child").allTextContents()).map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(1);
    await expectNoSeriousA11yViolations(page);
  });

  test("lists Phúc Tân among wards with zero scans on 14/8/2021 and the city's QR venues", async ({ page }) => {
    await page.goto("/?day=2021-08-14");
    await expect(page.getByTestId("kpi-zero-scan-wards")).toContainText("Phường Phúc Tân");
    await expect(page.getByText("206.385 địa điểm tạo mã QR, 14.698 địa điểm phát sinh lượt quét")).toBeVisible();
  });

  test("opens on the latest whole day and changes day with the keyboard-usable form", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByText("Tổng quan ngày 17/08/2021")).toBeVisible();
    await expect(page.getByTestId("partial-day")).toHaveCount(0);
    // No banner about today on a page about 17/8/2021 (issue 16).
    await expect(page.getByTestId("missing-today")).toHaveCount(0);
    await expect(page.getByTestId("kpi-installs")).toContainText("tổng 18/18 phường");
    await page.getByLabel("Ngày", { exact: true }).fill("14/08/2021");
    await page.getByRole("button", { name: "Xem" }).press("Enter");
    await expect(page).toHaveURL(/day=2021-08-14/);
    await expect(page.getByText("Tổng quan ngày 14/08/2021")).toBeVisible();
  });

  test("explains a malformed or out-of-range day instead of failing", async ({ page }) => {
    await page.goto("/?day=2021-02-30");
    await expect(page.getByRole("heading", { name: "Tham số không hợp lệ" })).toBeVisible();
    await page.goto("/?day=2020-01-01");
    await expect(page.getByRole("heading", { name: "Không có số liệu ngày 01/01/2020" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("refuses another district to an official, and 404s an unknown district for an admin", async ({ page }) => {
    // An official may only see the own district: another district (and an unknown code, whose
    // existence is not revealed) is 403, checked on the server.
    expect((await page.goto("/?district=001"))?.status()).toBe(403);
    expect((await page.goto("/?district=999"))?.status()).toBe(403);
    await forgetSession(page);
    await signIn(page, ACCOUNTS.admin);
    expect((await page.goto("/?district=999"))?.status()).toBe(404);
    expect((await page.goto("/?district=001"))?.status()).toBe(200);
  });
});
