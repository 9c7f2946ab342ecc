import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, signIn } from "./auth-helpers";

// The ward page's venue list (issue 16, part 6) on the demo, as Hoàn Kiếm's official: 25 venues a
// page with their codes, a search that narrows, pages reached with the keyboard, the same without
// JavaScript and on a phone; and the public assets every page links (favicon, manifest, icons).

const WARD = "/wards/00037?day=2021-08-17";
/** A navigation renders the whole ward page: seconds on a loaded 2-core machine. */
const NAV = { timeout: 20_000 };

test.describe("ward venue list", () => {
  test.beforeEach(async ({ page }) => signIn(page, ACCOUNTS.official));

  test("pages 25 venues with their codes and moves between pages with the keyboard", async ({ page }) => {
    await page.goto(WARD);
    const span = page.getByTestId("venue-span");
    await expect(span).toHaveText(/^1–25 của [\d.]+ điểm$/);
    const rows = page.getByTestId("venue-list").locator("tbody tr");
    await expect(rows).toHaveCount(25);
    const firstCode = (await rows.first().getAttribute("data-code")) ?? "";
    expect(firstCode).toMatch(/^HK-/);
    await expect(rows.first()).toContainText(firstCode); // the code is shown
    await expectNoSeriousA11yViolations(page);

    // Paging by keyboard: the "next" link is reachable and followed with Enter.
    const next = page.getByRole("link", { name: "Trang sau ›" });
    await next.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/page=2/, NAV);
    await expect(span).toHaveText(/^26–50 của [\d.]+ điểm$/, NAV);
    await expect(rows.first()).not.toHaveAttribute("data-code", firstCode);
    await page.getByRole("link", { name: "‹ Trang trước" }).focus();
    await page.keyboard.press("Enter");
    await expect(span).toHaveText(/^1–25 của/, NAV);
  });

  test("narrows by a search without diacritics and by a filter of the form, and clears them", async ({ page }) => {
    test.slow(); // four renders of the ward page
    await page.goto(WARD);
    const span = page.getByTestId("venue-span");
    const rows = page.getByTestId("venue-list").locator("tbody tr");

    // Search by a venue's name without diacritics: the list narrows to it, the URL keeps the view.
    const name = ((await rows.nth(3).locator("th").first().evaluate((th) => th.firstChild?.textContent ?? "")) ?? "").trim();
    const folded = name
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase();
    await page.getByLabel("Tìm theo tên, mã hoặc địa chỉ").fill(folded);
    await page.getByLabel("Tìm theo tên, mã hoặc địa chỉ").press("Enter");
    await expect(page).toHaveURL(/[?&]q=/, NAV);
    await expect(span).toContainText("khớp", NAV);
    await expect(rows.locator("th", { hasText: name }).first()).toBeVisible();
    const [, matched, total] = /của ([\d.]+) điểm khớp \(trong ([\d.]+) điểm\)/.exec((await span.textContent()) ?? "") ?? [];
    expect(Number(matched?.replace(/\./g, ""))).toBeLessThan(Number(total?.replace(/\./g, "")));

    // A filter from the form, labelled: only dormant venues.
    await page.getByRole("link", { name: "Bỏ tìm kiếm và bộ lọc" }).click();
    await expect(span).toHaveText(/^1–25 của/, NAV);
    await page.getByLabel("Tình trạng quét").selectOption("dormant");
    await page.getByRole("button", { name: "Tìm và lọc" }).click();
    await expect(page).toHaveURL(/activity=dormant/, NAV);
    await expect(span).toContainText("khớp", NAV);
    const activities = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-activity")));
    expect(activities.length).toBeGreaterThan(0);
    expect(new Set(activities)).toEqual(new Set(["dormant"]));
    await expectNoSeriousA11yViolations(page);
  });

  test("says what is wrong with a malformed list parameter, and a page past the end, without an error", async ({ page }) => {
    const bad = await page.goto("/wards/00037?page=0&category=CAFE");
    expect(bad?.status()).toBeLessThan(500);
    await expect(page.getByRole("heading", { name: "Tham số không hợp lệ" })).toBeVisible();
    await expect(page.getByText("Số trang phải từ 1 đến 10.000")).toBeVisible();
    await expect(page.getByText(/Loại địa điểm phải là một trong/)).toBeVisible();
    const past = await page.goto(`${WARD}&page=999`);
    expect(past?.status()).toBe(200);
    await expect(page.getByTestId("venue-span")).toContainText("Không có trang 999");
    await page.getByRole("link", { name: /Đến trang cuối/ }).click();
    await expect(page.getByTestId("venue-list").locator("tbody tr").first()).toBeVisible(NAV);
  });

  test("works without JavaScript (a GET form) and fits a phone", async ({ page, browser }) => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const plain = await noScript.newPage();
    await plain.goto(WARD);
    await plain.getByLabel("Tình trạng quét").selectOption("idle");
    await plain.getByRole("button", { name: "Tìm và lọc" }).click();
    await expect(plain).toHaveURL(/activity=idle/, NAV);
    await expect(plain.getByTestId("venue-span")).toContainText("khớp");
    await noScript.close();

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(WARD);
    await expect(page.getByTestId("venue-list").locator("tbody tr")).toHaveCount(25);
    // no sideways scrolling on a phone: every row is a card inside the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("public assets", () => {
  test("serves the favicon, the web manifest and its icons without sign-in, linked from every page", async ({ request, page }) => {
    const favicon = await request.get("/favicon.ico");
    expect([favicon.status(), favicon.headers()["content-type"]]).toEqual([200, "image/x-icon"]);
    const manifest = await request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    const body = (await manifest.json()) as { name: string; start_url: string; icons: { src: string; purpose?: string }[] };
    expect([body.name, body.start_url]).toEqual(["WardWatch", "/entry"]);
    expect(body.icons.some((i) => i.purpose === "maskable")).toBe(true);
    for (const icon of body.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);

    await page.goto("/login");
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /favicon\.ico/);
  });
});
