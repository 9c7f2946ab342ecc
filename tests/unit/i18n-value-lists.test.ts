import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { catalogText } from "@/i18n/catalog-text";
import { handleExport } from "@/lib/http/downloads";
import { exportProblems } from "../../lib/domain/export-problems.ts";
import { VENUE_CATEGORIES, VENUE_STATUSES } from "../../lib/domain/imports/catalogue.ts";
import { ALERT_STATUSES } from "../../lib/domain/alerts/filters.ts";
import { ALERT_RULE_IDS, ALERT_SEVERITIES } from "../../lib/domain/alerts/types.ts";
import { RANK_METRICS } from "../../lib/domain/rank-metric.ts";
import { VENUE_ACTIVITIES, VENUE_ACTIVITY_LABELS, VENUE_CATEGORY_LABELS, VENUE_SORTS, VENUE_STATUS_LABELS } from "../../lib/domain/venue-activity.ts";
import { AlertParamsSchema } from "../../lib/schemas/alerts.ts";
import { DashboardParamsSchema } from "../../lib/schemas/dashboard-params.ts";
import { ExportFileParamsSchema, ExportFiltersSchema, FILTER_KEYS } from "../../lib/schemas/exports.ts";
import { localizeRefusal } from "../../lib/requests/refusal-text.ts";
import { localizeValidation } from "../../lib/schemas/validation.ts";
import { WardPageParamsSchema } from "../../lib/schemas/ward-page-params.ts";

// Issue 16, part 9: the zod messages that list the allowed values or the unknown filters, the
// venue list's page numbers, the Exports page's problems and a download's 400 in the reader's
// language. Vietnamese byte for byte what the schemas wrote before (the old template literals are
// repeated here), English English.

const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

type Schema = { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } };
function messageOf(schema: Schema, input: Record<string, unknown>): string {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error?.issues[0]?.message ?? "";
}
function both(schema: Schema, input: Record<string, unknown>) {
  const vi = messageOf(schema, input);
  const en = localizeValidation(vi, "en");
  expect(en).not.toMatch(VIETNAMESE);
  return { vi, en };
}

describe("allowed values", () => {
  it("lists the venue filters' values with their names in each language", () => {
    const labelled = (values: readonly string[], labels: Readonly<Record<string, string>>) => values.map((v) => `${v} (${labels[v]})`).join(", ");
    const ward = { ward: "00037" };
    const category = both(WardPageParamsSchema, { ...ward, category: "ZOO" });
    expect(category.vi).toBe(`Loại địa điểm phải là một trong: ${labelled(VENUE_CATEGORIES, VENUE_CATEGORY_LABELS)}`);
    expect(category.en).toMatch(/^Venue type must be one of: AGENCY \(Agency\), BUSINESS \(Business\), /);
    const status = both(WardPageParamsSchema, { ...ward, status: "GONE" });
    expect(status.vi).toBe(`Trạng thái đăng ký phải là một trong: ${labelled(VENUE_STATUSES, VENUE_STATUS_LABELS)}`);
    expect(status.en).toBe("Registration status must be one of: ACTIVE (Operating), SUSPENDED (Suspended), CLOSED (Closed)");
    const activity = both(WardPageParamsSchema, { ...ward, activity: "busy" });
    expect(activity.vi).toBe(`Tình trạng quét phải là một trong: ${labelled(VENUE_ACTIVITIES, VENUE_ACTIVITY_LABELS)}`);
    expect(activity.en).toBe("Scanning must be one of: active (With scans), idle (No scans that day), dormant (Inactive for 7 days)");
    const sort = both(WardPageParamsSchema, { ...ward, sort: "random" });
    expect(sort.vi).toBe(`Cách sắp xếp phải là một trong: ${VENUE_SORTS.join(", ")}`);
    expect(sort.en).toBe(`Sort order must be one of: ${VENUE_SORTS.join(", ")}`);
  });

  it("says the venue list's page numbers in each language", () => {
    expect(both(WardPageParamsSchema, { ward: "00037", page: "hai" })).toEqual({
      vi: "Số trang phải là một số nguyên dương, ví dụ 2",
      en: "The page number must be a positive whole number, e.g. 2",
    });
    expect(both(WardPageParamsSchema, { ward: "00037", page: "10001" })).toEqual({
      vi: "Số trang phải từ 1 đến 10.000",
      en: "The page number must be from 1 to 10,000",
    });
  });

  it("lists the alert centre's rules, severities and statuses", () => {
    const rule = both(AlertParamsSchema, { rule: "nope" });
    expect(rule.vi).toBe(`Loại cảnh báo phải là một trong: ${ALERT_RULE_IDS.join(", ")}`);
    expect(rule.en).toBe(`Kind of alert must be one of: ${ALERT_RULE_IDS.join(", ")}`);
    const severity = both(AlertParamsSchema, { severity: "huge" });
    expect(severity.vi).toBe(`Mức độ phải là một trong: ${ALERT_SEVERITIES.join(", ")}, attention (nghiêm trọng + cần chú ý), all (tất cả)`);
    expect(severity.en).toBe("Severity must be one of: info, warning, critical, attention (critical + needs attention), all (every alert)");
    const status = both(AlertParamsSchema, { status: "closed" });
    expect(status.vi).toBe(`Trạng thái phải là một trong: ${ALERT_STATUSES.join(", ")}`);
    expect(status.en).toBe("Status must be one of: open, acknowledged");
  });

  it("lists the ranking metrics of the dashboards and the downloads", () => {
    for (const schema of [DashboardParamsSchema, ExportFiltersSchema]) {
      const metric = both(schema, { sort: "fastest" });
      expect(metric.vi).toBe(`Chỉ số xếp hạng phải là một trong: ${RANK_METRICS.join(", ")}`);
      expect(metric.en).toBe(`Ranking metric must be one of: ${RANK_METRICS.join(", ")}`);
    }
  });
});

describe("unknown filters", () => {
  it("names the unknown and the allowed filters in each language", () => {
    const alerts = both(AlertParamsSchema, { colour: "red" });
    expect(alerts.vi).toBe("Bộ lọc không được hỗ trợ: colour (chỉ có day, district, ward, rule, severity, status, page, open)");
    expect(alerts.en).toBe("Filters not supported: colour (only day, district, ward, rule, severity, status, page, open)");
    const file = both(ExportFileParamsSchema, { format: "csv", colour: "red", size: "9" });
    expect(file.vi).toBe(`Bộ lọc không được hỗ trợ: colour, size (chỉ có ${[...FILTER_KEYS, "format"].join(", ")})`);
    expect(file.en).toBe(`Filters not supported: colour, size (only ${[...FILTER_KEYS, "format"].join(", ")})`);
  });
});

describe("the Exports page's problems", () => {
  const vi = catalogText("vi");
  const en = catalogText("en");
  const range = { from: "2021-07-19", to: "2021-08-17" } as const;
  it("renders in Vietnamese as the page wrote them, and in English", () => {
    expect(exportProblems({ range: null, day: null, from: null, to: null }).map(vi.text)).toEqual(["Chưa có số liệu nào của các phường này."]);
    expect(exportProblems({ range, day: "2021-08-17", from: "2021-07-19", to: "2021-08-17" })).toEqual([]);
    const outside = exportProblems({ range, day: "2021-08-20", from: "2021-08-01", to: "2021-08-20" });
    expect(outside.map(vi.text)).toEqual([
      "Ngày 20/08/2021 nằm ngoài những ngày có số liệu (19/07/2021–17/08/2021).",
      "Khoảng ngày nằm ngoài những ngày có số liệu (19/07/2021–17/08/2021).",
    ]);
    expect(outside.map(en.text)).toEqual([
      "20 Aug 2021 is outside the days with figures (19 Jul 2021–17 Aug 2021).",
      "The range of days is outside the days with figures (19 Jul 2021–17 Aug 2021).",
    ]);
  });
});

describe("a download's 400", () => {
  it("answers in the reader's language with the cookie, in Vietnamese without it", async () => {
    state.user = { id: 1, username: "admin", displayName: "Quản trị", role: "ADMIN", unitCode: null, districtCode: null };
    const ask = async (cookie: string | null) => {
      const request = new Request("http://localhost/api/v1/rankings?sort=fastest", { headers: cookie ? { cookie } : {} });
      const response = await handleExport(request, "rankings", "json");
      return { status: response.status, body: (await response.json()) as { error: string; issues: { path: string; message: string }[] } };
    };
    const viText = `Chỉ số xếp hạng phải là một trong: ${RANK_METRICS.join(", ")}`;
    const enText = `Ranking metric must be one of: ${RANK_METRICS.join(", ")}`;
    expect(await ask(null)).toEqual({ status: 400, body: { error: viText, issues: [{ path: "sort", message: viText }] } });
    expect(await ask("ww_locale=en")).toEqual({ status: 400, body: { error: enText, issues: [{ path: "sort", message: enText }] } });
  });
});

describe("the rollback's refusals", () => {
  it("are in the refusals' catalog: the action's failure answers them in the reader's language", () => {
    expect(localizeRefusal("Lần nhập #12 đang được xử lý; thử lại sau ít phút.", "en")).toBe("Import #12 is being processed; try again in a few minutes.");
    expect(localizeRefusal("Chỉ hoàn tác được lần nhập đã nạp thành công và còn hiệu lực.", "en")).toBe(
      "Only an import that loaded successfully and is still in effect can be rolled back.",
    );
    const conflict =
      "Không hoàn tác được: sau khi bỏ số liệu của lần nhập này, 1.234 đơn vị-ngày sẽ có số liệu mâu thuẫn " +
      "(ví dụ số địa điểm có lượt quét lớn hơn số địa điểm đăng ký). Không có gì thay đổi. Dòng 2: lý do.";
    expect(localizeRefusal(conflict, "en")).toBe(
      "Cannot roll back: without this import's figures, 1.234 unit-days would have contradictory figures (for example more venues with scans than registered venues). Nothing changed. Dòng 2: lý do.",
    );
    expect(localizeRefusal(conflict, "vi")).toBe(conflict);
  });
});
