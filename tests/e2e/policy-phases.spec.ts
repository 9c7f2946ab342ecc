import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// Policy phases (issue 16, part 7): an admin records one for a district, the district's ward page
// draws it as a band with a legend and names it in the chart's table view; then removes it. The
// demo has Hà Nội's Chỉ thị 16 from 24/7/2021. The phase made here ends on 5/8, before the days
// the other specs look at, and is removed at the end.

test("an admin records a district's phase (dates typed dd/MM/yyyy), the ward page draws it, then the admin removes it", async ({ page }) => {
  const name = `Tổng rà soát ${Date.now() % 100000}`;
  await signIn(page, ACCOUNTS.admin, "/admin/policy-phases");
  await page.goto("/admin/policy-phases");
  await expect(page.getByRole("heading", { level: 1, name: "Giai đoạn chính sách" })).toBeVisible();
  await expect(page.getByTestId("policy-phase-list")).toContainText("Chỉ thị 16");
  await expect(page.getByTestId("policy-phase-list")).toContainText("từ 24/07/2021");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Tên giai đoạn").fill(name);
  await page.getByLabel("Áp dụng cho").selectOption({ label: "Quận Hoàn Kiếm" });
  await page.getByLabel("Từ ngày").fill("31/07/2021");
  await page.getByLabel("Đến ngày (không bắt buộc)").fill("30/07/2021");
  await page.getByRole("button", { name: "Thêm giai đoạn" }).click();
  await expect(page.getByTestId("policy-phase-form")).toContainText("Ngày kết thúc không được trước ngày bắt đầu");
  await page.getByLabel("Đến ngày (không bắt buộc)").fill("05/08/2021");
  await page.getByRole("button", { name: "Thêm giai đoạn" }).click();
  await expect(page.getByTestId("policy-phase-message")).toHaveText(`Đã thêm giai đoạn “${name}”.`);
  await expect(page.getByTestId("policy-phase-list")).toContainText("31/07/2021 – 05/08/2021");

  await page.goto("/wards/00037?day=2021-08-17");
  // the ward page draws its charts when they are scrolled near
  await page.getByRole("heading", { level: 2, name: "Diễn biến" }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId("ward-rank-history-phases")).toContainText(`Vùng tô: ${name} (Quận Hoàn Kiếm): 31/07/2021 – 05/08/2021`);
  await expect(page.getByTestId("ward-rank-history-phases")).toContainText("Vùng tô: Chỉ thị 16 (Thành phố Hà Nội)");
  await expect(page.locator("figure[aria-labelledby='ward-rank-history-title'] .recharts-reference-area").first()).toBeVisible();
  const history = page.getByTestId("ward-rank-history-table");
  await history.locator("summary").click();
  await expect(history.getByRole("row", { name: /^02\/08\/2021/ }).locator("td").last()).toHaveText(`Chỉ thị 16; ${name}`);
  await expect(history.getByRole("row", { name: /^17\/08\/2021/ }).locator("td").last()).toHaveText("Chỉ thị 16");
  // Ba Đình's wards get the city's phase only.
  await page.goto("/wards/00004?day=2021-08-17");
  await page.getByRole("heading", { level: 2, name: "Diễn biến" }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId("ward-coverage-trend-phases")).not.toContainText(name);

  await page.goto("/admin/policy-phases");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Xoá giai đoạn ${name} (Quận Hoàn Kiếm)` }).click();
  await expect(page.getByTestId("policy-phase-list")).not.toContainText(name);
});

test("policy phases are for admins only", async ({ page }) => {
  await signIn(page, ACCOUNTS.official);
  expect((await page.goto("/admin/policy-phases"))?.status()).toBe(403);
});
