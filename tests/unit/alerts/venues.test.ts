import { describe, expect, it } from "vitest";
import { evaluateAlerts } from "../../../lib/domain/alerts/registry.ts";
import { ALL_VENUES_DORMANT_RULE, DORMANT_VENUES_RULE } from "../../../lib/domain/alerts/venues.ts";
import type { VenueCategoryCount } from "../../../lib/domain/alerts/types.ts";
import { HANG_MA, PHUC_TAN, displayOf, makeInput, numberOf } from "./fixtures.ts";

const RULES = [ALL_VENUES_DORMANT_RULE, DORMANT_VENUES_RULE];
const run = (venues: Record<string, VenueCategoryCount[]> | null, dormantDays?: number) =>
  evaluateAlerts(makeInput({ wards: [PHUC_TAN, HANG_MA], venues, thresholds: dormantDays ? { dormantDays } : {} }), RULES);

describe("dormant-venue rules", () => {
  it("list a ward's dormant venues by category, most first", () => {
    const [alert, ...rest] = run({
      [PHUC_TAN.code]: [
        { category: "BUSINESS", registered: 300, dormant: 180 },
        { category: "AGENCY", registered: 20, dormant: 4 },
        { category: "MARKET", registered: 3, dormant: 0 },
        { category: "WARD_OFFICE", registered: 1, dormant: 0 },
      ],
    });
    expect(rest).toEqual([]);
    expect(alert?.ruleId).toBe("DORMANT_VENUES");
    expect(alert?.severity).toBe("info");
    expect(alert?.streak).toBeNull();
    expect(alert?.daysInLast30).toBeNull();
    expect(numberOf(alert, "dormant")).toBe(184);
    expect(numberOf(alert, "registered")).toBe(324);
    expect(displayOf(alert, "dormant.BUSINESS")).toBe("180/300");
    expect(alert?.numbers.some((n) => n.key === "dormant.MARKET")).toBe(false);
    expect(alert?.message).toBe(
      "Phường Phúc Tân có 184/324 địa điểm đã tạo mã QR không phát sinh lượt quét trong 7 ngày liên tiếp tính đến hết ngày 14/08/2021 " +
        "(cơ sở kinh doanh 180/300; cơ quan 4/20).",
    );
  });

  it("flag a ward where every venue is dormant, as one critical alert", () => {
    const alerts = run({ [HANG_MA.code]: [{ category: "BUSINESS", registered: 12, dormant: 12 }, { category: "OTHER", registered: 2, dormant: 2 }] }, 10);
    expect(alerts.map((a) => [a.ruleId, a.severity, a.ward.code])).toEqual([["ALL_VENUES_DORMANT", "critical", HANG_MA.code]]);
    expect(alerts[0]?.message).toBe(
      "Toàn bộ 14 địa điểm đã tạo mã QR của phường Hàng Mã không phát sinh lượt quét trong 10 ngày liên tiếp tính đến hết ngày 14/08/2021.",
    );
    expect(alerts[0]?.escalated).toBe(false);
  });

  it("say nothing when no venue is dormant, or the ward has no venue", () => {
    expect(run({ [PHUC_TAN.code]: [{ category: "BUSINESS", registered: 10, dormant: 0 }] })).toEqual([]);
    expect(run({ [PHUC_TAN.code]: [] })).toEqual([]);
    expect(run({})).toEqual([]);
  });

  it("say nothing when the venue-level scans do not cover the dormancy window (not loaded is not silent)", () => {
    expect(run(null)).toEqual([]);
  });
});
