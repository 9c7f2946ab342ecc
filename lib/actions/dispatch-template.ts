"use server";

import { ForbiddenError } from "../errors.ts";
import { setDistrictDispatchTemplate } from "../data/dispatch-template.ts";
import { setCityDispatchTemplate } from "../data/settings.ts";
import type { DispatchWording, TemplateField } from "../domain/dispatch-template.ts";
import { canExportDistrictDocuments } from "../permissions.ts";
import { DispatchWordingSchema, DistrictDispatchTemplateInputSchema } from "../schemas/dispatch.ts";
import type { ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// Saves the draft dispatch's templates. authedAction checks the origin, the session, the role and
// the input; a district's template is checked here against the district too, and the data layer
// checks the right again and writes the audit entry.

const saveCity = authedAction(
  { schema: DispatchWordingSchema, roles: ["ADMIN"], revalidate: false },
  async ({ user, input }): Promise<ActionResult<{ changed: (keyof DispatchWording)[] }>> => ({
    ok: true,
    data: await setCityDispatchTemplate(user, input),
  }),
);

/** The city's default wording (admins). */
export async function updateDispatchTemplateAction(raw: unknown): Promise<ActionResult<{ changed: (keyof DispatchWording)[] }>> {
  return saveCity(raw);
}

const saveDistrict = authedAction(
  { schema: DistrictDispatchTemplateInputSchema, roles: ["ADMIN", "DISTRICT_OFFICIAL"], revalidate: false },
  async ({ user, input }): Promise<ActionResult<{ changed: TemplateField[] }>> => {
    const { district, ...fields } = input;
    if (!canExportDistrictDocuments(user, district)) throw new ForbiddenError("Bạn không có quyền sửa mẫu công văn của quận/huyện này.");
    return { ok: true, data: await setDistrictDispatchTemplate(user, district, fields) };
  },
);

/** A district's own template (admins, the district's officials); empty fields inherit the city's. */
export async function updateDistrictDispatchTemplateAction(raw: unknown): Promise<ActionResult<{ changed: TemplateField[] }>> {
  return saveDistrict(raw);
}
