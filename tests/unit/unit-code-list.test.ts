import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CodeListError, parseCodeList } from "../../lib/domain/unit-code-list.ts";

const HEADER = "code,level,name,type,parent_code";

describe("parseCodeList", () => {
  it("reads the reference list of 1/7/2021: 63 provinces, 705 districts, 10.603 communes", () => {
    const units = parseCodeList(fs.readFileSync(path.resolve("prisma/data/vietnam-units-2021-07-01.csv"), "utf8"));
    const count = (level: string) => units.filter((u) => u.level === level).length;
    expect([count("COUNTRY"), count("PROVINCE"), count("DISTRICT"), count("WARD")]).toEqual([1, 63, 705, 10603]);
    expect(units.find((u) => u.code === "00037")).toEqual({
      code: "00037",
      level: "WARD",
      name: "Phường Phúc Tân",
      type: "Phường",
      parentCode: "002",
    });
    expect(units.find((u) => u.code === "VN")?.type).toBeNull();
  });

  it("names the line of a malformed row", () => {
    const bad = (body: string) => () => parseCodeList(`${HEADER}\nVN,country,Việt Nam,,\n${body}`);
    expect(bad("01,province,Hà Nội,Thành phố Trung ương,XX")).toThrow(/dòng 3: đơn vị cấp trên "XX"/);
    expect(bad("01,town,Hà Nội,Thành phố Trung ương,VN")).toThrow(/dòng 3: cấp "town"/);
    expect(bad("01,province,Hà Nội,VN")).toThrow(/dòng 3: cần 5 cột/);
    expect(bad("VN,province,Hà Nội,Tỉnh,VN")).toThrow(/mã VN xuất hiện hai lần/);
    expect(() => parseCodeList("code,level,name\n")).toThrow(CodeListError);
  });

  it("takes a byte-order mark and Windows line ends", () => {
    expect(parseCodeList(`\uFEFF${HEADER}\r\nVN,country,Việt Nam,,\r\n`)).toHaveLength(1);
  });
});
