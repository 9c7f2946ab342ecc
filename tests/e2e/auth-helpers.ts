import { expect, type Cookie, type Page } from "@playwright/test";

// Demo accounts (prisma/seed/demo-users.ts) and a sign-in through the real form.

export const ACCOUNTS = {
  admin: { username: "admin", password: "WardWatch@2021" },
  official: { username: "quan.hoankiem", password: "QuanHoanKiem@2021" },
  phucTan: { username: "phuong.phuctan", password: "PhuongHK@2021" },
  dongXuan: { username: "phuong.dongxuan", password: "PhuongHK@2021" },
  hangMa: { username: "phuong.hangma", password: "PhuongHK@2021" },
  hangBo: { username: "phuong.hangbo", password: "PhuongHK@2021" },
  hangDao: { username: "phuong.hangdao", password: "PhuongHK@2021" },
} as const;

/**
 * The session cookie of each account's last sign-in through the form, kept for the worker's life:
 * a later signIn of the account starts from it instead of typing the password again. Sign-in is
 * what a few specs test (security, sign-in-throttle, accounts: they pass `{ viaForm: true }` or
 * fill the form themselves); everywhere else it is only the way to a signed-in page, and a form
 * sign-in costs a page, a client bundle and an argon2 verification each time (some ninety times
 * a run).
 */
const lastSessions = new Map<string, Cookie>();

const SESSION_COOKIE = /(^|\.)next-auth\.session-token$/;

/**
 * Signs the account in and lands on `callbackUrl` (or the role's landing page for "/"). With a
 * session kept from an earlier form sign-in of the account, the sign-in page is opened with it:
 * the server checks it (revoked by a sign-out, a disable, a password or role change?) and sends a
 * valid one on to the landing page, exactly as after the form. Otherwise, or with `viaForm`, the
 * form is filled.
 */
export async function signIn(
  page: Page,
  account: { username: string; password: string },
  callbackUrl = "/",
  options: { viaForm?: boolean } = {},
): Promise<void> {
  const loginUrl = `/login?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  const kept = options.viaForm ? undefined : lastSessions.get(account.username);
  if (kept) {
    await page.context().addCookies([kept]);
    await page.goto(loginUrl);
    const menu = page.getByTestId("user-menu");
    await expect(menu.or(page.getByLabel("Tên đăng nhập"))).toBeVisible({ timeout: 20_000 });
    if (await menu.isVisible()) return;
    // The server no longer accepts it: the sign-in page is open, sign in through the form.
    lastSessions.delete(account.username);
  } else {
    await openSignInForm(page, loginUrl);
  }
  await page.getByLabel("Tên đăng nhập").fill(account.username);
  await page.getByLabel("Mật khẩu").fill(account.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // The first page after signing in is the first render of a cold server when a spec runs alone or
  // first: on a busy machine it can take longer than the default 5 s.
  await expect(page.getByTestId("user-menu")).toBeVisible({ timeout: 20_000 });
  const session = (await page.context().cookies()).find((c) => SESSION_COOKIE.test(c.name));
  if (session) lastSessions.set(account.username, session);
}

/**
 * Opens the sign-in form, signed out. A session cookie cleared a moment before can come back: a
 * response already on its way when the cookies were cleared (a session refresh, the service
 * worker's fetches) sets it again, and the server then sends the signed-in user on to their
 * landing page instead of the form (seen on CI under load). Then the cookies are cleared and the
 * form opened again, at most three times.
 */
export async function openSignInForm(page: Page, url: string): Promise<void> {
  const form = page.getByLabel("Tên đăng nhập");
  const menu = page.getByTestId("user-menu");
  for (let attempt = 1; ; attempt++) {
    await page.goto(url);
    await expect(form.or(menu)).toBeVisible({ timeout: 20_000 });
    if (await form.isVisible()) return;
    if (attempt === 3) throw new Error(`${url}: still signed in after the cookies were cleared ${attempt} times`);
    await forgetSession(page);
  }
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
}

/** Today and yesterday in Asia/Ho_Chi_Minh, as YYYY-MM-DD. */
export function vietnamDays(now = new Date()): { today: string; yesterday: string } {
  const shift = (ms: number) => new Date(now.getTime() + 7 * 3_600_000 + ms).toISOString().slice(0, 10);
  return { today: shift(0), yesterday: shift(-86_400_000) };
}

/** "2021-08-17" → "17/08/2021" */
export function vnDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * Forgets the signed-in user without signing out on the server (another user signs in next in the
 * same browser). The page is first left, so a session renewal still in flight from it
 * (components/auth/session-keep-alive.tsx) cannot put the cookie back after it was cleared.
 */
export async function forgetSession(page: Page): Promise<void> {
  await page.goto("about:blank");
  await page.context().clearCookies();
}
