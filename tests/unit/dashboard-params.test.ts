import { describe, expect, it } from "vitest";
import { CityParamsSchema, DashboardParamsSchema, isWardCode, WardParamsSchema } from "@/lib/schemas/dashboard-params";

describe("DashboardParamsSchema", () => {
  it("defaults to coverage and no compared ward", () => {
    expect(DashboardParamsSchema.parse({})).toEqual({ day: undefined, district: undefined, sort: "coverage", compare: [] });
    expect(DashboardParamsSchema.parse({ sort: "" }).sort).toBe("coverage");
  });

  it("accepts every metric and repeated or single compared wards, without duplicates", () => {
    for (const sort of ["coverage", "installs", "qrActive", "scans"]) expect(DashboardParamsSchema.parse({ sort }).sort).toBe(sort);
    expect(DashboardParamsSchema.parse({ compare: "00037" }).compare).toEqual(["00037"]);
    expect(DashboardParamsSchema.parse({ compare: ["00037", "00040", "00037", ""] }).compare).toEqual(["00037", "00040"]);
  });

  it("rejects unknown metrics, malformed ward codes and too many wards, in Vietnamese", () => {
    const badSort = DashboardParamsSchema.safeParse({ sort: "rate" });
    expect(badSort.error?.issues[0]?.message).toMatch(/^Chỉ số xếp hạng phải là một trong/);
    expect(DashboardParamsSchema.safeParse({ sort: ["coverage", "scans"] }).success).toBe(false);
    const badWard = DashboardParamsSchema.safeParse({ compare: ["00037", "1 OR 1=1"] });
    expect(badWard.error?.issues[0]?.message).toBe("Mã phường gồm 5 chữ số, ví dụ 00037");
    const tooMany = DashboardParamsSchema.safeParse({ compare: ["00001", "00002", "00003", "00004", "00005", "00006", "00007"] });
    expect(tooMany.error?.issues[0]?.message).toMatch(/tối đa 6 phường/);
    expect(DashboardParamsSchema.safeParse({ day: "2021-02-30" }).success).toBe(false);
  });
});

describe("CityParamsSchema / WardParamsSchema / isWardCode", () => {
  it("parses the city page's filters", () => {
    expect(CityParamsSchema.parse({ district: "002", sort: "scans", day: "2021-08-14" })).toEqual({
      district: "002",
      sort: "scans",
      day: "2021-08-14",
    });
    expect(CityParamsSchema.safeParse({ district: "2" }).success).toBe(false);
  });

  it("parses the ward page's day and checks ward codes", () => {
    expect(WardParamsSchema.parse({ day: "2021-08-15" })).toEqual({ day: "2021-08-15" });
    expect(WardParamsSchema.safeParse({ day: "15/08/2021" }).success).toBe(false);
    expect(isWardCode("00037")).toBe(true);
    expect(isWardCode("0003")).toBe(false);
    expect(isWardCode("00037 ")).toBe(false);
  });
});
