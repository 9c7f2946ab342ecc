import "server-only";
import { NextResponse } from "next/server";
import type { Guard, RouteSource } from "./guard.ts";
import { issuesOf, refusalOf, type Refusal, type Wording } from "./refusal.ts";
import { localizeRefusal } from "./refusal-text.ts";
import { requestLocale, type Locale } from "../../i18n/locales.ts";
import { localizeValidation } from "../schemas/validation.ts";

// The JSON route handler transport: runs the guard on the request and Next's route context, then
// the handler; every refusal and error becomes `{ error, issues? }` with its status, never cached,
// with Retry-After on a 503. A refusal is in the reader's language (the ww_locale cookie, through
// refusal-text.ts), Vietnamese for a request without the cookie (machines; docs/i18n.md).

export const ROUTE_WORDING: Wording = {
  tag: "route",
  noSession: "Bạn cần đăng nhập.",
  role: "Bạn không có quyền làm việc này.",
  invalid: (error) => ({ status: 400, message: "Dữ liệu không hợp lệ.", issues: issuesOf(error) }),
  failed: "Đã có lỗi trên máy chủ. Vui lòng thử lại sau.",
};

/** A route handler as Next.js calls it (tests may leave the context out). */
export type RouteHandler<P, Req extends Request = Request> = (request: Req, context?: { params: Promise<P> }) => Promise<Response>;

export function jsonError(status: number, message: string, extra: Record<string, unknown> = {}): NextResponse {
  return NextResponse.json({ error: message, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

export function refusalResponse(refusal: Refusal): NextResponse {
  const response = jsonError(refusal.status, refusal.message, refusal.issues ? { issues: refusal.issues } : {});
  if (refusal.retryAfterSeconds !== undefined) response.headers.set("Retry-After", String(refusal.retryAfterSeconds));
  return response;
}

/** Any error a route handler ended with, answered as JSON (500 without internals for the unexpected). */
export function errorResponse(err: unknown, wording: Wording = ROUTE_WORDING): NextResponse {
  return refusalResponse(refusalOf(err, wording));
}

export type RouteContext<P, Req extends Request, C> = C & RouteSource<P, Req>;

/** A JSON route handler: the guard, then `run` with its context; errors answered as JSON. */
export function route<C>(guard: Guard<undefined, C>, run: (ctx: C) => Promise<Response>): (request?: Request) => Promise<Response>;
export function route<C, P = Record<string, string | string[]>, Req extends Request = Request>(
  guard: Guard<RouteSource<P, Req>, C>,
  run: (ctx: RouteContext<P, Req, C>) => Promise<Response>,
): RouteHandler<P, Req>;
// One body for both: the overloads above carry the types.
export function route(
  guard: Guard<never, object>,
  run: (ctx: never) => Promise<Response>,
): (request?: Request, context?: { params: Promise<unknown> }) => Promise<Response> {
  return async (request, context) => {
    try {
      // A guard that reads nothing from the request (the API's index) is given none.
      const src = request ? { request, context } : undefined;
      const ctx = await guard.resolve(src as never);
      return await run((src ? { ...ctx, ...src } : ctx) as never);
    } catch (err) {
      // The refusal in the reader's language (cookie ww_locale); Vietnamese without it (machines).
      return refusalResponse(refusalIn(refusalOf(err, ROUTE_WORDING), request ? requestLocale(request) : "vi"));
    }
  };
}

/**
 * A refusal in `locale`: its message from the refusals' catalog, or the validation catalogs when
 * it is a schema's message (a download's 400 says its first issue), and each issue's message.
 */
export function refusalIn(refusal: Refusal, locale: Locale): Refusal {
  if (locale === "vi") return refusal;
  const refused = localizeRefusal(refusal.message, locale);
  const message = refused !== refusal.message ? refused : localizeValidation(refusal.message, locale);
  const issues = refusal.issues?.map((i) => ({ ...i, message: localizeValidation(i.message, locale) }));
  return issues === undefined ? { ...refusal, message } : { ...refusal, message, issues };
}

/** jsonError in the reader's language (a handler's own refusal shown by a page). */
export function localJsonError(request: Request, status: number, message: string, extra: Record<string, unknown> = {}): NextResponse {
  return jsonError(status, localizeRefusal(message, requestLocale(request)), extra);
}
