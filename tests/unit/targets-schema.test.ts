import { describe, expect, it } from "vitest";
import { percentToBasisPoints, UnitTargetsInputSchema } from "@/lib/schemas/targets";

describe("percentToBasisPoints", () => {
  it("reads percentages with a comma or a dot and at most two decimals", () => {
    expect(percentToBasisPoints("60")).toBe(6000);
    expect(percentToBasisPoints("62,5")).toBe(6250);
    expect(percentToBasisPoints("62.05")).toBe(6205);
    expect(percentToBasisPoints(" 51,14 % ")).toBe(5114);
    expect(percentToBasisPoints("0")).toBe(0);
    expect(percentToBasisPoints("100")).toBe(10_000);
  });

  it("treats empty as inherit and refuses anything else", () => {
    expect(percentToBasisPoints("")).toBeNull();
    expect(percentToBasisPoints("  ")).toBeNull();
    for (const bad of ["100,01", "101", "-5", "6O", "60,123", "1e2", "60,", ",5"]) expect(percentToBasisPoints(bad)).toBeUndefined();
  });
});

describe("UnitTargetsInputSchema", () => {
  it("gives basis points, null for empty, and a Vietnamese message per bad field", () => {
    expect(UnitTargetsInputSchema.parse({ unitCode: "00079", coverage: "70", qrActive: "" })).toEqual({ unitCode: "00079", coverage: 7000, qrActive: null });
    const bad = UnitTargetsInputSchema.safeParse({ unitCode: "0007", coverage: "bảy mươi", qrActive: "30" });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["unitCode", "coverage"]));
    expect(bad.error?.issues.find((i) => i.path[0] === "coverage")?.message).toContain("phần trăm");
  });
});
