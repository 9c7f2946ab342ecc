import { z } from "zod";
import { isIsoDay } from "../domain/days.ts";
import { V, VV } from "./validation.ts";

// The forms of /admin/units: rename, open, close, merge, split, and
// the import of a new code list. Shared by the forms and the server actions; the data layer
// (lib/data/unit-admin.ts) checks the units themselves (they exist, are valid that day, have no
// figures after the day they end).

/** A unit code as the code list writes it (lib/domain/unit-code-list.ts). */
export const UnitCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{1,12}$/, "Mã đơn vị gồm 1–12 chữ số hoặc chữ in hoa, ví dụ 00037");

const unitName = z
  .string()
  .trim()
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(2, "Hãy nhập tên đơn vị, ví dụ Phường Phúc Tân")
      .max(200, VV("unitNameMax", { max: 200 }))
      .refine((s) => !s.includes(","), "Tên không có dấu phẩy (danh mục mã là tệp CSV không có ngoặc kép)"),
  );

/** Empty means "no name given" (keep the current one, or take it from elsewhere). */
const optionalUnitName = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s === undefined || s === "" ? undefined : s))
  .pipe(unitName.optional());

/** The GSO type ("Phường", "Xã", "Thị trấn", "Quận", …); empty: keep it or take the sources'. */
const unitType = z
  .string()
  .trim()
  .max(40, VV("unitTypeMax", { max: 40 }))
  .refine((s) => !s.includes(","), "Loại đơn vị không có dấu phẩy")
  .optional()
  .transform((s) => (s === undefined || s === "" ? undefined : s.normalize("NFC")));

export const UNIT_TYPE_SUGGESTIONS = ["Phường", "Xã", "Thị trấn", "Đặc khu", "Quận", "Huyện", "Thị xã", "Thành phố", "Tỉnh", "Thành phố Trung ương"] as const;

const effectiveOn = z.string().trim().refine(isIsoDay, "Chọn ngày có hiệu lực (dd/mm/yyyy)");

const reason = z.string().trim().min(5, V.unitReasonMin).max(500, VV("reasonMax", { max: 500 }));

export const RenameUnitSchema = z.object({ code: UnitCodeSchema, name: unitName, type: unitType, effectiveOn, reason });
export type RenameUnitInput = z.output<typeof RenameUnitSchema>;

export const OpenUnitSchema = z.object({ code: UnitCodeSchema, name: unitName, type: unitType, parentCode: UnitCodeSchema, effectiveOn, reason });
export type OpenUnitInput = z.output<typeof OpenUnitSchema>;

export const CloseUnitSchema = z.object({ code: UnitCodeSchema, effectiveOn, reason });
export type CloseUnitInput = z.output<typeof CloseUnitSchema>;

const distinctCodes = (min: number, message: string) =>
  z
    .array(UnitCodeSchema)
    .min(min, message)
    .max(200, "Tối đa 200 đơn vị một lần")
    .refine((codes) => new Set(codes).size === codes.length, "Mỗi đơn vị chỉ chọn một lần");

/**
 * Units A, B, … merge into one on `effectiveOn`: `intoCode` is an existing unit (which continues,
 * renamed when `intoName` is given) or a new code (then `intoName` is required).
 */
export const MergeUnitsSchema = z
  .object({
    sourceCodes: distinctCodes(1, "Chọn ít nhất một đơn vị được sáp nhập"),
    intoCode: UnitCodeSchema,
    intoName: optionalUnitName,
    intoType: unitType,
    effectiveOn,
    reason,
  })
  .refine((v) => !v.sourceCodes.includes(v.intoCode), {
    path: ["intoCode"],
    message: "Đơn vị sau sáp nhập không nằm trong số các đơn vị được sáp nhập; nếu giữ mã của một đơn vị, đừng chọn đơn vị đó ở trên",
  });
export type MergeUnitsInput = z.output<typeof MergeUnitsSchema>;

const SplitPartSchema = z.object({ code: UnitCodeSchema, name: optionalUnitName, type: unitType });

/** A unit ends on `effectiveOn` − 1 and continues as `parts`: existing units or new codes (with a name). */
export const SplitUnitSchema = z
  .object({
    code: UnitCodeSchema,
    parts: z.array(SplitPartSchema).min(2, "Chia tách thành ít nhất hai đơn vị").max(50, "Tối đa 50 đơn vị"),
    effectiveOn,
    reason,
  })
  .refine((v) => new Set(v.parts.map((p) => p.code)).size === v.parts.length, { path: ["parts"], message: "Mỗi mã chỉ ghi một lần" })
  .refine((v) => !v.parts.some((p) => p.code === v.code), { path: ["parts"], message: "Đơn vị bị chia tách không nằm trong các đơn vị mới" });
export type SplitUnitInput = z.output<typeof SplitUnitSchema>;

// ---------------------------------------------------------------------------------------------
// A new code list (CSV in the format of prisma/data/vietnam-units-2021-07-01.csv)

/** The country's list (11.372 units) is about 435 KB; server actions take up to 1 MB. */
export const CODE_LIST_MAX_BYTES = 900 * 1024;

export const CODE_LIST_SCOPES = ["country", "provinces"] as const;

const CodeListFileField = z
  .custom<Blob>(
    (v) => typeof v === "object" && v !== null && typeof (v as Blob).arrayBuffer === "function" && typeof (v as Blob).size === "number",
    "Chọn tệp danh mục (CSV)",
  )
  .refine((f) => f.size > 0, "Tệp trống")
  .refine((f) => f.size <= CODE_LIST_MAX_BYTES, `Tệp lớn hơn ${CODE_LIST_MAX_BYTES / 1024} KB`);

export const CodeListPreviewSchema = z.object({
  file: CodeListFileField,
  effectiveOn,
  scope: z.enum(CODE_LIST_SCOPES, "Chọn phạm vi áp dụng"),
});
export type CodeListPreviewInput = z.output<typeof CodeListPreviewSchema>;

export const CodeListApplySchema = CodeListPreviewSchema.extend({
  /** what the admin saw in the preview (lib/data/unit-admin.ts): a different outcome is refused */
  planDigest: z.string().regex(/^[0-9a-f]{64}$/, "Hãy xem trước danh mục trước khi áp dụng"),
  reason,
});
export type CodeListApplyInput = z.output<typeof CodeListApplySchema>;

// ---------------------------------------------------------------------------------------------
// The page's URL: /admin/units?parent=CODE&unit=CODE&q=TEXT

const single = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .refine((v) => !Array.isArray(v), { message: V.singleValue })
  .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined));

export const UnitsPageParamsSchema = z.object({
  parent: single.refine((v) => v === undefined || /^[0-9A-Za-z]{1,12}$/.test(v), { message: "Mã đơn vị không hợp lệ" }),
  unit: single.refine((v) => v === undefined || /^[0-9A-Za-z]{1,12}$/.test(v), { message: "Mã đơn vị không hợp lệ" }),
  q: single.refine((v) => v === undefined || v.length <= 60, { message: VV("keywordMax", { max: 60 }) }),
});
export type UnitsPageParams = z.output<typeof UnitsPageParamsSchema>;

/** The audit_log actions of unit changes (entity "unit_change"), with their labels. */
export const UNIT_AUDIT_ACTIONS = ["unit.rename", "unit.open", "unit.close", "unit.merge", "unit.split", "unit.code_list"] as const;
export type UnitAuditAction = (typeof UNIT_AUDIT_ACTIONS)[number];

export const UNIT_AUDIT_ACTION_LABELS: { readonly [A in UnitAuditAction]: string } = {
  "unit.rename": "Đổi tên đơn vị",
  "unit.open": "Thành lập đơn vị",
  "unit.close": "Giải thể đơn vị",
  "unit.merge": "Sáp nhập đơn vị",
  "unit.split": "Chia tách đơn vị",
  "unit.code_list": "Áp dụng danh mục đơn vị",
};

/** Labels of the fields unit-change audit entries hold. */
export const UNIT_AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: "Tên",
  type: "Loại",
  parentCode: "Đơn vị cấp trên",
  validFrom: "Hiệu lực từ",
  validTo: "Hiệu lực đến hết",
  merged: "Các đơn vị sáp nhập",
  into: "Thành",
  splitInto: "Chia thành",
  added: "Thêm",
  renamed: "Đổi tên",
  retyped: "Đổi loại",
  moved: "Đổi cấp trên",
  closed: "Thôi hiệu lực",
};
