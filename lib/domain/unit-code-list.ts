// The General Statistics Office's list of administrative unit codes, as CSV:
//   code,level,name,type,parent_code
//   VN,country,Việt Nam,,
//   01,province,Thành phố Hà Nội,Thành phố Trung ương,VN
//   001,district,Quận Ba Đình,Quận,01
//   00001,ward,Phường Phúc Xá,Phường,001
// (prisma/data/vietnam-units-2021-07-01.csv: the codes in force on 1/7/2021). Pure: parsing and
// checking only; lib/figures/reference-units.ts loads it.

export const UNIT_LEVELS = ["COUNTRY", "PROVINCE", "DISTRICT", "WARD"] as const;
export type UnitLevelName = (typeof UNIT_LEVELS)[number];

export type CodeListUnit = {
  readonly code: string;
  readonly level: UnitLevelName;
  readonly name: string;
  /** "Phường", "Xã", "Thị trấn", "Quận", "Huyện", "Thị xã", "Thành phố", "Tỉnh", … (null for the country) */
  readonly type: string | null;
  readonly parentCode: string | null;
};

export const CODE_LIST_HEADER = "code,level,name,type,parent_code";

const PARENT_LEVEL: { readonly [L in UnitLevelName]: UnitLevelName | null } = {
  COUNTRY: null,
  PROVINCE: "COUNTRY",
  DISTRICT: "PROVINCE",
  WARD: "DISTRICT",
};

export class CodeListError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`dòng ${line}: ${message}`);
  }
}

/**
 * Parses and checks a code list: the header, one unit per line (no quoted fields: names hold no
 * comma), a known level, a code of 1–12 characters given once, and a parent of the level above
 * that appears in the list. Throws a CodeListError naming the line.
 */
export function parseCodeList(text: string): CodeListUnit[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== CODE_LIST_HEADER) throw new CodeListError(1, `tiêu đề phải là "${CODE_LIST_HEADER}"`);
  const units: CodeListUnit[] = [];
  const levelOf = new Map<string, UnitLevelName>();
  for (const [index, line] of lines.entries()) {
    if (index === 0 || line.trim() === "") continue;
    const lineNo = index + 1;
    const fields = line.split(",").map((f) => f.trim());
    if (fields.length !== 5) throw new CodeListError(lineNo, `cần 5 cột, có ${fields.length}`);
    const [code = "", levelText = "", name = "", type = "", parent = ""] = fields;
    const level = levelText.toUpperCase() as UnitLevelName;
    if (!UNIT_LEVELS.includes(level)) throw new CodeListError(lineNo, `cấp "${levelText}" không hợp lệ`);
    if (!/^[0-9A-Z]{1,12}$/.test(code)) throw new CodeListError(lineNo, `mã "${code}" không hợp lệ`);
    if (levelOf.has(code)) throw new CodeListError(lineNo, `mã ${code} xuất hiện hai lần`);
    if (name === "" || name.length > 200) throw new CodeListError(lineNo, "thiếu tên đơn vị");
    const parentLevel = PARENT_LEVEL[level];
    if (parentLevel === null ? parent !== "" : levelOf.get(parent) !== parentLevel) {
      throw new CodeListError(lineNo, parentLevel === null ? "cấp cả nước không có đơn vị cấp trên" : `đơn vị cấp trên "${parent}" chưa có ở dòng trước`);
    }
    levelOf.set(code, level);
    units.push({ code, level, name, type: type === "" ? null : type, parentCode: parent === "" ? null : parent });
  }
  return units;
}
