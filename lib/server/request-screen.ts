import { z } from "zod";
import { isSameOriginRequest } from "../auth/origin.ts";

// Malformed requests answered with a 4xx and a short Vietnamese reason before Next.js sees them.
// Next 16 turns each of these into a 500 (and a stack trace in the log): TRACE makes its Request
// constructor throw, a malformed %-escape in a dynamic segment throws while matching the route, a
// Next-Router-State-Tree header it cannot parse throws while rendering, and a cross-origin server
// action is refused with a 500. One pure function, used by proxy.ts (every page and API request)
// and by scripts/serve.ts (the HTTP server, for the methods and paths the proxy never gets).
// It decides nothing about who may do what: that stays in the data layer.

export type Refusal = { status: 400 | 403 | 405 | 413; reason: string; allow?: string };

export type ScreenedRequest = {
  method: string;
  /** The request target as sent: path and query, still %-encoded. */
  target: string;
  header: (name: string) => string | null;
};

/** What a page answers to; route handlers under /api answer for their own methods. */
export const PAGE_METHODS = "GET, HEAD, POST, OPTIONS";
/** Methods the app or its route handlers may use; anything else (TRACE, TRACK, CONNECT, …) is refused. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE"]);
const PAGE_METHOD_SET = new Set(PAGE_METHODS.split(", "));

// C0 controls, DEL and C1 controls: nothing the app's URLs can legitimately carry.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Next rejects router state headers above ~40 kB; so do we, before it throws. */
export const MAX_ROUTER_STATE_LENGTH = 40_000;

// The shape Next 16 accepts for Next-Router-State-Tree (next/dist/server/app-render/types.js,
// flightRouterStateSchema); tests/unit/proxy-request-screen.test.ts checks that it never accepts
// a value Next would reject.
const DYNAMIC_PARAM_TYPES = ["c", "ci(..)(..)", "ci(.)", "ci(..)", "ci(...)", "oc", "d", "di(..)(..)", "di(.)", "di(..)", "di(...)"] as const;
const Segment = z.union([z.string(), z.tuple([z.string(), z.string(), z.enum(DYNAMIC_PARAM_TYPES), z.array(z.string()).nullable()])]);
type RouterState = [unknown, Record<string, RouterState>, ...unknown[]];
const RouterStateSchema: z.ZodType<RouterState> = z.lazy(() =>
  z.tuple([
    Segment,
    z.record(z.string(), RouterStateSchema),
    z.tuple([z.string(), z.string()]).nullable().optional(),
    z.enum(["refetch", "inside-shared-layout", "metadata-only"]).nullable().optional(),
    z.number().nullable().optional(),
    z.string().optional(),
  ]),
) as z.ZodType<RouterState>;

export const REASONS = {
  method: "Phương thức HTTP này không được hỗ trợ.",
  encoding: "Địa chỉ có mã %-escape không hợp lệ.",
  control: "Địa chỉ chứa ký tự điều khiển không được phép.",
  routerState: "Tiêu đề Next-Router-State-Tree không hợp lệ.",
  crossOrigin: "Yêu cầu gửi từ trang khác bị từ chối.",
} as const;

/** Decodes one %-encoded component, or null when an escape is malformed or not valid UTF-8. */
function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function screenTarget(target: string): Refusal | null {
  const queryStart = target.indexOf("?");
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const query = queryStart < 0 ? "" : target.slice(queryStart + 1);
  const parts = [...path.split("/"), ...query.split(/[&;]/).flatMap((pair) => pair.replace(/\+/g, " ").split("="))];
  for (const part of parts) {
    const decoded = decodeComponent(part);
    if (decoded === null) return { status: 400, reason: REASONS.encoding };
    if (CONTROL_CHARACTERS.test(decoded)) return { status: 400, reason: REASONS.control };
  }
  return null;
}

export function isValidRouterState(header: string): boolean {
  if (header.length > MAX_ROUTER_STATE_LENGTH) return false;
  const decoded = decodeComponent(header);
  if (decoded === null) return false;
  try {
    return RouterStateSchema.safeParse(JSON.parse(decoded)).success;
  } catch {
    return false;
  }
}

function isApiPath(target: string): boolean {
  return target === "/api" || target.startsWith("/api/") || target.startsWith("/api?");
}

/** null when the request may go on to Next.js; otherwise the answer to send instead. */
export function screenRequest(req: ScreenedRequest): Refusal | null {
  const method = req.method.toUpperCase();
  if (!KNOWN_METHODS.has(method) || (!isApiPath(req.target) && !PAGE_METHOD_SET.has(method))) {
    return { status: 405, reason: REASONS.method, allow: PAGE_METHODS };
  }
  const target = screenTarget(req.target);
  if (target) return target;
  const routerState = req.header("next-router-state-tree");
  if (routerState !== null && !isValidRouterState(routerState)) return { status: 400, reason: REASONS.routerState };
  // A server action is a POST carrying Next-Action; Next refuses a foreign Origin with a 500.
  if (method === "POST" && req.header("next-action") !== null) {
    const sameOrigin = isSameOriginRequest({ origin: req.header("origin"), host: req.header("host"), forwardedHost: req.header("x-forwarded-host") });
    if (!sameOrigin) return { status: 403, reason: REASONS.crossOrigin };
  }
  return null;
}

/** JSON under /api, plain text elsewhere: the body of a refusal. */
export function refusalBody(target: string, refusal: Refusal): { contentType: string; body: string } {
  return isApiPath(target)
    ? { contentType: "application/json; charset=utf-8", body: JSON.stringify({ error: refusal.reason }) }
    : { contentType: "text/plain; charset=utf-8", body: `${refusal.status} · ${refusal.reason}\n` };
}

/** One log line per refusal, with the untrusted parts cut short and escaped (no log injection). */
export function refusalLogLine(req: Pick<ScreenedRequest, "method" | "target">, refusal: Refusal): string {
  const cut = (s: string) => JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);
  return `[request-screen] ${refusal.status} ${cut(req.method)} ${cut(req.target)}: ${refusal.reason}`;
}
