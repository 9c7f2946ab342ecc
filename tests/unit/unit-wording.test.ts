import { describe, expect, it } from "vitest";
import { partsOfLabel, unitNoun } from "../../lib/domain/unit-wording.ts";

describe("unitNoun", () => {
  it("uses the children's one type, or their types in the usual order", () => {
    expect(unitNoun(Array(18).fill("Phường"), "WARD")).toBe("phường");
    expect(unitNoun(["Xã", "Thị trấn", "Xã"], "WARD")).toBe("xã, thị trấn");
    expect(unitNoun(["Huyện", "Quận", "Thị xã"], "DISTRICT")).toBe("quận, huyện, thị xã");
    expect(unitNoun(["Tỉnh", "Thành phố Trung ương"], "PROVINCE")).toBe("tỉnh, thành phố trung ương");
  });

  it("falls back on the level's noun when a type is unknown", () => {
    expect(unitNoun(["Phường", null], "WARD")).toBe("xã, phường, thị trấn");
    expect(unitNoun([], "DISTRICT")).toBe("quận, huyện");
  });

  it("writes a count of parts", () => {
    expect(partsOfLabel(17, 18, unitNoun(Array(18).fill("Phường"), "WARD"))).toBe("17/18 phường");
  });
});
