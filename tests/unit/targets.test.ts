import { describe, expect, it } from "vitest";
import { resolveTarget, resolveUnitTargets, targetStatus, type TargetSetting } from "../../lib/domain/targets.ts";

const parentOf = new Map<string, string | null>([
  ["VN", null],
  ["01", "VN"],
  ["002", "01"],
  ["00037", "002"],
  ["00040", "002"],
  ["001", "01"],
]);

const targets: TargetSetting[] = [
  { unitCode: "01", metric: "COVERAGE_RATE", basisPoints: 6000 },
  { unitCode: "01", metric: "QR_ACTIVE_RATE", basisPoints: 3000 },
  { unitCode: "002", metric: "COVERAGE_RATE", basisPoints: 6500 },
  { unitCode: "00040", metric: "COVERAGE_RATE", basisPoints: 7000 },
];

describe("resolveTarget: the nearest ancestor's target", () => {
  it("takes the unit's own target first", () => {
    expect(resolveTarget("00040", parentOf, targets, "COVERAGE_RATE")).toEqual({ basisPoints: 7000, setBy: "00040" });
  });

  it("inherits from the district, then the city", () => {
    expect(resolveTarget("00037", parentOf, targets, "COVERAGE_RATE")).toEqual({ basisPoints: 6500, setBy: "002" });
    expect(resolveTarget("00037", parentOf, targets, "QR_ACTIVE_RATE")).toEqual({ basisPoints: 3000, setBy: "01" });
    expect(resolveTarget("001", parentOf, targets, "COVERAGE_RATE")).toEqual({ basisPoints: 6000, setBy: "01" });
  });

  it("is null when no unit up the tree has one", () => {
    expect(resolveTarget("VN", parentOf, targets, "COVERAGE_RATE")).toBeNull();
    expect(resolveUnitTargets("unknown", parentOf, targets)).toEqual({ coverage: null, qrActive: null });
  });

  it("refuses a cycle in the unit tree", () => {
    const loop = new Map<string, string | null>([
      ["a", "b"],
      ["b", "a"],
    ]);
    expect(() => resolveTarget("a", loop, [], "COVERAGE_RATE")).toThrow(RangeError);
  });
});

describe("targetStatus: traffic light on exact values", () => {
  const sixty = { basisPoints: 6000, setBy: "01" };

  it("met at or above the target, exactly", () => {
    expect(targetStatus({ num: 6000, den: 10_000 }, sixty)).toBe("met");
    expect(targetStatus({ num: 3, den: 5 }, sixty)).toBe("met");
    expect(targetStatus({ num: 5999, den: 10_000 }, sixty)).toBe("near"); // 59,99 % is not 60 %
  });

  it("near from 90 % of the target (54 % of 60 %), below under it", () => {
    expect(targetStatus({ num: 5400, den: 10_000 }, sixty)).toBe("near");
    expect(targetStatus({ num: 5399, den: 10_000 }, sixty)).toBe("below");
    expect(targetStatus({ num: 77_113, den: 150_788 }, sixty)).toBe("below"); // Hoàn Kiếm 51,14 %
    expect(targetStatus({ num: 0, den: 48 }, { basisPoints: 3000, setBy: "01" })).toBe("below"); // Phúc Tân 0 %
  });

  it("is null without a rate (no report, 0 smartphones) or without a target", () => {
    expect(targetStatus(null, sixty)).toBeNull();
    expect(targetStatus({ num: 0, den: 0 }, sixty)).toBeNull();
    expect(targetStatus({ num: 1, den: 2 }, null)).toBeNull();
  });
});
