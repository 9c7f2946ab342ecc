// `npm run bench -- lighthouse --pages all` (issue 16, item 6): every page of the app, as the role
// that uses it, audited for accessibility and best practices only, at the mobile and desktop form
// factors. This module is the plan and the reading of the results (pure: no browser, no server);
// scripts/bench/lighthouse.ts runs it.
import type { AppRoute } from "../../tests/e2e/app-routes.ts";
import type { BenchAccount } from "./bench-app.ts";

/** Who opens the page: a bench account, or nobody signed in (sign-in, setup, unsubscribe link). */
export type PageRole = BenchAccount | "signed-out";
export type FormFactor = "mobile" | "desktop";
export const FORM_FACTORS: readonly FormFactor[] = ["mobile", "desktop"];
export const PAGE_CATEGORIES = ["accessibility", "best-practices"] as const;

export type PlannedPage = { pattern: string; path: string; role: PageRole };

/** The role that uses a page (the district official for the shared pages: overview, wards, alerts, reports, account). */
export function roleOf(pattern: string): PageRole {
  if (["/login", "/setup", "/unsubscribe"].includes(pattern)) return "signed-out";
  if (pattern === "/admin" || pattern.startsWith("/admin/")) return "admin";
  if (pattern === "/entry") return "chair";
  if (pattern === "/city") return "city";
  return "official";
}

/**
 * Every page.tsx of app/ (not the bench's own /bench-floor), its dynamic segments filled: a ward
 * of the bench district, an import the bench inserted (null: the page is left out, said in `skipped`).
 * The unsubscribe page gets a token so it shows its button (the token is checked only on click).
 */
export function planPages(routes: readonly AppRoute[], values: { wardCode: string; importId: number | null }): { pages: PlannedPage[]; skipped: string[] } {
  const pages: PlannedPage[] = [];
  const skipped: string[] = [];
  for (const route of routes) {
    if (route.kind !== "page" || route.pattern === "/bench-floor") continue;
    let missing = false;
    const segments = route.segments.map((s) => {
      if (s.kind === "static") return s.text;
      if (s.name === "code") return values.wardCode;
      if (s.name === "id" && values.importId !== null) return String(values.importId);
      missing = true;
      return "";
    });
    if (missing) {
      skipped.push(route.pattern);
      continue;
    }
    const query = route.pattern === "/unsubscribe" ? "?token=bench" : "";
    pages.push({ pattern: route.pattern, path: `/${segments.join("/")}${query}`, role: roleOf(route.pattern) });
  }
  return { pages, skipped };
}

export type LhrAudit = { score: number | null; scoreDisplayMode?: string; title?: string; details?: { items?: unknown[] } };
export type PagesLhr = {
  runtimeError?: { message: string };
  categories: Record<string, { score: number | null; auditRefs?: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, LhrAudit | undefined>;
};

export type FailingAudit = { id: string; category: string; title: string; where: string[] };
export type PageScores = { accessibility: number; bestPractices: number; failing: FailingAudit[] };

/** What an audit's items point at (a node's selector and snippet, a URL, a console message), a few of them. */
function whereOf(audit: LhrAudit): string[] {
  const items = audit.details?.items ?? [];
  return items.slice(0, 4).map((item) => {
    const it = item as { node?: { selector?: string; snippet?: string; explanation?: string }; url?: string; description?: string; source?: string };
    if (it.node) return `${it.node.selector ?? ""} ${it.node.snippet ?? ""}`.trim().slice(0, 240);
    return [it.source, it.url, it.description].filter(Boolean).join(" ").slice(0, 240);
  });
}

/** The two scores and every weighted audit of the two categories that did not pass. */
export function scoresOf(lhr: PagesLhr): PageScores {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
  const failing: FailingAudit[] = [];
  for (const category of PAGE_CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight <= 0) continue;
      const failed = audit.scoreDisplayMode === "error" || (audit.score !== null && audit.score < 1);
      if (failed) failing.push({ id: ref.id, category, title: audit.title ?? ref.id, where: whereOf(audit) });
    }
  }
  return { accessibility: score("accessibility"), bestPractices: score("best-practices"), failing };
}

export type PageRow = { page: PlannedPage; results: Record<FormFactor, PageScores>; load: string };

/** The table: page · role · accessibility and best practices (mobile / desktop) · the failing audits' ids. */
export function pagesTable(rows: readonly PageRow[]): string[] {
  const lines = [
    "| trang | vai trò | trợ năng (di động / máy tính) | thực hành tốt (di động / máy tính) | kiểm tra chưa đạt | load 1/5/15 |",
    "|---|---|---:|---:|---|---|",
  ];
  for (const { page, results, load } of rows) {
    const mobile = new Set(results.mobile.failing.map((a) => a.id));
    const desktop = new Set(results.desktop.failing.map((a) => a.id));
    const ids = [...new Set([...mobile, ...desktop])].map((id) => (mobile.has(id) && desktop.has(id) ? id : `${id} (${mobile.has(id) ? "di động" : "máy tính"})`));
    lines.push(
      `| \`${page.path}\` | ${page.role} | ${results.mobile.accessibility} / ${results.desktop.accessibility} | ${results.mobile.bestPractices} / ${results.desktop.bestPractices} | ${ids.join(", ") || "—"} | ${load} |`,
    );
  }
  return lines;
}
