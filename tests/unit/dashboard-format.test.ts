import { describe, expect, it } from "vitest";
import { formatAmountNeeded, formatDaysToTarget, formatRankChange } from "../../lib/domain/dashboard-format.ts";

describe("dashboard wording", () => {
  it("says how a rank moved in words", () => {
    expect(formatRankChange(2)).toBe("tăng 2 bậc");
    expect(formatRankChange(-1)).toBe("giảm 1 bậc");
    expect(formatRankChange(0)).toBe("giữ nguyên");
    expect(formatRankChange(null)).toBe("—");
  });

  it("says what is still needed", () => {
    expect(formatAmountNeeded(13_360, "lượt cài")).toBe("13.360 lượt cài");
    expect(formatAmountNeeded(0, "lượt cài")).toBe("đã đạt");
    expect(formatAmountNeeded("unreachable", "địa điểm")).toBe("không thể vượt");
    expect(formatAmountNeeded(null, "lượt quét")).toBe("—");
    expect(formatAmountNeeded(1228)).toBe("1.228");
  });

  it("says when a target is reached, or that it is not at this pace", () => {
    expect(formatDaysToTarget(20, "2021-09-06")).toBe("20 ngày (06/09/2021)");
    expect(formatDaysToTarget("unreachable", null)).toBe("không đạt được");
    expect(formatDaysToTarget(0, "2021-08-17")).toBe("đã đạt");
    expect(formatDaysToTarget(null, null)).toBe("—");
  });
});
