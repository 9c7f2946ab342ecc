"use server";

import { rollbackImportForUser } from "@/lib/data/imports";
import { failure, type ActionResult } from "@/lib/actions/result";
import { authedAction } from "@/lib/actions/safe-action";
import { RollbackInputSchema } from "@/lib/schemas/imports";

// Server actions of the imports page. Public endpoints: authedAction checks the origin, the
// session, the role and the input; the data layer checks canImport again.

export type RollbackActionData = { message: string; details: string[] };

const rollback = authedAction(
  { schema: RollbackInputSchema, roles: ["ADMIN"] },
  async ({ user, input }): Promise<ActionResult<RollbackActionData>> => {
    const result = await rollbackImportForUser(user, input.id, input.reason);
    if (result.ok) return { ok: true, data: { message: result.message, details: result.details } };
    const status = result.reason === "not-found" ? 404 : result.reason === "busy" ? 423 : result.reason === "conflict" ? 422 : 409;
    const extra = result.conflicts?.slice(0, 3).map((c) => c.reason).join(" ") ?? "";
    return failure(status, extra ? `${result.message} ${extra}` : result.message);
  },
);

export async function rollbackImportAction(raw: unknown): Promise<ActionResult<RollbackActionData>> {
  return rollback(raw);
}
