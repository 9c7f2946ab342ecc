import { expect, test, type Page } from "@playwright/test";
import { REPORT_FIELD_LABELS } from "../../lib/domain/report-checks";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, signIn, vietnamDays, vnDate } from "./auth-helpers";

// Issue 17, offline-tolerant entry: the ward chair of Hàng Bạc (no other spec writes its reports)
// types the day's report with no connection. It waits on the phone as "chờ gửi" (IndexedDB), the
// page still opens offline (the service worker, public/sw.js), and it is sent once, through the
// same server action, when the connection returns. A report someone else saved meanwhile is shown
// as a conflict and never overwritten.

const HANG_BAC = { code: "00061", username: "phuong.hangbac", password: "PhuongHK@2021" };
const { today, yesterday } = vietnamDays();

// The form's own labels (lib/domain/report-checks.ts): the fields are found by what a reader hears.
const LABELS = REPORT_FIELD_LABELS;

async function fillReport(page: Page, values: [string, string, string, string, string]): Promise<void> {
  const labels = [LABELS.smartphones, LABELS.installs, LABELS.qrVenues, LABELS.activeVenues, LABELS.scans];
  for (const [i, label] of labels.entries()) await page.getByLabel(label, { exact: true }).fill(values[i] as string);
}

/** Waits until the service worker controls the page and has kept it for offline use. */
async function waitForOfflineCopy(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).some((k) => k.startsWith("wardwatch-pages")) && (await (await caches.open("wardwatch-pages-v1")).keys()).length > 0), {
      timeout: 20_000,
    })
    .toBe(true);
}

test("a report typed offline waits as 'chờ gửi', the page opens offline, and it is saved once when the connection returns", async ({ page, context, browser }) => {
  await signIn(page, HANG_BAC, "/entry");
  await expect(page.getByRole("heading", { level: 1, name: `Báo cáo ngày ${vnDate(today)}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Gửi báo cáo" })).toBeEnabled({ timeout: 20_000 });
  await waitForOfflineCopy(page);

  await context.setOffline(true);
  await fillReport(page, ["9.000", "5.000", "300", "120", "2.000"]);
  await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  await expect(page.getByTestId("form-message")).toContainText("chờ gửi");
  await expect(page.getByTestId("pending-state")).toContainText("Chờ gửi");
  await expect(page.getByTestId("pending-reports")).toContainText(`Ngày ${vnDate(today)} · Phường Hàng Bạc`);
  await expect(page.getByTestId("pending-reports")).toContainText("Chưa có mạng");
  await expectNoSeriousA11yViolations(page);

  // Still offline, the page opens again (from the service worker) with the figures waiting.
  const reopened = await page.reload();
  expect(reopened?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId("pending-state")).toContainText("Chờ gửi");
  await expect(page.getByLabel(LABELS.installs, { exact: true })).toHaveValue("5.000");
  await expect(page.getByTestId("report-status")).toHaveText("Chưa có báo cáo cho ngày này.");

  // The connection returns: sent by itself, once.
  await context.setOffline(false);
  await expect(page.getByTestId("form-message")).toContainText(`Đã gửi báo cáo ngày ${vnDate(today)} (phiên bản 1)`, { timeout: 20_000 });
  await expect(page.getByTestId("pending-state")).toHaveCount(0);
  await expect(page.getByTestId("pending-reports")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("report-status")).toContainText("Đã gửi · phiên bản 1");
  await expect(page.getByLabel(LABELS.scans, { exact: true })).toHaveValue("2.000");
  await expect(page.getByTestId("pending-reports")).toHaveCount(0);

  // One audit entry: the report's creation by the chair.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, ACCOUNTS.admin, `/admin/audit?unit=${HANG_BAC.code}&action=figure.create`);
  const entries = adminPage.getByTestId("audit-entry").filter({ hasText: vnDate(today) });
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText("Hàng Bạc");
  await admin.close();
});

test("a report typed offline that someone else saved meanwhile is shown as a conflict, never overwritten, and can be discarded", async ({ page, context, browser }) => {
  await signIn(page, HANG_BAC, `/entry?day=${yesterday}`);
  await expect(page.getByRole("button", { name: "Gửi báo cáo" })).toBeEnabled({ timeout: 20_000 });
  await context.setOffline(true);
  await fillReport(page, ["9.000", "4.950", "300", "110", "1.900"]);
  await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  await expect(page.getByTestId("pending-state")).toContainText("Chờ gửi");

  // Meanwhile the admin enters the same day for the ward.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, ACCOUNTS.admin, `/entry?ward=${HANG_BAC.code}&day=${yesterday}`);
  await expect(adminPage.getByRole("button", { name: "Gửi báo cáo" })).toBeEnabled({ timeout: 20_000 });
  await fillReport(adminPage, ["9.000", "4.900", "300", "100", "1.800"]);
  await adminPage.getByRole("button", { name: "Gửi báo cáo" }).click();
  await expect(adminPage.getByTestId("form-message")).toContainText("Đã gửi báo cáo");

  // Back online: the chair's report is refused by the version check and shown beside the saved one.
  await context.setOffline(false);
  await expect(page.getByTestId("conflict")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("form-message")).toContainText("Số liệu của bạn chưa được lưu");
  await expect(page.getByTestId("pending-reports")).toContainText("Chưa lưu:");
  await expectNoSeriousA11yViolations(page);

  // Nothing was overwritten: the saved report is still the admin's.
  await adminPage.reload();
  await expect(adminPage.getByTestId("report-status")).toContainText("phiên bản 1");
  await expect(adminPage.getByLabel(LABELS.installs, { exact: true })).toHaveValue("4.900");
  await admin.close();

  // The chair discards the waiting report: it leaves the device.
  await page.getByRole("button", { name: /^Bỏ báo cáo này/ }).click();
  await expect(page.getByTestId("pending-reports")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("pending-state")).toHaveCount(0);
  await expect(page.getByLabel(LABELS.installs, { exact: true })).toHaveValue("4.900");
});
