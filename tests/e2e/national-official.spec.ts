import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// The national official (cán bộ Ban Chỉ đạo quốc gia, issue 18, ADR 030) on the running app: an
// admin creates the account at the country unit (no demo account has the role); signing in lands
// on /country; every province, district and ward page opens; downloads of the country, a province
// or a district; the admin pages, the report form, the dispatch and imports are refused.

const DAY = "2021-08-17";

test("a national official lands on /country, reads every province, district and ward, and changes nothing", async ({ browser, page }) => {
  // some forty pages and files, two of them with axe, on a busy 2-core machine
  test.setTimeout(240_000);
  const username = `bcd.e2e${Date.now() % 1_000_000}`;
  const password = "BanChiDaoQuocGia@2021";
  await signIn(page, ACCOUNTS.admin, "/admin/users");
  const form = page.getByRole("form", { name: "Tạo tài khoản" });
  // the unit field follows the role once the form is interactive (wait for it before typing)
  await expect(async () => {
    await form.getByLabel("Vai trò").selectOption({ label: "Cán bộ Ban Chỉ đạo quốc gia" });
    await expect(form.getByLabel("Cả nước")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // the only unit offered for the role is the country
  await expect(form.getByLabel("Cả nước").locator("option")).toHaveText(["— Chọn —", "Việt Nam"]);
  await form.getByLabel("Cả nước").selectOption({ label: "Việt Nam" });
  await form.getByLabel("Tên đăng nhập").fill(username);
  await form.getByLabel("Họ tên").fill("Cán bộ Bộ TT&TT");
  await form.getByLabel(/Mật khẩu ban đầu/).fill(password);
  await form.getByLabel("Bắt buộc người dùng đổi mật khẩu này ở lần đăng nhập tới").uncheck();
  await form.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(form.getByText(`Đã tạo tài khoản ${username}.`)).toBeVisible({ timeout: 15_000 });

  const context = await browser.newContext();
  const national = await context.newPage();
  await signIn(national, { username, password });
  // nothing asked for: the country's provinces ranked
  await expect(national).toHaveURL(/\/country$/);
  await expect(national.getByRole("heading", { level: 1 })).toContainText("xếp hạng tỉnh");
  await expect(national.getByTestId("user-menu")).toContainText("Cán bộ Ban Chỉ đạo quốc gia");
  await expect(national.getByTestId("province-ranking").locator("tbody tr[data-unit-code='01']")).toBeVisible();
  await expectNoSeriousA11yViolations(national);
  // the menu: the country first, no entry, no admin group (the audit log stands on its own)
  const nav = national.getByTestId("main-nav");
  await expect(nav.getByRole("link", { name: "Xếp hạng tỉnh, thành phố" })).toBeVisible();
  await expect(nav.locator("a[href='/admin/audit']")).toHaveCount(1);
  for (const href of ["/entry", "/admin/users", "/admin/imports", "/admin/settings", "/admin/targets"]) await expect(nav.locator(`a[href='${href}']`)).toHaveCount(0);

  // any province, district and ward, of Hà Nội (figures) and Hồ Chí Minh (none in the demo)
  for (const path of [`/country?province=79&day=${DAY}`, `/provinces/01?day=${DAY}`, "/provinces/79", "/", "/?district=001", "/?district=760", "/wards/00037", "/wards/26734", "/reports?district=760", "/city?district=760", "/alerts", "/exports", "/admin/audit"]) {
    expect((await national.goto(path))?.status(), path).toBe(200);
  }
  await national.goto(`/provinces/01?day=${DAY}`);
  await expect(national.getByTestId("district-ranking").locator("tbody tr")).toHaveCount(30);
  await expectNoSeriousA11yViolations(national);

  // /entry shows who has reported, never the report form
  expect((await national.goto("/entry?district=002&day=2021-08-17"))?.status()).toBe(200);
  await expect(national.getByTestId("entry-official-role")).toContainText("Cán bộ Ban Chỉ đạo quốc gia xem từng quận");
  await expect(national.getByRole("button", { name: /Gửi báo cáo|Lưu thay đổi/ })).toHaveCount(0);

  // no admin page
  for (const path of ["/admin/users", "/admin/users/bulk", "/admin/units", "/admin/targets", "/admin/settings", "/admin/imports", "/admin/jobs", "/admin/policy-phases", "/admin/sign-in-blocks", "/admin/alert-settings", "/admin/dispatch-template"]) {
    expect((await national.goto(path))?.status(), path).toBe(403);
  }
  // downloads of the country, a province and a district; not the district's dispatch, no import, no backup
  for (const query of ["", "&province=01", "&district=002"]) {
    const file = await national.request.get(`/api/exports/daily-figures?format=csv&from=2021-08-10&to=${DAY}${query}`);
    expect(file.status(), query).toBe(200);
  }
  expect((await national.request.get(`/api/exports/district-report?district=760&day=${DAY}`)).status()).not.toBe(403);
  expect((await national.request.get("/api/exports/dispatch?district=002")).status()).toBe(403);
  expect((await national.request.get("/api/admin/backup")).status()).toBe(403);
  const upload = await national.request.post("/api/imports?kind=VENUE_REGISTER&fileName=a.csv&size=3&token=3f0a7c52-9d2e-4b8a-8f3e-000000000001", {
    headers: { "content-type": "text/csv", origin: new URL(national.url()).origin },
    data: "a,b",
  });
  expect(upload.status()).toBe(403);
  await context.close();
});
