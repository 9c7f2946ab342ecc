import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// Issue 18: the country's provinces ranked (/country) and a province's districts ranked
// (/provinces/CODE), on the demo (Hà Nội has figures; the other provinces of the country's unit
// tree have none: listed as not reported, never as 0).

const DAY = "2021-08-17";

test.describe("country and province rankings", () => {
  test("an admin sees the provinces ranked, the ones without figures unranked, and opens Hà Nội's districts", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, `/country?day=${DAY}`);
    await expect(page).toHaveURL(/\/country\?day=2021-08-17/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("xếp hạng tỉnh");
    await expect(page.getByRole("link", { name: "Xếp hạng tỉnh, thành phố" }).first()).toBeVisible();
    const table = page.getByTestId("province-ranking");
    const haNoi = table.locator("tbody tr[data-unit-code='01']");
    await expect(haNoi).toBeVisible();
    // A province without figures is listed apart, not as 0 and not ranked.
    const others = table.locator("tbody tr[data-unit-code]:not([data-unit-code='01'])");
    expect(await others.count()).toBeGreaterThan(10);
    await expect(others.first().locator("td.rk-rank")).toHaveText("—");
    await expect(others.first()).not.toHaveAttribute("data-standing", "ranked");
    await expectNoSeriousA11yViolations(page);

    await haNoi.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/provinces\/01\?day=2021-08-17/);
    await expect(page.getByTestId("district-ranking").locator("tbody tr")).toHaveCount(30);
    await expect(page.getByTestId("province-coverage")).toContainText("%");
    await expectNoSeriousA11yViolations(page);
  });

  test("a district official may open the own province's page but not the country's or another province's", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, `/provinces/01?day=${DAY}`);
    await expect(page.getByTestId("district-ranking")).toBeVisible();
    expect((await page.goto("/provinces/79"))?.status()).toBe(403);
    expect((await page.goto("/country"))?.status()).toBe(403);
    await expect(page.getByRole("link", { name: "Xếp hạng tỉnh, thành phố" })).toHaveCount(0);
  });

  test("refuses malformed filters with a reason and unknown provinces with 404", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, "/country?province=1");
    await expect(page.getByText("Mã tỉnh/thành phố gồm 2 chữ số")).toBeVisible();
    expect((await page.goto("/provinces/99"))?.status()).toBe(404);
    expect((await page.goto("/provinces/abc"))?.status()).toBe(404);
  });
});
