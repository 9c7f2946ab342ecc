import { NextResponse, type NextRequest } from "next/server";
import { isPostgresReachable } from "./lib/db/health";
import {
  ACTION_BODY_LIMIT_BYTES,
  ACTION_BODY_REASON,
  ACTION_BODY_TOO_LARGE_REASON,
  isAcceptableFormPost,
  isActionPost,
  isDecodableActionBody,
} from "./lib/server/action-body-screen";
import { newNonce, pageContentSecurityPolicy } from "./lib/server/csp";
import { PAGE_METHODS, refusalBody, refusalLogLine, screenRequest, type Refusal } from "./lib/server/request-screen";

// Three jobs, none of them authorization (each page, action and route handler checks the user):
// 1. answer malformed requests with a 4xx and a Vietnamese reason instead of Next's 500
//    (lib/server/request-screen.ts; scripts/serve.ts does the same for what never reaches here;
//    server action bodies Next cannot decode: lib/server/action-body-screen.ts);
// 2. give every page a fresh CSP nonce (lib/server/csp.ts), which Next puts on its own scripts;
// 3. when the PostgreSQL server named by DATABASE_URL cannot be reached, answer with a clear
//    Vietnamese 503 instead of a failed render, and recover by itself once it is back.

const UNAVAILABLE_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tạm thời không truy cập được · WardWatch</title>
<meta http-equiv="refresh" content="15"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#0f172a">
<main><h1>Tạm thời không kết nối được cơ sở dữ liệu</h1>
<p>WardWatch đang chạy nhưng chưa kết nối được máy chủ cơ sở dữ liệu. Trang sẽ tự tải lại sau 15 giây.
Nếu tình trạng kéo dài, vui lòng báo quản trị viên hệ thống.</p></main></body></html>`;

function refuse(target: string, refusal: Refusal): NextResponse {
  const { contentType, body } = refusalBody(target, refusal);
  const headers = new Headers({ "content-type": contentType, "cache-control": "no-store" });
  if (refusal.allow) headers.set("allow", refusal.allow);
  return new NextResponse(body, { status: refusal.status, headers });
}

async function databaseUnavailable(isApi: boolean): Promise<NextResponse | null> {
  const url = process.env.DATABASE_URL;
  if (!url || (await isPostgresReachable(url))) return null;
  return isApi
    ? NextResponse.json({ error: "Cơ sở dữ liệu tạm thời không truy cập được" }, { status: 503, headers: { "Retry-After": "15" } })
    : new NextResponse(UNAVAILABLE_HTML, {
        status: 503,
        headers: { "content-type": "text/html; charset=utf-8", "Retry-After": "15" },
      });
}

/**
 * A POST to a page that Next reads as a server action (a Next-Action call, or a multipart form
 * post): its body must be within Next's limit and decode.
 */
async function screenPagePost(request: NextRequest, isApi: boolean): Promise<Refusal | null> {
  const contentType = request.headers.get("content-type") ?? "";
  const hasActionHeader = request.headers.has("next-action");
  if (request.method !== "POST" || isApi || !isActionPost(hasActionHeader, contentType)) return null;
  const tooLarge: Refusal = { status: 413, reason: ACTION_BODY_TOO_LARGE_REASON };
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT_BYTES) return tooLarge;
  const bytes = await request.clone().arrayBuffer();
  if (bytes.byteLength > ACTION_BODY_LIMIT_BYTES) return tooLarge; // sent without a length
  const copy = () => new Request(request.url, { method: "POST", headers: { "content-type": contentType }, body: bytes });
  const body = { contentType, text: () => copy().text(), formData: () => copy().formData() };
  const acceptable = hasActionHeader ? await isDecodableActionBody(body) : await isAcceptableFormPost(body);
  return acceptable ? null : { status: 400, reason: ACTION_BODY_REASON };
}

export async function proxy(request: NextRequest) {
  const target = request.nextUrl.pathname + request.nextUrl.search;
  const isApi = request.nextUrl.pathname === "/api" || request.nextUrl.pathname.startsWith("/api/");
  const refusal = screenRequest({ method: request.method, target, header: (name) => request.headers.get(name) }) ?? (await screenPagePost(request, isApi));
  if (refusal) {
    console.warn(refusalLogLine({ method: request.method, target }, refusal));
    return refuse(target, refusal);
  }
  // Pages answer OPTIONS with what they accept (route handlers answer it themselves).
  if (!isApi && request.method === "OPTIONS") return new NextResponse(null, { status: 204, headers: { allow: PAGE_METHODS } });

  const unavailable = await databaseUnavailable(isApi);
  if (unavailable) return unavailable;
  if (isApi) return NextResponse.next();

  const nonce = newNonce();
  const csp = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Static files and Next's own assets need neither screening nor a nonce (scripts/serve.ts still
  // screens them): the icons and the web manifest (public/, app/manifest.ts) are fetched by the
  // browser without a session, on every page. The upload route (POST /api/imports exactly) streams
  // bodies far above the 10 MB the proxy would buffer, so it is left out too; the other import
  // routes are GETs and stay in.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|manifest.webmanifest$|api/imports$|.*\\.(?:css|js|woff2?|png|svg|ico|webmanifest)$).*)"],
};
