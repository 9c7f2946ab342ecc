import { describe, expect, it } from "vitest";
import { DEFAULT_DISPATCH_TEMPLATE } from "@/lib/domain/dispatch-template";
import { DispatchParamsSchema, DispatchTemplateSchema, DistrictReportParamsSchema, queryOf } from "@/lib/schemas/dispatch";

// The template an admin edits and the download links' filters: what is accepted, what is refused
// with which Vietnamese message.

describe("dispatch template schema", () => {
  it("accepts the default (the wording of dispatch 1178) unchanged", () => {
    expect(DispatchTemplateSchema.parse(DEFAULT_DISPATCH_TEMPLATE)).toEqual(DEFAULT_DISPATCH_TEMPLATE);
  });

  it("reads textarea lists one item per line, trimming and dropping blank lines", () => {
    const parsed = DispatchTemplateSchema.parse({ ...DEFAULT_DISPATCH_TEMPLATE, recipients: "  Như trên;\r\n\n Lưu: VT.  \n" });
    expect(parsed.recipients).toEqual(["Như trên;", "Lưu: VT."]);
  });

  it("refuses empty required fields, too many lines and odd symbols, with the field's label", () => {
    const r = DispatchTemplateSchema.safeParse({
      ...DEFAULT_DISPATCH_TEMPLATE,
      signerName: " ",
      recipients: "\n\n",
      signerTitles: ["a", "b", "c", "d", "e"],
      documentSymbol: "UBND VHTT",
    });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^signerName: Họ tên người ký: không được để trống/),
        expect.stringMatching(/^recipients: Nơi nhận .*cần ít nhất một dòng/),
        expect.stringMatching(/^signerTitles: .*tối đa 4 dòng/),
        expect.stringMatching(/^documentSymbol: Ký hiệu văn bản/),
      ]),
    );
  });

  it("allows an empty number (filled in by the clerk)", () => {
    expect(DispatchTemplateSchema.parse({ ...DEFAULT_DISPATCH_TEMPLATE, documentNumber: "" }).documentNumber).toBe("");
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
