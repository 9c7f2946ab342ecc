import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/messages/catalog";
import { AcknowledgeAlertSchema, WithdrawAlertAckSchema } from "../../lib/schemas/alerts.ts";
import { fieldErrorsOf } from "../../lib/schemas/field-errors.ts";
import { ChangePasswordSchema } from "../../lib/schemas/user.ts";
import { reportInputSchema } from "../../lib/schemas/ward-report.ts";
import { localizeFieldErrors, localizeValidation, V } from "../../lib/schemas/validation.ts";

// The forms' validation messages in the reader's language: the schemas write the Vietnamese of
// messages/vi/validation.json, the action transport looks each message up and gives the English one.

describe("validation messages", () => {
  it("are static sentences (found by their text), each Vietnamese one only once", () => {
    for (const locale of ["vi", "en"] as const) {
      for (const text of Object.values(CATALOGS[locale].validation)) expect(text).not.toMatch(/[{}]/);
    }
    const texts = Object.values(V);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("stay Vietnamese by default and turn English for an English reader", () => {
    const r = AcknowledgeAlertSchema.safeParse({ ruleId: "ZERO_SCANS", wardCode: "00037", day: "2021-08-14", note: " ab " });
    expect(r.success).toBe(false);
    const errors = r.success ? {} : fieldErrorsOf(r.error);
    expect(errors.note).toEqual(["Hãy ghi chú việc đã làm (ít nhất 3 ký tự)"]);
    expect(localizeFieldErrors(errors, "vi")).toEqual(errors);
    expect(localizeFieldErrors(errors, "en")).toEqual({ note: ["Write down what was done (at least 3 characters)"] });
    expect(localizeValidation("Dữ liệu chưa hợp lệ, hãy xem các ô được đánh dấu.", "en")).toBe("Some data is not valid; see the fields marked.");
  });

  it("translates the withdrawal and password forms' messages, and leaves a message not in the catalog as it is", () => {
    const w = WithdrawAlertAckSchema.safeParse({ ackId: 1, reason: "x" });
    expect(w.success ? [] : localizeFieldErrors(fieldErrorsOf(w.error), "en")?.reason).toEqual(["Write down why it is withdrawn (at least 3 characters)"]);
    const p = ChangePasswordSchema.safeParse({ currentPassword: "", newPassword: "x", confirmPassword: "y" });
    const en = p.success ? {} : (localizeFieldErrors(fieldErrorsOf(p.error), "en") ?? {});
    expect(en.currentPassword).toContain("Enter your current password");
    expect(localizeValidation("Một câu chưa có trong danh mục", "en")).toBe("Một câu chưa có trong danh mục");
  });

  it("translates the ward report's static messages (a day in the future, no figure at all)", () => {
    const empty = { wardCode: "00037", day: "2021-08-20", smartphones: "", installs: "", qrVenues: "", activeVenues: "", scans: "", expectedVersion: 0 };
    const r = reportInputSchema("2021-08-17").safeParse(empty);
    const errors = r.success ? {} : fieldErrorsOf(r.error);
    expect(errors.day).toEqual(["Không thể báo cáo cho một ngày trong tương lai"]);
    expect(errors.smartphones).toContain("Nhập ít nhất một số liệu");
    const en = localizeFieldErrors(errors, "en") ?? {};
    expect(en.day).toEqual(["A report cannot be for a day in the future"]);
    expect(en.smartphones).toContain("Enter at least one figure");
  });
});
