import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_DISPATCH_TEMPLATE,
  derivedAuthorityName,
  derivedPlace,
  fillPlaceholders,
  placeholderValues,
  resolveDispatchTemplate,
  splitUnitName,
  unknownPlaceholders,
  wardsPhrase,
  type DispatchDistrict,
} from "@/lib/domain/dispatch-template";
import {
  DispatchOverrideSchema,
  DispatchParamsSchema,
  DispatchTemplatePageParamsSchema,
  DispatchWordingSchema,
  DistrictDispatchTemplateInputSchema,
  DistrictReportParamsSchema,
  queryOf,
} from "@/lib/schemas/dispatch";
import { DEMO_DISPATCH_TEMPLATES } from "@/prisma/seed/demo-dispatch-template";

// The dispatch templates: the city's default and a district's own, resolved for a district (its
// own fields over the default; authority, place and wards from the unit), the schemas an admin or
// an official edits them with, and the download links' filters.

const HOAN_KIEM: DispatchDistrict = { name: "Quận Hoàn Kiếm", type: "Quận", wardTypes: Array<string>(18).fill("Phường") };
const BA_DINH: DispatchDistrict = { name: "Quận Ba Đình", type: "Quận", wardTypes: Array<string>(14).fill("Phường") };
const DONG_ANH: DispatchDistrict = { name: "Huyện Đông Anh", type: "Huyện", wardTypes: ["Thị trấn", ...Array<string>(23).fill("Xã")] };
const SON_TAY: DispatchDistrict = { name: "Thị xã Sơn Tây", type: "Thị xã", wardTypes: [...Array<string>(9).fill("Phường"), ...Array<string>(6).fill("Xã")] };

/** The lines of the real dispatch (docs/), markup removed. */
function dispatchLines(): string[] {
  const md = fs.readFileSync(path.join(process.cwd(), "docs", "dispatch-1178-UBND-VHTT-2021-08-17.md"), "utf8");
  return md
    .split(/\r?\n/)
    .map((l) => l.replace(/\*\*|\*/g, "").replace(/<(https?:[^>]+)>/g, "$1").replace(/^- /, "").trim())
    .filter((l) => l !== "");
}

describe("a district's template, resolved", () => {
  it("Hoàn Kiếm (the demo's own number and signer over the default) gives dispatch 1178's fixed wording word for word", () => {
    const t = resolveDispatchTemplate(DEFAULT_DISPATCH_TEMPLATE, DEMO_DISPATCH_TEMPLATES["002"] ?? null, HOAN_KIEM);
    expect(t.authorityParent).toBe("ỦY BAN NHÂN DÂN");
    expect(t.authorityName).toBe("QUẬN HOÀN KIẾM");
    expect(t.place).toBe("Hoàn Kiếm");
    expect(t.documentNumber).toBe("1178");
    expect(t.signerName).toBe("Nguyễn Quốc Hoàn");
    const lines = dispatchLines();
    for (const line of [...t.addressees, t.directive, ...t.requests.map((r, i) => `${i + 1}. ${r}`), t.closing, ...t.recipients, ...t.signerTitles]) {
      expect(lines).toContain(line);
    }
    expect(lines).toContain(`V/v ${t.subject}`);
  });

  it("Ba Đình: its own name, place and 14 wards everywhere, no number (left for the clerk), never Hoàn Kiếm", () => {
    const t = resolveDispatchTemplate(DEFAULT_DISPATCH_TEMPLATE, null, BA_DINH);
    expect(t.authorityName).toBe("QUẬN BA ĐÌNH");
    expect(t.place).toBe("Ba Đình");
    expect(t.documentNumber).toBe("");
    expect(t.signerName).toBe("");
    expect(t.addressees).toEqual(["Trưởng các phòng, ban, ngành thuộc quận;", "Chủ tịch UBND 14 phường."]);
    expect(t.directive).toContain("UBND quận yêu cầu các phòng, ban đơn vị và Chủ tịch UBND 14 phường thực hiện");
    expect(t.closing).toBe("UBND quận yêu cầu các phòng, ban, đơn vị và UBND 14 phường thuộc quận nghiêm túc triển khai thực hiện./.");
    expect(Object.values(t).flat().join("\n")).not.toMatch(/Hoàn Kiếm|HOÀN KIẾM|18 phường|1178|Nguyễn Quốc Hoàn|[{}]/);
  });

  it("a rural district and a town: their type in the header and the sentences, their wards by type", () => {
    const dongAnh = resolveDispatchTemplate(DEFAULT_DISPATCH_TEMPLATE, null, DONG_ANH);
    expect(dongAnh.authorityName).toBe("HUYỆN ĐÔNG ANH");
    expect(dongAnh.place).toBe("Đông Anh");
    expect(dongAnh.addressees).toEqual(["Trưởng các phòng, ban, ngành thuộc huyện;", "Chủ tịch UBND các xã, thị trấn."]);
    expect(dongAnh.recipients).toEqual(expect.arrayContaining(["Thường trực Huyện ủy;", "Thường trực HĐND huyện;"]));
    const sonTay = resolveDispatchTemplate(DEFAULT_DISPATCH_TEMPLATE, null, SON_TAY);
    expect(sonTay.authorityName).toBe("THỊ XÃ SƠN TÂY");
    expect(sonTay.place).toBe("Sơn Tây");
    expect(sonTay.addressees[1]).toBe("Chủ tịch UBND các phường, xã.");
    expect(sonTay.recipients).toContain("Thường trực Thị ủy;");
    expect(sonTay.closing).toContain("thuộc thị xã nghiêm túc");
  });

  it("a district's own fields win, empty ones inherit, and its placeholders are filled too", () => {
    const t = resolveDispatchTemplate(
      DEFAULT_DISPATCH_TEMPLATE,
      { authorityName: "", place: "Phố cổ", recipients: ["Như trên;", "Lưu: VT, {Cấp huyện}."], signerName: "Trần Văn Bình", documentNumber: "  " },
      BA_DINH,
    );
    expect(t.authorityName).toBe("QUẬN BA ĐÌNH");
    expect(t.place).toBe("Phố cổ");
    expect(t.recipients).toEqual(["Như trên;", "Lưu: VT, Quận."]);
    expect(t.signerName).toBe("Trần Văn Bình");
    expect(t.documentNumber).toBe("");
    expect(t.subject).toBe(DEFAULT_DISPATCH_TEMPLATE.subject);
  });

  it("names: the type word split off, a numbered district keeps it in the place, unknown types fall back", () => {
    expect(splitUnitName("Quận Hoàn Kiếm", "Quận")).toEqual({ typeWord: "Quận", bare: "Hoàn Kiếm" });
    expect(splitUnitName("Thị xã Sơn Tây", null)).toEqual({ typeWord: "Thị xã", bare: "Sơn Tây" });
    expect(splitUnitName("Thành phố Thủ Đức", "Thành phố")).toEqual({ typeWord: "Thành phố", bare: "Thủ Đức" });
    expect(derivedPlace({ name: "Quận 1", type: "Quận" })).toBe("Quận 1");
    expect(derivedAuthorityName({ name: "Quận 1", type: "Quận" })).toBe("QUẬN 1");
    expect(derivedAuthorityName({ name: "Ba Đình", type: "Quận" })).toBe("QUẬN BA ĐÌNH");
    expect(derivedPlace({ name: "Ba Đình", type: "Quận" })).toBe("Ba Đình");
    expect(placeholderValues({ name: "Thành phố Thủ Đức", type: "Thành phố", wardTypes: ["Phường"] })["cấp ủy"]).toBe("Thành ủy");
  });

  it("wards: the real count for one type, 'các' with several or unknown types", () => {
    expect(wardsPhrase(HOAN_KIEM)).toBe("18 phường");
    expect(wardsPhrase({ wardTypes: ["Xã", "Xã"] })).toBe("2 xã");
    expect(wardsPhrase(DONG_ANH)).toBe("các xã, thị trấn");
    expect(wardsPhrase({ wardTypes: ["Phường", null] })).toBe("các xã, phường, thị trấn");
    expect(wardsPhrase({ wardTypes: [] })).toBe("các xã, phường, thị trấn");
  });

  it("placeholders: case and spacing forgiven, a capital kept, unknown ones found and left as written", () => {
    const values = placeholderValues(BA_DINH);
    expect(fillPlaceholders("UBND { Cấp  huyện } và {cấp xã}", values)).toBe("UBND Quận và 14 phường");
    expect(unknownPlaceholders("UBND {cap xa} và {cấp xã} {}")).toEqual(["{cap xa}", "{}"]);
    expect(fillPlaceholders("{cap xa}", values)).toBe("{cap xa}");
  });
});

describe("dispatch template schemas", () => {
  it("accepts the city's default unchanged", () => {
    expect(DispatchWordingSchema.parse(DEFAULT_DISPATCH_TEMPLATE)).toEqual(DEFAULT_DISPATCH_TEMPLATE);
  });

  it("drops a district's fields from a default saved before templates were per district", () => {
    const legacy = { ...DEFAULT_DISPATCH_TEMPLATE, authorityName: "QUẬN HOÀN KIẾM", place: "Hoàn Kiếm", documentNumber: "1178" };
    expect(DispatchWordingSchema.parse(legacy)).toEqual(DEFAULT_DISPATCH_TEMPLATE);
  });

  it("reads textarea lists one item per line, trimming and dropping blank lines", () => {
    const parsed = DispatchWordingSchema.parse({ ...DEFAULT_DISPATCH_TEMPLATE, recipients: "  Như trên;\r\n\n Lưu: VT.  \n" });
    expect(parsed.recipients).toEqual(["Như trên;", "Lưu: VT."]);
  });

  it("refuses empty required fields, too many lines, odd symbols and unknown placeholders, with the field's label", () => {
    const r = DispatchWordingSchema.safeParse({
      ...DEFAULT_DISPATCH_TEMPLATE,
      subject: " ",
      recipients: "\n\n",
      signerTitles: ["a", "b", "c", "d", "e"],
      documentSymbol: "UBND VHTT",
      closing: "UBND {cap huyen} yêu cầu",
    });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^subject: Trích yếu .*: không được để trống/),
        expect.stringMatching(/^recipients: Nơi nhận .*cần ít nhất một dòng/),
        expect.stringMatching(/^signerTitles: .*tối đa 4 dòng/),
        expect.stringMatching(/^documentSymbol: Ký hiệu văn bản/),
        "closing: Đoạn kết: “{cap huyen}” không phải chỗ điền tự động; chỉ dùng {cấp huyện}, {cấp xã}, {cấp ủy}",
      ]),
    );
  });

  it("the city's signer may be empty (each district names its own)", () => {
    expect(DispatchWordingSchema.parse({ ...DEFAULT_DISPATCH_TEMPLATE, signerName: " " }).signerName).toBe("");
  });

  it("a district's template: empty fields inherit (absent), the number checked, decomposed accents composed", () => {
    const parsed = DistrictDispatchTemplateInputSchema.parse({
      district: "001",
      authorityName: "",
      documentNumber: " 25 ",
      place: "Ba Đi\u0300nh",
      recipients: "\n",
      addressees: "Các phòng, ban;\nChủ tịch UBND {cấp xã}.",
      signerName: null,
    });
    expect(parsed).toEqual({ district: "001", documentNumber: "25", place: "Ba Đình", addressees: ["Các phòng, ban;", "Chủ tịch UBND {cấp xã}."] });
    const bad = DistrictDispatchTemplateInputSchema.safeParse({ district: "1", documentNumber: "số 25", directive: "{phường}" });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["district", "documentNumber", "directive"]));
    expect(DispatchOverrideSchema.parse({})).toEqual({});
  });

  it("the template page's filter: a district code or nothing", () => {
    expect(DispatchTemplatePageParamsSchema.parse({}).district).toBeUndefined();
    expect(DispatchTemplatePageParamsSchema.parse({ district: "001" }).district).toBe("001");
    expect(DispatchTemplatePageParamsSchema.safeParse({ district: "1" }).success).toBe(false);
  });
});

describe("download filters", () => {
  const parse = (q: string) => DispatchParamsSchema.safeParse(queryOf(`http://x/api/exports/dispatch?${q}`));

  it("defaults: the official's district, the latest day, DOCX", () => {
    expect(parse("").data).toEqual({ district: undefined, installDay: undefined, qrDay: undefined, format: "docx" });
    expect(parse("district=002&installDay=2021-08-17&qrDay=2021-08-14&format=pdf").data).toEqual({
      district: "002",
      installDay: "2021-08-17",
      qrDay: "2021-08-14",
      format: "pdf",
    });
  });

  it("refuses impossible days, other formats, malformed and repeated parameters", () => {
    expect(parse("installDay=2021-02-29").error?.issues[0]?.message).toMatch(/ngày có thật/);
    expect(parse("format=odt").error?.issues[0]?.message).toBe("Định dạng (format) phải là docx hoặc pdf");
    expect(parse("district=02").error?.issues[0]?.message).toMatch(/3 chữ số/);
    expect(parse("district=002&district=001").error?.issues[0]?.message).toBe("chỉ được có một giá trị");
    expect(DistrictReportParamsSchema.safeParse({ day: "17/08/2021" }).success).toBe(false);
  });
});
