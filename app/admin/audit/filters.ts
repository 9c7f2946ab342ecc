import type { AuditParams } from "@/lib/schemas/audit-params";

// What the audit page says when a page of the log is empty: that the filters match nothing (only
// when a filter is set), that there is nothing older (on a later page), or that nothing has been
// recorded yet in what the viewer may see. Pure, for the page and its tests.

/** The filters a viewer sets (not the page cursor). */
export const AUDIT_FILTER_KEYS = ["action", "unit", "user", "field", "from", "to"] as const satisfies readonly (keyof AuditParams)[];

export function hasAuditFilter(params: AuditParams): boolean {
  return AUDIT_FILTER_KEYS.some((k) => params[k] !== undefined);
}

export type AuditEmptyState = {
  message: string;
  /** a link back: to the unfiltered log, to its first page, or none */
  link: { href: string; label: string } | null;
};

export function auditEmptyState(params: AuditParams, scope: "all" | "own"): AuditEmptyState {
  if (hasAuditFilter(params)) {
    return { message: "Không có mục nào khớp bộ lọc.", link: { href: "/admin/audit", label: "Bỏ bộ lọc, xem toàn bộ nhật ký" } };
  }
  if (params.before !== undefined) {
    return { message: "Không còn mục nào cũ hơn.", link: { href: "/admin/audit", label: "Về các mục mới nhất" } };
  }
  return {
    message: scope === "all" ? "Nhật ký chưa có mục nào: chưa có thay đổi nào được ghi." : "Chưa có thay đổi nào được ghi trong phạm vi bạn xem được.",
    link: null,
  };
}

/** Above this many units the selector is a search-as-you-type list instead of a drop-down. */
export const UNIT_SELECT_LIMIT = 300;
