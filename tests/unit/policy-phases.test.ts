import { describe, expect, it } from "vitest";
import { dayRange } from "../../lib/domain/days.ts";
import { formatPhaseLabel, PHASE_COLUMN, phaseBands, phaseNamesOn, phasesForUnit, type PolicyPhase } from "../../lib/domain/policy-phases.ts";
import { CreatePolicyPhaseSchema, parseTypedDay } from "../../lib/schemas/policy-phases.ts";

const CT16: PolicyPhase = { id: 1, unitCode: "01", unitName: "Thành phố Hà Nội", name: "Chỉ thị 16", startDay: "2021-07-24", endDay: null };
const PUSH: PolicyPhase = { id: 2, unitCode: "002", unitName: "Quận Hoàn Kiếm", name: "Đẩy mạnh quét mã", startDay: "2021-08-11", endDay: "2021-08-14" };
const LATER: PolicyPhase = { id: 3, unitCode: "01", unitName: "Thành phố Hà Nội", name: "Chỉ thị 15", startDay: "2021-09-21", endDay: "2021-10-05" };
const DAYS = dayRange("2021-07-19", "2021-08-17");

describe("policy phases on a chart", () => {
  it("clips each phase to the chart's days, oldest first, and leaves out one outside them", () => {
    const bands = phaseBands([PUSH, LATER, CT16], DAYS);
    expect(bands.map((b) => [b.name, b.x1, b.x2])).toEqual([
      ["Chỉ thị 16", "24/7", "17/8"],
      ["Đẩy mạnh quét mã", "11/8", "14/8"],
    ]);
    expect(bands[0]!.label).toBe("Chỉ thị 16 (Thành phố Hà Nội): từ 24/07/2021");
    expect(bands[1]!.label).toBe("Đẩy mạnh quét mã (Quận Hoàn Kiếm): 11/08/2021 – 14/08/2021");
    expect(new Set(bands.map((b) => b.shade)).size).toBe(2);
  });

  it("starts a band at the chart's first day when the phase began before it", () => {
    const [band] = phaseBands([CT16], dayRange("2021-08-01", "2021-08-07"));
    expect([band!.x1, band!.x2]).toEqual(["1/8", "7/8"]);
  });

  it("names the phases in force on a day for the table view, the last day included", () => {
    expect(phaseNamesOn([PUSH, CT16], "2021-07-23")).toBe("");
    expect(phaseNamesOn([PUSH, CT16], "2021-07-24")).toBe("Chỉ thị 16");
    expect(phaseNamesOn([PUSH, CT16], "2021-08-14")).toBe("Chỉ thị 16; Đẩy mạnh quét mã");
    expect(phaseNamesOn([PUSH, CT16], "2021-08-15")).toBe("Chỉ thị 16");
    expect(PHASE_COLUMN).toBe("Giai đoạn chính sách");
  });

  it("applies a city's phase to its districts and wards, a district's only to itself and its wards", () => {
    const all = [CT16, PUSH];
    expect(phasesForUnit(all, ["00037", "002", "01", "VN"]).map((p) => p.id)).toEqual([1, 2]);
    expect(phasesForUnit(all, ["00004", "001", "01", "VN"]).map((p) => p.id)).toEqual([1]);
    expect(phasesForUnit(all, ["01", "VN"]).map((p) => p.id)).toEqual([1]);
    expect(formatPhaseLabel(LATER)).toBe("Chỉ thị 15 (Thành phố Hà Nội): 21/09/2021 – 05/10/2021");
  });
});

describe("recording a policy phase (zod)", () => {
  it("reads days typed dd/MM/yyyy or YYYY-MM-DD, and only real days", () => {
    expect(parseTypedDay("24/07/2021")).toBe("2021-07-24");
    expect(parseTypedDay("4/8/2021")).toBe("2021-08-04");
    expect(parseTypedDay("2021-07-24")).toBe("2021-07-24");
    expect(parseTypedDay("30/02/2021")).toBeNull();
    expect(parseTypedDay("07/24/2021")).toBeNull();
    expect(parseTypedDay("")).toBeNull();
  });

  it("accepts a phase without an end day, and trims the name", () => {
    expect(CreatePolicyPhaseSchema.parse({ name: "  Chỉ thị 16 ", unitCode: "01", startDay: "24/07/2021", endDay: "" })).toEqual({
      name: "Chỉ thị 16",
      unitCode: "01",
      startDay: "2021-07-24",
      endDay: null,
    });
  });

  it("refuses, with a Vietnamese message on the field, an end before the start, a bad day, a ward or an empty name", () => {
    const issues = (input: Record<string, string>) => {
      const r = CreatePolicyPhaseSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    };
    expect(issues({ name: "Chỉ thị 16", unitCode: "01", startDay: "24/07/2021", endDay: "23/07/2021" })).toEqual([
      "endDay: Ngày kết thúc không được trước ngày bắt đầu",
    ]);
    expect(issues({ name: "Chỉ thị 16", unitCode: "01", startDay: "31/06/2021" })).toEqual([
      "startDay: Ngày bắt đầu không hợp lệ: nhập ngày/tháng/năm, ví dụ 24/07/2021",
    ]);
    expect(issues({ name: "Chỉ thị 16", unitCode: "00037", startDay: "24/07/2021" })).toEqual(["unitCode: Chọn thành phố hoặc một quận, huyện"]);
    expect(issues({ name: " ", unitCode: "01", startDay: "24/07/2021" })[0]).toMatch(/^name: Nhập tên giai đoạn/);
  });
});
