import { describe, expect, it } from "vitest";
import {
  ApproveReportSchema,
  parseCount,
  ReportDeadlineSchema,
  reportInputSchema,
  UnlockReportSchema,
} from "../../lib/schemas/ward-report.ts";
import { fieldErrorsOf } from "../../lib/schemas/field-errors.ts";
import { CompletenessParamsSchema, EntryParamsSchema } from "../../lib/schemas/report-params.ts";
import { AuditParamsSchema } from "../../lib/schemas/audit-params.ts";

const TODAY = "2021-08-18";
const schema = reportInputSchema(TODAY);
const valid = {
  wardCode: "00037",
  day: "2021-08-17",
  smartphones: "8.412",
  installs: "4.380",
  qrVenues: "212",
  activeVenues: "35",
  scans: "1 204",
  note: "",
  expectedVersion: 0,
};

function errors(input: Record<string, unknown>) {
  const r = schema.safeParse(input);
  return r.success ? {} : fieldErrorsOf(r.error);
}

describe("parseCount", () => {
  it("reads plain and grouped Vietnamese numbers", () => {
    expect(parseCount("150788", "x")).toEqual({ ok: true, value: 150788 });
    expect(parseCount("150.788", "x")).toEqual({ ok: true, value: 150788 });
    expect(parseCount(" 1 204 ", "x")).toEqual({ ok: true, value: 1204 });
    expect(parseCount("0", "x")).toEqual({ ok: true, value: 0 });
    expect(parseCount(12, "x")).toEqual({ ok: true, value: 12 });
  });
  it("treats an empty field as unknown, never zero", () => {
    expect(parseCount("", "x")).toEqual({ ok: true, value: null });
    expect(parseCount("   ", "x")).toEqual({ ok: true, value: null });
    expect(parseCount(null, "x")).toEqual({ ok: true, value: null });
    expect(parseCount(undefined, "x")).toEqual({ ok: true, value: null });
  });
  it("rejects negatives, decimals, misplaced dots, words and overflow", () => {
    expect(parseCount("-5", "Số lượt quét")).toEqual({ ok: false, message: "Số lượt quét không được là số âm" });
    expect(parseCount(-5, "Số lượt quét")).toEqual({ ok: false, message: "Số lượt quét không được là số âm" });
    expect(parseCount("1,5", "x").ok).toBe(false);
    expect(parseCount("150.78", "x").ok).toBe(false);
    expect(parseCount(1.5, "x").ok).toBe(false);
    expect(parseCount("mười", "x").ok).toBe(false);
    expect(parseCount("2147483648", "x")).toEqual({ ok: false, message: "x quá lớn" });
    expect(parseCount("2147483647", "x")).toEqual({ ok: true, value: 2147483647 });
    expect(parseCount(true, "x").ok).toBe(false);
  });
});

describe("report input schema (shared by form and action)", () => {
  it("accepts a valid report and normalises it", () => {
    const r = schema.parse(valid);
    expect(r).toMatchObject({ smartphones: 8412, installs: 4380, scans: 1204, note: null, confirmedWarnings: [] });
  });

  it("blocks installs above smartphones (equal is fine)", () => {
    expect(errors({ ...valid, installs: "9000" }).installs?.[0]).toContain("không được lớn hơn số điện thoại thông minh");
    expect(errors({ ...valid, installs: "8412" })).toEqual({});
  });

  it("blocks venues with scans above venues registered, and above the scans", () => {
    expect(errors({ ...valid, activeVenues: "213" }).activeVenues?.[0]).toContain("không được lớn hơn số địa điểm đã tạo mã QR");
    expect(errors({ ...valid, activeVenues: "30", scans: "29" }).activeVenues?.[0]).toContain("không thể lớn hơn số lượt quét");
  });

  it("shows cross-field errors together with field errors", () => {
    const e = errors({ ...valid, installs: "9000", scans: "-5" });
    expect(Object.keys(e).sort()).toEqual(["installs", "scans"]);
  });

  it("blocks a negative number with a message on that field", () => {
    expect(errors({ ...valid, scans: "-1" })).toEqual({ scans: ["Số lượt quét mã QR trong ngày không được là số âm"] });
  });

  it("blocks a day in the future, accepts today", () => {
    expect(errors({ ...valid, day: "2021-08-19" }).day).toEqual(["Không thể báo cáo cho một ngày trong tương lai"]);
    expect(errors({ ...valid, day: TODAY })).toEqual({});
    expect(errors({ ...valid, day: "2021-02-30" }).day?.[0]).toContain("YYYY-MM-DD");
  });

  it("needs at least one figure; empty ones stay unknown", () => {
    const empty = { ...valid, smartphones: "", installs: "", qrVenues: "", activeVenues: "", scans: "" };
    expect(errors(empty).smartphones).toEqual(["Nhập ít nhất một số liệu"]);
    expect(schema.parse({ ...empty, scans: "0" })).toMatchObject({ scans: 0, installs: null });
  });

  it("checks the ward code, version and note length", () => {
    expect(errors({ ...valid, wardCode: "37" }).wardCode).toBeDefined();
    expect(errors({ ...valid, wardCode: "00037'; DROP TABLE unit;--" }).wardCode).toBeDefined();
    expect(errors({ ...valid, expectedVersion: -1 }).expectedVersion).toBeDefined();
    expect(errors({ ...valid, note: "x".repeat(1001) }).note).toEqual(["Ghi chú tối đa 1000 ký tự"]);
    expect(schema.parse({ ...valid, note: "  đã kiểm tra  " }).note).toBe("đã kiểm tra");
  });

  it("rejects odd types in a forged body", () => {
    expect(schema.safeParse({ ...valid, installs: { $gt: 0 } }).success).toBe(false);
    expect(schema.safeParse({ ...valid, confirmedWarnings: "all" }).success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
  });
});

describe("approval, unlock and deadline schemas", () => {
  it("requires a reason of at least 5 characters to unlock", () => {
    const base = { wardCode: "00037", day: "2021-08-17", expectedVersion: 2 };
    expect(ApproveReportSchema.safeParse(base).success).toBe(true);
    expect(UnlockReportSchema.safeParse({ ...base, reason: "sai" }).success).toBe(false);
    expect(UnlockReportSchema.safeParse({ ...base, reason: "Phường nhập nhầm số lượt quét" }).success).toBe(true);
  });
  it("bounds the deadline", () => {
    expect(ReportDeadlineSchema.parse({ daysAfter: "1", hour: "10", minute: "0" })).toEqual({ daysAfter: 1, hour: 10, minute: 0 });
    expect(ReportDeadlineSchema.safeParse({ daysAfter: 1, hour: 24, minute: 0 }).success).toBe(false);
    expect(ReportDeadlineSchema.safeParse({ daysAfter: 8, hour: 10, minute: 0 }).success).toBe(false);
  });
});

describe("URL parameters", () => {
  it("entry: ward and day", () => {
    expect(EntryParamsSchema.parse({ ward: "00037", day: "2021-08-17" })).toEqual({ ward: "00037", day: "2021-08-17" });
    expect(EntryParamsSchema.parse({})).toEqual({ ward: undefined, day: undefined });
    expect(EntryParamsSchema.safeParse({ ward: ["00037", "00040"] }).success).toBe(false);
    expect(EntryParamsSchema.safeParse({ ward: "../etc" }).success).toBe(false);
  });
  it("entry: the district whose wards an admin or a city official sees", () => {
    expect(EntryParamsSchema.parse({ district: "002", day: "2021-08-17" })).toEqual({ ward: undefined, district: "002", day: "2021-08-17" });
    expect(EntryParamsSchema.parse({ district: " 002 " }).district).toBe("002");
    expect(EntryParamsSchema.parse({ district: "" }).district).toBeUndefined();
    for (const bad of ["2", "0002", "abc", "00'1"]) expect(EntryParamsSchema.safeParse({ district: bad }).success, bad).toBe(false);
    expect(EntryParamsSchema.safeParse({ district: ["001", "002"] }).success).toBe(false);
  });
  it("completeness: a day or a bounded range", () => {
    expect(CompletenessParamsSchema.safeParse({ from: "2021-08-01", to: "2021-08-17" }).success).toBe(true);
    expect(CompletenessParamsSchema.safeParse({ from: "2021-08-17", to: "2021-08-01" }).success).toBe(false);
    expect(CompletenessParamsSchema.safeParse({ from: "2021-01-01", to: "2021-12-31" }).success).toBe(false);
    expect(CompletenessParamsSchema.safeParse({ from: "2021-08-01" }).success).toBe(false);
  });
  it("audit: known actions and safe values only", () => {
    expect(AuditParamsSchema.safeParse({ action: "figure.approve", field: "installs", before: "123" }).success).toBe(true);
    expect(AuditParamsSchema.safeParse({ action: "drop" }).success).toBe(false);
    expect(AuditParamsSchema.safeParse({ field: "a'b" }).success).toBe(false);
    expect(AuditParamsSchema.safeParse({ before: "1e9" }).success).toBe(false);
  });
});
