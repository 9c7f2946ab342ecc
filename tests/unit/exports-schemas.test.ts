import { describe, expect, it } from "vitest";
import { apiHref, fileHref, provinceFileHref, takesProvince } from "@/components/exports/hrefs";
import { canExportDataset, canExportProvince, type SessionUser } from "@/lib/permissions";
import { datasetEntry } from "@/lib/data/exports";
import { EXPORT_DATASETS, ExportFileParamsSchema, ExportFiltersSchema, searchParamsObject } from "@/lib/schemas/exports";
import { contentDisposition, exportErrorResponse } from "@/lib/http/downloads";
import { XlsxTooLargeError } from "@/lib/documents/xlsx";

// Filters of the downloads: strict (unknown, repeated or malformed → a Vietnamese message), the
// links of the Exports page carry only the filters each dataset reads, and the route's role check.

const parse = (query: string) => ExportFileParamsSchema.safeParse(searchParamsObject(new URLSearchParams(query)));
const message = (query: string) => parse(query).error?.issues[0]?.message;

const user = (role: SessionUser["role"], unitCode: string | null, districtCode: string | null): SessionUser => ({
  id: 1,
  username: "u",
  displayName: "U",
  role,
  unitCode,
  districtCode,
});

describe("export filters", () => {
  it("accepts a well-formed request", () => {
    expect(parse("format=xlsx&district=002&from=2021-08-01&to=2021-08-17").data).toMatchObject({ format: "xlsx", district: "002", from: "2021-08-01" });
  });

  it("refuses unknown, repeated and malformed filters in Vietnamese", () => {
    expect(message("format=csv&dsitrict=002")).toMatch(/Bộ lọc không được hỗ trợ: dsitrict/);
    expect(message("format=csv&day=2021-08-17&day=2021-08-16")).toMatch(/chỉ được có một giá trị/);
    expect(message("format=csv&day=2021-02-30")).toMatch(/ngày có thật/);
    expect(message("format=csv&district=2")).toMatch(/3 chữ số/);
    expect(message("format=csv&ward=37")).toMatch(/5 chữ số/);
    expect(message("format=ods")).toBe("Định dạng phải là csv hoặc xlsx");
    expect(message("")).toBe("Định dạng phải là csv hoặc xlsx");
    expect(message("format=csv&from=2021-08-17&to=2021-08-01")).toMatch(/sau ngày bắt đầu/);
    expect(message("format=csv&from=2021-01-01&to=2021-08-17")).toMatch(/tối đa 92 ngày/);
    expect(message("format=csv&sort=coverage2")).toMatch(/Chỉ số xếp hạng/);
    expect(ExportFiltersSchema.safeParse({ format: "csv" }).success).toBe(false);
  });

  it("links carry only the filters of their dataset", () => {
    const filters = { district: "002", ward: null, day: "2021-08-17", from: "2021-08-11", to: "2021-08-17" };
    expect(fileHref(datasetEntry("rankings"), "csv", filters)).toBe("/api/exports/rankings?format=csv&district=002&day=2021-08-17");
    expect(apiHref(datasetEntry("daily-figures"), filters)).toBe("/api/v1/daily-figures?district=002&from=2021-08-11&to=2021-08-17");
    for (const dataset of EXPORT_DATASETS) {
      const query = new URL(fileHref(datasetEntry(dataset), "xlsx", filters), "http://x").searchParams;
      for (const key of query.keys()) expect(key === "format" || datasetEntry(dataset).filters.some((k) => k === key)).toBe(true);
      expect(parse(query.toString()).success).toBe(true);
    }
  });

  it("takes a whole province by its 2-digit code, never together with a district or a ward", () => {
    expect(parse("format=csv&province=01&from=2021-08-01&to=2021-08-07").data).toMatchObject({ province: "01", from: "2021-08-01", to: "2021-08-07" });
    expect(message("format=csv&province=1")).toMatch(/2 chữ số/);
    expect(message("format=csv&province=001")).toMatch(/2 chữ số/);
    expect(message("format=csv&province=01&district=002")).toMatch(/không cả hai/);
    expect(message("format=csv&province=01&ward=00037")).toMatch(/không cả hai/);
    expect(message("format=csv&province=01&province=79")).toMatch(/chỉ được có một giá trị/);
  });

  it("offers the province's links only for the datasets that read it, with the province in place of the district", () => {
    const provinceDatasets = EXPORT_DATASETS.filter((d) => takesProvince(datasetEntry(d)));
    expect(provinceDatasets).toEqual(["daily-figures", "venue-activity"]);
    const href = provinceFileHref(datasetEntry("venue-activity"), "csv", { province: "01", from: "2021-08-01", to: "2021-08-07" });
    expect(href).toBe("/api/exports/venue-activity?format=csv&province=01&from=2021-08-01&to=2021-08-07");
    expect(parse(new URL(href, "http://x").searchParams.toString()).success).toBe(true);
  });

  it("names files in ASCII with the Vietnamese title in filename*", () => {
    const header = contentDisposition({ fileBase: "xep-hang-phuong-002-2021-08-17", title: "Xếp hạng phường" }, "csv");
    expect(header).toBe(
      `attachment; filename="xep-hang-phuong-002-2021-08-17.csv"; filename*=UTF-8''${encodeURIComponent("Xếp hạng phường xep-hang-phuong-002-2021-08-17.csv")}`,
    );
  });
});

describe("exportErrorResponse", () => {
  it("answers an XLSX over the sheet limit with 413 and what to do, in Vietnamese", async () => {
    const response = exportErrorResponse(new XlsxTooLargeError(16_143_932));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/16\.143\.932 dòng.*tải tệp CSV hay JSON/);
  });
});

describe("canExportDataset", () => {
  it("lets every attached role download tables, and only admins and officials the audit log", () => {
    const admin = user("ADMIN", null, null);
    const official = user("DISTRICT_OFFICIAL", "002", "002");
    const chair = user("WARD_CHAIR", "00037", "002");
    const detached = user("WARD_CHAIR", null, null);
    expect(canExportDataset(admin, "audit")).toBe(true);
    expect(canExportDataset(official, "audit")).toBe(true);
    expect(canExportDataset(chair, "audit")).toBe(false);
    expect(canExportDataset(chair, "rankings")).toBe(true);
    expect(canExportDataset(detached, "rankings")).toBe(false);
  });

  it("lets admins download any province, a city official only the own one, no one else a province", () => {
    const cityOfficial: SessionUser = { ...user("CITY_OFFICIAL", "01", "002"), provinceDistrictCodes: ["001", "002"] };
    expect(canExportProvince(user("ADMIN", null, null), "79")).toBe(true);
    expect(canExportProvince(cityOfficial, "01")).toBe(true);
    expect(canExportProvince(cityOfficial, "79")).toBe(false);
    expect(canExportProvince({ ...cityOfficial, provinceDistrictCodes: [] }, "01")).toBe(false);
    expect(canExportProvince(user("DISTRICT_OFFICIAL", "002", "002"), "01")).toBe(false);
    expect(canExportProvince(user("WARD_CHAIR", "00037", "002"), "01")).toBe(false);
  });
});
