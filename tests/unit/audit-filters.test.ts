import { describe, expect, it } from "vitest";
import { auditEmptyState, hasAuditFilter } from "@/app/admin/audit/filters";
import { AuditParamsSchema } from "@/lib/schemas/audit-params";

// The audit page's empty state says the right thing: "không khớp bộ lọc" only when a filter is set
// (keys of the "admin.audit.empty" catalog group, whose texts the catalogs hold).

const parse = (raw: Partial<Record<string, string>>) => AuditParamsSchema.parse(raw);

describe("the audit log's empty state", () => {
  it("with no filter: nothing recorded yet (in the viewer's scope), no link", () => {
    expect(hasAuditFilter(parse({}))).toBe(false);
    expect(auditEmptyState(parse({}), "all")).toEqual({ message: "nothingAll", link: null });
    expect(auditEmptyState(parse({ unit: "" }), "own")).toEqual({ message: "nothingOwn", link: null });
  });

  it("with a filter: nothing matches, with a link to the whole log", () => {
    const filters: Record<string, string>[] = [{ unit: "00037" }, { action: "target.update" }, { user: "admin" }, { field: "installs" }, { from: "2021-08-01" }, { to: "2021-08-17" }];
    for (const raw of filters) {
      expect(auditEmptyState(parse(raw), "all")).toEqual({
        message: "filtered",
        link: { href: "/admin/audit", label: "clearFilters" },
      });
    }
  });

  it("on a later page without a filter: nothing older", () => {
    expect(auditEmptyState(parse({ before: "120" }), "own").message).toBe("noOlder");
  });

  it("filters by a city, a district or a ward code, and refuses anything else with a message", () => {
    expect(parse({ unit: "01" }).unit).toBe("01");
    expect(parse({ unit: "002" }).unit).toBe("002");
    expect(parse({ unit: "00037" }).unit).toBe("00037");
    const bad = AuditParamsSchema.safeParse({ unit: "Phúc Tân" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("Mã đơn vị không hợp lệ: chọn một đơn vị trong danh sách");
  });
});
