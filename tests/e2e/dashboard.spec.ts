import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, forgetSession, signIn } from "./auth-helpers";

// The dashboard is for signed-in users: each test signs in as the district official.
test.beforeEach(async ({ page }) => signIn(page, ACCOUNTS.official));

// The district official's dashboard on the demo data: rankings, charts with their table views,
// the ward page and the city page, in Chromium.

/** "51,14%" → 51.14, "9.744" → 9744 (for order checks only). */
function viNumber(text: string): number {
  return Number(text.replace(/[%\s]/g, "").replace(/\./g, "").replace(",", "."));
}

async function columnValues(table: Locator, col: string): Promise<number[]> {
  const texts = await table.locator(`tbody tr td[data-col="${col}"]`).evaluateAll((cells) =>
    cells.map((c) => (c.querySelector("[data-value]") ?? c).textContent ?? ""),
  );
  return texts.map(viNumber);
}

/**
 * Opens a chart's table view. The charts fetch their data when scrolled near
 * (components/charts/lazy-chart.tsx): its title, there from the start, is scrolled into view first.
 */
async function openTableView(page: Page, testId: string): Promise<Locator> {
  await page.locator(`#${testId.replace(/-table$/, "")}-title`).scrollIntoViewIfNeeded();
  const details = page.getByTestId(testId);
  await details.locator("summary").focus();
  await page.keyboard.press("Enter"); // keyboard opens it
  await expect(details).toHaveAttribute("open", "");
  return details;
}

async function cardValue(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).locator("dd").first().textContent()) ?? "").trim();
}

test.describe("district dashboard", () => {
  test("orders the 18 wards by coverage on 17/8/2021 and shows rank, target and QR cards", async ({ page }) => {
    await page.goto("/?day=2021-08-17");
    await expect(page.getByTestId("kpi-coverage")).toContainText("51,14%");
    await expect(page.getByTestId("kpi-rank")).toContainText("hạng 7");
    await expect(page.getByTestId("kpi-target")).toContainText("13.360 lượt cài");
    await expect(page.getByTestId("kpi-qr-active")).toContainText("Mục tiêu 30,00%");
    await expect(page.getByTestId("kpi-not-reported-wards")).toContainText("0");

    const table = page.getByTestId("ward-ranking");
    await expect(table.locator("tbody tr")).toHaveCount(18);
    const rates = await columnValues(table, "coverage");
    expect(rates).toHaveLength(18);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const ranks = (await table.locator("tbody tr td:first-child").allTextContents()).map(Number);
    expect(ranks[0]).toBe(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await expectNoSeriousA11yViolations(page);
  });

  test("shows in the charts' table views the same numbers as the cards", async ({ page }) => {
    await page.goto("/?day=2021-08-17");
    await page.locator("#coverage-trend-title").scrollIntoViewIfNeeded();
    await expect(page.locator("#coverage-trend-title")).toBeVisible();
    await expect(page.locator("figure[aria-labelledby='coverage-trend-title'] .recharts-surface").first()).toBeVisible();

    const trend = await openTableView(page, "coverage-trend-table");
    const lastTrend = trend.locator("tbody tr").last();
    await expect(lastTrend.locator("th")).toHaveText("17/08/2021");
    await expect(lastTrend.locator("td").first()).toHaveText(await cardValue(page, "kpi-coverage"));

    const qr = await openTableView(page, "qr-activity-table");
    const lastQr = qr.locator("tbody tr").last().locator("td");
    await expect(lastQr.nth(0)).toHaveText(await cardValue(page, "kpi-qr-venues"));
    await expect(lastQr.nth(1)).toHaveText(await cardValue(page, "kpi-active-venues"));
    await expect(lastQr.nth(2)).toHaveText(await cardValue(page, "kpi-qr-active"));
    await expect(lastQr.nth(3)).toHaveText(await cardValue(page, "kpi-scans"));

    const bars = await openTableView(page, "ward-ranking-chart-table");
    await expect(bars.locator("tbody tr")).toHaveCount(18);
    const firstWard = await page.getByTestId("ward-ranking").locator("tbody tr").first().locator("th").textContent();
    await expect(bars.locator("tbody tr").first().locator("th")).toHaveText(firstWard ?? "");
    await expect(bars.locator("tbody tr").first().locator("td").nth(1)).toHaveText(
      (await page.getByTestId("ward-ranking").locator("tbody tr").first().locator('td[data-col="coverage"] [data-value]').textContent()) ?? "",
    );
    await expectNoSeriousA11yViolations(page);
  });

  test("re-sorts the ranking by scans from the keyboard and keeps the day", async ({ page }) => {
    await page.goto("/?day=2021-08-14");
    await page.getByRole("link", { name: "Lượt quét", exact: true }).first().focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/sort=scans/);
    await expect(page).toHaveURL(/day=2021-08-14/);
    const table = page.getByTestId("ward-ranking");
    await expect(table).toHaveAttribute("data-sort", "scans");
    const scans = await columnValues(table, "scans");
    expect(scans).toEqual([...scans].sort((a, b) => b - a));
    await expect(table.locator("tbody tr").last().locator("th")).toContainText("Phường Phúc Tân");
    // the tile map is drawn when scrolled near (components/charts/lazy-chart.tsx)
    await page.locator("#ward-map-title").scrollIntoViewIfNeeded();
    await expect(page.getByTestId("ward-map")).toContainText("Phúc Tân");
  });

  test("marks Hàng Bồ as not reported on 15/8/2021 instead of ranking it last, and the day as 17/18", async ({ page }) => {
    await page.goto("/?day=2021-08-15");
    await expect(page.getByTestId("not-reported")).toContainText("Phường Hàng Bồ");
    const table = page.getByTestId("ward-ranking");
    const last = table.locator("tbody tr").last();
    await expect(last.locator("th")).toContainText("Phường Hàng Bồ");
    await expect(last).toContainText("chưa báo cáo");
    await expect(last.locator("td").first()).toHaveText("—");
    await expect(table.locator("tbody[data-group='missing'] th[scope='rowgroup']")).toHaveText("Chưa báo cáo (1)");
    // Hoàn Kiếm's sum counts 17 of its 18 wards that day: said at the top, and not ranked in the city.
    await expect(page.getByTestId("partial-day")).toContainText("chưa đầy đủ: 17/18 phường đã báo cáo");
    await expect(page.getByTestId("kpi-rank")).toContainText("chưa đủ số liệu, 17/18 phường");
    await expect(page.getByTestId("kpi-coverage")).toContainText("chưa đủ số liệu: 17/18 phường");
    // The next day's changes are withheld, and say why.
    await page.goto("/?day=2021-08-16");
    await expect(page.getByTestId("partial-day")).toHaveCount(0);
    await expect(page.getByTestId("kpi-coverage")).toContainText("không so sánh: số liệu hôm trước (15/08/2021) chưa đầy đủ (17/18 phường)");
    await expect(page.getByTestId("kpi-rank")).toContainText("không so sánh: hôm trước (15/08/2021) chưa được xếp hạng (chưa đủ số liệu)");
    await expect(page.getByTestId("ward-ranking-note")).toContainText("không xếp hạng cùng các phường (17 và 18)");
    await expectNoSeriousA11yViolations(page);
  });

  test("compares chosen wards on the trend chart through the form", async ({ page }) => {
    await page.goto("/?day=2021-08-17");
    const form = page.locator("form", { has: page.getByRole("button", { name: "Cập nhật biểu đồ" }) });
    const checked = form.getByRole("checkbox", { checked: true });
    while ((await checked.count()) > 0) await checked.first().uncheck();
    await form.getByLabel("Phúc Tân").check();
    await form.getByRole("button", { name: "Cập nhật biểu đồ" }).click();
    await expect(page).toHaveURL(/compare=00037/);
    const trend = await openTableView(page, "coverage-trend-table");
    // the district's line is a sum of its wards: the table view says how many it counts each day
    // and which policy phase was in force (Hà Nội's Chỉ thị 16 from 24/7/2021, a band on the chart)
    await expect(trend.locator("thead th")).toHaveText(["Ngày", "Quận Hoàn Kiếm", "Phường Phúc Tân", "Quận Hoàn Kiếm: gồm", "Giai đoạn chính sách"]);
    await expect(trend.locator("tbody tr").last().locator("td").nth(2)).toHaveText("18/18 phường");
    await expect(trend.locator("tbody tr").last().locator("td").last()).toHaveText("Chỉ thị 16");
    await expect(page.getByTestId("coverage-trend-phases")).toContainText("Vùng tô: Chỉ thị 16 (Thành phố Hà Nội): từ 24/07/2021");
  });
});

test.describe("ward page", () => {
  test("opens Phúc Tân from the ranking on 14/8/2021 with no active venue and its forecast", async ({ page }) => {
    await page.goto("/?day=2021-08-14");
    await page.getByTestId("ward-ranking").getByRole("link", { name: "Phường Phúc Tân" }).click();
    await expect(page).toHaveURL(/\/wards\/00037\?day=2021-08-14/);
    await expect(page.getByRole("heading", { level: 1, name: "Phường Phúc Tân" })).toBeVisible();
    await expect(page.getByTestId("ward-scans")).toContainText("0");
    await expect(page.getByTestId("venues-active")).toContainText("0");
    await expect(page.getByTestId("ward-rank")).toContainText(/hạng \d+\/18/);
    await expect(page.getByTestId("ward-target-gap")).toContainText("lượt cài");
    await expect(page.getByTestId("ward-alerts")).toBeVisible();
    // The demo's Hoàn Kiếm figures are the wards' own reports: the page says so, field by field.
    await expect(page.getByTestId("ward-sources")).toContainText("Nguồn số liệu ngày 14/08/2021");
    await expect(page.getByTestId("source-used-scans")).toHaveText("Phường báo cáo");
    // The ward page's charts are drawn when scrolled near (components/charts/lazy-chart.tsx).
    const history = await openTableView(page, "ward-rank-history-table");
    await expect(history.locator("tbody tr").last().locator("th")).toHaveText("14/08/2021");
    await expectNoSeriousA11yViolations(page);
  });

  test("shows a ward that did not report as missing; 403 for any code outside the official's district, 404 only for an admin", async ({ page }) => {
    await page.goto("/wards/00052?day=2021-08-15");
    await expect(page.getByTestId("ward-not-reported")).toContainText("chưa báo cáo");
    await expect(page.getByTestId("ward-rank")).toContainText("chưa báo cáo");
    // Whether a code exists is not told to someone who may not see it (issue 13).
    expect((await page.goto("/wards/00001"))?.status()).toBe(403);
    expect((await page.goto("/wards/99999"))?.status()).toBe(403);
    expect((await page.goto("/wards/abc"))?.status()).toBe(404);
    await page.goto("/wards/00037?day=2021-13-01");
    await expect(page.getByRole("heading", { name: "Tham số không hợp lệ" })).toBeVisible();
    await forgetSession(page);
    await signIn(page, ACCOUNTS.admin);
    expect((await page.goto("/wards/99999"))?.status()).toBe(404);
  });
});

test.describe("city page", () => {
  test("ranks the 30 districts with Hoàn Kiếm 7th picked out", async ({ page }) => {
    await page.goto("/?day=2021-08-17");
    await page.getByRole("link", { name: /Xếp hạng các quận, huyện/ }).click();
    await expect(page).toHaveURL(/\/city\?day=2021-08-17/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Thành phố Hà Nội");
    const rows = page.getByTestId("district-ranking").locator("tbody tr");
    await expect(rows).toHaveCount(30);
    const own = page.getByTestId("district-ranking").locator('tbody tr[aria-current="true"]');
    await expect(own).toHaveCount(1);
    await expect(own.locator("th")).toContainText("Quận Hoàn Kiếm");
    await expect(own.locator("td").first()).toHaveText("7");
    await expect(page.getByTestId("city-highlight")).toContainText("Hạng 7/30");
    await expect(page.getByTestId("city-coverage")).toContainText("47,05%");
    await expectNoSeriousA11yViolations(page);
  });

  test("explains malformed filters, refuses other districts and 404s an unknown one for an admin", async ({ page }) => {
    await page.goto("/city?sort=diem");
    await expect(page.getByRole("heading", { name: "Tham số không hợp lệ" })).toBeVisible();
    await expect(page.getByText("Chỉ số xếp hạng phải là một trong")).toBeVisible();
    expect((await page.goto("/city?district=999"))?.status()).toBe(403);
    await page.goto("/?compare=1%20OR%201=1");
    await expect(page.getByText("Mã phường gồm 5 chữ số")).toBeVisible();
    await forgetSession(page);
    await signIn(page, ACCOUNTS.admin);
    expect((await page.goto("/city?district=999"))?.status()).toBe(404);
  });
});
