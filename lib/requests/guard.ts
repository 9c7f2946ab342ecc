import "server-only";
import type { z } from "zod";
import { isSameOriginRequest } from "../auth/origin.ts";
import { getPasswordChangeAccount, getSessionUser } from "../auth/session.ts";
import type { Role, SessionUser } from "../permissions.ts";
import { InvalidInput, NoSession, RequestRefused, RoleRefused, type Refusal } from "./refusal.ts";

// The checked path of every request, whatever brings it (a server action, a JSON route, a
// download): a guard is a chain of steps that each add to the context or refuse the request.
// It starts from `session()` (the signed-in user, resolved once: 401 without one) or `anyone()`
// (public: the setup link, the health check, next-auth's own endpoints), then composes
//   .role(...)        403 for any other role
//   .input(schema)    the input parsed with zod (400 with field errors and the Vietnamese reasons)
//   .unitScope(...)   a ward, district or city code of the input checked with lib/permissions.ts (403)
//   .check(...) / .step(...)   anything else that may refuse (throw) or add to the context
// The transports (lib/requests/action.ts, route.ts, download.ts) run it and answer its refusals
// in their own shape. The data layer checks the user again on the very record concerned.

/** Where a route handler's input comes from: the request and Next's route context. */
export type RouteSource<P = Record<string, string | string[]>, Req extends Request = Request> = {
  readonly request: Req;
  readonly context?: { params: Promise<P> };
};

type Schema<S extends z.ZodType> = S | ((now: Date) => S);

export type InputOptions<Src> = {
  /** What to parse; by default the source itself (a server action's argument). */
  read?: (src: Src) => unknown;
  /** Answers invalid input otherwise than the transport's default 400 (e.g. a 403 for a wrong token). */
  invalid?: (error: z.ZodError) => Refusal;
};

export class Guard<Src, C> {
  private constructor(private readonly run: (src: Src) => Promise<C>) {}

  /** Starts a chain from its first step. */
  static start<Src, C>(first: (src: Src) => Promise<C>): Guard<Src, C> {
    return new Guard(first);
  }

  /** Runs every step in order; throws the first refusal. */
  resolve(src: Src): Promise<C> {
    return this.run(src);
  }

  /** Adds a step that may refuse (throw) and adds what it returns to the context. */
  step<D extends object, Src2 extends Src = Src>(next: (ctx: C, src: Src2) => D | Promise<D>): Guard<Src2, C & D> {
    return new Guard(async (src: Src2) => {
      const ctx = await this.run(src);
      return { ...ctx, ...(await next(ctx, src)) };
    });
  }

  /** A step that only checks: it throws (lib/errors.ts classes, `refuse(...)`) or passes. */
  check<Src2 extends Src = Src>(test: (ctx: C, src: Src2) => void | Promise<void>): Guard<Src2, C> {
    return new Guard(async (src: Src2) => {
      const ctx = await this.run(src);
      await test(ctx, src);
      return ctx;
    });
  }

  /** The signed-in user's role must be one of `roles` (403). */
  role(this: Guard<Src, C & { user: SessionUser }>, ...roles: readonly Role[]): Guard<Src, C> {
    return this.check(({ user }) => {
      if (!roles.includes(user.role)) throw new RoleRefused();
    });
  }

  /**
   * The input, parsed with `schema` (or the schema of this moment, for rules about today): 400
   * with the schema's messages, or `options.invalid`'s answer.
   */
  input<S extends z.ZodType, Src2 extends Src = Src>(schema: Schema<S>, options: InputOptions<Src2> = {}): Guard<Src2, C & { input: z.output<S> }> {
    return this.step(async (_ctx: C, src: Src2) => {
      const raw = options.read ? await options.read(src) : src;
      const current = typeof schema === "function" ? schema(new Date()) : schema;
      const parsed = current.safeParse(raw);
      if (!parsed.success) throw new InvalidInput(parsed.error, options.invalid);
      return { input: parsed.data };
    });
  }

  /**
   * The unit a request concerns (a ward, district or city code taken from the input) must be one
   * the user may act on: `allowed` is a lib/permissions.ts rule (403 with `message`). No code
   * (null, undefined) passes: the data layer picks the user's own unit and checks it again.
   */
  unitScope(
    this: Guard<Src, C & { user: SessionUser }>,
    code: (ctx: C & { user: SessionUser }) => string | null | undefined,
    allowed: (user: SessionUser, code: string) => boolean,
    message = "Bạn không có quyền làm việc này.",
  ): Guard<Src, C> {
    return this.check((ctx) => {
      const unit = code(ctx);
      if (unit !== null && unit !== undefined && !allowed(ctx.user, unit)) refuse(403, message);
    });
  }

  /** A route's request must come from this site (CSRF defence in depth, as server actions have). */
  sameOrigin<P, R extends Request>(this: Guard<RouteSource<P, R>, C>): Guard<RouteSource<P, R>, C> {
    return this.check((_ctx, { request }) => {
      if (!sameOriginHeaders(request.headers)) refuse(403, CROSS_ORIGIN);
    });
  }
}

export const CROSS_ORIGIN = "Yêu cầu không đến từ trang WardWatch nên đã bị từ chối.";

export function sameOriginHeaders(h: Headers): boolean {
  return isSameOriginRequest({ origin: h.get("origin"), host: h.get("host"), forwardedHost: h.get("x-forwarded-host") });
}

/** Stops the request with this answer. */
export function refuse(status: Refusal["status"], message: string): never {
  throw new RequestRefused({ status, message });
}

/** A chain for signed-in users: the session is read once, here (401 without one). */
export function session<Src = unknown>(): Guard<Src, { user: SessionUser }> {
  return Guard.start(async () => {
    const user = await getSessionUser();
    if (!user) throw new NoSession();
    return { user };
  });
}

/**
 * A chain for the own-password form: the session's account even when it must change its password
 * first (it has no SessionUser then, and can do nothing else); 401 without a session.
 */
export function accountSession<Src = unknown>(): Guard<Src, { account: NonNullable<Awaited<ReturnType<typeof getPasswordChangeAccount>>> }> {
  return Guard.start(async () => {
    const account = await getPasswordChangeAccount();
    if (!account) throw new NoSession();
    return { account };
  });
}

/** A chain for public requests (nobody signed in, or someone who need not be). */
export function anyone<Src = unknown>(): Guard<Src, object> {
  return Guard.start(async () => ({}));
}

/** The query string as an object (one value per key, as URLSearchParams' last entry wins). */
export function queryObject(src: RouteSource<unknown>): Record<string, string> {
  return Object.fromEntries(new URL(src.request.url).searchParams);
}

/** The route's dynamic segments. */
export function routeParams<P>(src: RouteSource<P>): Promise<P> | undefined {
  return src.context?.params;
}
