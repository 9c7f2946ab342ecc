"use server";

import { setDistrictDispatchTemplate } from "../data/dispatch-template.ts";
import { setCityDispatchTemplate } from "../data/settings.ts";
import type { DispatchWording, TemplateField } from "../domain/dispatch-template.ts";
import { canExportDistrictDocuments } from "../permissions.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { DispatchWordingSchema, DistrictDispatchTemplateInputSchema } from "../schemas/dispatch.ts";
import type { ActionResult } from "./result.ts";

// Saves the draft dispatch's templates (lib/requests: origin, session, role, input, and for a
// district's template the district itself); the data layer checks the right again and writes the
// audit entry.

/** The city's default wording (admins). */
export const updateDispatchTemplateAction = action(
  session().role("ADMIN").input(DispatchWordingSchema),
  async ({ user, input }): Promise<ActionResult<{ changed: (keyof DispatchWording)[] }>> => ({
    ok: true,
    data: await setCityDispatchTemplate(user, input),
  }),
  { revalidate: false },
);

/** A district's own template (admins, the district's officials); empty fields inherit the city's. */
export const updateDistrictDispatchTemplateAction = action(
  session()
    .role("ADMIN", "DISTRICT_OFFICIAL")
    .input(DistrictDispatchTemplateInputSchema)
    .unitScope(({ input }) => input.district, canExportDistrictDocuments, "Bạn không có quyền sửa mẫu công văn của quận/huyện này."),
  async ({ user, input }): Promise<ActionResult<{ changed: TemplateField[] }>> => {
    const { district, ...fields } = input;
    return { ok: true, data: await setDistrictDispatchTemplate(user, district, fields) };
  },
  { revalidate: false },
);
