import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// The Exports page in Chromium on the demo data (Quận Hoàn Kiếm, 18 wards, 19/7–17/8/2021):
// a district official downloads files through the page's links and reads them back; a ward chair
// sees and gets only the own ward.

const BOM = "\uFEFF";

test("a district official downloads the ward ranking as CSV and the daily figures as Excel", async ({ page }) => {
  await signIn(page, ACCOUNTS.official, "/exports");
  await page.goto("/exports?day=2021-08-17&from=2021-08-11&to=2021-08-17");
  await expect(page.getByRole("heading", { name: "Xuất dữ liệu", level: 1 })).toBeVisible();
  await expect(page.getByTestId("export-audit")).toBeVisible();
  await expect(page.getByRole("link", { name: "Báo cáo tổng quan quận (PDF)" })).toHaveAttribute(
    "href",
    "/api/exports/district-report?district=002&day=2021-08-17",
  );
  await expectNoSeriousA11yViolations(page);

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Xếp hạng phường: tải CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/xep-hang-phuong-002-2021-08-17\.csv$/);
  const text = fs.readFileSync(await csvDownload.path(), "utf8");
  expect(text.startsWith(BOM)).toBe(true);
  const rows: string[][] = parse(text.slice(1));
  expect(rows[0]?.slice(0, 6)).toEqual(["Hạng", "Số đơn vị được xếp hạng", "Cấp", "Mã đơn vị", "Tên đơn vị", "Tình trạng"]);
  // the 18 wards, then the district (its rank among the city's districts) and the city (issue 11)
  expect(rows).toHaveLength(1 + 18 + 2);
  expect(rows.some((r) => r[4] === "Phường Phúc Tân")).toBe(true);
  expect(rows.at(-2)?.slice(0, 5)).toEqual(["7", "30", "Quận/huyện", "002", "Quận Hoàn Kiếm"]);

  const [xlsxDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Số liệu hằng ngày theo phường: tải Excel" }).click(),
  ]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsxDownload.path());
  const sheet = workbook.worksheets[0];
  expect(sheet?.rowCount).toBe(1 + (18 + 2) * 7); // each day: the wards, the district, the city
  expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(workbook.getWorksheet("Bộ lọc")?.getColumn(1).values).toContain("Người xuất");
});

test("a ward chair sees and downloads only the own ward, on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, ACCOUNTS.phucTan, "/exports");
  await page.goto("/exports");
  await expect(page.getByRole("heading", { name: "Xuất dữ liệu", level: 1 })).toBeVisible();
  // Every download link fits the screen: nothing to scroll sideways for.
  const json = await page.getByRole("link", { name: "Xếp hạng phường: JSON (API)" }).boundingBox();
  expect((json?.x ?? Infinity) + (json?.width ?? 0)).toBeLessThanOrEqual(360);
  await expect(page.getByTestId("export-audit")).toHaveCount(0);
  await expect(page.getByTestId("export-documents")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Xếp hạng phường: tải CSV" }).click()]);
  const rows: string[][] = parse(fs.readFileSync(await download.path(), "utf8").slice(1));
  expect(rows.slice(1).map((r) => r[3])).toEqual(["00037"]); // no district or city row for a ward chair

  const other = await page.request.get("/api/exports/rankings?format=csv&ward=00040");
  expect(other.status()).toBe(403);
  const audit = await page.request.get("/api/v1/audit");
  expect(audit.status()).toBe(403);
  const bad = await page.request.get("/api/v1/daily-figures?from=2020-01-01&to=2020-01-05");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/ngoài những ngày có số liệu/);
});
