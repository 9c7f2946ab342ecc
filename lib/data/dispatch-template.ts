import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { ForbiddenError } from "../auth/errors.ts";
import { DEFAULT_DISPATCH_TEMPLATE, type DispatchTemplate } from "../domain/dispatch-template.ts";
import { canChangeSettings, type SessionUser } from "../permissions.ts";
import { DispatchTemplateSchema } from "../schemas/dispatch.ts";
import { writeAudit } from "./audit.ts";

// The draft dispatch's fixed wording, stored as one JSON value in the `setting` table (key
// "dispatch.template") and checked with zod on every read: a missing or malformed value gives the
// default (the wording of dispatch 1178/UBND-VHTT), so a bad edit in the database never breaks the
// download. One key for the whole template because the fields are edited and read together.

export const DISPATCH_TEMPLATE_KEY = "dispatch.template";

export async function getDispatchTemplate(prisma: Pick<PrismaClient, "setting">): Promise<DispatchTemplate> {
  const row = await prisma.setting.findUnique({ where: { key: DISPATCH_TEMPLATE_KEY }, select: { value: true } });
  if (!row) return DEFAULT_DISPATCH_TEMPLATE;
  const parsed = DispatchTemplateSchema.safeParse(row.value);
  return parsed.success ? parsed.data : DEFAULT_DISPATCH_TEMPLATE;
}

/** The names of the fields whose value differs. */
function changedFields(before: DispatchTemplate, after: DispatchTemplate): (keyof DispatchTemplate)[] {
  const keys = Object.keys(DEFAULT_DISPATCH_TEMPLATE) as (keyof DispatchTemplate)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * Stores a new template (admins only) and records the changed fields, before and after, in the
 * audit log (action "setting.update", as every setting), in one transaction.
 */
export async function setDispatchTemplate(
  prisma: PrismaClient,
  user: SessionUser,
  template: DispatchTemplate,
): Promise<{ changed: (keyof DispatchTemplate)[] }> {
  if (!canChangeSettings(user)) throw new ForbiddenError("Chỉ quản trị viên được sửa mẫu công văn.");
  const before = await getDispatchTemplate(prisma);
  const changed = changedFields(before, template);
  if (changed.length === 0) return { changed };
  const value = { ...template, addressees: [...template.addressees], requests: [...template.requests], recipients: [...template.recipients], signerTitles: [...template.signerTitles] };
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: DISPATCH_TEMPLATE_KEY },
      create: { key: DISPATCH_TEMPLATE_KEY, value },
      update: { value },
      select: { key: true },
    });
    await writeAudit(tx, {
      userId: user.id,
      action: "setting.update",
      entity: "setting",
      entityKey: DISPATCH_TEMPLATE_KEY,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, template[k]])),
    });
  });
  return { changed };
}

/** The districts an admin can make a dispatch for (the template page's download form). */
export async function listDispatchDistricts(prisma: Pick<PrismaClient, "unit">, user: SessionUser): Promise<{ code: string; name: string }[]> {
  if (!canChangeSettings(user)) throw new ForbiddenError();
  return prisma.unit.findMany({ where: { level: "DISTRICT" }, select: { code: true, name: true }, orderBy: { code: "asc" } });
}
