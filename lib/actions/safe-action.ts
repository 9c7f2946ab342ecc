import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { AuthenticationError, ForbiddenError, NotFoundError, OverloadedError } from "../errors.ts";
import { isSameOriginRequest } from "../auth/origin.ts";
import { getSessionUser } from "../auth/session.ts";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../db/unavailable.ts";
import type { Role, SessionUser } from "../permissions.ts";
import { fieldErrorsOf } from "../schemas/field-errors.ts";
import { failure, type ActionFailure } from "./result.ts";

// Every server action is a public POST endpoint: anyone can call it with any body, whatever the
// page that shows the button checks. `authedAction` makes the checked path the only path:
// same-origin request (Next.js checks it too; this is defence in depth) → signed-in user (401) →
// role (403) → input parsed with the action's zod schema (400) → the data layer, which checks the
// user's rights on the very unit or record concerned and throws ForbiddenError (403).

type Context<S extends z.ZodType> = { user: SessionUser; input: z.output<S> };

export function authedAction<S extends z.ZodType, R extends { ok: boolean }>(
  options: { schema: S | ((now: Date) => S); roles?: readonly Role[]; revalidate?: boolean },
  run: (ctx: Context<S>) => Promise<R>,
): (raw: unknown) => Promise<R | ActionFailure> {
  return async (raw) => {
    try {
      const h = await headers();
      if (!isSameOriginRequest({ origin: h.get("origin"), host: h.get("host"), forwardedHost: h.get("x-forwarded-host") })) {
        return failure(403, "Yêu cầu không đến từ trang WardWatch nên đã bị từ chối.");
      }
      const user = await getSessionUser();
      if (!user) return failure(401, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
      if (options.roles && !options.roles.includes(user.role)) return failure(403, "Bạn không có quyền làm việc này.");
      const schema = typeof options.schema === "function" ? options.schema(new Date()) : options.schema;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return failure(400, "Dữ liệu chưa hợp lệ, hãy xem các ô được đánh dấu.", fieldErrorsOf(parsed.error));
      }
      const result = await run({ user, input: parsed.data });
      if (result.ok && options.revalidate !== false) revalidatePath("/", "layout");
      return result;
    } catch (err) {
      if (err instanceof AuthenticationError) return failure(401, err.message);
      if (err instanceof ForbiddenError) return failure(403, err.message);
      if (err instanceof NotFoundError) return failure(404, err.message);
      if (err instanceof OverloadedError) return failure(503, err.message);
      if (isDatabaseUnavailable(err)) {
        console.error("[action] database unavailable:", err instanceof Error ? err.message : err);
        return failure(503, DATABASE_UNAVAILABLE_MESSAGE);
      }
      console.error("[action]", err);
      return failure(500, "Đã có lỗi trên máy chủ, chưa lưu được. Vui lòng thử lại sau ít phút.");
    }
  };
}
