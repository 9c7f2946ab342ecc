import { describe, expect, it } from "vitest";
import { formatInstantInSentence, formatMinutes, nameInSentence, unitKind } from "../../../lib/domain/alerts/wording.ts";

describe("alert wording", () => {
  it("writes unit names inside a sentence as the dispatch does", () => {
    expect(nameInSentence("Phường Phúc Tân")).toBe("phường Phúc Tân");
    expect(nameInSentence("Quận Hoàn Kiếm")).toBe("quận Hoàn Kiếm");
    expect(nameInSentence("Thị trấn Văn Điển")).toBe("thị trấn Văn Điển");
    expect(nameInSentence("Thị xã Sơn Tây")).toBe("thị xã Sơn Tây");
    expect(nameInSentence("Hoàn Kiếm")).toBe("Hoàn Kiếm");
    expect(unitKind("Xã Minh Phú")).toBe("xã");
    expect(unitKind("Phường Hàng Bồ")).toBe("phường");
    expect(unitKind("Thử nghiệm")).toBe("phường");
  });

  it("writes instants in Hà Nội time and durations in words", () => {
    expect(formatInstantInSentence(new Date("2021-08-15T03:00:00Z"))).toBe("10:00 ngày 15/08/2021");
    expect(formatInstantInSentence(new Date("2021-08-14T17:00:00Z"))).toBe("00:00 ngày 15/08/2021");
    expect(formatMinutes(1)).toBe("1 phút");
    expect(formatMinutes(80)).toBe("1 giờ 20 phút");
    expect(formatMinutes(120)).toBe("2 giờ");
    expect(formatMinutes(1500)).toBe("1 ngày 1 giờ");
    expect(formatMinutes(0.5)).toBe("dưới 1 phút");
  });
});
