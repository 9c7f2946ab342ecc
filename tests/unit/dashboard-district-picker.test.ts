import { describe, expect, it } from "vitest";
import {
  districtOptionLabel,
  districtPickerGroups,
  filterPickerGroups,
  foldForSearch,
  matchesQuery,
  matchScore,
  optionCount,
  pickerNoun,
  selectedAfterFilter,
  type PickableDistrict,
} from "../../lib/domain/district-picker.ts";

// The district picker's options (issue 12 part 8): districts with figures first, the rest under
// their province, each option naming its province; a search that ignores case and diacritics.

const district = (code: string, name: string, type: string, province: [string, string], hasData = false, validTo: string | null = null): PickableDistrict => ({
  code,
  name,
  type,
  provinceCode: province[0],
  provinceName: province[1],
  hasData,
  validTo,
});

const HA_NOI: [string, string] = ["01", "Thành phố Hà Nội"];
const HA_GIANG: [string, string] = ["02", "Tỉnh Hà Giang"];
const HCM: [string, string] = ["79", "Thành phố Hồ Chí Minh"];

// Given out of order, as a read might: the groups sort them by province, then code.
const districts = [
  district("760", "Quận 1", "Quận", HCM),
  district("024", "Thành phố Hà Giang", "Thành phố", HA_GIANG),
  district("002", "Quận Hoàn Kiếm", "Quận", HA_NOI, true),
  district("001", "Quận Ba Đình", "Quận", HA_NOI, true),
  district("016", "Huyện Sóc Sơn", "Huyện", HA_NOI),
  district("269", "Thị xã Sơn Tây", "Thị xã", HA_NOI, true, "2024-12-31"),
  district("026", "Huyện Đồng Văn", "Huyện", HA_GIANG),
];

describe("districtPickerGroups", () => {
  const groups = districtPickerGroups(districts);

  it("lists the districts with figures first, then the others under their province, in code order", () => {
    expect(groups.map((g) => [g.label, g.options.map((o) => o.code)])).toEqual([
      ["Có số liệu (3)", ["001", "002", "269"]],
      ["Thành phố Hà Nội", ["016"]],
      ["Tỉnh Hà Giang", ["024", "026"]],
      ["Thành phố Hồ Chí Minh", ["760"]],
    ]);
    expect(optionCount(groups)).toBe(districts.length);
  });

  it("names the province, the code, and marks figures and an end in each option", () => {
    expect(groups[0]?.options[0]?.label).toBe("Quận Ba Đình, Thành phố Hà Nội (001) · có số liệu");
    expect(groups[0]?.options[2]?.label).toBe("Thị xã Sơn Tây, Thành phố Hà Nội (269) · có số liệu · đến 31/12/2024");
    expect(districtOptionLabel(district("760", "Quận 1", "Quận", HCM))).toBe("Quận 1, Thành phố Hồ Chí Minh (760)");
    expect(districtOptionLabel({ ...district("999", "Huyện X", "Huyện", HCM), provinceName: null })).toBe("Huyện X (999)");
  });

  it("has no 'có số liệu' group when no district has figures, and nothing for no district", () => {
    expect(districtPickerGroups(districts.filter((d) => !d.hasData)).map((g) => g.label)).toEqual([
      "Thành phố Hà Nội",
      "Tỉnh Hà Giang",
      "Thành phố Hồ Chí Minh",
    ]);
    expect(districtPickerGroups([])).toEqual([]);
  });

  it("calls the districts by their types", () => {
    expect(pickerNoun(districts)).toBe("quận, huyện, thị xã, thành phố");
    expect(pickerNoun(districts.filter((d) => d.provinceCode === "01"))).toBe("quận, huyện, thị xã");
  });
});

describe("searching the picker", () => {
  const groups = districtPickerGroups(districts);

  it("ignores case and diacritics, đ included", () => {
    expect(foldForSearch("  Quận Ba ĐÌNH ")).toBe("quan ba dinh");
    expect(matchesQuery("Quận Ba Đình, Thành phố Hà Nội (001)", "ba dinh")).toBe(true);
    expect(matchesQuery("Quận Ba Đình, Thành phố Hà Nội (001)", "Ba Đình")).toBe(true);
    expect(matchesQuery("Huyện Đồng Văn, Tỉnh Hà Giang (026)", "dong van")).toBe(true);
    expect(matchesQuery("Quận Hoàn Kiếm, Thành phố Hà Nội (002)", "ba dinh")).toBe(false);
    expect(matchesQuery("anything", "   ")).toBe(true);
  });

  it("matches the starts of words, and puts the query's words in order first", () => {
    expect(matchesQuery("Quận Hoàn Kiếm, Thành phố Hà Nội (002)", "an")).toBe(false); // not inside "Hoàn"
    expect(matchesQuery("Quận Hoàn Kiếm, Thành phố Hà Nội (002)", "hoan ki")).toBe(true);
    expect(matchScore("Quận Ba Đình, Thành phố Hà Nội (001)", "ba dinh")).toBe(2);
    expect(matchScore("Huyện Vụ Bản, Tỉnh Nam Định (359)", "ba dinh")).toBe(1);
    expect(matchScore("Huyện Vụ Bản, Tỉnh Nam Định (359)", "ba hoan")).toBe(0);
    const group = { label: "g", options: [{ code: "359", label: "Huyện Vụ Bản, Tỉnh Nam Định (359)" }, { code: "001", label: "Quận Ba Đình, Thành phố Hà Nội (001)" }] };
    expect(filterPickerGroups([group], "ba dinh")[0]?.options.map((o) => o.code)).toEqual(["001", "359"]);
    expect(filterPickerGroups([group], "")[0]?.options.map((o) => o.code)).toEqual(["359", "001"]);
  });

  it("finds by name, province, code or the 'có số liệu' mark, words in any order", () => {
    const codes = (q: string) => filterPickerGroups(groups, q).flatMap((g) => g.options.map((o) => o.code));
    expect(codes("Ba Đình")).toEqual(["001"]);
    expect(codes("dinh ba")).toEqual(["001"]);
    expect(codes("002")).toEqual(["002"]);
    expect(codes("hà giang")).toEqual(["024", "026"]);
    expect(codes("ha noi, huyen")).toEqual(["016"]);
    expect(codes("có số liệu")).toEqual(["001", "002", "269"]);
    expect(codes("không có")).toEqual([]);
  });

  it("drops the groups left empty and keeps the chosen district while it is listed", () => {
    const found = filterPickerGroups(groups, "quận");
    expect(found.map((g) => g.label)).toEqual(["Có số liệu (3)", "Thành phố Hồ Chí Minh"]);
    expect(selectedAfterFilter(found, "760")).toBe("760");
    expect(selectedAfterFilter(found, "016")).toBe("001"); // no longer listed: the first match
    expect(selectedAfterFilter(filterPickerGroups(groups, "zzz"), "001")).toBeNull();
    expect(selectedAfterFilter(groups, null)).toBe("001");
  });
});
