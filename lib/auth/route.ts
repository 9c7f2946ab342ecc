import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Role, SessionUser } from "../permissions.ts";
import { AuthenticationError, ForbiddenError, NotFoundError, OverloadedError } from "../errors.ts";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../db/unavailable.ts";
import { getSessionUser } from "./session.ts";

// Route handlers share one parse-and-auth helper and one set of JSON answers: 401 without a
// session, 403 for a role or a unit the user may not touch (the data layer throws ForbiddenError),
// 404, 400 with the schema's messages, 500 with no internals.

export function jsonError(status: number, message: string, extra: Record<string, unknown> = {}): NextResponse {
  return NextResponse.json({ error: message, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(err: unknown): NextResponse {
  if (err instanceof AuthenticationError || err instanceof ForbiddenError || err instanceof NotFoundError) {
    return jsonError(err.status, err.message);
  }
  if (err instanceof OverloadedError) {
    const response = jsonError(503, err.message);
    response.headers.set("Retry-After", String(err.retryAfterSeconds));
    return response;
  }
  if (isDatabaseUnavailable(err)) {
    console.error("[route] database unavailable:", err instanceof Error ? err.message : err);
    const response = jsonError(503, DATABASE_UNAVAILABLE_MESSAGE);
    response.headers.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    return response;
  }
  console.error("[route]", err);
  return jsonError(500, "Đã có lỗi trên máy chủ. Vui lòng thử lại sau.");
}

type Handler<S extends z.ZodType> = (ctx: { user: SessionUser; input: z.output<S>; request: Request }) => Promise<Response>;

/**
 * Wraps a route handler: the session (401), the role (403), the input parsed from `read(request)`
 * with `schema` (400), then `handler`; errors become JSON answers.
 */
export function withAuth<S extends z.ZodType>(
  options: { roles?: readonly Role[]; schema: S; read: (request: Request) => unknown | Promise<unknown> },
  handler: Handler<S>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const user = await getSessionUser();
      if (!user) return jsonError(401, "Bạn cần đăng nhập.");
      if (options.roles && !options.roles.includes(user.role)) return jsonError(403, "Bạn không có quyền làm việc này.");
      const parsed = options.schema.safeParse(await options.read(request));
      if (!parsed.success) {
        return jsonError(400, "Dữ liệu không hợp lệ.", { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
      }
      return await handler({ user, input: parsed.data, request });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
