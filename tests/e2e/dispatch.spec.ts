import fs from "node:fs";
import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { ACCOUNTS, forgetSession, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// The draft dispatch and the district report in Chromium, against the real app on the demo data:
// an admin edits Hoàn Kiếm's own template and downloads the DOCX from the form (the file is
// unzipped and its XML read back), Ba Đình's draft speaks for Ba Đình, and the template page and
// the download links answer each role as they should.

const DISTRICT_SENTENCE =
  "Quận Hoàn Kiếm có số lượng điện thoại thông minh là 150.788 chiếc trong đó số lượng điện thoại thông minh đã cài đặt ứng dụng Bluezone là 77.113 chiếc chiếm tỷ lệ 51,14% đứng thứ 7 trên toàn Thành phố.";

async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1] ?? "").join(""))
    .join("\n");
}

test.describe("draft dispatch", () => {
  test("an admin edits Hoàn Kiếm's own template with the keyboard, then downloads the DOCX with the new signer", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, "/admin/dispatch-template");
    await expect(page.getByRole("heading", { level: 1, name: "Mẫu công văn" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The page opens on the first district with a template of its own: Hoàn Kiếm (number, signer).
    const own = page.getByRole("form", { name: "Mẫu riêng của Quận Hoàn Kiếm" });
    await expect(own.getByLabel("Họ tên người ký (để trống để ký tay)")).toHaveValue("Nguyễn Quốc Hoàn");
    await expect(own.getByLabel("Số văn bản (để trống nếu văn thư điền sau)")).toHaveValue("1178");
    await expect(own.getByText("Để trống: QUẬN HOÀN KIẾM (theo loại và tên đơn vị).")).toBeVisible();

    // The city's default refuses an empty required field with a message next to it.
    await page.locator("#dispatch-subject").fill(" ");
    await page.getByRole("button", { name: "Lưu mẫu chung" }).click();
    await expect(page.locator("#dispatch-subject-error")).toContainText("không được để trống");
    await page.reload();

    await own.getByLabel("Họ tên người ký (để trống để ký tay)").fill("Trần Văn Bình");
    await own.getByLabel("Số văn bản (để trống nếu văn thư điền sau)").fill("");
    await own.getByLabel("Họ tên người ký (để trống để ký tay)").focus();
    await page.keyboard.press("Tab");
    await own.getByRole("button", { name: "Lưu mẫu riêng" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu mẫu riêng của Quận Hoàn Kiếm" })).toContainText("2 mục thay đổi");
    await page.reload();
    await expect(own.getByLabel("Họ tên người ký (để trống để ký tay)")).toHaveValue("Trần Văn Bình");
    await expect(page.getByText("Số: …/UBND-VHTT", { exact: true })).toBeVisible();

    // The download form starts on the district shown (Hoàn Kiếm).
    await expect(page.getByLabel("Quận, huyện", { exact: true })).toHaveValue("002");
    await page.getByLabel("Ngày số liệu Bluezone").fill("17/08/2021");
    await page.getByLabel("Ngày số liệu quét mã QR").fill("14/08/2021");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải dự thảo công văn" }).click()]);
    // Chromium takes the UTF-8 name (filename*); the ASCII one is for older clients.
    expect(download.suggestedFilename()).toBe("dự-thảo-công-văn-002-2021-08-17.docx");
    const file = await download.path();
    const text = await docxText(file);
    expect(text).toContain(DISTRICT_SENTENCE);
    expect(text).toContain("206.385");
    expect(text).toContain("14.698");
    expect(text).toContain("phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/8/2021");
    expect(text).toContain("Trần Văn Bình");
    expect(text).toMatch(/Số: +\/UBND-VHTT/);

    // Put the demo's wording back for whoever runs next.
    await own.getByLabel("Họ tên người ký (để trống để ký tay)").fill("Nguyễn Quốc Hoàn");
    await own.getByLabel("Số văn bản (để trống nếu văn thư điền sau)").fill("1178");
    await own.getByRole("button", { name: "Lưu mẫu riêng" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu mẫu riêng của Quận Hoàn Kiếm" })).toBeVisible();
  });

  test("Ba Đình's draft speaks for Ba Đình: its authority, place and 14 wards, never Hoàn Kiếm", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, "/admin/dispatch-template?district=001");
    await expect(page.getByRole("heading", { level: 2, name: "Mẫu riêng của Quận Ba Đình" })).toBeVisible();
    await expect(page.getByText("QUẬN BA ĐÌNH", { exact: true })).toBeVisible();
    await expect(page.getByText("Ba Đình, ngày … tháng … năm …", { exact: true })).toBeVisible();
    await expect(page.getByText("- Chủ tịch UBND 14 phường.", { exact: true })).toBeVisible();
    const res = await page.request.get("/api/exports/dispatch?district=001&installDay=2021-08-17&qrDay=2021-08-14");
    expect(res.status()).toBe(200);
    const file = test.info().outputPath("ba-dinh.docx");
    fs.writeFileSync(file, await res.body());
    const text = await docxText(file);
    expect(text).toContain("QUẬN BA ĐÌNH");
    expect(text).toContain("Ba Đình, ngày 17 tháng 8 năm 2021");
    expect(text).toContain("Chủ tịch UBND 14 phường.");
    expect(text).toMatch(/Số: +\/UBND-VHTT/);
    expect(text).not.toMatch(/Hoàn Kiếm|HOÀN KIẾM|18 phường|1178/);
  });

  test("downloads answer each role: the district's official gets both files, a ward chair gets 403", async ({ page }) => {
    await signIn(page, ACCOUNTS.official, "/");
    const report = await page.request.get("/api/exports/district-report?day=2021-08-14");
    expect(report.status()).toBe(200);
    expect(report.headers()["content-type"]).toBe("application/pdf");
    expect((await report.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdf = await page.request.get("/api/exports/dispatch?installDay=2021-08-17&qrDay=2021-08-14&format=pdf");
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-disposition"]).toContain('filename="du-thao-cong-van-002-2021-08-17.pdf"');
    const other = await page.request.get("/api/exports/dispatch?district=001");
    expect(other.status()).toBe(403);
    // A day before the demo's first (19/7/2021): outside the data whatever other specs have added
    // since (a report for today widens the range forward, never back).
    const outside = await page.request.get("/api/exports/district-report?day=2021-06-30");
    expect(outside.status()).toBe(404);
    expect(((await outside.json()) as { error: string }).error).toContain("Không có số liệu ngày 30/06/2021");

    // The official edits the own district's template only: no city default, no other district.
    await page.goto("/admin/dispatch-template");
    await expect(page.getByRole("form", { name: "Mẫu riêng của Quận Hoàn Kiếm" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Mẫu chung của thành phố" })).toHaveCount(0);
    await page.goto("/admin/dispatch-template?district=001");
    await expect(page.getByRole("form", { name: "Mẫu riêng của Quận Ba Đình" })).toHaveCount(0);

    await forgetSession(page);
    await signIn(page, ACCOUNTS.phucTan, "/");
    expect((await page.request.get("/api/exports/district-report")).status()).toBe(403);
    expect((await page.request.get("/api/exports/dispatch")).status()).toBe(403);
    await page.goto("/admin/dispatch-template");
    await expect(page.getByRole("heading", { level: 1, name: "Mẫu công văn" })).toHaveCount(0);
  });
});
