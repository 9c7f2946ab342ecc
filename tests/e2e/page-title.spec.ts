import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./auth-helpers";

// A page keeps its title through every refresh of its data (router.refresh() after an import, a
// save, a server action). Next.js streams a page's metadata by default: each refresh mounted a new
// title that could come after the new page, and the page then had no title for React's 300 ms
// fallback throttle (a screen reader announces none; axe's document-title check failed twice in
// CI). next.config.js htmlLimitedBots sends the title with the page instead. Without it this test
// found gaps of ~300 ms in 2 of 3 runs here; with it, none in 4 (and none in 160 refreshes with
// the title held back 0–150 ms, against 9 gaps without it).

type Probe = { next: { router: { refresh(): void } }; __titleGaps: string[] };

test("the district overview keeps its title through 40 refreshes of its data", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.official, "/");
  await expect(page).toHaveTitle(/\S/);
  const title = await page.title();
  // Watch every change of the document and every frame: a moment without a title is recorded
  // with when it began and how long it lasted.
  await page.evaluate(() => {
    const w = window as unknown as Probe;
    w.__titleGaps = [];
    let since: number | null = null;
    const check = () => {
      const empty = !document.title.trim();
      if (empty && since === null) since = performance.now();
      if (!empty && since !== null) {
        w.__titleGaps.push(`at ${since.toFixed(0)} ms for ${(performance.now() - since).toFixed(0)} ms`);
        since = null;
      }
    };
    new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    const everyFrame = () => {
      check();
      requestAnimationFrame(everyFrame);
    };
    requestAnimationFrame(everyFrame);
  });
  for (let i = 0; i < 40; i++) {
    await page.evaluate(() => (window as unknown as Probe).next.router.refresh());
    // Refreshes one after another, and refreshes that overlap the one before.
    await page.waitForTimeout(i % 2 ? 30 : 400);
  }
  await page.waitForTimeout(1_000);
  await expect(page).toHaveTitle(title);
  expect(await page.evaluate(() => (window as unknown as Probe).__titleGaps)).toEqual([]);
});
