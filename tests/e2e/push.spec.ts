import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { signIn } from "./auth-helpers";

// Issue 17, Web Push in the browser. Headless Chromium has no push service here, so the browser
// cannot get a real subscription; the server side of delivery is proven at the web-push boundary
// (tests/integration/push-channel.test.ts). What this proves is the service worker's side: a push
// message delivered to it (through the DevTools protocol, as the push service would) with the
// channel's JSON payload becomes a notification with that title, text and link.

const HANG_BAC = { username: "phuong.hangbac", password: "PhuongHK@2021" };

test("the ward chair's /entry offers push; a push message reaching the service worker is shown as a notification", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["notifications"]);
  await signIn(page, HANG_BAC, "/entry?day=2021-08-14");
  const toggle = page.getByTestId("push-toggle");
  await expect(toggle.getByRole("heading", { name: "Thông báo đẩy trên thiết bị này" })).toBeVisible();
  await expect(page.getByTestId("push-status")).toHaveText("Đang tắt trên thiết bị này.", { timeout: 20_000 });
  await expect(toggle.getByRole("button", { name: "Nhận thông báo đẩy" })).toHaveAttribute("aria-pressed", "false");
  await expectNoSeriousA11yViolations(page);

  // The service worker the page registered, as DevTools sees it.
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
      const active = versions.find((v) => v.runningStatus === "running" && v.scriptURL.endsWith("/sw.js"));
      if (active) resolve(active.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  const payload = { title: "Nhắc báo cáo ngày 14/08/2021", body: "Phường Hàng Bạc chưa gửi báo cáo ngày 14/08/2021.", url: "/entry?day=2021-08-14" };
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: new URL(baseURL as string).origin, registrationId: await registrationId, data: JSON.stringify(payload) });

  await expect
    .poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, data: n.data }))), { timeout: 20_000 })
    .toEqual([{ title: payload.title, body: payload.body, data: { url: payload.url } }]);
});
