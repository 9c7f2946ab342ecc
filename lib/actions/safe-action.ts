import "server-only";
import type { z } from "zod";
import type { Role, SessionUser } from "../permissions.ts";
import { action } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import type { ActionFailure } from "./result.ts";

// The older spelling of a server action, kept for one merge window: `authedAction(options, run)`
// is `action(session().role(...roles).input(schema), run, { revalidate })` of the request family
// (lib/requests/): same origin → session (401) → role (403) → input (400) → `run`. New code uses
// the family directly.

type Context<S extends z.ZodType> = { user: SessionUser; input: z.output<S> };

export function authedAction<S extends z.ZodType, R extends { ok: boolean }>(
  options: { schema: S | ((now: Date) => S); roles?: readonly Role[]; revalidate?: boolean },
  run: (ctx: Context<S>) => Promise<R>,
): (raw: unknown) => Promise<R | ActionFailure> {
  const signedIn = session();
  const guard = (options.roles ? signedIn.role(...options.roles) : signedIn).input(options.schema);
  return action(guard, run, { revalidate: options.revalidate });
}
