import { describe, expect, it } from "vitest";
import { appRoutes } from "../e2e/app-routes.ts";
import { pagesTable, planPages, roleOf, scoresOf, type PagesLhr } from "../../scripts/bench/lighthouse-pages.ts";

// `npm run bench -- lighthouse --pages all` (issue 16, item 6): every page of app/ is audited as
// the role that uses it, and the table names the audits that did not pass.

describe("the pages the Lighthouse bench audits", () => {
  it("are every page of app/ but the bench's own, with the dynamic segments filled", () => {
    const { pages, skipped } = planPages(appRoutes(), { wardCode: "00037", importId: 7 });
    const patterns = appRoutes().filter((r) => r.kind === "page" && r.pattern !== "/bench-floor").map((r) => r.pattern);
    expect(pages.map((p) => p.pattern)).toEqual(patterns);
    expect(skipped).toEqual([]);
    expect(pages.find((p) => p.pattern === "/wards/[code]")?.path).toBe("/wards/00037");
    expect(pages.find((p) => p.pattern === "/admin/imports/[id]")?.path).toBe("/admin/imports/7");
    expect(pages.every((p) => !p.path.includes("["))).toBe(true);
  });

  it("leave out a page whose dynamic segment has no value, and say so", () => {
    const { pages, skipped } = planPages(appRoutes(), { wardCode: "00037", importId: null });
    expect(skipped).toEqual(["/admin/imports/[id]"]);
    expect(pages.some((p) => p.pattern === "/admin/imports/[id]")).toBe(false);
  });

  it("are opened by the role that uses them", () => {
    const roles = Object.fromEntries(["/login", "/setup", "/admin/users/bulk", "/entry", "/city", "/", "/administrator"].map((p) => [p, roleOf(p)]));
    expect(roles).toEqual({ "/login": "signed-out", "/setup": "signed-out", "/admin/users/bulk": "admin", "/entry": "chair", "/city": "city", "/": "official", "/administrator": "official" });
  });
});

describe("a page's scores", () => {
  const lhr: PagesLhr = {
    categories: {
      accessibility: { score: 0.96, auditRefs: [{ id: "color-contrast", weight: 7 }, { id: "label", weight: 7 }, { id: "tabindex", weight: 0 }] },
      "best-practices": { score: 1, auditRefs: [{ id: "errors-in-console", weight: 1 }] },
    },
    audits: {
      "color-contrast": { score: 0, title: "Contrast", details: { items: [{ node: { selector: "p.muted", snippet: "<p class=\"muted\">" } }] } },
      label: { score: 1 },
      tabindex: { score: 0 },
      "errors-in-console": { score: null, scoreDisplayMode: "notApplicable" },
    },
  };

  it("name each weighted audit that did not pass, with what it points at", () => {
    const scores = scoresOf(lhr);
    expect(scores.accessibility).toBe(96);
    expect(scores.bestPractices).toBe(100);
    expect(scores.failing).toEqual([{ id: "color-contrast", category: "accessibility", title: "Contrast", where: ['p.muted <p class="muted">'] }]);
  });

  it("go into one table row per page, an audit failing on one form factor only marked so", () => {
    const page = { pattern: "/", path: "/", role: "official" as const };
    const [, , row] = pagesTable([{ page, results: { mobile: scoresOf(lhr), desktop: { accessibility: 100, bestPractices: 100, failing: [] } }, load: "1,00 / 1,00 / 1,00" }]);
    expect(row).toBe("| `/` | official | 96 / 100 | 100 / 100 | color-contrast (di động) | 1,00 / 1,00 / 1,00 |");
  });
});
