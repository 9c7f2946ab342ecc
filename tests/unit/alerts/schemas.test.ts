import { describe, expect, it } from "vitest";
import { AcknowledgeAlertSchema, AlertDetailsParamsSchema, AlertParamsSchema, AlertThresholdsSchema, storedThresholdSchema } from "../../../lib/schemas/alerts.ts";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("alert centre filters", () => {
  it("accepts the filters it knows and defaults the page to 1", () => {
    const r = AlertParamsSchema.safeParse({ day: "2021-08-14", ward: "00037", rule: "ZERO_SCANS", severity: "critical", status: "open" });
    expect(r.success && r.data).toEqual({ day: "2021-08-14", district: undefined, ward: "00037", rule: "ZERO_SCANS", severity: "critical", status: "open", page: 1 });
    expect(AlertParamsSchema.safeParse({}).success).toBe(true);
    expect(AlertParamsSchema.parse({ rule: "", severity: "" })).toMatchObject({ rule: undefined, severity: undefined });
  });

  it("names an unknown filter clearly", () => {
    const r = AlertParamsSchema.safeParse({ colour: "red", day: "2021-08-14" });
    expect(r.success).toBe(false);
    expect(messages(r)).toEqual(["Bộ lọc không được hỗ trợ: colour (chỉ có day, district, ward, rule, severity, status, page, open)"]);
  });

  it("lists the allowed values of a filter given a wrong one", () => {
    expect(messages(AlertParamsSchema.safeParse({ rule: "NO_SUCH_RULE" }))[0]).toMatch(/^Loại cảnh báo phải là một trong: ZERO_SCANS, /);
    expect(messages(AlertParamsSchema.safeParse({ severity: "red" }))).toEqual([
      "Mức độ phải là một trong: info, warning, critical, attention (nghiêm trọng + cần chú ý), all (tất cả)",
    ]);
    expect(messages(AlertParamsSchema.safeParse({ status: "closed" }))).toEqual(["Trạng thái phải là một trong: open, acknowledged"]);
    expect(messages(AlertParamsSchema.safeParse({ day: "2021-02-30" }))).toEqual(["Ngày phải có dạng YYYY-MM-DD và là một ngày có thật"]);
    expect(messages(AlertParamsSchema.safeParse({ ward: "37" }))).toEqual(["Mã phường gồm 5 chữ số, ví dụ 00037"]);
    expect(messages(AlertParamsSchema.safeParse({ ward: ["00037", "00040"] }))).toEqual(["Phường: chỉ được có một giá trị"]);
    expect(messages(AlertParamsSchema.safeParse({ page: "0" }))).toEqual(["Trang phải là số nguyên dương"]);
  });
});

describe("a row opened (issue 15)", () => {
  it("the page takes the row to render opened (no JavaScript) as a ward code", () => {
    expect(AlertParamsSchema.parse({ day: "2021-08-14", open: "00037" }).open).toBe("00037");
    expect(messages(AlertParamsSchema.safeParse({ open: "37'" }))).toEqual(["Mã phường gồm 5 chữ số, ví dụ 00037"]);
  });

  it("the details route needs the ward, takes the page's filters and its render token, and nothing else", () => {
    const r = AlertDetailsParamsSchema.safeParse({ day: "2021-08-14", ward: "00037", severity: "all", status: "open", render: "aB3_-x" });
    expect(r.success && r.data).toEqual({ day: "2021-08-14", ward: "00037", severity: "all", status: "open", render: "aB3_-x" });
    expect(messages(AlertDetailsParamsSchema.safeParse({ day: "2021-08-14" }))).toEqual(["Hãy cho biết mã phường"]);
    expect(messages(AlertDetailsParamsSchema.safeParse({ ward: "0003" }))).toEqual(["Mã phường gồm 5 chữ số, ví dụ 00037"]);
    expect(messages(AlertDetailsParamsSchema.safeParse({ ward: ["00037", "00040"] }))).toEqual(["Phường: chỉ được có một giá trị"]);
    expect(messages(AlertDetailsParamsSchema.safeParse({ ward: "00037", render: "<x>" }))).toEqual(["Mã lần hiển thị không hợp lệ"]);
    // unknown keys are refused as on the page (the page's own `page` and `open` too)
    for (const extra of [{ colour: "red" }, { page: "2" }, { open: "00037" }]) {
      expect(AlertDetailsParamsSchema.safeParse({ ward: "00037", ...extra }).success).toBe(false);
    }
  });
});

describe("acknowledgement form", () => {
  it("needs a note of at least 3 characters (trimmed) and at most 1000", () => {
    const base = { ruleId: "ZERO_SCANS", wardCode: "00037", day: "2021-08-14" };
    expect(AcknowledgeAlertSchema.safeParse({ ...base, note: "  Đã gọi phường  " }).data?.note).toBe("Đã gọi phường");
    expect(messages(AcknowledgeAlertSchema.safeParse({ ...base, note: "  ok " }))).toEqual(["Hãy ghi chú việc đã làm (ít nhất 3 ký tự)"]);
    expect(AcknowledgeAlertSchema.safeParse({ ...base, note: "x".repeat(1001) }).success).toBe(false);
    expect(AcknowledgeAlertSchema.safeParse({ ...base, ruleId: "NOPE", note: "Đã gọi" }).success).toBe(false);
    expect(AcknowledgeAlertSchema.safeParse({ ...base, wardCode: "0003'", note: "Đã gọi" }).success).toBe(false);
  });
});

describe("alert thresholds", () => {
  it("takes numbers typed in a form, within their bounds", () => {
    expect(AlertThresholdsSchema.parse({ dormantDays: "7", disagreementTolerancePercent: "10", escalationDays: "3", rankDropPlaces: "3" })).toEqual({
      dormantDays: 7,
      disagreementTolerancePercent: 10,
      escalationDays: 3,
      rankDropPlaces: 3,
    });
    const r = AlertThresholdsSchema.safeParse({ dormantDays: "0", disagreementTolerancePercent: "101", escalationDays: "1", rankDropPlaces: "2.5" });
    expect(messages(r)).toEqual([
      "Số ngày không có lượt quét: từ 1 đến 30",
      "Ngưỡng chênh lệch (%): từ 0 đến 100",
      "Số ngày liên tiếp để nâng mức: từ 2 đến 30",
      "Số bậc tụt hạng phải là số nguyên",
    ]);
  });

  it("accepts only plain integers as stored values", () => {
    expect(storedThresholdSchema("dormantDays").safeParse(7).success).toBe(true);
    expect(storedThresholdSchema("dormantDays").safeParse("7").success).toBe(false);
    expect(storedThresholdSchema("dormantDays").safeParse(31).success).toBe(false);
  });
});
