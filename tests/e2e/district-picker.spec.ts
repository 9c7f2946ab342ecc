import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, forgetSession, signIn } from "./auth-helpers";

// Choosing a district: an admin picks any of the country's 705 districts from a
// searchable list on the overview, by keyboard; the URL carries it (?district=CODE). A district
// official has no list: they stay on their own district (another one is 403: overview.spec.ts).

const PICKER_NOUN = "quận, huyện, thị xã, thành phố"; // the country's districts, by their types

test.describe("district picker", () => {
  test("an admin types Ba Đình, presses Enter, and the overview of Quận Ba Đình opens", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.goto("/?district=002");
    await expect(page.getByRole("heading", { level: 1, name: "Quận Hoàn Kiếm" })).toBeVisible();

    const picker = page.getByRole("search", { name: `Chọn ${PICKER_NOUN}` });
    const list = picker.getByLabel("Quận, huyện, thị xã, thành phố", { exact: true });
    await expect(list).toHaveValue("002");
    // The whole country is offered, the districts with figures first, each naming its province.
    await expect(list.locator("option")).toHaveCount(705);
    await expect(list.locator("optgroup").first()).toHaveAttribute("label", "Có số liệu (30)");
    await expect(list.locator("option").first()).toHaveText("Quận Ba Đình, Thành phố Hà Nội (001) · có số liệu");

    const search = picker.getByRole("searchbox", { name: /^Tìm quận, huyện/ });
    await search.focus();
    await page.keyboard.type("ba dinh"); // without diacritics, as one types quickly
    // Ba Đình, and Vụ Bản of Nam Định ("Bản", "Định"); the one with figures and the words in order first, and chosen.
    await expect(picker.getByTestId("district-picker-count")).toHaveText(`2/705 ${PICKER_NOUN} khớp với “ba dinh”.`);
    await expect(list.locator("option")).toHaveText(["Quận Ba Đình, Thành phố Hà Nội (001) · có số liệu", "Huyện Vụ Bản, Tỉnh Nam Định (359)"]);
    await expect(list).toHaveValue("001");
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL(/\/\?district=001$/);
    await expect(page.getByRole("heading", { level: 1, name: "Quận Ba Đình" })).toBeVisible();
    await expect(page.getByRole("search", { name: `Chọn ${PICKER_NOUN}` }).getByLabel("Quận, huyện, thị xã, thành phố", { exact: true })).toHaveValue("001");
    await expectNoSeriousA11yViolations(page);
  });

  test("keeps the day asked for, and counts a rural district's wards as 'xã, thị trấn'", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.goto("/?district=002&day=2021-08-14");
    const picker = page.getByRole("search", { name: `Chọn ${PICKER_NOUN}` });
    await picker.getByRole("searchbox").fill("Sóc Sơn");
    await picker.getByRole("button", { name: "Mở tổng quan" }).click();
    await expect(page).toHaveURL(/\/\?day=2021-08-14&district=016$/);
    await expect(page.getByRole("heading", { level: 1, name: "Huyện Sóc Sơn" })).toBeVisible();
    await expect(page.getByTestId("kpi-not-reported-wards")).toContainText("Xã, thị trấn chưa báo cáo");
    await expect(page.getByTestId("kpi-not-reported-wards")).toContainText("0/26 xã, thị trấn đã báo cáo");
    await expect(page.getByRole("heading", { level: 2, name: "Xếp hạng xã, thị trấn" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("picks out a district on the city page, and offers a district official no list", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.goto("/city?day=2021-08-17");
    const picker = page.getByRole("search", { name: `Chọn ${PICKER_NOUN}` });
    await picker.getByRole("searchbox").fill("ba dinh");
    await picker.getByRole("button", { name: "Mở xếp hạng" }).click();
    await expect(page).toHaveURL(/\/city\?day=2021-08-17&district=001$/);
    await expect(page.getByTestId("city-highlight")).toContainText("Quận Ba Đình");
    await expectNoSeriousA11yViolations(page);

    // A district without figures says so, and the list is there to go elsewhere.
    await page.goto("/?district=760");
    await expect(page.getByRole("heading", { name: "Quận 1 chưa có số liệu" })).toBeVisible();
    await expect(page.getByRole("search", { name: `Chọn ${PICKER_NOUN}` }).getByLabel("Quận, huyện, thị xã, thành phố", { exact: true })).toHaveValue("760");

    await forgetSession(page);
    await signIn(page, ACCOUNTS.official);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Quận Hoàn Kiếm" })).toBeVisible();
    await expect(page.getByTestId("district-picker")).toHaveCount(0);
  });
});
