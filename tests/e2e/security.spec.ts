import net from "node:net";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { ACCOUNTS, forgetSession, signIn } from "./auth-helpers";

// Issue 4's security requirements on the running app (production build): headers, cookie flags,
// no open redirect, brute-force limit, CSRF on server actions, pages refused by role, a disabled
// account's session ending at its next request, no password hash in any page.

test("every response carries the security headers", async ({ request }) => {
  for (const path of ["/login", "/api/auth/session", "/"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["x-powered-by"], path).toBeUndefined();
    // no cross-origin reads are ever allowed, and nothing personal is kept by a cache
    expect(h["access-control-allow-origin"], path).toBeUndefined();
    expect(h["cache-control"], path).toContain("no-store");
  }
});

test("no source, repository metadata or directory listing is served", async ({ request }) => {
  for (const path of ["/.git/config", "/.git/HEAD", "/.env", "/package.json", "/prisma/schema.prisma", "/lib", "/_next", "/_next/static", "/_next/server/app-paths-manifest.json", "/.next/BUILD_ID"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect([path, res.status()]).toEqual([path, 404]);
    const body = await res.text();
    expect(body, path).not.toContain("[core]");
    expect(body, path).not.toContain("Index of");
  }
});

test("pages carry a CSP with a fresh nonce and no inline script allowance; other answers a static one", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await request.get("/login");
    const csp = res.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
    expect(nonce).toHaveLength(24);
    nonces.add(nonce);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    // Next puts the nonce on every script it renders
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  }
  expect(nonces.size).toBe(3);
  const api = (await request.get("/api/health")).headers()["content-security-policy"] ?? "";
  expect(api).toContain("script-src 'self';");
  expect(api).toContain("frame-ancestors 'none'");
});

/** One raw HTTP/1.1 exchange (for methods an HTTP client will not send, like CONNECT): the status line and the rest. */
function rawExchange(baseURL: string, head: string): Promise<string> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`${head}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("no answer")));
  });
}

test("TRACE, TRACK, CONNECT and unknown methods get 405 with Allow and a Vietnamese reason, never a 500", async ({ request, baseURL }) => {
  for (const path of ["/", "/api/health", "/api/imports", "/wards/00043"]) {
    const res = await request.fetch(path, { method: "TRACE" });
    expect([path, res.status(), res.headers()["allow"]]).toEqual([path, 405, "GET, HEAD, POST, OPTIONS"]);
    expect(await res.text()).toContain("Phương thức HTTP này không được hỗ trợ.");
  }
  for (const head of ["TRACK / HTTP/1.1", "CONNECT 127.0.0.1:5432 HTTP/1.1", "FOO /login HTTP/1.1", "DELETE /reports HTTP/1.1"]) {
    const answer = await rawExchange(baseURL ?? "", head);
    expect(answer.split("\r\n")[0], head).toBe("HTTP/1.1 405 Method Not Allowed");
    expect(answer, head).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS\r\n/i);
  }
  // HEAD and OPTIONS behave: headers without a body, and what a page accepts
  const head = await request.fetch("/login", { method: "HEAD" });
  expect(head.status()).toBe(200);
  expect((await head.body()).length).toBe(0);
  const options = await request.fetch("/login", { method: "OPTIONS" });
  expect([options.status(), options.headers()["allow"]]).toEqual([204, "GET, HEAD, POST, OPTIONS"]);
});

test("malformed addresses and router headers get 400 with a reason (JSON under /api), never a 500", async ({ request, baseURL }) => {
  const cases: [string, string][] = [
    ["GET /wards/% HTTP/1.1", "Địa chỉ có mã %-escape không hợp lệ."],
    ["GET /wards/%C0%AF HTTP/1.1", "Địa chỉ có mã %-escape không hợp lệ."],
    ["GET /?day=% HTTP/1.1", "Địa chỉ có mã %-escape không hợp lệ."],
    ["GET /api/imports/samples/% HTTP/1.1", '{"error":"Địa chỉ có mã %-escape không hợp lệ."}'],
    ["GET /api/v1/%E0%A4%A HTTP/1.1", '{"error":"Địa chỉ có mã %-escape không hợp lệ."}'],
    ["GET /wards/00043%00 HTTP/1.1", "Địa chỉ chứa ký tự điều khiển không được phép."],
    ["GET /alerts?district=002%0A HTTP/1.1", "Địa chỉ chứa ký tự điều khiển không được phép."],
  ];
  for (const [head, reason] of cases) {
    const answer = await rawExchange(baseURL ?? "", head);
    expect(answer.split("\r\n")[0], head).toBe("HTTP/1.1 400 Bad Request");
    expect(answer, head).toContain(reason);
  }
  for (const tree of ["garbage", "%5B%22x", encodeURIComponent("[1,2]")]) {
    const res = await request.get("/login", { headers: { rsc: "1", "next-router-state-tree": tree } });
    expect(res.status(), tree).toBe(400);
    expect(await res.text()).toContain("Tiêu đề Next-Router-State-Tree không hợp lệ.");
  }
});

test("pages need a session: /entry sends to the sign-in page and back", async ({ page }) => {
  await page.goto("/entry?day=2021-08-17");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fentry/);
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the session cookie is HttpOnly, SameSite=Lax and Secure; the session holds no hash", async ({ page, context }) => {
  await signIn(page, ACCOUNTS.hangMa, "/", { viaForm: true }); // the cookie this sign-in sets
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie?.name).toBe("__Secure-next-auth.session-token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
  const session = await page.request.get("/api/auth/session");
  const body = await session.text();
  expect(body).toContain('"username":"phuong.hangma"');
  expect(body).not.toMatch(/argon2|passwordHash|password/i);
});

test("callbackUrl cannot send a signed-in user to another site", async ({ page, baseURL }) => {
  for (const callbackUrl of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
    await forgetSession(page);
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Tên đăng nhập").fill(ACCOUNTS.hangMa.username);
    await page.getByLabel("Mật khẩu").fill(ACCOUNTS.hangMa.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByTestId("user-menu")).toBeVisible();
    // The refused callback falls back to the user's landing page on this site (a ward chair's: /entry).
    expect(page.url(), callbackUrl).toBe(`${baseURL}/entry`);
  }
});

test("too many wrong passwords lock the account for a while, with a clear message", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Tên đăng nhập").fill(ACCOUNTS.hangBo.username);
    await page.getByLabel("Mật khẩu").fill(`sai-mat-khau-${i}`);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  }
  await page.getByLabel("Mật khẩu").fill(ACCOUNTS.hangBo.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByTestId("login-error")).toHaveText(/Đã nhập sai quá nhiều lần\. Vì an toàn, vui lòng thử lại sau 15 phút\./);
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
});

test("sign-in and sign-out need next-auth's CSRF token", async ({ request }) => {
  const res = await request.post("/api/auth/callback/credentials", {
    form: { username: ACCOUNTS.admin.username, password: ACCOUNTS.admin.password, csrfToken: "forged", json: "true" },
  });
  const body = (await res.json()) as { url: string };
  expect(body.url).toContain("csrf=true");
  const cookies = res.headers()["set-cookie"] ?? "";
  expect(cookies).not.toContain("session-token=ey");
});

test("the sign-in callback refuses any method but POST with a reason, never a 500", async ({ request }) => {
  for (const path of ["/api/auth/callback/credentials", "/api/auth/callback/credentials/x/2021-08-17T25%3A61%3A00"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(405);
    expect(((await res.json()) as { error: string }).error).toContain("chỉ nhận yêu cầu POST");
  }
});

test("the sign-in endpoint refuses an oversized body", async ({ request }) => {
  const res = await request.post("/api/auth/callback/credentials", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: `username=admin&password=${"x".repeat(20_000)}`,
  });
  expect(res.status()).toBe(413);
});

test("a server action posted from another origin is refused and changes nothing", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin, "/reports");
  let action: { url: string; id: string; body: string; contentType: string } | null = null;
  page.on("request", (req) => {
    const id = req.headers()["next-action"];
    if (req.method() === "POST" && id && !action) {
      action = { url: req.url(), id, body: req.postData() ?? "", contentType: req.headers()["content-type"] ?? "" };
    }
  });
  // The admin's deadline form: an action that changes a setting.
  await page.getByLabel("Giờ", { exact: true }).fill("10");
  await page.getByRole("button", { name: "Lưu hạn nộp" }).click();
  await expect(page.getByText("Đã lưu: hạn nộp 10:00 ngày hôm sau.")).toBeVisible();
  if (!action) throw new Error("no action captured");
  const captured: { url: string; id: string; body: string; contentType: string } = action;
  const forged = captured.body.replace('"hour":"10"', '"hour":"23"');
  const res = await page.request.post(captured.url, {
    headers: { "next-action": captured.id, "content-type": captured.contentType, origin: "https://evil.example" },
    data: forged,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain("Yêu cầu gửi từ trang khác bị từ chối.");
  // and a body Next's decoder would choke on, from this site, is a 400, not a 500
  const garbled = await page.request.post(captured.url, {
    headers: { "next-action": captured.id, "content-type": "text/plain;charset=UTF-8", origin: new URL(captured.url).origin },
    data: '["$@1"]',
  });
  expect(garbled.status()).toBe(400);
  await page.reload();
  await expect(page.getByText("hạn nộp 10:00 ngày hôm sau").first()).toBeVisible();
});

test("roles: a ward chair gets 403 on admin pages; an official on user management", async ({ page }) => {
  await signIn(page, ACCOUNTS.hangMa);
  for (const path of ["/admin/users", "/admin/audit", "/admin/policy-phases"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
  // another district's completeness (IDOR on the district code)
  expect((await page.goto("/reports?district=001"))?.status()).toBe(403);
  await forgetSession(page);
  await signIn(page, ACCOUNTS.official);
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  expect((await page.goto("/admin/policy-phases"))?.status()).toBe(403);
  expect((await page.goto("/admin/audit"))?.status()).toBe(200);
  // /entry shows an official which wards have reported (issue 16), never the report form.
  expect((await page.goto("/entry"))?.status()).toBe(200);
  await expect(page.getByTestId("entry-official-summary")).toBeVisible();
  await expect(page.getByRole("button", { name: /Gửi báo cáo|Lưu thay đổi/ })).toHaveCount(0);
  await expect(page.getByTestId("district-picker")).toHaveCount(0); // one district: nothing to choose
  expect((await page.goto("/entry?district=001"))?.status()).toBe(403); // another district (IDOR)
});

test("an admin's user list has no password hashes; disabling an account ends its session at once", async ({ browser, page }) => {
  // The admin's user page lists every unit of the country for the new-account form (10.603
  // communes): axe and hydration of that page take most of a minute on a busy 2-core machine.
  test.slow();
  const other = await browser.newContext();
  const victim = await other.newPage();
  await signIn(victim, ACCOUNTS.hangDao);

  await signIn(page, ACCOUNTS.admin, "/admin/users");
  const html = await page.content();
  expect(html).not.toContain("$argon2");
  await expectNoSeriousA11yViolations(page);
  const card = page.getByTestId("user-phuong.hangdao");
  await card.getByRole("button", { name: "Khoá tài khoản" }).click();
  await expect(card).toContainText("Đã khoá");

  await victim.goto("/reports");
  await expect(victim).toHaveURL(/\/login/);
  await card.getByRole("button", { name: "Mở khoá tài khoản" }).click();
  await expect(card).toContainText("Đang hoạt động");
  await other.close();
});

test("roles: a city official reads every district of its province, nothing of another, and changes nothing", async ({ browser, page }) => {
  // the admin creates the account (no demo account has the role)
  const username = `thanhpho.e2e${Date.now() % 1_000_000}`;
  const password = "ThanhPhoHaNoi@2021";
  await signIn(page, ACCOUNTS.admin, "/admin/users");
  const form = page.getByRole("form", { name: "Tạo tài khoản" });
  // the unit field follows the role once the form is interactive (a large page: wait for it
  // before typing, or hydration empties the fields)
  await expect(async () => {
    await form.getByLabel("Vai trò").selectOption({ label: "Cán bộ thành phố" });
    await expect(form.getByLabel("Tỉnh, thành phố")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await form.getByLabel("Tỉnh, thành phố").selectOption({ label: "Thành phố Hà Nội" });
  await form.getByLabel("Tên đăng nhập").fill(username);
  await form.getByLabel("Họ tên").fill("Cán bộ Sở TT&TT");
  await form.getByLabel(/Mật khẩu ban đầu/).fill(password);
  await form.getByLabel("Bắt buộc người dùng đổi mật khẩu này ở lần đăng nhập tới").uncheck();
  await form.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(form.getByText(`Đã tạo tài khoản ${username}.`)).toBeVisible({ timeout: 15_000 });

  const context = await browser.newContext();
  const city = await context.newPage();
  await signIn(city, { username, password });
  await expect(city.getByTestId("user-menu")).toContainText("Cán bộ thành phố");
  // the city ranking and any district of Hà Nội
  expect((await city.goto("/city"))?.status()).toBe(200);
  await expect(city.getByRole("heading", { level: 1 })).toContainText("Thành phố Hà Nội");
  for (const path of ["/", "/?district=001", "/reports?district=002", "/reports?district=001", "/wards/00037", "/alerts", "/exports", "/admin/audit"]) {
    expect((await city.goto(path))?.status(), path).toBe(200);
  }
  // another province (Hồ Chí Minh: Quận 1, Phường Tân Định): refused, whatever the code (IDOR)
  for (const path of ["/reports?district=760", "/wards/26734", "/city?district=760", "/?district=760"]) {
    expect((await city.goto(path))?.status(), path).toBe(403);
  }
  // nothing to change: settings, targets, imports, accounts, the district's dispatch template
  for (const path of ["/admin/users", "/admin/targets", "/admin/settings", "/admin/imports", "/admin/dispatch-template"]) {
    expect((await city.goto(path))?.status(), path).toBe(403);
  }
  // /entry shows who has reported (issue 16), never the report form; one district at a time, chosen
  // among the province's (another province's is refused, whatever the code).
  expect((await city.goto("/entry"))?.status()).toBe(200);
  await expect(city.getByTestId("entry-official-summary")).toBeVisible();
  await expect(city.getByTestId("entry-official-role")).toContainText("Cán bộ thành phố xem từng quận");
  await expect(city.getByRole("button", { name: /Gửi báo cáo|Lưu thay đổi/ })).toHaveCount(0);
  expect((await city.goto("/entry?district=002&day=2021-08-17"))?.status()).toBe(200);
  await expect(city.getByTestId("entry-official-summary")).toHaveText(/^Quận Hoàn Kiếm, ngày 17\/08\/2021: /);
  await expect(city.getByRole("search", { name: /^Chọn quận/ }).getByLabel(/^Quận, huyện/)).toHaveValue("002");
  expect((await city.goto("/entry?district=760"))?.status()).toBe(403);
  const dispatch = await city.request.get("/api/exports/dispatch?district=002");
  expect(dispatch.status()).toBe(403);
  const otherReport = await city.request.get("/api/exports/district-report?district=760");
  expect(otherReport.status()).toBe(403);
  const otherFile = await city.request.get("/api/exports/daily-figures?format=csv&district=760");
  expect(otherFile.status()).toBe(403);
  await context.close();
});
