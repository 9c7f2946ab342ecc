import "server-only";
import { heldBody } from "../documents/held-body.ts";
import { heavyWork, type Capacity } from "../server/capacity.ts";
import type { Guard, RouteSource } from "./guard.ts";
import { refusalOf, type Refusal } from "./refusal.ts";
import { refusalIn, refusalResponse, ROUTE_WORDING, type RouteContext, type RouteHandler } from "./route.ts";
import { requestLocale } from "../../i18n/locales.ts";

// The download transport (files, documents, the JSON API, the backup): the guard first, then a
// heavy-work slot (503 + Retry-After when the server is at its limit, lib/server/capacity.ts),
// then `make`. The slot, and whatever `make` holds (a read snapshot), are kept until the body has
// been sent, has failed (the stream errors: the connection is cut without the final chunk) or was
// cancelled (lib/documents/held-body.ts). Refusals are JSON, always before the first byte, so a
// refused request never becomes an empty or partial file; they are in the reader's language
// (refusalIn), Vietnamese for a request without the ww_locale cookie.

/** What `make` answers: the response, and what to let go once its body is done. */
export type Download = { readonly response: Response; readonly settle?: (error?: unknown) => void | Promise<void> };

export type DownloadOptions = {
  /** The slot to take (default heavyWork()); tests give a small one. */
  readonly capacity?: Capacity;
  /** Errors this download answers in its own way (e.g. a table too large for XLSX: 413). */
  readonly refuse?: (err: unknown) => Refusal | null;
};

export function download<C, P = Record<string, string | string[]>, Req extends Request = Request>(
  guard: Guard<RouteSource<P, Req>, C>,
  make: (ctx: RouteContext<P, Req, C>) => Promise<Response | Download>,
  options: DownloadOptions = {},
): RouteHandler<P, Req> {
  return async (request, context) => {
    try {
      const src: RouteSource<P, Req> = { request, context };
      const ctx = await guard.resolve(src);
      const release = await (options.capacity ?? heavyWork()).acquire();
      let made: Download;
      try {
        const answer = await make({ ...ctx, ...src });
        made = answer instanceof Response ? { response: answer } : answer;
      } catch (err) {
        release();
        throw err;
      }
      return held(made, release);
    } catch (err) {
      // In the reader's language (cookie ww_locale), as the JSON routes answer; Vietnamese without it.
      return refusalResponse(refusalIn(options.refuse?.(err) ?? refusalOf(err, ROUTE_WORDING), requestLocale(request)));
    }
  };
}

function held({ response, settle }: Download, release: () => void): Response {
  // Released at once when nothing else is held, after `settle` has finished otherwise.
  const done = (error?: unknown) => {
    let pending: void | Promise<void> = undefined;
    try {
      pending = settle?.(error);
    } catch (err) {
      console.error("[download] settle:", err);
    }
    if (pending) void pending.catch((err: unknown) => console.error("[download] settle:", err)).finally(release);
    else release();
  };
  if (!response.body) {
    done();
    return response;
  }
  return new Response(heldBody(response.body, done), { status: response.status, headers: response.headers });
}
