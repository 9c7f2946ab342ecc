import { describe, expect, it } from "vitest";
import { OverviewParamsSchema } from "@/lib/schemas/overview-params";

describe("OverviewParamsSchema", () => {
  it("accepts a real day and a district code, and empty values as absent", () => {
    expect(OverviewParamsSchema.parse({ day: "2021-08-17", district: "002" })).toEqual({ day: "2021-08-17", district: "002" });
    expect(OverviewParamsSchema.parse({ day: "" })).toEqual({ day: undefined, district: undefined });
  });

  it.each([["2021-02-30"], ["2021-8-17"], ["17/08/2021"], ["x"]])("rejects the day %s with a Vietnamese message", (day) => {
    const r = OverviewParamsSchema.safeParse({ day });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^Ngày phải có dạng YYYY-MM-DD/);
  });

  it("rejects repeated parameters and malformed district codes", () => {
    expect(OverviewParamsSchema.safeParse({ day: ["2021-08-17", "2021-08-16"] }).success).toBe(false);
    expect(OverviewParamsSchema.safeParse({ district: "2' OR 1=1" }).success).toBe(false);
  });
});
