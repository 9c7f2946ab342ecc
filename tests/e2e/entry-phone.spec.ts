import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, signIn, vietnamDays, vnDate } from "./auth-helpers";

// Issue 16: the ward chair's two-minute report on a phone, dates in Vietnamese order whatever the
// browser's locale, a header that fits a phone and an admin menu on one line.
// Its data is its own: Tràng Tiền's reports of today and yesterday, which no other spec writes.

const TRANG_TIEN = { username: "phuong.trangtien", password: "PhuongHK@2021" };
const { today, yesterday } = vietnamDays();

const LABELS = {
  smartphones: "Số điện thoại thông minh",
  installs: "Số lượt cài Bluezone (cộng dồn)",
  qrVenues: "Số địa điểm đã tạo mã QR (cộng dồn)",
  activeVenues: "Số địa điểm có lượt quét trong ngày",
  scans: "Số lượt quét mã QR trong ngày",
};

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test.describe("on a phone (360×740)", () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test("a ward chair lands on /entry and sends a routine report in at most 7 taps", async ({ page }) => {
    // Signing in with no page asked for lands on the daily report.
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill(TRANG_TIEN.username);
    await page.getByLabel("Mật khẩu").fill(TRANG_TIEN.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/entry$/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { level: 1, name: `Báo cáo ngày ${vnDate(today)}` })).toBeVisible();

    // The header is one bar; its menu opens below it and closes with Escape.
    // The send button is enabled once the page's script runs (components/entry/report-form.tsx).
    await expect(page.getByRole("button", { name: "Gửi báo cáo" })).toBeEnabled({ timeout: 20_000 });
    const header = page.locator("body > header");
    expect((await header.boundingBox())?.height ?? 999).toBeLessThanOrEqual(120);
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Chức năng chính" })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("navigation", { name: "Chức năng chính" }).getByRole("link", { name: "Tình hình báo cáo" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    // Yesterday's report first (not counted): one tap on "Hôm qua".
    await page.getByRole("link", { name: /^Hôm qua/ }).tap();
    await expect(page.getByRole("heading", { level: 1, name: `Báo cáo ngày ${vnDate(yesterday)}` })).toBeVisible();
    for (const [label, value] of [
      [LABELS.smartphones, "7.400"],
      [LABELS.installs, "4.650"],
      [LABELS.qrVenues, "470"],
      [LABELS.activeVenues, "160"],
      [LABELS.scans, "2.400"],
    ] as const) {
      await field(page, label).fill(value);
    }
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.getByTestId("form-message")).toContainText("Đã gửi báo cáo");

    // Today's routine report, every tap counted: typing into a field counts as the tap that focuses it.
    let taps = 0;
    const tap = async (target: Locator) => {
      taps += 1;
      await target.tap();
    };
    const typeInto = async (target: Locator, text: string) => {
      await tap(target);
      await page.keyboard.type(text);
    };
    await tap(page.getByRole("link", { name: /^Hôm nay/ }));
    await expect(page.getByRole("heading", { level: 1, name: `Báo cáo ngày ${vnDate(today)}` })).toBeVisible();
    // Smartphones and the cumulative counts start from yesterday's report, marked as such.
    await expect(field(page, LABELS.smartphones)).toHaveValue("7.400");
    await expect(field(page, LABELS.installs)).toHaveValue("4.650");
    await expect(field(page, LABELS.qrVenues)).toHaveValue("470");
    await expect(page.getByTestId("carried-installs")).toHaveText(`Theo báo cáo ngày ${vnDate(yesterday)}: sửa nếu đã thay đổi.`);
    await expect(field(page, LABELS.activeVenues)).toHaveValue("");
    await expect(field(page, LABELS.scans)).toHaveValue("");

    await typeInto(field(page, LABELS.installs), "4720"); // a tap selects the value: typing replaces it
    await expect(field(page, LABELS.installs)).toHaveValue("4720");
    await expect(page.getByTestId("carried-installs")).toHaveText(`Đã sửa (theo báo cáo ngày ${vnDate(yesterday)}: 4.650).`);
    await typeInto(field(page, LABELS.activeVenues), "158");
    await typeInto(field(page, LABELS.scans), "2380");
    await tap(page.getByRole("button", { name: "Gửi báo cáo" }));
    await expect(page.getByTestId("form-message")).toContainText(`Đã gửi báo cáo ngày ${vnDate(today)}`);
    expect(taps).toBeLessThanOrEqual(7);
    console.log(`routine report: ${taps} taps`);

    // What was saved: the carried values as they were, the typed ones as typed.
    await page.reload();
    await expect(page.getByTestId("report-status")).toContainText("phiên bản 1");
    await expect(field(page, LABELS.smartphones)).toHaveValue("7.400");
    await expect(field(page, LABELS.installs)).toHaveValue("4.720");
    await expect(field(page, LABELS.scans)).toHaveValue("2.380");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page);
  });

  test("a district official on /entry sees which wards have reported, with links", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, `/entry?day=2021-08-17`);
    await expect(page.getByRole("heading", { level: 1, name: "Báo cáo ngày của các phường" })).toBeVisible();
    await expect(page.getByTestId("entry-official-summary")).toHaveText(/^Quận Hoàn Kiếm, ngày 17\/08\/2021: \d+\/\d+ phường đã báo cáo$/);
    await expect(page.getByTestId("entry-reported").getByRole("link", { name: "Phường Phúc Tân" })).toHaveAttribute("href", /\/wards\/00037\?day=2021-08-17/);
    await expect(page.getByText("Chủ tịch UBND phường chỉ làm việc")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Gửi báo cáo/ })).toHaveCount(0);
    expect((await page.locator("body > header").boundingBox())?.height ?? 999).toBeLessThanOrEqual(120);
    await expectNoSeriousA11yViolations(page);
  });

  test("an admin on /entry sees one district's wards at a time and chooses the district by keyboard", async ({ page }) => {
    // Was every ward of the country as links: a page 551.574 px tall on a phone.
    await signIn(page, ACCOUNTS.admin, "/entry?day=2021-08-17");
    await expect(page.getByRole("heading", { level: 1, name: "Nhập báo cáo thay phường" })).toBeVisible();
    // The first district with figures (Ba Đình) until another is chosen.
    const wards = page.getByTestId("entry-wards");
    await expect(wards.getByRole("heading", { level: 2 })).toHaveText(/^Các phường của Quận Ba Đình \(\d+\)$/);
    await expect(wards.getByRole("link", { name: "Phường Phúc Xá" })).toHaveAttribute("href", "/entry?ward=00001&day=2021-08-17");
    await expect(wards.getByRole("link", { name: "Phường Phúc Tân" })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(4_000);
    await expectNoSeriousA11yViolations(page);

    const picker = page.getByRole("search", { name: /^Chọn quận/ });
    await picker.getByRole("searchbox").focus();
    await page.keyboard.type("hoan kiem");
    await expect(picker.getByLabel(/^Quận, huyện/)).toHaveValue("002");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/entry\?day=2021-08-17&district=002$/);
    await expect(wards.getByRole("heading", { level: 2 })).toHaveText(/^Các phường của Quận Hoàn Kiếm \(\d+\)$/);
    await wards.getByRole("link", { name: "Phường Phúc Tân" }).click();
    await expect(page.getByTestId("entry-ward")).toContainText("Phường Phúc Tân");
    // Back to the district's wards, the day kept.
    await expect(page.getByRole("link", { name: "Chọn phường khác của quận" })).toHaveAttribute("href", "/entry?district=002&day=2021-08-17");

    // The district is checked: a malformed code is explained, an unknown one is 404.
    await page.goto("/entry?district=2");
    await expect(page.getByText("Mã quận gồm 3 chữ số")).toBeVisible();
    expect((await page.goto("/entry?district=999"))?.status()).toBe(404);
  });
});

test.describe("in an en-US browser", () => {
  test.use({ locale: "en-US" });

  test("the date field shows and reads dd/MM/yyyy, steps a day back and forth, and explains an impossible date", async ({ page }) => {
    await signIn(page, ACCOUNTS.hangBo, "/entry?day=2021-08-17");
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");
    await expect(page.locator('input[type="date"]')).toHaveCount(0);
    const day = page.getByLabel("Ngày báo cáo", { exact: true });
    await expect(day).toHaveValue("17/08/2021");

    await page.getByRole("button", { name: "Ngày trước (16/08/2021)" }).click();
    await expect(page).toHaveURL(/day=2021-08-16/);
    await expect(page.getByRole("heading", { level: 1, name: "Báo cáo ngày 16/08/2021" })).toBeVisible();
    await expect(day).toHaveValue("16/08/2021");
    await page.getByRole("button", { name: "Ngày sau (17/08/2021)" }).click();
    await expect(page).toHaveURL(/day=2021-08-17/);
    await expect(day).toHaveValue("17/08/2021");

    // 08/11 is 8 November, never 11 August; 31/02 does not exist and nothing is sent.
    await day.fill("31/02/2021");
    await day.press("Enter");
    await expect(page.getByText("Tháng 2 năm 2021 không có ngày 31.")).toBeVisible();
    await expect(day).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/day=2021-08-17/);
    await day.fill("11/08/2021");
    await day.press("Enter");
    await expect(page).toHaveURL(/day=2021-08-11/);
    await expect(page.getByRole("heading", { level: 1, name: "Báo cáo ngày 11/08/2021" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
  test("the admin's day fields (job run, reports, policy phases, code list) read dd/MM/yyyy too", async ({ page }) => {
    test.slow(); // four admin pages, each hydrated before typing
    await signIn(page, ACCOUNTS.admin, "/admin/jobs");
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");
    // No native date input anywhere an admin types a day (each showed mm/dd/yyyy here).
    for (const path of ["/admin/jobs", "/reports", "/admin/policy-phases", "/admin/units/code-list"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator('input[type="date"]'), path).toHaveCount(0);
    }

    // "Run now": 14/08/2021 is 14 August (the day-before button says 13/08); 08/14/2021, the
    // browser's own order, is refused next to the field and nothing is queued.
    await page.goto("/admin/jobs");
    await expect(page.getByRole("button", { name: "Chạy ngay" })).toBeEnabled({ timeout: 20_000 });
    const runDay = page.getByLabel("Ngày báo cáo (không bắt buộc)", { exact: true });
    await runDay.fill("08/14/2021");
    await runDay.blur();
    await expect(page.locator("#run-day-error")).toHaveText("Tháng phải từ 1 đến 12 (đã nhập tháng 14).");
    await expect(runDay).toHaveAttribute("aria-invalid", "true");
    await page.getByRole("button", { name: "Chạy ngay" }).click();
    await expect(page.getByTestId("run-message")).toHaveText("");
    await runDay.fill("14/08/2021");
    await runDay.blur();
    await expect(runDay).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("button", { name: "Ngày trước (13/08/2021)" })).toBeVisible();
    await page.getByRole("button", { name: "Ngày sau (15/08/2021)" }).click();
    await expect(runDay).toHaveValue("15/08/2021");
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("at 1366×900", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test("the admin's menu stays on one line; its admin pages open from a keyboard disclosure", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, "/account/password");
    const nav = page.getByRole("navigation", { name: "Chức năng chính" });
    const tops = await nav.locator(":scope > ul > li").evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(6);
    expect(new Set(tops).size).toBe(1);
    expect((await page.locator("body > header").boundingBox())?.height ?? 999).toBeLessThanOrEqual(140);

    const admin = nav.getByRole("button", { name: /^Quản trị/ });
    await expect(admin).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Tài khoản" })).toBeHidden();
    await admin.focus();
    await page.keyboard.press("Enter");
    await expect(admin).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Tài khoản" })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Nhật ký thay đổi" })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Escape");
    await expect(admin).toHaveAttribute("aria-expanded", "false");
    await expect(admin).toBeFocused();
  });
});
