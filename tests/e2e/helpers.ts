import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Fails on any serious or critical accessibility violation on the current page.
 *
 * It first waits (up to the usual 5 s) for the page's title, so that a page whose title never
 * comes fails with that message. Titles used to go missing for ~300 ms after each
 * router.refresh() (Next streamed them; two CI runs found no title that way); next.config.js
 * htmlLimitedBots now sends them with the page (ADR 038, tests/e2e/page-title.spec.ts).
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await expect(page, "the page has a title").toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
