import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, signIn, signOut, vietnamDays, vnDate } from "./auth-helpers";

// In Chromium: after one ward reports today, the official's overview still opens on the
// last whole day (17/8/2021 in the demo) and offers today one click away as "Đang cập nhật: 1/18
// phường đã báo cáo"; today's page says at the top that its figures are incomplete and gives no
// rank; the city page does not rank Hoàn Kiếm from one ward's figures. Hàng Mã's report of today is
// this spec's own (reports are never deleted); it counts the wards that reported before it.

const { today } = vietnamDays();
const HOAN_KIEM = "002";

const LABELS = {
  smartphones: "Số điện thoại thông minh",
  installs: "Số lượt cài Bluezone (cộng dồn)",
  qrVenues: "Số địa điểm đã tạo mã QR (cộng dồn)",
  activeVenues: "Số địa điểm có lượt quét trong ngày",
  scans: "Số lượt quét mã QR trong ngày",
};

/** How many of Hoàn Kiếm's wards have reported today (the specs share one database; in a fresh one, 0). */
async function wardsReportedToday(page: Page): Promise<number> {
  await page.goto(`/?day=${today}`);
  const notice = page.getByTestId("partial-day");
  if ((await notice.count()) === 0) {
    // no figure today at all: the day is outside the data
    await expect(page.getByRole("heading", { name: `Không có số liệu ngày ${vnDate(today)}` })).toBeVisible();
    return 0;
  }
  const text = (await notice.locator("h2").textContent()) ?? "";
  const match = /(\d+)\/18 phường/.exec(text);
  if (!match) throw new Error(`no k/18 in "${text}"`);
  return Number(match[1]);
}

test("one ward's report today is offered, labelled k/18, never opened on or ranked", async ({ page }) => {
  test.slow(); // three sign-ins, nine pages and three accessibility scans: more than 60 s on a busy machine
  await signIn(page, ACCOUNTS.official);
  const before = await wardsReportedToday(page);
  const after = before + 1;
  await signOut(page);

  // Phường Hàng Mã reports today.
  await signIn(page, ACCOUNTS.hangMa, "/entry");
  await expect(page.getByRole("heading", { level: 1, name: `Báo cáo ngày ${vnDate(today)}` })).toBeVisible();
  await page.getByLabel(LABELS.smartphones, { exact: true }).fill("8.000");
  await page.getByLabel(LABELS.installs, { exact: true }).fill("4.200");
  await page.getByLabel(LABELS.qrVenues, { exact: true }).fill("250");
  await page.getByLabel(LABELS.activeVenues, { exact: true }).fill("40");
  await page.getByLabel(LABELS.scans, { exact: true }).fill("900");
  await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  const message = page.getByTestId("form-message");
  const warnings = page.getByTestId("warnings");
  await expect(message.or(warnings).first()).toBeVisible();
  if (await warnings.isVisible()) {
    // e.g. a jump since the ward's last report in 2021: confirmed with a note, as a chair would
    await page.getByLabel("Tôi đã kiểm tra lại: các số liệu trên là đúng").check();
    await page.getByLabel(/^Ghi chú/).fill("Số liệu đầu kỳ mới, đã kiểm tra.");
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  }
  await expect(message).toContainText("Đã gửi báo cáo");
  await signOut(page);

  // The official's overview opens on the last whole day and offers today.
  await signIn(page, ACCOUNTS.official);
  await page.goto("/");
  await expect(page.getByText("Tổng quan ngày 17/08/2021")).toBeVisible();
  await expect(page.getByTestId("partial-day")).toHaveCount(0);
  await expect(page.getByTestId("kpi-rank")).toContainText("hạng 7");
  const offer = page.getByTestId("still-coming-in").getByRole("link", { name: new RegExp(`Đang cập nhật: ${after}/18 phường đã báo cáo`) });
  await expect(offer).toContainText(`ngày ${vnDate(today)}`);
  await expect(offer).toHaveAttribute("href", `/?day=${today}`);
  await expectNoSeriousA11yViolations(page);

  // One click away (by keyboard): today's page says plainly that its figures are incomplete.
  await offer.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`\\?day=${today}$`));
  await expect(page.getByText(`Tổng quan ngày ${vnDate(today)}`)).toBeVisible();
  const notice = page.getByTestId("partial-day");
  await expect(notice).toContainText(`Số liệu ngày ${vnDate(today)} chưa đầy đủ: ${after}/18 phường đã báo cáo`);
  await expect(notice.getByRole("link", { name: "Xem ngày đủ số liệu gần nhất: 17/08/2021" })).toHaveAttribute("href", "/?day=2021-08-17");
  const rank = page.getByTestId("kpi-rank");
  await expect(rank).toContainText(`chưa đủ số liệu, ${after}/18 phường`);
  await expect(rank).not.toContainText(/hạng \d/);
  await expect(rank).toContainText("không so sánh");
  await expect(page.getByTestId("kpi-coverage")).toContainText(`chưa đủ số liệu: ${after}/18 phường`);
  await expect(page.getByTestId("kpi-coverage")).toHaveAttribute("data-partial", "true");
  await expect(page.getByTestId("kpi-not-reported-wards")).toContainText(`${after}/18 phường đã báo cáo`);
  // The wards' ranking ranks who reported, and lists the rest apart as "chưa báo cáo".
  const table = page.getByTestId("ward-ranking");
  await expect(table.locator("tbody[data-group='ranked'] tr[data-unit-code='00043'] th")).toContainText("Phường Hàng Mã");
  await expect(table.locator("tbody[data-group='missing'] th[scope='rowgroup']")).toHaveText(`Chưa báo cáo (${18 - after})`);
  await expectNoSeriousA11yViolations(page);

  // The city page of that day does not rank Hoàn Kiếm from its wards' partial sum.
  await page.goto(`/city?day=${today}`);
  await expect(page.getByTestId("city-highlight")).toContainText(`Không xếp hạng (chưa đủ số liệu, ${after}/18 phường)`);
  const own = page.getByTestId("district-ranking").locator(`tbody tr[data-unit-code='${HOAN_KIEM}']`);
  await expect(own).toHaveAttribute("data-standing", "partial");
  await expect(own.locator("td").first()).toHaveText("—");
  await expect(own.locator("th")).toContainText(`chưa đủ số liệu, ${after}/18 phường`);
  await expect(page.getByTestId("district-ranking").locator("tbody[data-group='partial'] th[scope='rowgroup']")).toContainText("Chưa đủ số liệu");
  await expectNoSeriousA11yViolations(page);

  // Without a day, the city page opens on its last whole day, Hoàn Kiếm 7th of 30, and offers today.
  await page.goto("/city");
  await expect(page.getByTestId("city-highlight")).toContainText("Hạng 7/30");
  await expect(page.getByTestId("still-coming-in")).toContainText(`ngày ${vnDate(today)}`);
});
