import { describe, expect, it } from "vitest";
import { foldForSearch, SEARCH_FOLD, searchPattern } from "@/lib/domain/text-fold";
import { DEFAULT_VENUE_QUERY, formatPageSpan, isFiltered, pageSpan } from "@/lib/domain/venue-activity";
import { wardWords } from "@/lib/domain/ward-detail";
import { MAX_VENUE_PAGE, WardPageParamsSchema, venueQueryOf } from "@/lib/schemas/ward-page-params";
import { venueQueryParams, wardVenuesHref } from "@/components/wards/venue-href";

// The ward page's venue list: search folding (the same in JS and SQL), paging arithmetic and its
// Vietnamese wording, the URL parameters (zod) and links, and the words of a xã or thị trấn.

/** SQL translate(text, from, to) as PostgreSQL defines it: map by position, delete past the end of `to`. */
function sqlTranslate(text: string, from: string, to: string): string {
  const fromChars = [...from];
  const toChars = [...to];
  let out = "";
  for (const ch of text) {
    const i = fromChars.indexOf(ch);
    if (i === -1) out += ch;
    else if (i < toChars.length) out += toChars[i];
  }
  return out;
}

describe("foldForSearch / SEARCH_FOLD", () => {
  it("folds case and Vietnamese diacritics, đ included, and keeps digits and punctuation", () => {
    expect(foldForSearch("Chợ Đồng Xuân")).toBe("cho dong xuan");
    expect(foldForSearch("PHÚC TÂN")).toBe("phuc tan");
    expect(foldForSearch("Số 12 ngõ Hàng Bạc")).toBe("so 12 ngo hang bac");
    expect(foldForSearch("HK-00037-0181")).toBe("hk-00037-0181");
    expect(foldForSearch("Phu\u0301c Tân")).toBe("phuc tan"); // stored decomposed
  });

  it("folds every Vietnamese letter the same way in SQL (translate of lower) as in JavaScript", () => {
    const letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    const all = letters + letters.toUpperCase();
    expect([...SEARCH_FOLD.to].length).toBeLessThan([...SEARCH_FOLD.from].length); // the marks are deleted
    for (const ch of all) {
      // PostgreSQL's lower() in the C locale leaves non-ASCII letters as they are: translate maps both cases
      const asciiLower = ch.replace(/[A-Z]/g, (c) => c.toLowerCase());
      expect(sqlTranslate(asciiLower, SEARCH_FOLD.from, SEARCH_FOLD.to), ch).toBe(foldForSearch(ch));
      expect(sqlTranslate(ch.toLowerCase(), SEARCH_FOLD.from, SEARCH_FOLD.to), ch).toBe(foldForSearch(ch));
      expect(foldForSearch(ch)).toMatch(/^[a-z]$/);
    }
    expect(sqlTranslate("phu\u0301c", SEARCH_FOLD.from, SEARCH_FOLD.to)).toBe("phuc");
  });
});

describe("pageSpan / formatPageSpan", () => {
  it("says which venues a page holds, in Vietnamese numbers", () => {
    const first = pageSpan(587, 1);
    expect(first).toEqual({ page: 1, pageCount: 24, first: 1, last: 25, outOfRange: false });
    expect(formatPageSpan(first, 587, 587, false)).toBe("1–25 của 587 điểm");
    const last = pageSpan(587, 24);
    expect([last.first, last.last]).toEqual([576, 587]);
    expect(formatPageSpan(pageSpan(1234, 2), 1234, 1234, false)).toBe("26–50 của 1.234 điểm");
    expect(formatPageSpan(pageSpan(40, 1), 40, 587, true)).toBe("1–25 của 40 điểm khớp (trong 587 điểm)");
  });

  it("says a page past the end and an empty result as such", () => {
    const past = pageSpan(587, 30);
    expect(past).toEqual({ page: 30, pageCount: 24, first: 0, last: 0, outOfRange: true });
    expect(formatPageSpan(past, 587, 587, false)).toBe("Không có trang 30: danh sách có 24 trang, 587 điểm");
    expect(formatPageSpan(pageSpan(0, 1), 0, 587, true)).toBe("Không có điểm nào khớp (trong 587 điểm)");
    expect(pageSpan(0, 1).outOfRange).toBe(false);
    expect(() => pageSpan(10, 0)).toThrow(RangeError);
  });
});

describe("WardPageParamsSchema", () => {
  it("reads the venue list's state from the URL, empty fields as absent", () => {
    const parsed = WardPageParamsSchema.parse({ day: "2021-08-14", q: "  chợ ", category: "MARKET", status: "", activity: "dormant", sort: "scans", page: "3" });
    expect(parsed).toEqual({ day: "2021-08-14", q: "chợ", category: "MARKET", status: undefined, activity: "dormant", sort: "scans", page: 3 });
    expect(venueQueryOf(WardPageParamsSchema.parse({}))).toEqual({ ...DEFAULT_VENUE_QUERY, q: undefined, category: undefined, status: undefined, activity: undefined });
    expect(isFiltered(venueQueryOf(parsed))).toBe(true);
    expect(isFiltered(DEFAULT_VENUE_QUERY)).toBe(false);
  });

  it("refuses malformed values with a Vietnamese message naming the field", () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ page: "0" }, "page", /Số trang phải từ 1 đến 10\.000/],
      [{ page: "abc" }, "page", /Số trang phải là một số nguyên dương/],
      [{ page: String(MAX_VENUE_PAGE + 1) }, "page", /Số trang phải từ 1/],
      [{ page: ["1", "2"] }, "page", /chỉ được có một giá trị/],
      [{ category: "CAFE" }, "category", /Loại địa điểm phải là một trong: AGENCY \(Cơ quan\)/],
      [{ status: "open" }, "status", /Trạng thái đăng ký phải là một trong: ACTIVE \(Đang hoạt động\)/],
      [{ activity: "sleepy" }, "activity", /Tình trạng quét phải là một trong: active/],
      [{ sort: "random" }, "sort", /Cách sắp xếp phải là một trong: priority/],
      [{ q: "x".repeat(101) }, "q", /dài tối đa 100 ký tự/],
      [{ q: "a\u0000b" }, "q", /ký tự điều khiển/],
    ];
    for (const [input, field, message] of cases) {
      const result = WardPageParamsSchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
      expect(result.error?.issues[0]?.message).toMatch(message);
    }
  });
});

describe("venue list links", () => {
  it("keep the view in the URL, leave defaults out and land on the list", () => {
    expect(wardVenuesHref("00037", undefined, DEFAULT_VENUE_QUERY)).toBe("/wards/00037#ward-venues");
    expect(wardVenuesHref("00037", "2021-08-14", { q: "chợ hàng", activity: "dormant", sort: "name", page: 2 })).toBe(
      "/wards/00037?day=2021-08-14&q=ch%E1%BB%A3+h%C3%A0ng&activity=dormant&sort=name&page=2#ward-venues",
    );
    expect(venueQueryParams({ ...DEFAULT_VENUE_QUERY, category: "SCHOOL", page: 1 })).toEqual([["category", "SCHOOL"]]);
  });
});

describe("wardWords", () => {
  it("calls a ward, a xã and a thị trấn by their own types", () => {
    expect(wardWords("Phường", "phường")).toEqual({ own: "phường", siblings: "phường", above: "phường" });
    expect(wardWords("Xã", "xã, thị trấn")).toEqual({ own: "xã", siblings: "xã, thị trấn", above: "đơn vị" });
    expect(wardWords("Thị trấn", "xã, thị trấn").own).toBe("thị trấn");
    expect(wardWords(null, "xã").own).toBe("đơn vị");
  });
});

describe("searchPattern", () => {
  it("finds the folded text in text as it is stored, with or without diacritics and in any case", () => {
    const finds = (q: string, text: string) => new RegExp(searchPattern(q)).test(text);
    expect(finds("cho hang be", "Chợ Hàng Bè")).toBe(true);
    expect(finds("CHỢ HÀNG BÈ", "chợ hàng bè, Hoàn Kiếm")).toBe(true);
    expect(finds("duc", "Quán Cà phê ĐỨC")).toBe(true);
    expect(finds("đức", "quan ca phe duc")).toBe(true);
    expect(finds("hk-00037-01", "HK-00037-0181")).toBe(true);
    expect(finds("cho hang bo", "Chợ Hàng Bè")).toBe(false);
    expect(finds("hang", "Hàn Giang")).toBe(false);
  });

  it("reads nothing the user types as regular expression syntax", () => {
    expect(searchPattern("(b)")).toBe("\\([bB]\\)");
    const pattern = new RegExp(searchPattern("a.*(b)"));
    expect(pattern.test("a.*(b)")).toBe(true);
    expect(pattern.test("axxb")).toBe(false);
    expect(new RegExp(searchPattern("50%")).test("giảm 50%")).toBe(true);
  });
});
