import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn, vietnamDays, vnDate } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// Changes to the unit tree, through the browser. The changes are made in Hà Giang and Cao
// Bằng (units of the country's tree that have no figures in the demo) and take effect today, so
// Hoàn Kiếm's demo figures, rollups and rankings, which the other specs read, stay as they are.

const REASON = "Nghị quyết thử nghiệm số 01/NQ-HĐND";

test("an admin renames, closes and merges units, each from a day and with a reason", async ({ page }) => {
  const { today, yesterday } = vietnamDays();
  await signIn(page, ACCOUNTS.admin, "/admin/units");
  await page.goto("/admin/units?parent=024");
  await expect(page.getByRole("heading", { level: 1, name: "Đơn vị hành chính" })).toBeVisible();
  await expect(page.getByTestId("unit-children")).toContainText("Phường Quang Trung");
  await expectNoSeriousA11yViolations(page);

  // Rename: same code, new name, history keeps the old one.
  await page.getByRole("link", { name: "Thay đổi Phường Quang Trung" }).click();
  const rename = page.getByTestId("rename-form");
  await rename.getByLabel("Tên mới").fill("Phường Quang Trung Mới");
  await rename.getByLabel("Lý do, căn cứ").fill(REASON);
  await rename.getByRole("button", { name: "Đổi tên" }).click();
  await expect(page.getByTestId("rename-result")).toHaveText(
    `Đã ghi: Đổi tên Phường Quang Trung (00688) thành Phường Quang Trung Mới từ ngày ${vnDate(today)}.`,
  );
  await expect(page.getByTestId("unit-00688")).toContainText("Phường Quang Trung Mới");
  await expect(page.getByTestId("unit-history")).toContainText("Đổi tên Phường Quang Trung (00688) thành Phường Quang Trung Mới");
  await expectNoSeriousA11yViolations(page);

  // Close: the form says the last day; the unit shows as ended.
  await page.goto("/admin/units?parent=024&unit=00949");
  const close = page.getByTestId("close-form");
  await expect(close).toContainText(`còn hiệu lực đến hết ngày ${vnDate(yesterday)}`);
  await close.getByLabel("Lý do, căn cứ").fill("x");
  await close.getByRole("button", { name: "Cho thôi hiệu lực" }).click();
  await expect(close.getByText("Hãy ghi lý do, căn cứ (ít nhất 5 ký tự)")).toBeVisible();
  await close.getByLabel("Lý do, căn cứ").fill(REASON);
  await close.getByRole("button", { name: "Cho thôi hiệu lực" }).click();
  await expect(page.getByTestId("close-result")).toHaveText(
    `Đã ghi: Xã Phương Thiện (00949) thôi hiệu lực từ ngày ${vnDate(today)} (ngày cuối ${vnDate(yesterday)}).`,
  );
  await expect(page.getByTestId("unit-00949")).toContainText("Đã thôi hiệu lực");

  // Merge two wards into an existing one, which continues under a new name.
  const merge = page.getByTestId("merge-form");
  await merge.getByRole("checkbox", { name: "Phường Trần Phú (00691)" }).check();
  await merge.getByRole("checkbox", { name: "Phường Ngọc Hà (00692)" }).check();
  await merge.getByLabel("Đơn vị sau sáp nhập", { exact: true }).selectOption("00694");
  await merge.getByLabel("Tên đơn vị sau sáp nhập").fill("Phường Nguyễn Trãi Mới");
  await merge.getByLabel("Lý do, căn cứ").fill(REASON);
  await merge.getByRole("button", { name: "Sáp nhập", exact: true }).click();
  await expect(page.getByTestId("merge-result")).toHaveText(
    `Đã ghi: Sáp nhập Phường Trần Phú (00691), Phường Ngọc Hà (00692) vào Phường Nguyễn Trãi Mới (00694) từ ngày ${vnDate(today)}.`,
  );
  await expect(page.getByTestId("unit-00691")).toContainText(`Có hiệu lực đến hết ${vnDate(yesterday)}`);
  await expect(page.getByTestId("unit-00694")).toContainText("Phường Nguyễn Trãi Mới");

  // Every change is in the audit log with its reason.
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-list")).toContainText("Phường Nguyễn Trãi Mới");
});

test("a ward with figures after the day cannot be closed from that day: the page names the day", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin, "/admin/units?parent=002&unit=00037");
  const close = page.getByTestId("close-form");
  await close.getByLabel("Có hiệu lực từ ngày").fill("15/08/2021");
  await close.getByLabel("Lý do, căn cứ").fill(REASON);
  await close.getByRole("button", { name: "Cho thôi hiệu lực" }).click();
  const refusal = page.getByTestId("close-result");
  await expect(refusal).toContainText("Chưa ghi được: Phường Phúc Tân (00037) có số liệu ngày");
  await expect(refusal).toContainText("sau ngày cuối còn hiệu lực (14/08/2021)");
  await expect(page.getByTestId("unit-00037")).toContainText("Đang có hiệu lực");
  // said once (a badge), not badge and then the same words as the unit's dates
  expect((await page.getByTestId("unit-00037").innerText()).split("Đang có hiệu lực")).toHaveLength(2);
});

/** Cao Bằng (04) as the 2021 list has it, with `edit` applied to its lines. */
function caoBangList(edit: (lines: string[]) => string[]): Buffer {
  const lines = fs.readFileSync(path.join(process.cwd(), "prisma", "data", "vietnam-units-2021-07-01.csv"), "utf8").trimEnd().split("\n");
  const inProvince = new Set<string>();
  const kept = lines.slice(1).filter((line) => {
    const [code = "", , , , parent = ""] = line.split(",");
    if (code === "VN") return true;
    if (code === "04" || inProvince.has(parent)) {
      inProvince.add(code);
      return true;
    }
    return false;
  });
  return Buffer.from(["code,level,name,type,parent_code", ...edit(kept)].join("\n") + "\n", "utf8");
}

test("a new code list is previewed (what it adds, renames and closes), then applied", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin, "/admin/units/code-list");
  await expect(page.getByRole("heading", { level: 1, name: "Nhập danh mục đơn vị mới" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The file field in Vietnamese (Chromium's own shows "Choose File / No file chosen").
  await expect(page.getByText("Chưa chọn tệp", { exact: true })).toBeVisible();
  await expect(page.locator("label", { hasText: /^Chọn tệp$/ })).toBeVisible();

  // A malformed line: nothing to apply, the line is named.
  await page.getByLabel("Tệp danh mục (CSV)").setInputFiles({
    name: "sai.csv",
    mimeType: "text/csv",
    buffer: caoBangList((lines) => [...lines, "01234,ward,Xã Thiếu Cột,Xã"]),
  });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("code-list-issues")).toContainText("cần 5 cột, có 4");

  // Cao Bằng with one ward renamed, one closed (absent) and one added.
  const [renamed = "", closed = ""] = caoBangList((l) => l)
    .toString("utf8")
    .split("\n")
    .filter((l) => /^\d{5},ward,/.test(l));
  const renamedCode = renamed.split(",")[0] ?? "";
  const closedCode = closed.split(",")[0] ?? "";
  const file = caoBangList((lines) => [
    ...lines.filter((l) => !l.startsWith(`${closedCode},`)).map((l) => (l.startsWith(`${renamedCode},`) ? l.replace(/,([^,]+),([^,]*),([^,]*)$/, ",$1 Mới,$2,$3") : l)),
    `99901,ward,Phường Thử Nghiệm,Phường,${renamed.split(",")[4] ?? ""}`,
  ]);
  await page.getByLabel("Tệp danh mục (CSV)").setInputFiles({ name: "cao-bang.csv", mimeType: "text/csv", buffer: file });
  await expect(page.getByRole("radio", { name: /Chỉ các tỉnh, thành phố có trong tệp/ })).toBeChecked();
  await page.getByRole("button", { name: "Xem trước" }).click();
  const counts = page.getByTestId("code-list-counts");
  await expect(counts).toContainText("Thêm mới: 1");
  await expect(counts).toContainText("Đổi tên: 1");
  await expect(counts).toContainText("Thôi hiệu lực (không có trong tệp): 1");
  await expect(page.getByTestId("preview-adds")).toContainText("Phường Thử Nghiệm");
  await expect(page.getByTestId("preview-closes")).toContainText(closedCode);
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Lý do, căn cứ").fill(REASON);
  await page.getByRole("button", { name: "Áp dụng 3 thay đổi" }).click();
  await expect(page.getByTestId("code-list-message")).toContainText("Đã ghi: Áp dụng danh mục đơn vị hành chính mới từ ngày");
  await expect(page.getByTestId("unit-history")).toContainText("thêm 1, đổi tên 1, đổi loại 0, đổi cấp trên 0, thôi hiệu lực 1 đơn vị");
});

test("units are for admins only", async ({ page }) => {
  await signIn(page, ACCOUNTS.official);
  expect((await page.goto("/admin/units"))?.status()).toBe(403);
  expect((await page.goto("/admin/units/code-list"))?.status()).toBe(403);
});
