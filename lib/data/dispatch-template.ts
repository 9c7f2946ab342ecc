import "server-only";
import { getPrisma } from "../db.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import {
  derivedAuthorityName,
  derivedPlace,
  ownFields,
  placeholderValues,
  resolveDispatchTemplate,
  TEMPLATE_FIELDS,
  type DispatchDistrict,
  type DispatchTemplate,
  type DispatchTemplateOverride,
  type DispatchWording,
  type Placeholder,
  type TemplateField,
} from "../domain/dispatch-template.ts";
import { canChangeSettings, canExportDistrictDocuments, type SessionUser } from "../permissions.ts";
import { DispatchOverrideSchema } from "../schemas/dispatch.ts";
import { changedFields, writeAudit } from "../figures/audit-log.ts";
import { getCityDispatchTemplate } from "../figures/settings.ts";

// The draft dispatch's fixed wording, per district (lib/domain/dispatch-template.ts):
// - the city's default, one JSON value in the `setting` table (key "dispatch.template", read by
//   lib/figures/settings.ts), edited by admins (lib/data/settings.ts);
// - a district's own template, one row of `district_dispatch_template` holding only the fields the
//   district sets, edited by the district's officials and admins (the same rule as issuing the
//   district's documents: canExportDistrictDocuments);
// - what comes from the unit table: the authority, the place, the wards named in the addressees.
// Both stored values are checked with zod on every read: a missing or malformed value gives the
// code's default (or no override), so a bad edit in the database never breaks the download. Every
// save is audited ("setting.update": the city's under entity "setting", a district's under entity
// "dispatch_template" with the district as its unit, so its officials see it in their audit log).

export const DISTRICT_TEMPLATE_ENTITY = "dispatch_template";

async function readOverride(prisma: Pick<PrismaClient, "districtDispatchTemplate">, districtCode: string): Promise<DispatchTemplateOverride> {
  const row = await prisma.districtDispatchTemplate.findUnique({ where: { unitCode: districtCode }, select: { fields: true } });
  if (!row) return {};
  const parsed = DispatchOverrideSchema.safeParse(row.fields);
  return parsed.success ? ownFields(parsed.data) : {};
}

/** The district's name, type and its wards' types; NotFoundError when the code is not a district. */
async function readDistrict(prisma: Pick<PrismaClient, "unit">, districtCode: string): Promise<DispatchDistrict & { code: string }> {
  const unit = await prisma.unit.findUnique({
    where: { code: districtCode },
    select: { code: true, name: true, type: true, level: true, children: { select: { type: true }, orderBy: { code: "asc" } } },
  });
  if (!unit || unit.level !== "DISTRICT") throw new NotFoundError(`Không có quận/huyện mã ${districtCode}.`);
  return { code: unit.code, name: unit.name, type: unit.type, wardTypes: unit.children.map((c) => c.type) };
}

function allFields(o: DispatchTemplateOverride): Record<TemplateField, unknown> {
  return Object.fromEntries(TEMPLATE_FIELDS.map((k) => [k, o[k] ?? null])) as Record<TemplateField, unknown>;
}

function requireDistrictRight(user: SessionUser, districtCode: string): void {
  if (!canExportDistrictDocuments(user, districtCode)) throw new ForbiddenError("Bạn không có quyền với mẫu công văn của quận/huyện này.");
}

/**
 * The template a district's draft dispatch is written with: its own fields over the city's
 * default, the authority, place and wards from the unit table. Admins and the district's officials.
 */
export async function getDistrictDispatchTemplate(user: SessionUser, districtCode: string): Promise<DispatchTemplate> {
  requireDistrictRight(user, districtCode);
  const prisma = await getPrisma();
  const [district, wording, override] = await Promise.all([
    readDistrict(prisma, districtCode),
    getCityDispatchTemplate(prisma),
    readOverride(prisma, districtCode),
  ]);
  return resolveDispatchTemplate(wording, override, district);
}

/**
 * Stores a district's own template (admins, the district's officials): the fields given replace
 * its own, an empty field inherits again, and a template with no field left is removed. Audited
 * with the district as its unit, in one transaction.
 */
export async function setDistrictDispatchTemplate(
  user: SessionUser,
  districtCode: string,
  override: DispatchTemplateOverride,
): Promise<{ changed: TemplateField[] }> {
  requireDistrictRight(user, districtCode);
  const prisma = await getPrisma();
  await readDistrict(prisma, districtCode);
  const after = ownFields(override);
  return prisma.$transaction(async (tx) => {
    const before = await readOverride(tx, districtCode);
    // Inherited fields are recorded as null.
    const diff = changedFields<TemplateField>(allFields(before), allFields(after), TEMPLATE_FIELDS);
    if (diff.fields.length === 0) return { changed: [] };
    const fields = Object.fromEntries(TEMPLATE_FIELDS.flatMap((k) => (after[k] === undefined ? [] : [[k, after[k]]]))) as Prisma.InputJsonObject;
    if (Object.keys(fields).length === 0) {
      await tx.districtDispatchTemplate.deleteMany({ where: { unitCode: districtCode } });
    } else {
      await tx.districtDispatchTemplate.upsert({
        where: { unitCode: districtCode },
        create: { unitCode: districtCode, fields },
        update: { fields },
        select: { unitCode: true },
      });
    }
    await writeAudit(tx, {
      userId: user.id,
      action: "setting.update",
      entity: DISTRICT_TEMPLATE_ENTITY,
      entityKey: districtCode,
      unitCode: districtCode,
      before: diff.before,
      after: diff.after,
    });
    return { changed: diff.fields };
  });
}

export type DistrictTemplateView = {
  code: string;
  name: string;
  /** the fields the district sets itself */
  own: DispatchTemplateOverride;
  /** what its draft is written with */
  resolved: DispatchTemplate;
  /** what each placeholder stands for in this district */
  placeholders: { readonly [P in Placeholder]: string };
  /** what the unit gives when the district sets nothing */
  derived: { authorityName: string; place: string };
};

export type DispatchTemplatePage = {
  /** the city's default wording, and whether the user may edit it (admins) */
  city: DispatchWording;
  canEditCity: boolean;
  /** the districts the user may choose (admins: all; an official: the own) */
  districts: { code: string; name: string }[];
  /** the districts with a template of their own, among those */
  withOwnTemplate: { code: string; name: string; fields: TemplateField[] }[];
  /** the chosen district, with its template */
  district: DistrictTemplateView | null;
};

/**
 * The template page: the city's default, the districts the user may choose, and one district's
 * template (`district`, default the official's own, or for an admin the first with a template of
 * its own, else the first district). Admins and district officials; an official asking for
 * another district is refused (ForbiddenError) before anything is read.
 */
export async function getDispatchTemplatePage(
  user: SessionUser,
  params: { district?: string },
): Promise<DispatchTemplatePage> {
  const prisma = await getPrisma();
  const isAdmin = canChangeSettings(user);
  if (!isAdmin && user.role !== "DISTRICT_OFFICIAL") throw new ForbiddenError();
  if (!isAdmin && user.unitCode === null) throw new ForbiddenError("Tài khoản chưa gắn với quận/huyện nào.");
  if (params.district !== undefined) requireDistrictRight(user, params.district);
  const districts = isAdmin
    ? await prisma.unit.findMany({ where: { level: "DISTRICT" }, select: { code: true, name: true }, orderBy: { code: "asc" } })
    : await prisma.unit.findMany({ where: { level: "DISTRICT", code: user.unitCode ?? "" }, select: { code: true, name: true } });
  const rows = await prisma.districtDispatchTemplate.findMany({
    where: isAdmin ? {} : { unitCode: user.unitCode ?? "" },
    select: { unitCode: true, fields: true, unit: { select: { name: true } } },
    orderBy: { unitCode: "asc" },
  });
  const withOwnTemplate = rows.flatMap((r) => {
    const parsed = DispatchOverrideSchema.safeParse(r.fields);
    const fields = parsed.success ? TEMPLATE_FIELDS.filter((k) => ownFields(parsed.data)[k] !== undefined) : [];
    return fields.length > 0 ? [{ code: r.unitCode, name: r.unit.name, fields }] : [];
  });
  const chosen = params.district ?? (isAdmin ? (withOwnTemplate[0]?.code ?? districts[0]?.code) : (user.unitCode ?? undefined));
  const city = await getCityDispatchTemplate(prisma);
  let district: DistrictTemplateView | null = null;
  if (chosen !== undefined) {
    const [unit, own] = await Promise.all([readDistrict(prisma, chosen), readOverride(prisma, chosen)]);
    district = {
      code: unit.code,
      name: unit.name,
      own,
      resolved: resolveDispatchTemplate(city, own, unit),
      placeholders: placeholderValues(unit),
      derived: { authorityName: derivedAuthorityName(unit), place: derivedPlace(unit) },
    };
  }
  return { city, canEditCity: isAdmin, districts, withOwnTemplate, district };
}
