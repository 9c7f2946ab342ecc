import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";

// The pages and routes added with issues 11 and 12 answer malformed input with a 4xx or a page that
// says what is wrong, never a 5xx: hostile district and unit codes, repeated or unknown filters,
// a forged setup token, export scopes outside the viewer's province.

const HOSTILE = ["'; DROP TABLE unit; --", "<script>alert(1)</script>", "0".repeat(500), "%00", "001,002"];

test("the new pages answer hostile query strings without a server error", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin, "/admin/units");
  const paths = [
    ...HOSTILE.flatMap((v) => {
      const q = encodeURIComponent(v);
      return [`/?district=${q}`, `/city?district=${q}`, `/admin/units?unit=${q}`, `/admin/units?parent=${q}&q=${q}`, `/admin/dispatch-template?district=${q}`, `/alerts?district=${q}`];
    }),
    "/?district=001&district=002",
    "/?day=2021-02-30",
    "/admin/units/code-list?x=1",
    "/admin/users/bulk?step=%FF",
  ];
  for (const path of paths) {
    const res = await page.goto(path);
    const status = res?.status() ?? 0;
    expect([path, status < 500]).toEqual([path, true]);
  }
});

test("a forged or missing setup token creates nothing and says why, without a server error", async ({ page }) => {
  for (const path of ["/setup", "/setup?token=abc", `/setup?token=${"f".repeat(64)}`, "/setup?token=a&token=b"]) {
    const res = await page.goto(path);
    expect([path, (res?.status() ?? 0) < 500]).toEqual([path, true]);
  }
  // the demo has an admin: the page refuses to create another one
  await page.goto(`/setup?token=${"f".repeat(64)}`);
  await expect(page.getByRole("main")).toContainText(/quản trị|liên kết/i);
});
