import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// Issue 5, "Done when", in Chromium: an admin uploads the sample scan log, sees the progress bar
// move and the result summary, and the district dashboard's figures for that day change to the
// file's. Then a file with a bad row publishes nothing and lists that row.
// Issue 11: the sample covers 18/8/2021, a day the demo does not, and replaces only Hoàn Kiếm on
// that day: the dispatch's figures of 14/8 stay. A file over approved ward reports asks first.

const SAMPLE = path.resolve("samples", "qr-scan-log.csv");
const DAY = "2021-08-18";
/** A day of the demo with the dispatch's city figures. */
const DISPATCH_DAY = "2021-08-14";
const DISPATCH_QR = "206.385 địa điểm tạo mã QR, 14.698 địa điểm phát sinh lượt quét";
/** Hoàn Kiếm's wards, and venues of the demo registered long before August (the first of each ward). */
const HK_WARDS = ["00037", "00040", "00043", "00046", "00049", "00052", "00055", "00058", "00061", "00064", "00067", "00070", "00073", "00076", "00079", "00082", "00085", "00088"];
const EARLY_VENUES = HK_WARDS.flatMap((w) => [1, 2, 3].map((n) => `HK-${w}-000${n}`));

/** "3.000" → 3000 */
const viCount = (text: string) => Number(text.replace(/[^\d]/g, ""));

async function kpi(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).locator("dd").first().textContent()) ?? "").trim();
}

/** Records every value the progress bar takes (the upload is throttled, so there are several). */
async function recordProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __progress: number[] }).__progress = seen;
    const observe = () => {
      const bar = document.querySelector<HTMLProgressElement>("[data-testid=import-progress-bar]");
      if (bar && bar.hasAttribute("value") && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
    };
    new MutationObserver(observe).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["value"] });
  });
  return () => page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
}

/**
 * Rolls the newest import back through the page, so that the demo figures the other specs read
 * are what they were (the e2e specs share one database and must not depend on each other's order).
 */
async function rollBackNewestImport(page: Page): Promise<void> {
  await page.goto("/admin/imports");
  // The newest import still in effect (a duplicate's row has no rollback), pinned by its id.
  const undoable = page.getByTestId("import-list").locator("tbody tr").filter({ has: page.getByRole("button", { name: "Hoàn tác" }) });
  const testId = await undoable.first().getAttribute("data-testid");
  const row = page.getByTestId(testId ?? "no-import-in-effect");
  await row.getByRole("button", { name: "Hoàn tác" }).click();
  await row.getByLabel("Lý do (không bắt buộc)").fill("Kiểm thử: trả lại số liệu mẫu");
  await row.getByRole("button", { name: "Xác nhận hoàn tác" }).click();
  await expect(row).toContainText("Không còn hiệu lực");
}

test.describe("imports", () => {
  test("an admin uploads the sample scan log, watches the progress and sees the day's figures change", async ({ page }) => {
    const lines = fs.readFileSync(SAMPLE, "utf8").trim().split("\n").slice(1);
    const venuesInFile = new Set(lines.map((l) => l.split(",")[0])).size;

    await signIn(page, ACCOUNTS.admin, `/?day=${DISPATCH_DAY}`);
    await page.goto(`/?day=${DISPATCH_DAY}`);
    await expect(page.getByText(DISPATCH_QR)).toBeVisible();

    await page.goto("/admin/imports");
    await expect(page.getByRole("heading", { name: "Nhập dữ liệu từ hệ thống quốc gia" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Loại tệp").selectOption({ label: "Nhật ký quét mã QR" });
    // The default scope: the districts of the file's venues.
    await expect(page.getByLabel("Phạm vi thay thế")).toHaveValue("");
    // The file field speaks the interface's language (not Chromium's "Choose File / No file chosen"),
    // is reached by keyboard, and says which file was chosen.
    await expect(page.locator("label", { hasText: /^Chọn tệp$/ })).toBeVisible();
    await expect(page.getByText("Chưa chọn tệp", { exact: true })).toBeVisible();
    await page.getByLabel(/Tệp CSV/).focus();
    await expect(page.getByLabel(/Tệp CSV/)).toBeFocused();
    await page.getByLabel(/Tệp CSV/).setInputFiles(SAMPLE);
    await expect(page.getByText(path.basename(SAMPLE), { exact: true })).toBeVisible();
    await expect(page.getByText("Chưa chọn tệp", { exact: true })).toHaveCount(0);

    // A slow line (40 KB/s up): the 140 KB file takes a few seconds, long enough to watch.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 40 * 1024 });
    const progressValues = await recordProgress(page);
    await page.getByRole("button", { name: "Nạp tệp" }).click();
    await expect(page.getByTestId("import-progress")).toBeVisible();
    await expect(page.getByTestId("import-progress-text")).toContainText("dòng");

    const result = page.getByTestId("import-result");
    await expect(result).toBeVisible({ timeout: 60_000 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect(result).toHaveAttribute("data-status", "SUCCEEDED");
    await expect(page.getByTestId("import-result-message")).toContainText(`Đã nạp ${lines.length.toLocaleString("vi-VN")} lượt quét`);
    await expect(page.getByTestId("import-result-rows")).toHaveText(lines.length.toLocaleString("vi-VN"));
    await expect(result).toContainText("18/08/2021");
    await expect(page.getByTestId("import-result-scope")).toHaveText("Thay số liệu quét của 1 quận × 1 ngày (18/08/2021); giữ nguyên 29 quận, huyện.");

    const seen = await progressValues();
    expect(seen.some((v) => v > 0 && v < 100), `progress values: ${seen.join(", ")}`).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(3);

    // The list shows the import as loaded.
    await expect(page.getByTestId("import-list").locator("tbody tr").first()).toContainText("Đã nạp");
    await expect(page.getByTestId("import-list").locator("tbody tr").first()).toContainText("qr-scan-log.csv");

    // The district's figures for 18/8 are the file's: every scan of Hoàn Kiếm on that day. (The
    // admin names the district: without one, an admin opens on the first district whose wards report.)
    await page.goto(`/?district=002&day=${DAY}`);
    await expect(page.getByTestId("kpi-scans")).toContainText(lines.length.toLocaleString("vi-VN"));
    expect(viCount(await kpi(page, "kpi-active-venues"))).toBe(venuesInFile);
    // And the dispatch's figures of 14/8 are as they were.
    await page.goto(`/?day=${DISPATCH_DAY}`);
    await expect(page.getByText(DISPATCH_QR)).toBeVisible();

    await rollBackNewestImport(page);
    await page.goto(`/?day=${DISPATCH_DAY}`);
    await expect(page.getByText(DISPATCH_QR)).toBeVisible();
  });

  test("a file with one bad row publishes nothing and shows the row; a file loaded twice counts once", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, "/admin/imports");
    await page.goto("/admin/imports");
    const good = fs.readFileSync(SAMPLE, "utf8").trim().split("\n");
    const bad = [...good.slice(0, 51), "HK-KHONG-CO,2021-08-18T09:00:00+07:00,abc", ...good.slice(51, 200)].join("\n");
    await page.getByLabel(/Tệp CSV/).setInputFiles({ name: "co-loi.csv", mimeType: "text/csv", buffer: Buffer.from(`${bad}\n`) });
    await page.getByRole("button", { name: "Nạp tệp" }).click();
    const result = page.getByTestId("import-result");
    await expect(result).toHaveAttribute("data-status", "FAILED", { timeout: 60_000 });
    await expect(result).toContainText("không có số liệu nào được ghi");
    const errors = page.getByTestId("import-errors");
    await expect(errors.locator("tbody tr")).toHaveCount(1);
    await expect(errors.locator("tbody tr").first()).toContainText("52");
    await expect(errors.locator("tbody tr").first()).toContainText("HK-KHONG-CO");
    await expect(errors.locator("tbody tr").first()).toContainText("Không có địa điểm nào với mã này");
    await expectNoSeriousA11yViolations(page);
    const download = page.waitForEvent("download");
    await errors.getByRole("link", { name: /Tải toàn bộ danh sách lỗi/ }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file, "utf8")).toContain("52,venue_code,HK-KHONG-CO,");

    // A small file for 19/8, loaded twice: the second time is a duplicate and changes nothing.
    const small = { name: "quet-19-8.csv", mimeType: "text/csv", buffer: Buffer.from(`venue_code,scanned_at\n${EARLY_VENUES.map((c) => `${c},2021-08-19T10:00:00+07:00`).join("\n")}\n`) };
    await page.getByLabel(/Tệp CSV/).setInputFiles(small);
    await page.getByRole("button", { name: "Nạp tệp" }).click();
    await expect(page.getByTestId("import-result")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
    await page.getByLabel(/Tệp CSV/).setInputFiles(small);
    await page.getByRole("button", { name: "Nạp tệp" }).click();
    await expect(page.getByTestId("import-result")).toHaveAttribute("data-status", "DUPLICATE", { timeout: 60_000 });
    await expect(page.getByTestId("import-result-message")).toContainText("giống hệt");
    await rollBackNewestImport(page);
  });

  test("a file that would replace approved ward reports asks first, and says so once confirmed", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, "/admin/imports");
    await page.goto("/admin/imports");
    // 16/8: every ward report of Hoàn Kiếm is approved in the demo.
    const file = { name: "quet-16-8.csv", mimeType: "text/csv", buffer: Buffer.from(`venue_code,scanned_at\n${EARLY_VENUES.map((c) => `${c},2021-08-16T10:00:00+07:00`).join("\n")}\n`) };
    await page.getByLabel(/Tệp CSV/).setInputFiles(file);
    await page.getByRole("button", { name: "Nạp tệp" }).click();
    const warning = page.getByTestId("import-approved-warning");
    await expect(warning).toBeVisible({ timeout: 60_000 });
    await expect(warning).toContainText("Tệp này sẽ thay số liệu đã được duyệt của 18 phường-ngày");
    await expect(page.getByTestId("import-result")).toHaveAttribute("data-status", "FAILED");
    await expectNoSeriousA11yViolations(page);
    await warning.getByRole("button", { name: "Xác nhận thay số liệu đã duyệt và nạp" }).click();
    await expect(page.getByTestId("import-result")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
    await expect(page.getByTestId("import-result-approved")).toContainText("18 phường-ngày có báo cáo đã được duyệt");
    // Rolling it back restores the approved reports' figures in effect.
    await rollBackNewestImport(page);
  });
});
