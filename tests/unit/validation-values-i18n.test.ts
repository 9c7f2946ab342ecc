import { describe, expect, it } from "vitest";
import { AcknowledgeAlertSchema, AlertThresholdsSchema, BulkAcknowledgeAlertsSchema } from "../../lib/schemas/alerts.ts";
import { DashboardParamsSchema } from "../../lib/schemas/dashboard-params.ts";
import { ExportFiltersSchema } from "../../lib/schemas/exports.ts";
import { fieldErrorsOf, type FieldErrors } from "../../lib/schemas/field-errors.ts";
import { RawScanRetentionFormSchema } from "../../lib/schemas/settings.ts";
import { localizeFieldErrors, localizeValidation, renderValidation, VV } from "../../lib/schemas/validation.ts";
import { parseCount, reportInputSchema } from "../../lib/schemas/ward-report.ts";
import type { z } from "zod";

// Validation messages with values (lib/schemas/validation.ts, messages/<vi|en>/validationValues.json):
// the schemas write the very Vietnamese they wrote before, and an English reader gets the same
// message in English with the same values (counts grouped the English way, labels in English).

function errorsOf<T>(schema: z.ZodType<T>, input: unknown): FieldErrors {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? {} : fieldErrorsOf(r.error);
}
const en = (errors: FieldErrors) => localizeFieldErrors(errors, "en") ?? {};

describe("validation messages with values", () => {
  it("a note too long: Vietnamese as before, English with the same bound", () => {
    const errors = errorsOf(AcknowledgeAlertSchema, { ruleId: "ZERO_SCANS", wardCode: "00037", day: "2021-08-14", note: "x".repeat(1001) });
    expect(errors.note).toEqual(["Ghi chú tối đa 1000 ký tự"]);
    expect(localizeFieldErrors(errors, "vi")).toEqual(errors);
    expect(en(errors).note).toEqual(["The note has at most 1000 characters"]);
    const bulk = errorsOf(BulkAcknowledgeAlertsSchema, { day: "2021-08-14", note: "đã gọi", alerts: Array.from({ length: 501 }, () => ({ ruleId: "ZERO_SCANS", wardCode: "00037" })) });
    expect(bulk.alerts).toEqual(["Mỗi lần xác nhận tối đa 500 cảnh báo"]);
    expect(en(bulk).alerts).toEqual(["At most 500 alerts can be acknowledged at once"]);
  });

  it("a threshold out of its bounds: the field's label and the range in the reader's language", () => {
    const errors = errorsOf(AlertThresholdsSchema, { dormantDays: "31", disagreementTolerancePercent: "x", escalationDays: "2.5", rankDropPlaces: "3" });
    expect(errors).toEqual({
      dormantDays: ["Số ngày không có lượt quét: từ 1 đến 30"],
      disagreementTolerancePercent: ["Ngưỡng chênh lệch (%) phải là một số"],
      escalationDays: ["Số ngày liên tiếp để nâng mức phải là số nguyên"],
    });
    expect(en(errors)).toEqual({
      dormantDays: ["Days without scans: from 1 to 30"],
      disagreementTolerancePercent: ["Disagreement threshold (%) must be a number"],
      escalationDays: ["Days in a row before escalating must be a whole number"],
    });
  });

  it("the ward report: counts compared, grouped per language; a malformed count named in English", () => {
    const report = { wardCode: "00037", day: "2021-08-17", smartphones: "150.788", installs: "150.789", qrVenues: "12", activeVenues: "13", scans: "1.234", expectedVersion: 0 };
    const errors = errorsOf(reportInputSchema("2021-08-17"), report);
    expect(errors.installs).toEqual(["Số lượt cài Bluezone (150.789) không được lớn hơn số điện thoại thông minh (150.788)"]);
    expect(errors.activeVenues).toEqual(["Số địa điểm có lượt quét (13) không được lớn hơn số địa điểm đã tạo mã QR (12)"]);
    expect(en(errors).installs).toEqual(["Bluezone installs (150,789) cannot be more than smartphones (150,788)"]);
    expect(en(errors).activeVenues).toEqual(["Venues with scans (13) cannot be more than venues with a QR code (12)"]);
    const bad = parseCount("15,5", "Số điện thoại thông minh");
    expect(bad).toEqual({ ok: false, message: "Số điện thoại thông minh phải là số nguyên (dấu chấm chỉ dùng để phân cách hàng nghìn, ví dụ 150.788)" });
    expect(bad.ok ? "" : localizeValidation(bad.message, "en")).toBe("Smartphones must be a whole number (a dot only separates thousands, e.g. 150.788)");
    const negative = parseCount("-3", "Số lượt quét mã QR trong ngày");
    expect(negative.ok ? "" : localizeValidation(negative.message, "en")).toBe("QR scans on the day cannot be negative");
  });

  it("URL filters and settings: bounds, repeated values, day ranges", () => {
    const compare = errorsOf(DashboardParamsSchema, { compare: ["00001", "00002", "00003", "00004", "00005", "00006", "00007"] });
    expect(compare.compare).toEqual(["Chỉ so sánh được tối đa 6 phường một lúc"]);
    expect(en(compare).compare).toEqual(["At most 6 wards can be compared at once"]);
    const range = errorsOf(ExportFiltersSchema, { from: "2021-01-01", to: "2021-08-17" });
    expect(range.to).toEqual(["Mỗi lần chỉ tải được tối đa 92 ngày"]);
    expect(en(range).to).toEqual(["At most 92 days can be downloaded at once"]);
    const repeated = errorsOf(ExportFiltersSchema, { day: ["2021-08-17", "2021-08-18"], from: "17/08/2021" });
    expect(repeated.day).toEqual(["Ngày: chỉ được có một giá trị"]);
    expect(en(repeated)).toMatchObject({ day: ["Day: only one value is allowed"], from: ["From is written YYYY-MM-DD and must be a real day, e.g. 2021-08-17"] });
    const months = errorsOf(RawScanRetentionFormSchema, { months: "abc" });
    expect(en(months).months?.[0]).toMatch(/^The number of months is a whole number from \d+ to \d+, or empty$/);
  });

  it("leaves a message made by neither catalog as it is, and writes Vietnamese from the catalog", () => {
    expect(localizeValidation("Tối đa 3 điều không có trong danh mục", "en")).toBe("Tối đa 3 điều không có trong danh mục");
    expect(VV("noteMax", { max: 20 })).toBe("Ghi chú tối đa 20 ký tự");
    expect(localizeValidation("Ghi chú tối đa 20 ký tự", "en")).toBe("The note has at most 20 characters");
    expect(renderValidation("installsOverSmartphones", { installs: { count: 1234 }, smartphones: { count: 999 } }, "vi")).toBe(
      "Số lượt cài Bluezone (1.234) không được lớn hơn số điện thoại thông minh (999)",
    );
  });
});
