import type { AuditParams } from "@/lib/schemas/audit-params";

// What the audit page says when a page of the log is empty: that the filters match nothing (only
// when a filter is set), that there is nothing older (on a later page), or that nothing has been
// recorded yet in what the viewer may see. Pure, for the page and its tests.

/** The filters a viewer sets (not the page cursor). */
export const AUDIT_FILTER_KEYS = ["action", "unit", "user", "field", "from", "to"] as const satisfies readonly (keyof AuditParams)[];

export function hasAuditFilter(params: AuditParams): boolean {
  return AUDIT_FILTER_KEYS.some((k) => params[k] !== undefined);
}

/** Keys of the "admin.audit.empty" catalog group (the page translates them). */
export type AuditEmptyKey = "filtered" | "clearFilters" | "noOlder" | "newest" | "nothingAll" | "nothingOwn";

export type AuditEmptyState = {
  message: AuditEmptyKey;
  /** a link back: to the unfiltered log, to its first page, or none */
  link: { href: string; label: AuditEmptyKey } | null;
};

export function auditEmptyState(params: AuditParams, scope: "all" | "own"): AuditEmptyState {
  if (hasAuditFilter(params)) {
    return { message: "filtered", link: { href: "/admin/audit", label: "clearFilters" } };
  }
  if (params.before !== undefined) {
    return { message: "noOlder", link: { href: "/admin/audit", label: "newest" } };
  }
  return {
    message: scope === "all" ? "nothingAll" : "nothingOwn",
    link: null,
  };
}

/** Above this many units the selector is a search-as-you-type list instead of a drop-down. */
export const UNIT_SELECT_LIMIT = 300;
