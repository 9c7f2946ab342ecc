"use server";

import { setUnitTargets } from "../data/targets.ts";
import { UnitTargetsInputSchema } from "../schemas/targets.ts";
import type { ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// Setting a unit's targets (admins). authedAction checks origin, session, role and input; the data
// layer checks the user again and that the unit exists.

const update = authedAction(
  { schema: UnitTargetsInputSchema, roles: ["ADMIN"] },
  async ({ user, input }): Promise<ActionResult<{ changed: string[] }>> => ({
    ok: true,
    data: await setUnitTargets(user, input),
  }),
);

export async function updateUnitTargetsAction(raw: unknown): Promise<ActionResult<{ changed: string[] }>> {
  return update(raw);
}
