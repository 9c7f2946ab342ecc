import { expect, test, type Request } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, signIn, signOut, vietnamDays, vnDate } from "./auth-helpers";

// At a phone's width: a ward chair signs in, submits a report with an error,
// fixes it, confirms a warning, sees it in the completeness list; a district official approves it;
// the ward chair can no longer edit it; another ward chair can neither open nor post it.
// Its data is its own: Phúc Tân's reports of today and yesterday, which no other spec reads (reports
// are never deleted, so they stay; partial-day.spec counts today's reporting wards as it finds them).

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const PHUC_TAN = "00037";
const { today, yesterday } = vietnamDays();

type CapturedAction = { url: string; headers: Record<string, string>; body: string };

async function fillReport(page: import("@playwright/test").Page, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
}

const LABELS = {
  smartphones: "Số điện thoại thông minh",
  installs: "Số lượt cài Bluezone (cộng dồn)",
  qrVenues: "Số địa điểm đã tạo mã QR (cộng dồn)",
  activeVenues: "Số địa điểm có lượt quét trong ngày",
  scans: "Số lượt quét mã QR trong ngày",
};

async function noHorizontalScroll(page: import("@playwright/test").Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
}

test.describe.serial("ward chair's daily report", () => {
  let captured: CapturedAction | null = null;

  test("a ward chair submits, fixes an error, confirms a warning and sees the report in the completeness list", async ({ page }) => {
    await page.goto("/entry");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fentry/);
    await expectNoSeriousA11yViolations(page);
    await signIn(page, ACCOUNTS.phucTan, `/entry?day=${yesterday}`);
    await expect(page.getByRole("heading", { level: 1, name: `Báo cáo ngày ${vnDate(yesterday)}` })).toBeVisible();
    await expect(page.getByTestId("entry-ward")).toContainText("Phường Phúc Tân");

    // Yesterday's report, so that today's cumulative installs can be compared with it.
    await fillReport(page, {
      [LABELS.smartphones]: "8.500",
      [LABELS.installs]: "4.500",
      [LABELS.qrVenues]: "210",
      [LABELS.activeVenues]: "30",
      [LABELS.scans]: "850",
    });
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.getByTestId("form-message")).toContainText("Đã gửi báo cáo");

    // Today: an error first (installs above smartphones), shown next to the field.
    await page.goto("/entry");
    await expect(page.getByRole("heading", { level: 1, name: `Báo cáo ngày ${vnDate(today)}` })).toBeVisible();
    // Cumulative fields start from yesterday's report, marked as such (issue 16; was a hint "Ngày …: 4.500.").
    await expect(page.getByLabel(LABELS.installs, { exact: true })).toHaveValue("4.500");
    await expect(page.getByTestId("carried-installs")).toHaveText(`Theo báo cáo ngày ${vnDate(yesterday)}: sửa nếu đã thay đổi.`);
    await noHorizontalScroll(page);
    await fillReport(page, {
      [LABELS.smartphones]: "8.500",
      [LABELS.installs]: "9.000",
      [LABELS.qrVenues]: "212",
      [LABELS.activeVenues]: "31",
      [LABELS.scans]: "-5",
    });
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    const installs = page.getByLabel(LABELS.installs, { exact: true });
    await expect(installs).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-installs-error")).toHaveText(/không được lớn hơn số điện thoại thông minh/);
    await expect(page.locator("#field-scans-error")).toHaveText("Số lượt quét mã QR trong ngày không được là số âm");
    await expectNoSeriousA11yViolations(page);

    // Fix it — with installs lower than yesterday's, which is a warning, not an error.
    await fillReport(page, { [LABELS.installs]: "4.400", [LABELS.scans]: "870" });
    page.on("request", (req: Request) => {
      if (req.method() === "POST" && req.headers()["next-action"] && !captured) {
        captured = { url: req.url(), headers: req.headers(), body: req.postData() ?? "" };
      }
    });
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    const warnings = page.getByTestId("warnings");
    await expect(warnings).toContainText("thấp hơn ngày");
    await expect(page.getByTestId("report-status")).toHaveText("Chưa có báo cáo cho ngày này.");
    await expectNoSeriousA11yViolations(page);

    // Confirming without a note is not enough.
    await page.getByLabel("Tôi đã kiểm tra lại: các số liệu trên là đúng").check();
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.locator("#field-note-error")).toHaveText("Hãy ghi chú lý do cho các số liệu bất thường.");
    await page.getByLabel(/^Ghi chú/).fill("Đã rà soát, loại 100 lượt cài trùng thiết bị.");
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.getByTestId("form-message")).toContainText("Đã gửi báo cáo");
    await expect(page.getByTestId("report-status")).toContainText("phiên bản 1");

    // The completeness list shows it.
    await page.getByRole("button", { name: "Menu" }).click(); // the phone's header keeps its menu behind a button
    await page.getByRole("link", { name: "Tình hình báo cáo" }).click();
    const row = page.getByTestId(`ward-${PHUC_TAN}`);
    await expect(row).toContainText("Đúng hạn");
    await expect(row).toContainText("Chờ duyệt");
    await expect(row).toContainText("4.400");
    await expect(page.getByTestId("ward-00040")).not.toContainText("Chờ duyệt");
    await noHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);
    expect(captured?.body).toContain(`"wardCode":"${PHUC_TAN}"`);
  });

  test("a district official approves it; the ward chair can no longer edit it", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, `/reports?day=${today}`);
    const row = page.getByTestId(`ward-${PHUC_TAN}`);
    await expect(row).toContainText("Đã rà soát, loại 100 lượt cài trùng thiết bị.");
    await expect(row).toContainText("thấp hơn ngày");
    await row.getByRole("button", { name: "Duyệt báo cáo của Phường Phúc Tân" }).click();
    await expect(row).toContainText("Đã duyệt");
    await expect(row.getByRole("button", { name: "Mở khoá báo cáo của Phường Phúc Tân" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await signOut(page);

    await signIn(page, ACCOUNTS.phucTan, "/entry");
    await expect(page.getByTestId("report-locked")).toContainText("Quận đã duyệt báo cáo này");
    await expect(page.getByRole("button", { name: /Gửi báo cáo|Lưu thay đổi/ })).toHaveCount(0);
    await expect(page.getByLabel(LABELS.installs, { exact: true })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("another ward chair can neither open nor post Phúc Tân's report", async ({ page }) => {
    await signIn(page, ACCOUNTS.dongXuan, "/entry");
    await expect(page.getByTestId("entry-ward")).toContainText("Phường Đồng Xuân");

    const response = await page.goto(`/entry?ward=${PHUC_TAN}&day=${today}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByText("4.400")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // Replay the ward chair's own server action call with this session and Phúc Tân's code.
    if (!captured) throw new Error("no server action request was captured");
    const forged = captured.body.replace('"expectedVersion":0', '"expectedVersion":2').replace(/"installs":"[^"]*"/, '"installs":"1"');
    const answer = await page.request.post(captured.url, {
      headers: {
        "next-action": captured.headers["next-action"] ?? "",
        "content-type": captured.headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: new URL(captured.url).origin,
      },
      data: forged,
    });
    const text = await answer.text();
    expect(text).toContain('"status":403');
    expect(text).not.toContain('"ok":true');
    await signOut(page);

    // Nothing changed.
    await signIn(page, ACCOUNTS.official, `/reports?day=${today}`);
    const row = page.getByTestId(`ward-${PHUC_TAN}`);
    await expect(row).toContainText("Đã duyệt");
    await expect(row).toContainText("4.400");
  });
});
