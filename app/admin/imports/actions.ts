"use server";

import { rollbackImportForUser } from "@/lib/data/imports";
import { failure, type ActionResult } from "@/lib/actions/result";
import { action } from "@/lib/requests/action";
import { session } from "@/lib/requests/guard";
import { RollbackInputSchema } from "@/lib/schemas/imports";

// Server actions of the imports page. Public endpoints: the request family (lib/requests) checks
// the origin, the session, the role and the input; the data layer checks canImport again.

export type RollbackActionData = { message: string; details: string[] };

export const rollbackImportAction = action(
  session().role("ADMIN").input(RollbackInputSchema),
  async ({ user, input }): Promise<ActionResult<RollbackActionData>> => {
    const result = await rollbackImportForUser(user, input.id, input.reason);
    if (result.ok) return { ok: true, data: { message: result.message, details: result.details } };
    const status = result.reason === "not-found" ? 404 : result.reason === "busy" ? 423 : result.reason === "conflict" ? 422 : 409;
    const extra = result.conflicts?.slice(0, 3).map((c) => c.reason).join(" ") ?? "";
    return failure(status, extra ? `${result.message} ${extra}` : result.message);
  },
);
