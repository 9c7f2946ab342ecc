import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { AUTH_BODY_LIMIT_BYTES, readBodyWithin } from "@/lib/auth/body-limit";
import { getAuthOptions } from "@/lib/auth/config";
import { credentialsHaveControlCharacters, invalidCredentialsResponse } from "@/lib/auth/credentials-body";
import { anyone, refuse, type RouteSource } from "@/lib/requests/guard";
import { route } from "@/lib/requests/route";

// next-auth's endpoints: /api/auth/csrf, /session, /callback/credentials (sign-in), /signout, …
// Sign-in and sign-out are POSTs checked by next-auth's double-submit CSRF token. next-auth's base
// URL is the request's own origin unless NEXTAUTH_URL is set (getAuthOptions). Public, through the
// request family (errors answered as JSON, a database outage 503).
export const dynamic = "force-dynamic";

// The endpoints next-auth answers for this app (one credentials provider). Anything else is a 404
// here: next-auth would echo an unknown path into a redirect header and throw on characters a
// header cannot carry (a 500 the fuzz suite found).
const AUTH_ENDPOINTS = /^\/api\/auth\/(csrf|session|providers|signin|signin\/credentials|signout|callback\/credentials|error|verify-request|_log)\/?$/;

const handler = route(anyone<RouteSource<{ nextauth: string[] }, NextRequest>>(), async ({ request, context }) => {
  if (!context) refuse(404, "Không tìm thấy.");
  // Signing in with a password is a POST; next-auth throws on any other method at its callback
  // (that would be a 500), so it is refused here with a reason.
  if (request.method !== "POST" && request.nextUrl.pathname.startsWith("/api/auth/callback/")) {
    refuse(405, "Đăng nhập bằng mật khẩu chỉ nhận yêu cầu POST từ trang đăng nhập.");
  }
  if (!AUTH_ENDPOINTS.test(request.nextUrl.pathname)) refuse(404, "Không tìm thấy.");
  let req = request;
  if (request.method === "POST") {
    const body = await readBodyWithin(request, AUTH_BODY_LIMIT_BYTES);
    if (body === null) return NextResponse.json({ error: "Yêu cầu quá lớn." }, { status: 413 });
    if (request.nextUrl.pathname.startsWith("/api/auth/callback/") && credentialsHaveControlCharacters(request.headers.get("content-type"), body)) {
      return invalidCredentialsResponse(request.url);
    }
    req = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
  }
  const response: Response = await NextAuth(req, context, getAuthOptions());
  return response;
});

export const GET = handler;
export const POST = handler;
