import "server-only";
import type { z } from "zod";
import type { Role, SessionUser } from "../permissions.ts";
import { session, type RouteSource } from "../requests/guard.ts";
import { route } from "../requests/route.ts";

// The older spelling of a JSON route handler, kept for one merge window: `withAuth(options,
// handler)` is `route(session().role(...).input(schema, read), handler)` of the request family
// (lib/requests/). New code uses the family directly.

export { errorResponse, jsonError } from "../requests/route.ts";

type Handler<S extends z.ZodType> = (ctx: { user: SessionUser; input: z.output<S>; request: Request }) => Promise<Response>;

/** The session (401), the role (403), the input parsed from `read(request)` with `schema` (400), then `handler`. */
export function withAuth<S extends z.ZodType>(
  options: { roles?: readonly Role[]; schema: S; read: (request: Request) => unknown | Promise<unknown> },
  handler: Handler<S>,
): (request: Request) => Promise<Response> {
  const signedIn = session<RouteSource>();
  const guard = (options.roles ? signedIn.role(...options.roles) : signedIn).input(options.schema, { read: ({ request }: RouteSource) => options.read(request) });
  return route(guard, ({ user, input, request }) => handler({ user, input, request }));
}
