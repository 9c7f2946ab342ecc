import { describe, expect, it } from "vitest";
import { formatDayInput, parseDayInput, stepDay } from "../../lib/domain/day-input.ts";

describe("a day typed as dd/MM/yyyy", () => {
  it("shows a day in Vietnamese order", () => {
    expect(formatDayInput("2021-08-17")).toBe("17/08/2021");
    expect(formatDayInput("2021-11-08")).toBe("08/11/2021");
  });

  it("reads day first, month second (08/11 is 8 November, 11/08 is 11 August)", () => {
    expect(parseDayInput("17/08/2021")).toEqual({ ok: true, day: "2021-08-17" });
    expect(parseDayInput("08/11/2021")).toEqual({ ok: true, day: "2021-11-08" });
    expect(parseDayInput("11/08/2021")).toEqual({ ok: true, day: "2021-08-11" });
  });

  it("accepts one-digit parts, -, . and surrounding spaces", () => {
    expect(parseDayInput(" 7/8/2021 ")).toEqual({ ok: true, day: "2021-08-07" });
    expect(parseDayInput("17-08-2021")).toEqual({ ok: true, day: "2021-08-17" });
    expect(parseDayInput("17.08.2021")).toEqual({ ok: true, day: "2021-08-17" });
  });

  it("refuses dates that do not exist, saying why", () => {
    expect(parseDayInput("31/02/2021")).toEqual({ ok: false, message: "Tháng 2 năm 2021 không có ngày 31." });
    expect(parseDayInput("29/02/2021")).toEqual({ ok: false, message: "Tháng 2 năm 2021 không có ngày 29." });
    expect(parseDayInput("29/02/2020")).toEqual({ ok: true, day: "2020-02-29" });
    expect(parseDayInput("31/04/2021")).toMatchObject({ ok: false, message: "Tháng 4 năm 2021 không có ngày 31." });
    expect(parseDayInput("00/08/2021")).toMatchObject({ ok: false, message: "Tháng 8 năm 2021 không có ngày 0." });
    expect(parseDayInput("17/13/2021")).toEqual({ ok: false, message: "Tháng phải từ 1 đến 12 (đã nhập tháng 13)." });
  });

  it("refuses other shapes (ISO, two-digit years, words, empty) with a Vietnamese message", () => {
    for (const text of ["2021-08-17", "17/08/21", "17 tháng 8", "17/08/2021x", "08/17/2021x"]) {
      const result = parseDayInput(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.message).toContain("ngày/tháng/năm");
    }
    expect(parseDayInput("")).toEqual({ ok: false, message: "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 17/08/2021." });
    // mm/dd/yyyy as an en-US browser would write it: 17 is no month.
    expect(parseDayInput("08/17/2021")).toEqual({ ok: false, message: "Tháng phải từ 1 đến 12 (đã nhập tháng 17)." });
  });

  it("keeps within the bounds given", () => {
    const bounds = { min: "2021-07-19", max: "2021-08-17" };
    expect(parseDayInput("18/08/2021", bounds)).toEqual({
      ok: false,
      message: "Ngày 18/08/2021 muộn hơn ngày cuối cùng có thể chọn (17/08/2021).",
    });
    expect(parseDayInput("18/07/2021", bounds)).toEqual({
      ok: false,
      message: "Ngày 18/07/2021 sớm hơn ngày đầu tiên có thể chọn (19/07/2021).",
    });
    expect(parseDayInput("17/08/2021", bounds)).toEqual({ ok: true, day: "2021-08-17" });
  });

  it("steps a day back and forth across months and years, within the bounds", () => {
    expect(stepDay("2021-03-01", -1)).toBe("2021-02-28");
    expect(stepDay("2021-12-31", 1)).toBe("2022-01-01");
    expect(stepDay("2021-08-17", 1, { max: "2021-08-17" })).toBeNull();
    expect(stepDay("2021-07-19", -1, { min: "2021-07-19" })).toBeNull();
    expect(stepDay("2021-08-16", 1, { max: "2021-08-17" })).toBe("2021-08-17");
  });
});
