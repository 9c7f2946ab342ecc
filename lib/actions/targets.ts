"use server";

import { setUnitTargets } from "../data/targets.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { UnitTargetsInputSchema } from "../schemas/targets.ts";
import type { ActionResult } from "./result.ts";

// Setting a unit's targets (admins); the data layer checks the user again and that the unit exists.

export const updateUnitTargetsAction = action(
  session().role("ADMIN").input(UnitTargetsInputSchema),
  async ({ user, input }): Promise<ActionResult<{ changed: string[] }>> => ({ ok: true, data: await setUnitTargets(user, input) }),
);
