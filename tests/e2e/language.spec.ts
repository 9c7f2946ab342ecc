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

test("in English, the alert centre, the overview's ranking and a form's validation message are English", async ({ page, context }) => {
  test.setTimeout(120_000); // four pages and a refused form; the alert details load on demand
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, ACCOUNTS.official, "/alerts?day=2021-08-14");
  await context.addCookies([{ name: "ww_locale", value: "en", url: page.url() }]);

  // The alert centre: sentences, streaks, chips and the numbers behind an alert, with English figures and dates.
  await page.goto("/alerts?day=2021-08-14");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  // A ward's alerts are loaded when its row is opened (on-demand details).
  await page.getByRole("button", { name: "Details Phường Phúc Tân", exact: true }).click();
  const zero = page.locator('[data-testid="alert"][data-rule="ZERO_SCANS"][data-ward="00037"]');
  await expect(zero.getByTestId("alert-message")).toContainText("Phường Phúc Tân had no QR scans on 14 Aug 2021", { timeout: 20_000 });
  await expect(zero.getByTestId("alert-message")).toContainText("This is the 4th day in a row that the ward had no QR scans");
  await expect(zero.getByTestId("alert-message")).not.toContainText("lượt quét");
  await expect(page.locator('[data-testid="alert-chip"][data-rule="ZERO_SCANS"]').first()).toContainText("No scans");
  await zero.locator("summary", { hasText: "Figures behind it" }).click();
  await expect(zero.getByTestId("alert-numbers")).toContainText("Scans on the day");
  await expect(page.getByLabel("Kind of alert").locator("option[value='BELOW_COVERAGE_TARGET']")).toHaveText("Below install target");
  await expectNoSeriousA11yViolations(page);

  await page.goto("/alerts?day=2021-08-15&rule=NOT_REPORTED");
  await page.getByRole("button", { name: "Details Phường Hàng Bồ", exact: true }).click();
  const missing = page.locator('[data-testid="alert"][data-rule="NOT_REPORTED"][data-ward="00052"]');
  await expect(missing.getByTestId("alert-message")).toContainText("Phường Hàng Bồ has not sent its report for 15 Aug 2021 (due 10:00 on 16 Aug 2021).", {
    timeout: 20_000,
  });

  // A form's validation message comes back from the server in English: a note of 2 characters is
  // refused, so nothing is stored (13/8, a day no other spec acknowledges).
  await page.goto("/alerts?day=2021-08-13");
  await page.getByRole("button", { name: /^Details / }).first().click();
  const first = page.getByTestId("alert").first();
  await first.getByText("Acknowledge the alert", { exact: true }).click();
  await first.getByLabel(/Acknowledgement note/).fill("ab");
  await first.getByRole("button", { name: "Acknowledge as handled" }).click();
  await expect(first.getByText("Write down what was done (at least 3 characters)")).toBeVisible({ timeout: 20_000 });
  await expect(first.getByText("Some data is not valid; see the fields marked.")).toBeVisible();
  await expect(first.getByTestId("alert-ack")).toHaveCount(0);

  // The overview's ranking: its rank changes and reasons are English words, not "giữ nguyên".
  await page.goto("/?day=2021-08-17");
  const ranking = page.getByTestId("ward-ranking");
  const changes = ranking.locator("tbody tr[data-standing='ranked'] td.rk-chg");
  expect(await changes.count()).toBeGreaterThan(10);
  await expect(changes.first()).toHaveText(/(unchanged|up \d+ places?|down \d+ places?)\s*last week: .*(unchanged|up \d|down \d)/);
  await expect(ranking).not.toContainText(/giữ nguyên|tăng \d|giảm \d|chưa đủ số liệu|chưa báo cáo/);
  await expect(page.getByTestId("alert-summary")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("alert-summary")).not.toContainText(/không phát sinh|chưa gửi báo cáo|Không có lượt quét/);
});

test("in English, a chart's table view and a URL filter's bound speak English", async ({ page, context }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, ACCOUNTS.official, "/?day=2021-08-17");
  await context.addCookies([{ name: "ww_locale", value: "en", url: page.url() }]);

  // The chart-data route renders the (shared, cached) charts' labels in the reader's language.
  await page.goto("/?day=2021-08-17");
  await page.locator("#coverage-trend-title").scrollIntoViewIfNeeded();
  await expect(page.locator("figure[aria-labelledby='coverage-trend-title'] .recharts-surface").first()).toBeVisible({ timeout: 30_000 });
  const trend = page.getByTestId("coverage-trend-table");
  await trend.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(trend).toHaveAttribute("open", "");
  const last = trend.locator("tbody tr").last();
  await expect(last.locator("th")).toHaveText("17 Aug 2021");
  await expect(last.locator("td").first()).toHaveText(/^\d{1,3}\.\d\d%/);
  await expect(trend).not.toContainText(/chưa|phường|\d,\d\d%/);
  await page.locator("#ward-ranking-chart-title").scrollIntoViewIfNeeded();
  const bars = page.getByTestId("ward-ranking-chart-table");
  await expect(bars.locator("summary")).toBeVisible({ timeout: 30_000 });
  await expect(bars.locator("thead th").first()).toHaveText("Wards");
  await expect(bars.locator("thead th").nth(2)).toHaveText("Install rate");
  await expect(bars).not.toContainText(/Đạt mục tiêu|Chưa đạt|Gần đạt|chưa báo cáo/);

  // A URL filter over its bound: the message and its value in English.
  const seven = ["00037", "00040", "00043", "00046", "00049", "00052", "00055"].map((c) => `compare=${c}`).join("&");
  await page.goto(`/?day=2021-08-17&${seven}`);
  await expect(page.getByText("At most 6 wards can be compared at once")).toBeVisible();
  await expect(page.getByText(/tối đa 6 phường/)).toHaveCount(0);
});

test("in English, an import's row error is English, in the upload's answer and later on the import's page; in Vietnamese as before", async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, ACCOUNTS.admin, "/admin/imports");
  // For the whole site (as the switch sets it): the upload posts to /api/imports.
  await context.addCookies([{ name: "ww_locale", value: "en", url: new URL("/", page.url()).toString() }]);
  await page.goto("/admin/imports");
  // A scan log whose only row names a venue that does not exist: the import fails and writes nothing.
  const file = { name: "unknown-venue.csv", mimeType: "text/csv", buffer: Buffer.from("venue_code,scanned_at\nHK-KHONG-CO,2021-08-18T09:00:00+07:00\n") };
  await page.getByLabel(/CSV file/).setInputFiles(file);
  await page.getByRole("button", { name: "Load file" }).click();
  await expect(page.getByTestId("import-result")).toHaveAttribute("data-status", "FAILED", { timeout: 60_000 });
  const row = page.getByTestId("import-errors").locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("No venue has this code in the venue list");
  await expect(row).not.toContainText("Không có địa điểm");

  // The stored error, read back on the import's page: English, then Vietnamese after the switch.
  await page.goto("/admin/imports");
  await page.getByTestId("import-list").getByRole("link", { name: /^\d+$/ }).first().click();
  const stored = page.getByTestId("import-errors").locator("tbody tr");
  await expect(stored).toContainText("No venue has this code in the venue list (load a venue list with this venue code first).");
  await expectNoSeriousA11yViolations(page);
  await page.getByTestId("language-toggle").filter({ visible: true }).getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByTestId("import-errors").locator("tbody tr")).toContainText(
    "Không có địa điểm nào với mã này trong danh sách địa điểm (hãy nạp danh sách địa điểm có mã địa điểm này trước).",
  );
});
