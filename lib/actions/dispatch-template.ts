"use server";

import { setDispatchTemplate } from "../data/dispatch-template.ts";
import type { DispatchTemplate } from "../domain/dispatch-template.ts";
import { DispatchTemplateSchema } from "../schemas/dispatch.ts";
import type { ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// Saves the draft dispatch's template (admins). authedAction checks the origin, the session, the
// role and the input; the data layer checks the right again and writes the audit entry.

const save = authedAction(
  { schema: DispatchTemplateSchema, roles: ["ADMIN"], revalidate: false },
  async ({ user, input, prisma }): Promise<ActionResult<{ changed: (keyof DispatchTemplate)[] }>> => ({
    ok: true,
    data: await setDispatchTemplate(prisma, user, input),
  }),
);

export async function updateDispatchTemplateAction(raw: unknown): Promise<ActionResult<{ changed: (keyof DispatchTemplate)[] }>> {
  return save(raw);
}
