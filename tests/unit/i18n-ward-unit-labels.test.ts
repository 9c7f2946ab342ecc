import { describe, expect, it } from "vitest";
import { catalogText } from "@/i18n/catalog-text";
import { CATALOGS } from "@/messages/catalog";
import { LEVEL_LABELS, UNIT_CHANGE_KINDS, UNIT_CHANGE_KIND_LABELS, validityLabel, validityText, type Validity } from "../../lib/domain/unit-changes.ts";
import { wardWordText, wardWords } from "../../lib/domain/ward-detail.ts";
import { VENUE_ACTIVITY_LABELS, VENUE_CATEGORY_LABELS, VENUE_SORT_LABELS, VENUE_STATUS_LABELS } from "../../lib/domain/venue-activity.ts";

// The ward page's venue filter options and nouns, the unit pages' levels, change kinds and
// validity (issue 16, part 9): the Vietnamese catalog says exactly what lib/domain's constants
// and functions say, and English says it in English.

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const vi = catalogText("vi");
const en = catalogText("en");

function section(locale: "vi" | "en", path: string): Record<string, string> {
  let node: unknown = CATALOGS[locale];
  for (const part of path.split(".")) node = (node as Record<string, unknown>)[part];
  return node as Record<string, string>;
}

describe("venue filter options", () => {
  const cases: [string, Readonly<Record<string, string>>][] = [
    ["overview.venues.categories", VENUE_CATEGORY_LABELS],
    ["overview.venues.activity", VENUE_ACTIVITY_LABELS],
    ["overview.venues.status", VENUE_STATUS_LABELS],
    ["ward.venues.sorts", VENUE_SORT_LABELS],
  ];
  it.each(cases)("%s: Vietnamese as the constant, English for every option", (path, labels) => {
    expect(section("vi", path)).toEqual(labels);
    const english = section("en", path);
    expect(Object.keys(english).sort()).toEqual(Object.keys(labels).sort());
    for (const text of Object.values(english)) expect(text).not.toMatch(VIETNAMESE);
  });
  it("reads the sort options in English", () => {
    expect(section("en", "ward.venues.sorts")["scans-7d-fewest"]).toBe("Scans over 7 days: fewest first");
  });
});

describe("wardWordText", () => {
  it("renders wardWords' nouns as written in Vietnamese, by level in English", () => {
    for (const [type, siblings] of [["Phường", "phường"], ["Xã", "xã, thị trấn"], ["Thị trấn", "xã, thị trấn"], [null, "xã"]] as const) {
      const w = wardWords(type, siblings);
      expect(vi.text(wardWordText(w.own))).toBe(w.own);
      expect(vi.text(wardWordText(w.above))).toBe(w.above);
    }
    expect(en.text(wardWordText(wardWords("Thị trấn", "xã, thị trấn").own))).toBe("ward");
    expect(en.text(wardWordText(wardWords("Xã", "xã, thị trấn").above))).toBe("unit");
    expect(en.text(wardWordText(wardWords(null, "xã").own))).toBe("unit");
  });
});

describe("unit pages", () => {
  const always: Validity = {};
  const opened: Validity = { validFrom: "2021-08-20" };
  const merged: Validity = { validTo: "2021-08-19" };
  const brief: Validity = { validFrom: "2021-08-20", validTo: "2021-08-25" };
  const units: Validity[] = [always, { validFrom: null, validTo: null }, opened, merged, brief];
  it("validityText renders validityLabel in Vietnamese and English days in English", () => {
    for (const u of units) expect(vi.text(validityText(u))).toBe(validityLabel(u));
    expect(en.text(validityText(always))).toBe("In force");
    expect(en.text(validityText(opened))).toBe("In force from 20 Aug 2021");
    expect(en.text(validityText(merged))).toBe("In force until 19 Aug 2021 inclusive");
    expect(en.text(validityText(brief))).toBe("In force from 20 Aug 2021 until 25 Aug 2021 inclusive");
  });
  it("has the levels and change kinds as the constants in Vietnamese, in English in English", () => {
    expect(section("vi", "units.levels")).toEqual(LEVEL_LABELS);
    expect(section("vi", "units.history.kinds")).toEqual(UNIT_CHANGE_KIND_LABELS);
    for (const kind of UNIT_CHANGE_KINDS) expect(section("en", "units.history.kinds")[kind]).not.toMatch(VIETNAMESE);
    expect(Object.values(section("en", "units.levels")).join(" ")).not.toMatch(VIETNAMESE);
    expect(section("vi", "units.childNouns")).toEqual({ PROVINCE: LEVEL_LABELS.PROVINCE, DISTRICT: LEVEL_LABELS.DISTRICT, WARD: LEVEL_LABELS.WARD });
    expect(section("en", "units.childNouns").WARD).toBe("wards");
  });
});
