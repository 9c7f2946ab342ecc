// The fixed wording of the draft dispatch (công văn), per district. Pure.
//
// Three layers, resolved for one district when a draft is made:
// 1. the city's default wording (DispatchWording: subject, addressees, the directive, the requests,
//    the closing, the recipients, the signer's titles…), which admins edit. It may not name a
//    district: where the text depends on the district it holds a placeholder ({cấp huyện},
//    {cấp xã}, {cấp ủy}) filled from the district's unit and its wards;
// 2. a district's own template (DispatchTemplateOverride): any field of the wording, plus the
//    fields only a district can set (the authority's name, the place, the number). Edited by the
//    district's officials and admins; a field left empty inherits;
// 3. what is derived from the unit table: the authority ("QUẬN BA ĐÌNH" from the type and the
//    name), the place ("Ba Đình"), the number left for the clerk.
// The sentences with figures are built from the database (dispatch-text.ts), never typed in here.

import { unitNoun } from "./unit-wording.ts";

/** The wording every district shares unless it has its own: the city's default. */
export type DispatchWording = {
  /** left header, first line, e.g. "ỦY BAN NHÂN DÂN" */
  readonly authorityParent: string;
  /** the symbol after the slash, e.g. "UBND-VHTT" */
  readonly documentSymbol: string;
  /** the subject without its "V/v " prefix */
  readonly subject: string;
  readonly addressees: readonly string[];
  /** who provided the Bluezone figures, e.g. "Cục Tin học và Sở Thông tin và Truyền thông" */
  readonly installSource: string;
  /** the paragraph that cites the higher directives and introduces the requests */
  readonly directive: string;
  /** the numbered requests (numbers are added when the document is written) */
  readonly requests: readonly string[];
  readonly closing: string;
  readonly recipients: readonly string[];
  /** the lines above the signature, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] */
  readonly signerTitles: readonly string[];
  /** empty: the line is left for the name to be written in */
  readonly signerName: string;
};

/** What only a district's own template sets; empty means derived from the unit (or, for the number, left blank). */
export type DistrictOnlyFields = {
  /** left header, second line (bold); empty: from the unit, e.g. "QUẬN BA ĐÌNH" */
  readonly authorityName: string;
  /** the place of the date line; empty: the district's name without its type, e.g. "Ba Đình" */
  readonly place: string;
  /** the number; empty leaves room for the clerk to write it in */
  readonly documentNumber: string;
};

/** The template of one district as a document uses it: every field concrete, placeholders filled. */
export type DispatchTemplate = DispatchWording & DistrictOnlyFields;

/** A district's own template: the fields it sets (absent: inherited from the city's default or derived). */
export type DispatchTemplateOverride = { readonly [K in keyof DispatchTemplate]?: DispatchTemplate[K] };

export const WORDING_FIELDS = [
  "authorityParent",
  "documentSymbol",
  "subject",
  "addressees",
  "installSource",
  "directive",
  "requests",
  "closing",
  "recipients",
  "signerTitles",
  "signerName",
] as const satisfies readonly (keyof DispatchWording)[];

export const DISTRICT_ONLY_FIELDS = ["authorityName", "place", "documentNumber"] as const satisfies readonly (keyof DistrictOnlyFields)[];

/** Every field of a district's template, in the order the form shows them. */
export const TEMPLATE_FIELDS = [
  "authorityParent",
  "authorityName",
  "documentNumber",
  "documentSymbol",
  "place",
  "subject",
  "addressees",
  "installSource",
  "directive",
  "requests",
  "closing",
  "recipients",
  "signerTitles",
  "signerName",
] as const satisfies readonly (keyof DispatchTemplate)[];

export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/**
 * The city's default: the wording of dispatch 1178/UBND-VHTT of 17/8/2021 without what belongs to
 * Hoàn Kiếm (its name, its 18 wards, its number, its signer), which is derived from the unit table
 * or set in Hoàn Kiếm's own template (prisma/seed/demo-dispatch-template.ts).
 */
export const DEFAULT_DISPATCH_TEMPLATE: DispatchWording = {
  authorityParent: "ỦY BAN NHÂN DÂN",
  documentSymbol: "UBND-VHTT",
  subject:
    "tiếp tục đẩy mạnh triển khai cài đặt ứng dụng Bluezone và quét mã QR phục vụ công tác truy vết, phòng, chống dịch Covid-19",
  addressees: ["Trưởng các phòng, ban, ngành thuộc {cấp huyện};", "Chủ tịch UBND {cấp xã}."],
  installSource: "Cục Tin học và Sở Thông tin và Truyền thông",
  directive:
    "Thực hiện chỉ đạo của Sở Chỉ huy Thành phố tại Công văn số 19/SCHTP ngày 11/8/2021 về thực hiện triệt để việc quét mã QR đáp ứng nhanh công tác truy vết, phòng chống dịch bệnh COVID-19, Công văn 2184/STTTT-CNTT ngày 16/8/2021 của Sở Thông tin và Truyền thông về việc tiếp tục đẩy mạnh triển khai cài đặt ứng dụng Bluezone và quét mã QR phục vụ công tác truy vết, phòng, chống dịch Covid-19, UBND {cấp huyện} yêu cầu các phòng, ban đơn vị và Chủ tịch UBND {cấp xã} thực hiện các nội dung sau:",
  requests: [
    "Tăng cường công tác tuyên truyền, hướng dẫn người dân cài đặt ứng dụng Bluezone; tuyên truyền, vận động, hướng dẫn, nhắc nhở, yêu cầu người dân khi ra vào cơ quan, tổ chức, công sở, các địa điểm công cộng cần thực hiện nghiêm việc quét mã QR.",
    "Chỉ đạo quyết liệt việc khai báo y tế điện tử và quét mã QR, trong đó yêu cầu tất cả các cơ quan, đơn vị, tổ chức, cơ sở sản xuất, kinh doanh, cơ sở dịch vụ... phải thực hiện kiểm soát người vào đơn vị bằng việc quét mã QR.",
    "Yêu cầu các đơn vị truy cập địa chỉ: https://covid19.tech.gov.vn để tải tài liệu hướng dẫn sử dụng và triển khai cài đặt ứng dụng Bluezone, quét mã QR.",
  ],
  closing: "UBND {cấp huyện} yêu cầu các phòng, ban, đơn vị và UBND {cấp xã} thuộc {cấp huyện} nghiêm túc triển khai thực hiện./.",
  recipients: [
    "Như trên;",
    "UBND Thành phố Hà Nội;",
    "Sở Thông tin và Truyền thông Hà Nội;",
    "Thường trực {cấp ủy};",
    "Thường trực HĐND {cấp huyện};",
    "Đ/c Chủ tịch UBND {cấp huyện};",
    "Các đ/c PCT UBND {cấp huyện};",
    "Lưu: VT, VHHT.",
  ],
  signerTitles: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  signerName: "",
};

/** The labels of the template's fields, shown on the template page and in validation messages. */
export const DISPATCH_TEMPLATE_LABELS: { readonly [K in keyof DispatchTemplate]: string } = {
  authorityParent: "Cơ quan chủ quản (dòng 1 bên trái)",
  authorityName: "Cơ quan ban hành (dòng 2 bên trái, in đậm)",
  documentNumber: "Số văn bản (để trống nếu văn thư điền sau)",
  documentSymbol: "Ký hiệu văn bản",
  place: "Địa danh",
  subject: "Trích yếu (sau “V/v”)",
  addressees: "Kính gửi (mỗi dòng một nơi)",
  installSource: "Nguồn số liệu Bluezone",
  directive: "Đoạn căn cứ chỉ đạo",
  requests: "Các nội dung yêu cầu (mỗi dòng một mục, tự đánh số)",
  closing: "Đoạn kết",
  recipients: "Nơi nhận (mỗi dòng một nơi)",
  signerTitles: "Thẩm quyền, chức vụ người ký (mỗi dòng một dòng)",
  signerName: "Họ tên người ký (để trống để ký tay)",
};

// ── the district ───────────────────────────────────────────────────────────────────────────

/** What the template needs to know of a district: its name and GSO type, and the types of its wards. */
export type DispatchDistrict = {
  readonly name: string;
  readonly type: string | null;
  /** one entry per ward (commune, township) of the district, its GSO type or null when unknown */
  readonly wardTypes: readonly (string | null)[];
};

/** Type words a unit's name may start with, longest first ("Thị xã" before "Xã"). */
const TYPE_WORDS = ["Thành phố Trung ương", "Thành phố", "Thị trấn", "Thị xã", "Quận", "Huyện", "Phường", "Tỉnh", "Xã"];

/** "Quận Ba Đình" → { typeWord: "Quận", bare: "Ba Đình" }; the type word as written in the name. */
export function splitUnitName(name: string, type: string | null): { typeWord: string | null; bare: string } {
  const trimmed = name.trim();
  const candidates = [...(type ? [type.trim()] : []), ...TYPE_WORDS];
  for (const word of candidates) {
    if (word === "") continue;
    const head = trimmed.slice(0, word.length);
    if (head.toLocaleLowerCase("vi") === word.toLocaleLowerCase("vi") && /\s/u.test(trimmed.charAt(word.length))) {
      const bare = trimmed.slice(word.length).trim();
      if (bare !== "") return { typeWord: head, bare };
    }
  }
  return { typeWord: type?.trim() || null, bare: trimmed };
}

/** "QUẬN BA ĐÌNH", "HUYỆN BA VÌ", "THỊ XÃ SƠN TÂY": the issuing authority's second header line. */
export function derivedAuthorityName(d: Pick<DispatchDistrict, "name" | "type">): string {
  const { typeWord, bare } = splitUnitName(d.name, d.type);
  return (typeWord ? `${typeWord} ${bare}` : bare).toLocaleUpperCase("vi");
}

/**
 * The place of the date line: the district's name without its type ("Ba Đình"); a district named
 * by a number keeps its type ("Quận 1"), as Decree 30/2020/NĐ-CP asks.
 */
export function derivedPlace(d: Pick<DispatchDistrict, "name" | "type">): string {
  const { typeWord, bare } = splitUnitName(d.name, d.type);
  return typeWord && /^\d/u.test(bare) ? `${typeWord} ${bare}` : bare;
}

/** The district's own type in a sentence: "quận", "huyện", "thị xã", "thành phố". */
function districtWord(d: Pick<DispatchDistrict, "name" | "type">): string {
  const { typeWord } = splitUnitName(d.name, d.type);
  return typeWord ? typeWord.toLocaleLowerCase("vi") : "quận, huyện";
}

/** Its party committee: "Quận ủy", "Huyện ủy", "Thị ủy", "Thành ủy". */
function committeeWord(d: Pick<DispatchDistrict, "name" | "type">): string {
  const word = districtWord(d);
  const committees: Record<string, string> = { quận: "Quận ủy", huyện: "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy" };
  return committees[word] ?? "cấp ủy";
}

/**
 * The district's wards as a dispatch names them: "18 phường" (one type: the real count), "các xã,
 * thị trấn" (several types), "các xã, phường, thị trấn" (types unknown, or no ward known).
 */
export function wardsPhrase(d: Pick<DispatchDistrict, "wardTypes">): string {
  const noun = unitNoun(d.wardTypes, "WARD");
  const known = d.wardTypes.length > 0 && d.wardTypes.every((t) => t !== null && t.trim() !== "");
  const oneType = known && new Set(d.wardTypes.map((t) => (t ?? "").trim().toLocaleLowerCase("vi"))).size === 1;
  return oneType ? `${d.wardTypes.length} ${noun}` : `các ${noun}`;
}

/** The placeholders the wording may hold, what each stands for (shown on the template page). */
export const PLACEHOLDERS = {
  "cấp huyện": "loại đơn vị của quận, huyện: quận, huyện, thị xã, thành phố",
  "cấp xã": "các phường, xã, thị trấn của quận, huyện: “18 phường”, hoặc “các xã, thị trấn” khi có nhiều loại",
  "cấp ủy": "Quận ủy, Huyện ủy, Thị ủy, Thành ủy",
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/gu;

function placeholderKey(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/gu, " ").trim().toLocaleLowerCase("vi");
}

/** The placeholders of a text that are not known ("{cap xa}"), as written. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[0]).filter((m) => !(placeholderKey(m.slice(1, -1)) in PLACEHOLDERS));
}

/** What each placeholder stands for in one district. */
export function placeholderValues(d: DispatchDistrict): { readonly [P in Placeholder]: string } {
  return { "cấp huyện": districtWord(d), "cấp xã": wardsPhrase(d), "cấp ủy": committeeWord(d) };
}

/** Fills the placeholders of a text; one written with a capital ("{Cấp huyện}") gives a capital ("Quận"). */
export function fillPlaceholders(text: string, values: { readonly [P in Placeholder]: string }): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, raw: string) => {
    const key = placeholderKey(raw);
    if (!(key in values)) return whole;
    const value = values[key as Placeholder];
    const first = raw.trim().charAt(0);
    return first !== "" && first !== first.toLocaleLowerCase("vi") ? value.charAt(0).toLocaleUpperCase("vi") + value.slice(1) : value;
  });
}

/** The override without its empty fields (an empty field inherits). */
export function ownFields(override: DispatchTemplateOverride | null): DispatchTemplateOverride {
  if (!override) return {};
  const out: Record<string, unknown> = {};
  for (const key of TEMPLATE_FIELDS) {
    const v = override[key];
    if (typeof v === "string" ? v.trim() !== "" : Array.isArray(v) && v.length > 0) out[key] = v;
  }
  return out as DispatchTemplateOverride;
}

/**
 * One district's template: its own fields over the city's default, the authority and the place
 * derived from the unit when not set, the number blank unless the district set it, placeholders
 * filled with the district's words.
 */
export function resolveDispatchTemplate(
  wording: DispatchWording,
  override: DispatchTemplateOverride | null,
  district: DispatchDistrict,
): DispatchTemplate {
  const own = ownFields(override);
  const values = placeholderValues(district);
  const fill = (s: string) => fillPlaceholders(s, values);
  const fillAll = (xs: readonly string[]) => xs.map(fill);
  const w: DispatchWording = { ...wording, ...own };
  return {
    authorityParent: fill(w.authorityParent),
    authorityName: fill(own.authorityName ?? derivedAuthorityName(district)),
    documentNumber: own.documentNumber ?? "",
    documentSymbol: w.documentSymbol,
    place: fill(own.place ?? derivedPlace(district)),
    subject: fill(w.subject),
    addressees: fillAll(w.addressees),
    installSource: fill(w.installSource),
    directive: fill(w.directive),
    requests: fillAll(w.requests),
    closing: fill(w.closing),
    recipients: fillAll(w.recipients),
    signerTitles: fillAll(w.signerTitles),
    signerName: fill(w.signerName),
  };
}
