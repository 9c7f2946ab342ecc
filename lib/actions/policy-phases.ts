"use server";

import { createPolicyPhase, deletePolicyPhase, PolicyPhaseConflictError } from "../data/policy-phases.ts";
import { CreatePolicyPhaseSchema, DeletePolicyPhaseSchema } from "../schemas/policy-phases.ts";
import { failure, type ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// Recording and removing policy phases (admins). authedAction checks origin, session, role and
// input; the data layer checks the user again, the unit, and audits the change.

const create = authedAction({ schema: CreatePolicyPhaseSchema, roles: ["ADMIN"] }, async ({ user, input }): Promise<ActionResult<{ id: number }>> => {
  try {
    return { ok: true, data: await createPolicyPhase(user, input) };
  } catch (err) {
    if (err instanceof PolicyPhaseConflictError) return failure(409, err.message, { name: [err.message] });
    throw err;
  }
});

const remove = authedAction(
  { schema: DeletePolicyPhaseSchema, roles: ["ADMIN"] },
  async ({ user, input }): Promise<ActionResult<{ deleted: true }>> => ({ ok: true, data: await deletePolicyPhase(user, input) }),
);

export async function createPolicyPhaseAction(raw: unknown): Promise<ActionResult<{ id: number }>> {
  return create(raw);
}

export async function deletePolicyPhaseAction(raw: unknown): Promise<ActionResult<{ deleted: true }>> {
  return remove(raw);
}
