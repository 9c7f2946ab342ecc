import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// Accounts: an admin onboards officials and chairs from a CSV file (errors with line and
// column, a preview, initial passwords shown and downloadable once), and a new account can do
// nothing until it has changed its initial password. The setup link refuses once an admin exists
// (the e2e server runs the demo, which has one). The accounts it creates have names no other
// spec uses; accounts are never deleted, so they stay, and change nothing another spec reads.

const HEADER = "username,display_name,role,unit_code,phone,email";
const csvFile = (name: string, rows: string[]) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8"),
});

async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("the setup link refuses once an admin exists", async ({ page }) => {
  await page.goto(`/setup?token=${"A".repeat(43)}`);
  await expect(page.getByTestId("setup-refused")).toContainText("WardWatch đã có quản trị viên");
  await page.goto("/setup");
  await expect(page.getByTestId("setup-refused")).toContainText("đã có quản trị viên");
});

test("an admin creates accounts from a CSV file; a new chair must change the initial password before anything else", async ({ browser, page }) => {
  await signIn(page, ACCOUNTS.admin, "/admin/users");
  await page.getByRole("link", { name: "Tạo hàng loạt từ tệp CSV" }).click();
  await expect(page.getByRole("heading", { name: "Tạo tài khoản hàng loạt" })).toBeVisible();
  const fileInput = page.getByLabel("Tệp CSV tài khoản");

  // a file with errors: each with its line and column, nothing created
  await fileInput.setInputFiles(
    csvFile("loi.csv", ["chu.tich.e2e,Chủ tịch E2E,WARD_CHAIR,37,,", "admin,Trùng,DISTRICT_OFFICIAL,002,,"]),
  );
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  const errors = page.getByTestId("bulk-errors");
  await expect(errors).toContainText("Tệp có 2 lỗi");
  await expect(errors.getByRole("row").nth(1)).toContainText("2unit_code37");
  await expect(errors.getByRole("row").nth(2)).toContainText("3usernameadmin");

  // the corrected file: a preview, then the accounts and their initial passwords
  await fileInput.setInputFiles(
    csvFile("dung.csv", [
      "chu.tich.e2e,Chủ tịch E2E,WARD_CHAIR,00037,0912 345 678,e2e@hanoi.gov.vn",
      "can.bo.e2e,Cán bộ E2E,Cán bộ quận,002,,",
    ]),
  );
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByTestId("bulk-preview")).toContainText("Phường Phúc Tân");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Tạo 2 tài khoản" }).click();
  const created = page.getByTestId("bulk-created");
  await expect(created).toContainText("Đã tạo 2 tài khoản");
  const password = (await page.getByTestId("created-chu.tich.e2e").getByTestId("initial-password").textContent())?.trim() ?? "";
  expect(password).toMatch(/^\S{4}-\S{4}-\S{4}$/);
  await expectNoSeriousA11yViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải danh sách mật khẩu (CSV)" }).click()]);
  const text = fs.readFileSync((await download.path()) ?? "", "utf8");
  expect(text).toContain(`chu.tich.e2e,Chủ tịch E2E,00037,${password}`);
  await expect(page.getByRole("button", { name: "Đã tải danh sách mật khẩu" })).toBeDisabled();
  await page.getByRole("button", { name: "Xong, ẩn mật khẩu" }).click();
  await expect(page.getByText(password)).toHaveCount(0);

  await page.goto("/admin/users");
  const card = page.getByTestId("user-chu.tich.e2e");
  await expect(card).toContainText("chưa đổi mật khẩu ban đầu");
  await expect(card).toContainText("ĐT: 0912345678");

  // the new chair: every page leads to the password change until it is done
  const context = await browser.newContext();
  const chair = await context.newPage();
  await signInAs(chair, "chu.tich.e2e", password);
  await expect(chair).toHaveURL(/\/account\/password$/);
  await expect(chair.getByTestId("must-change-password")).toBeVisible();
  await expect(chair.getByTestId("user-menu")).toHaveCount(0);
  await chair.goto("/entry");
  await expect(chair).toHaveURL(/\/account\/password$/);
  await expectNoSeriousA11yViolations(chair);

  await chair.getByLabel("Mật khẩu hiện tại").fill(password);
  await chair.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-cua-chu-tich");
  await chair.getByLabel("Nhập lại mật khẩu mới").fill("khac-hoan-toan-roi");
  await chair.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(chair.getByText("Hai lần nhập mật khẩu không khớp")).toBeVisible();
  await chair.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-cua-chu-tich");
  await chair.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(chair.getByTestId("user-menu")).toBeVisible();
  await chair.goto("/entry");
  await expect(chair).toHaveURL(/\/entry/);
  await context.close();

  await page.reload();
  await expect(page.getByTestId("user-chu.tich.e2e")).not.toContainText("chưa đổi mật khẩu ban đầu");
});

test("an admin picks a ward chair's ward through its province and district; the page never lists every commune", async ({ page }) => {
  const username = `ct.quangan${Date.now() % 1_000_000}`;
  await signIn(page, ACCOUNTS.admin, "/admin/users");
  const form = page.getByRole("form", { name: "Tạo tài khoản" });
  // the fields follow the role once the form is interactive (wait for it before choosing)
  await expect(async () => {
    await form.getByLabel("Vai trò").selectOption({ label: "Chủ tịch UBND phường" });
    await expect(form.getByLabel("Tỉnh/thành phố")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // no district chosen: no ward offered; the whole page (form and every account's card) holds far
  // fewer options than the country's 10.603 communes
  const ward = form.getByLabel("Phường", { exact: true });
  await expect(ward.locator("option")).toHaveText(["— Chọn —"]);
  expect(await page.locator("option").count()).toBeLessThan(10_603);

  await form.getByLabel("Tỉnh/thành phố").selectOption({ label: "Thành phố Hà Nội" });
  await form.getByLabel("Quận/huyện").selectOption({ label: "Quận Tây Hồ" });
  await expect(ward.locator("option")).toHaveCount(1 + 8);
  await ward.selectOption({ label: "Phường Quảng An" });
  await form.getByLabel("Tên đăng nhập").fill(username);
  await form.getByLabel("Họ tên").fill("Chủ tịch UBND phường Quảng An");
  await form.getByLabel(/Mật khẩu ban đầu/).fill("QuangAn@TayHo2021");
  await form.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(form.getByText(`Đã tạo tài khoản ${username}.`)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("listitem").filter({ hasText: username })).toContainText("Phường Quảng An");
  await expectNoSeriousA11yViolations(page);
});
