"use server";

import { createPolicyPhase, deletePolicyPhase, PolicyPhaseConflictError } from "../data/policy-phases.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { CreatePolicyPhaseSchema, DeletePolicyPhaseSchema } from "../schemas/policy-phases.ts";
import { failure, type ActionResult } from "./result.ts";

// Recording and removing policy phases (admins). The request family checks origin, session, role
// and input; the data layer checks the user again, the unit, and audits the change.

const admins = session().role("ADMIN");

export const createPolicyPhaseAction = action(
  admins.input(CreatePolicyPhaseSchema),
  async ({ user, input }): Promise<ActionResult<{ id: number }>> => {
    try {
      return { ok: true, data: await createPolicyPhase(user, input) };
    } catch (err) {
      if (err instanceof PolicyPhaseConflictError) return failure(409, err.message, { name: [err.message] });
      throw err;
    }
  },
);

export const deletePolicyPhaseAction = action(
  admins.input(DeletePolicyPhaseSchema),
  async ({ user, input }): Promise<ActionResult<{ deleted: true }>> => ({ ok: true, data: await deletePolicyPhase(user, input) }),
);
