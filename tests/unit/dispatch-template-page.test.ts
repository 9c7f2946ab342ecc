import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { CATALOGS } from "@/messages/catalog";
import { DEFAULT_DISPATCH_TEMPLATE, derivedAuthorityName, derivedPlace, placeholderValues, resolveDispatchTemplate, type DispatchDistrict } from "@/lib/domain/dispatch-template";

// The template page's parts render what a district's draft will say: the preview of Ba Đình's
// header and addressees, the district form's hints (what an empty field gives), the city's form.

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));
vi.mock("@/lib/actions/dispatch-template", () => ({
  updateDispatchTemplateAction: async () => ({ ok: true, data: { changed: [] } }),
  updateDistrictDispatchTemplateAction: async () => ({ ok: true, data: { changed: [] } }),
}));

const { DispatchTemplatePreview } = await import("@/components/dispatch/template-preview");
const { DispatchTemplateForm, DistrictTemplateForm } = await import("@/components/dispatch/template-form");

const BA_DINH: DispatchDistrict = { name: "Quận Ba Đình", type: "Quận", wardTypes: Array<string>(14).fill("Phường") };

/** Rendered in Vietnamese, with the catalogs the page hands its parts. */
const inVietnamese = (element: ReactElement) =>
  // eslint-disable-next-line react/no-children-prop -- a .ts file (no JSX): the provider's props type requires its children among the props
  createElement(NextIntlClientProvider, { locale: "vi", messages: CATALOGS.vi, timeZone: "Asia/Ho_Chi_Minh", children: element });

/** Markup as text: tags dropped, entities decoded, spaces folded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("dispatch template page parts", () => {
  it("the preview shows Ba Đình's authority, blank number, place and 14 wards, and what each placeholder gives", () => {
    const html = renderToStaticMarkup(
      inVietnamese(createElement(DispatchTemplatePreview, {
        districtName: "Quận Ba Đình",
        template: resolveDispatchTemplate(DEFAULT_DISPATCH_TEMPLATE, null, BA_DINH),
        placeholders: placeholderValues(BA_DINH),
      })),
    );
    const text = textOf(html);
    expect(text).toContain("ỦY BAN NHÂN DÂN / QUẬN BA ĐÌNH");
    expect(text).toContain("Số: …/UBND-VHTT");
    expect(text).toContain("Ba Đình, ngày … tháng … năm …");
    expect(text).toContain("- Chủ tịch UBND 14 phường.");
    expect(text).toContain("(để trống, ký tay)");
    expect(text).toContain("{cấp xã} → “14 phường”");
    expect(text).not.toMatch(/Hoàn Kiếm|HOÀN KIẾM/);
  });

  it("the district form starts with the district's own fields and says what an empty field gives", () => {
    const html = renderToStaticMarkup(
      inVietnamese(createElement(DistrictTemplateForm, {
        districtCode: "001",
        districtName: "Quận Ba Đình",
        own: { documentNumber: "25" },
        city: DEFAULT_DISPATCH_TEMPLATE,
        derived: { authorityName: derivedAuthorityName(BA_DINH), place: derivedPlace(BA_DINH) },
      })),
    );
    expect(html).toContain('aria-label="Mẫu riêng của Quận Ba Đình"');
    expect(html).toMatch(/id="district-001-documentNumber"[^>]*value="25"/);
    expect(html).toMatch(/id="district-001-signerName"[^>]*value=""/);
    const text = textOf(html);
    expect(text).toContain("Để trống: QUẬN BA ĐÌNH (theo loại và tên đơn vị).");
    expect(text).toContain("Để trống: Ba Đình (dòng ngày in thành “Ba Đình, ngày … tháng … năm …”");
    expect(text).toContain("Để trống: như mẫu chung — “Trưởng các phòng, ban, ngành thuộc {cấp huyện}; / Chủ tịch UBND {cấp xã}.”");
    expect(html).not.toMatch(/required=""/);
  });

  it("the city's form holds the default wording, every field required but the signer", () => {
    const html = renderToStaticMarkup(inVietnamese(createElement(DispatchTemplateForm, { template: DEFAULT_DISPATCH_TEMPLATE })));
    expect(html).toContain('id="dispatch-subject"');
    expect(html).not.toContain('id="dispatch-authorityName"');
    expect(html).not.toContain('id="dispatch-documentNumber"');
    expect(html).toMatch(/<input[^>]*id="dispatch-signerName"(?![^>]*required)[^>]*>/);
    expect(html).toMatch(/<input[^>]*id="dispatch-documentSymbol"[^>]*required=""[^>]*>/);
  });
});
