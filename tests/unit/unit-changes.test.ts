import { describe, expect, it } from "vitest";
import { CODE_LIST_HEADER, parseCodeList } from "@/lib/domain/unit-code-list";
import {
  codeListChangeCount,
  codeListFigureIssues,
  codeListLines,
  describeUnitChange,
  diffCodeList,
  isValidOn,
  unitStatusOn,
  unitsValidDuring,
  unitsValidOn,
  validityLabel,
  type HeldUnit,
} from "@/lib/domain/unit-changes";
import { CloseUnitSchema, MergeUnitsSchema, OpenUnitSchema, RenameUnitSchema, SplitUnitSchema } from "@/lib/schemas/units";

// Issue 12, part 2: which units exist on a day, and what a new code list changes (pure).

describe("validity on a day", () => {
  const always = { validFrom: null, validTo: null };
  const merged = { validFrom: null, validTo: "2021-08-19" };
  const opened = { validFrom: "2021-08-20", validTo: null };
  const brief = { validFrom: "2021-08-20", validTo: "2021-08-25" };

  it("counts the first and the last day, open ends unbounded", () => {
    expect(isValidOn(always, "1990-01-01")).toBe(true);
    expect(isValidOn(merged, "2021-08-19")).toBe(true);
    expect(isValidOn(merged, "2021-08-20")).toBe(false);
    expect(isValidOn(opened, "2021-08-19")).toBe(false);
    expect(isValidOn(opened, "2021-08-20")).toBe(true);
    expect(isValidOn(brief, "2021-08-25")).toBe(true);
    expect(isValidOn(brief, "2021-08-26")).toBe(false);
    expect(isValidOn({}, "2021-08-26")).toBe(true); // fields not loaded: valid
  });

  it("keeps the units of a day or a window, in their order", () => {
    const units = [
      { code: "a", ...always },
      { code: "b", ...merged },
      { code: "c", ...opened },
      { code: "d", ...brief },
    ];
    expect(unitsValidOn(units, "2021-08-19").map((u) => u.code)).toEqual(["a", "b"]);
    expect(unitsValidOn(units, "2021-08-21").map((u) => u.code)).toEqual(["a", "c", "d"]);
    expect(unitsValidDuring(units, "2021-08-15", "2021-08-20").map((u) => u.code)).toEqual(["a", "b", "c", "d"]);
    expect(unitsValidDuring(units, "2021-08-26", "2021-09-01").map((u) => u.code)).toEqual(["a", "c"]);
  });

  it("says where a day falls and the validity in Vietnamese with dd/MM/yyyy dates", () => {
    expect(unitStatusOn(merged, "2021-08-20")).toBe("closed");
    expect(unitStatusOn(opened, "2021-08-19")).toBe("not-yet");
    expect(unitStatusOn(brief, "2021-08-22")).toBe("valid");
    expect(validityLabel(always)).toBe("Đang có hiệu lực");
    expect(validityLabel(merged)).toBe("Có hiệu lực đến hết 19/08/2021");
    expect(validityLabel(opened)).toBe("Có hiệu lực từ 20/08/2021");
    expect(validityLabel(brief)).toBe("Có hiệu lực từ 20/08/2021 đến hết 25/08/2021");
  });
});

const HELD: HeldUnit[] = [
  { code: "VN", level: "COUNTRY", name: "Việt Nam", type: null, parentCode: null, validFrom: null, validTo: null },
  { code: "01", level: "PROVINCE", name: "Thành phố Hà Nội", type: "Thành phố Trung ương", parentCode: "VN", validFrom: null, validTo: null },
  { code: "02", level: "PROVINCE", name: "Tỉnh Hà Giang", type: "Tỉnh", parentCode: "VN", validFrom: null, validTo: null },
  { code: "001", level: "DISTRICT", name: "Quận Ba Đình", type: "Quận", parentCode: "01", validFrom: null, validTo: null },
  { code: "002", level: "DISTRICT", name: "Quận Hoàn Kiếm", type: "Quận", parentCode: "01", validFrom: null, validTo: null },
  { code: "024", level: "DISTRICT", name: "Thành phố Hà Giang", type: "Thành phố", parentCode: "02", validFrom: null, validTo: null },
  { code: "00001", level: "WARD", name: "Phường Phúc Xá", type: "Phường", parentCode: "001", validFrom: null, validTo: null },
  { code: "00037", level: "WARD", name: "Phường Phúc Tân", type: "Phường", parentCode: "002", validFrom: null, validTo: null },
  { code: "00040", level: "WARD", name: "Phường Đồng Xuân", type: "Phường", parentCode: "002", validFrom: null, validTo: null },
  { code: "00043", level: "WARD", name: "Phường Hàng Mã", type: "Phường", parentCode: "002", validFrom: null, validTo: "2021-08-19" },
  { code: "00688", level: "WARD", name: "Phường Quang Trung", type: "Phường", parentCode: "024", validFrom: null, validTo: null },
];

function list(lines: string[]): { text: string; units: ReturnType<typeof parseCodeList> } {
  const text = [CODE_LIST_HEADER, ...lines].join("\n");
  return { text, units: parseCodeList(text) };
}

const HANOI = ["VN,country,Việt Nam,,", "01,province,Thành phố Hà Nội,Thành phố Trung ương,VN", "001,district,Quận Ba Đình,Quận,01", "002,district,Quận Hoàn Kiếm,Quận,01"];

describe("a new code list against the units held", () => {
  it("finds adds, renames, type and parent changes, and closes within the provinces of the list", () => {
    const { text, units } = list([
      ...HANOI,
      "00001,ward,Phường Phúc Xá,Phường,002", // moved
      "00037,ward,Phường Phúc Tân Mới,Phường,002", // renamed
      "00099,ward,Phường Mới,Phường,002", // added
    ]);
    const diff = diffCodeList(HELD, units, codeListLines(text), { effectiveOn: "2021-09-01", scope: "provinces" });
    expect(diff.issues).toEqual([]);
    expect(diff.adds).toEqual([expect.objectContaining({ code: "00099", line: 8, parentCode: "002" })]);
    expect(diff.renames).toEqual([{ code: "00037", level: "WARD", before: "Phường Phúc Tân", after: "Phường Phúc Tân Mới", line: 7 }]);
    expect(diff.parentChanges).toEqual([{ code: "00001", name: "Phường Phúc Xá", before: "001", after: "002", line: 6 }]);
    // Đồng Xuân is absent: closed; Hàng Mã has ended already; Hà Giang is outside the list's provinces
    expect(diff.closes.map((c) => c.code)).toEqual(["00040"]);
    expect(diff.unchanged).toBe(4);
    expect(codeListChangeCount(diff)).toBe(4);

    const country = diffCodeList(HELD, units, codeListLines(text), { effectiveOn: "2021-09-01", scope: "country" });
    expect(country.closes.map((c) => c.code)).toEqual(["00040", "00688", "02", "024"]);
  });

  it("compares names as Vietnamese text: the same letters typed decomposed are no rename", () => {
    const { text, units } = list([...HANOI, `00037,ward,${"Phường Phúc Tân".normalize("NFD")},Phường,002`, "00040,ward,Phường Đồng Xuân,Phường,002"]);
    const diff = diffCodeList(HELD, units, codeListLines(text), { effectiveOn: "2021-09-01", scope: "provinces" });
    expect(diff.renames).toEqual([]);
    expect(diff.typeChanges).toEqual([]);
  });

  it("lists what stops a list, with its line: a code that has ended, a change of level, a code of the wrong form", () => {
    const { text, units } = list([...HANOI, "00043,ward,Phường Hàng Mã,Phường,002", "00040,district,Quận Đồng Xuân,Quận,01", "12,ward,Phường Sai Mã,Phường,002"]);
    const diff = diffCodeList(HELD, units, codeListLines(text), { effectiveOn: "2021-09-01", scope: "provinces" });
    expect(diff.issues.map((i) => [i.line, i.code])).toEqual([
      [6, "00043"],
      [7, "00040"],
      [8, "12"],
    ]);
    expect(diff.issues[0]?.message).toBe(
      "dòng 6: mã 00043 là của Phường Hàng Mã, đã thôi hiệu lực từ 20/08/2021; một mã đã dùng không cấp lại cho đơn vị khác",
    );
    expect(diff.issues[1]?.message).toContain("là cấp xã, phường, thị trấn (Phường Đồng Xuân), tệp ghi cấp quận, huyện");
    expect(diff.issues[2]?.message).toBe('dòng 8: mã xã, phường, thị trấn gồm 5 chữ số (mã "12")');
  });

  it("refuses to close a unit with figures from the day on, or to move a unit that has figures", () => {
    const { text, units } = list([...HANOI, "00001,ward,Phường Phúc Xá,Phường,002", "00037,ward,Phường Phúc Tân,Phường,002"]);
    const diff = diffCodeList(HELD, units, codeListLines(text), { effectiveOn: "2021-09-01", scope: "provinces" });
    const issues = codeListFigureIssues(
      diff,
      new Map([
        ["00040", { first: "2021-08-01", firstFromChange: "2021-09-03" }],
        ["00001", { first: "2021-08-01", firstFromChange: null }],
        ["00037", { first: "2021-08-01", firstFromChange: "2021-09-03" }],
      ]),
    );
    expect(issues).toEqual([
      expect.objectContaining({ line: 6, code: "00001", message: expect.stringContaining("có số liệu từ 01/08/2021") }),
      {
        line: null,
        code: "00040",
        message:
          "Phường Đồng Xuân có số liệu ngày 03/09/2021, sau ngày cuối còn hiệu lực (31/08/2021). Số liệu luôn thuộc đơn vị đã báo cáo, nên chỉ cho đơn vị thôi hiệu lực từ sau ngày có số liệu cuối cùng",
      },
    ]);
    // figures only before the day: the closure is fine
    expect(codeListFigureIssues(diff, new Map([["00040", { first: "2021-08-01", firstFromChange: null }]]))).toEqual([]);
  });
});

describe("the 2025 reorganisation (docs/units.md)", () => {
  it("is refused as a whole at the first commune placed directly under a province: the format needs a district", () => {
    const text = [CODE_LIST_HEADER, "VN,country,Việt Nam,,", "01,province,Thành phố Hà Nội,Thành phố Trung ương,VN", "00070,ward,Phường Hoàn Kiếm,Phường,01"].join("\n");
    expect(() => parseCodeList(text)).toThrow('dòng 4: đơn vị cấp trên "01" chưa có ở dòng trước');
  });
});

describe("a change in words", () => {
  it("names the units, the day and, for a closure, the last day", () => {
    const base = { effectiveOn: "2021-09-01", namesBefore: { "00046": "Phường Hàng Buồm", "00049": "Phường Hàng Đào" }, namesAfter: { "00049": "Phường Hàng Đào" } };
    expect(describeUnitChange({ ...base, kind: "MERGE", fromCodes: ["00046"], toCodes: ["00049"] })).toBe(
      "Sáp nhập Phường Hàng Buồm (00046) vào Phường Hàng Đào (00049) từ ngày 01/09/2021",
    );
    expect(describeUnitChange({ ...base, kind: "CLOSE", fromCodes: ["00046"], toCodes: [] })).toBe(
      "Phường Hàng Buồm (00046) thôi hiệu lực từ ngày 01/09/2021 (ngày cuối 31/08/2021)",
    );
    expect(
      describeUnitChange({ kind: "RENAME", effectiveOn: "2025-07-01", fromCodes: ["00070"], toCodes: ["00070"], namesBefore: { "00070": "Phường Hàng Trống" }, namesAfter: { "00070": "Phường Hoàn Kiếm" } }),
    ).toBe("Đổi tên Phường Hàng Trống (00070) thành Phường Hoàn Kiếm từ ngày 01/07/2025");
    expect(
      describeUnitChange({ kind: "CODE_LIST", effectiveOn: "2025-07-01", fromCodes: [], toCodes: [], namesBefore: {}, namesAfter: {}, counts: { adds: 3321, closes: 10035 } }),
    ).toBe("Áp dụng danh mục đơn vị hành chính mới từ ngày 01/07/2025: thêm 3.321, đổi tên 0, đổi loại 0, đổi cấp trên 0, thôi hiệu lực 10.035 đơn vị");
  });
});

describe("the forms' schemas", () => {
  const common = { effectiveOn: "2021-09-01", reason: "Nghị quyết 01/NQ" };

  it("requires a day, a reason and a name without commas; normalises names", () => {
    expect(RenameUnitSchema.safeParse({ code: "00037", name: "  Phường   Phúc Tân ", type: "", ...common }).data).toMatchObject({ name: "Phường Phúc Tân", type: undefined });
    const bad = RenameUnitSchema.safeParse({ code: "00037", name: "Phường A, B", type: "", effectiveOn: "01/09/2021", reason: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["effectiveOn", "name", "reason"]);
    expect(CloseUnitSchema.safeParse({ code: "0003 7", ...common }).success).toBe(false);
    expect(OpenUnitSchema.safeParse({ code: "99001", name: "Phường Mới", type: "Phường", parentCode: "002", ...common }).success).toBe(true);
  });

  it("keeps the merged-into unit out of the merged ones, and a split into two or more distinct units", () => {
    expect(MergeUnitsSchema.safeParse({ sourceCodes: ["00040", "00043"], intoCode: "00040", intoName: "", ...common }).error?.issues[0]?.path).toEqual(["intoCode"]);
    expect(MergeUnitsSchema.safeParse({ sourceCodes: ["00040", "00043"], intoCode: "99001", intoName: "Phường Mới", ...common }).data).toMatchObject({
      intoName: "Phường Mới",
    });
    expect(SplitUnitSchema.safeParse({ code: "00037", parts: [{ code: "99001", name: "Phường A" }], ...common }).success).toBe(false);
    expect(SplitUnitSchema.safeParse({ code: "00037", parts: [{ code: "99001", name: "Phường A" }, { code: "99001", name: "" }], ...common }).success).toBe(false);
    expect(SplitUnitSchema.safeParse({ code: "00037", parts: [{ code: "99001", name: "Phường A" }, { code: "00040", name: "" }], ...common }).data?.parts).toEqual([
      { code: "99001", name: "Phường A", type: undefined },
      { code: "00040", name: undefined, type: undefined },
    ]);
  });
});
